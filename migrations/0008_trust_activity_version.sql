ALTER TABLE "trusts" ADD COLUMN "activity_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Answers computed from a trust's data (flows, suggestions) are kept in memory while the trust's
-- (matching_version, activity_version) stays the same. These triggers move activity_version for the
-- commissioning side; 0005's move matching_version for expertise, engagements, people and areas.
CREATE FUNCTION bump_activity_version_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET activity_version = activity_version + 1 WHERE id IN (SELECT DISTINCT trust_id FROM new_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_activity_version_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET activity_version = activity_version + 1 WHERE id IN (SELECT DISTINCT trust_id FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_activity_version_request_areas_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET activity_version = activity_version + 1
  WHERE id IN (SELECT DISTINCT r.trust_id FROM requests r JOIN new_rows n ON n.request_id = r.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_activity_version_request_areas_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET activity_version = activity_version + 1
  WHERE id IN (SELECT DISTINCT r.trust_id FROM requests r JOIN old_rows o ON o.request_id = r.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_activity_version_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET activity_version = activity_version + 1 WHERE id = NEW.trust_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER requests_activity_ins AFTER INSERT ON requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER requests_activity_upd AFTER UPDATE ON requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER requests_activity_del AFTER DELETE ON requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_old();
--> statement-breakpoint
CREATE TRIGGER request_areas_activity_ins AFTER INSERT ON request_areas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_request_areas_new();
--> statement-breakpoint
CREATE TRIGGER request_areas_activity_del AFTER DELETE ON request_areas REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_request_areas_old();
--> statement-breakpoint
CREATE TRIGGER offers_activity_ins AFTER INSERT ON offers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER offers_activity_upd AFTER UPDATE ON offers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER offers_activity_del AFTER DELETE ON offers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_old();
--> statement-breakpoint
CREATE TRIGGER clusters_activity_ins AFTER INSERT ON clusters REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER clusters_activity_upd AFTER UPDATE ON clusters REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER clusters_activity_del AFTER DELETE ON clusters REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_old();
--> statement-breakpoint
CREATE TRIGGER schools_activity_ins AFTER INSERT ON schools REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_new();
--> statement-breakpoint
CREATE TRIGGER schools_activity_del AFTER DELETE ON schools REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_old();
--> statement-breakpoint
CREATE TRIGGER schools_activity_upd AFTER UPDATE OF name, cluster_id ON schools FOR EACH ROW EXECUTE FUNCTION bump_activity_version_row();
--> statement-breakpoint
CREATE TRIGGER engagements_activity_del AFTER DELETE ON engagements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_old();
--> statement-breakpoint
CREATE TRIGGER areas_activity_del AFTER DELETE ON areas REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_activity_version_old();
--> statement-breakpoint
-- Suggestions now carry the expert's name from the matching snapshot, so a new name moves matching_version too.
DROP TRIGGER people_matching_upd ON people;
--> statement-breakpoint
CREATE TRIGGER people_matching_upd AFTER UPDATE OF active, paused_at, school_id, name ON people FOR EACH ROW EXECUTE FUNCTION bump_matching_version_row();
