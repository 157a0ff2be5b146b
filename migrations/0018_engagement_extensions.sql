-- More days on an engagement (docs/design.md §3): the expert proposes extra days with a reason, the
-- receiving head agrees or declines, and agreed days are released like the first ones: at once inside the
-- providing school's budget for the term, otherwise pending until its head approves or refuses. Approved
-- days are added to engagements.days and engagement_terms, so capacity, budgets and flows count them.
CREATE TABLE "engagement_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL REFERENCES "trusts"("id"),
	"engagement_id" uuid NOT NULL REFERENCES "engagements"("id"),
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"term_start" date,
	"proposed_by_id" uuid NOT NULL REFERENCES "people"("id"),
	"decided_by_id" uuid REFERENCES "people"("id"),
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"release_decided_by_id" uuid REFERENCES "people"("id"),
	"release_decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_extensions_status" CHECK ("status" in ('proposed', 'pending', 'approved', 'declined', 'refused')),
	CONSTRAINT "engagement_extensions_days" CHECK ("days" between 1 and 50)
);
--> statement-breakpoint
CREATE INDEX "engagement_extensions_engagement" ON "engagement_extensions" ("engagement_id");
--> statement-breakpoint
-- One open request for more days per engagement at a time: a second is refused by the index as well as the service.
CREATE UNIQUE INDEX "engagement_extensions_one_open" ON "engagement_extensions" ("engagement_id") WHERE "status" in ('proposed', 'pending');
--> statement-breakpoint
-- A tenant table like every other (docs/design.md §10, migrations/0013).
ALTER TABLE "engagement_extensions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "engagement_extensions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "engagement_extensions_tenant" ON "engagement_extensions" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
