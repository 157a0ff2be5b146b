-- Retention (issue 14, docs/design.md §11): each trust says how many months after closing the words of a
-- closed request and the notes of a closed engagement are kept (24 by default). The daily job
-- (server/src/jobs/retention.ts) removes them and stamps text_removed_at; days, counts and flows stay.
ALTER TABLE "trusts" ADD COLUMN "retention_months" integer DEFAULT 24 NOT NULL;
--> statement-breakpoint
ALTER TABLE "trusts" ADD CONSTRAINT "trusts_retention_months" CHECK ("retention_months" between 6 and 120);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "text_removed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "text_removed_at" timestamp with time zone;
--> statement-breakpoint
-- What the job looks for each day: closed and not yet cleared.
CREATE INDEX "requests_retention_due" ON "requests" ("trust_id", "closed_at") WHERE "text_removed_at" IS NULL AND "closed_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "engagements_retention_due" ON "engagements" ("trust_id", coalesce("completed_at", "cancelled_at")) WHERE "text_removed_at" IS NULL AND "status" <> 'active';
