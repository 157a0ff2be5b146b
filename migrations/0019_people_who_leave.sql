-- People who leave (docs/design.md §3, docs/decisions/012-people-who-leave.md). When an expert is
-- deactivated or pauses with work under way, the engagement records it and both heads are told; the
-- receiving head ends the work with what was delivered, or asks the expert's school for a colleague, whose
-- offer (offers.takes_over_id) opens a successor engagement (engagements.takes_over_id) with the days left.
ALTER TABLE "engagements" ADD COLUMN "expert_away_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "expert_away_reason" text;
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "colleague_asked_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "away_reminded_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "returned_days" integer;
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "handed_over_to_id" uuid REFERENCES "engagements"("id");
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "takes_over_id" uuid REFERENCES "engagements"("id");
--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_away_reason" CHECK ("expert_away_reason" is null or "expert_away_reason" in ('deactivated', 'paused'));
--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_returned_days" CHECK ("returned_days" is null or "returned_days" >= 0);
--> statement-breakpoint
-- One successor per engagement: a second hand-over of the same work is refused by the index as well as the service.
CREATE UNIQUE INDEX "engagements_takes_over" ON "engagements" ("takes_over_id") WHERE "takes_over_id" is not null;
--> statement-breakpoint
-- The sweeper reads the engagements still waiting on a person who has gone.
CREATE INDEX "engagements_away" ON "engagements" ("expert_away_at") WHERE "expert_away_at" is not null or "colleague_asked_at" is not null;
--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "takes_over_id" uuid REFERENCES "engagements"("id");
--> statement-breakpoint
CREATE INDEX "offers_takes_over" ON "offers" ("takes_over_id") WHERE "takes_over_id" is not null;
