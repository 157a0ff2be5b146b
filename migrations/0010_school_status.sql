-- A school that GIAS marks closed is kept (its history stays in flows and cases) and marked closed.
ALTER TABLE "schools" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_status" CHECK ("schools"."status" in ('open', 'closed'));--> statement-breakpoint
-- Matching leaves out experts of closed schools and shows the school's name, so both move matching_version;
-- flows list schools by name and cluster, and show whether each is closed, so status moves activity_version too.
DROP TRIGGER schools_matching_upd ON schools;
--> statement-breakpoint
CREATE TRIGGER schools_matching_upd AFTER UPDATE OF lat, lng, cluster_id, release_days_per_term, status, name ON schools FOR EACH ROW EXECUTE FUNCTION bump_matching_version_row();
--> statement-breakpoint
DROP TRIGGER schools_activity_upd ON schools;
--> statement-breakpoint
CREATE TRIGGER schools_activity_upd AFTER UPDATE OF name, cluster_id, status ON schools FOR EACH ROW EXECUTE FUNCTION bump_activity_version_row();
