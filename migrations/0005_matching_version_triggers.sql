-- The matching index is kept in memory per trust; these triggers move trusts.matching_version forward
-- whenever something matching reads changes, so the index knows it is stale. Bulk writes fire once
-- per statement (transition tables); pause, deactivation and school edits are rare and fire per row.
CREATE FUNCTION bump_matching_version_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET matching_version = matching_version + 1 WHERE id IN (SELECT DISTINCT trust_id FROM new_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_matching_version_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET matching_version = matching_version + 1 WHERE id IN (SELECT DISTINCT trust_id FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_matching_version_areas_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET matching_version = matching_version + 1
  WHERE id IN (SELECT DISTINCT e.trust_id FROM expertise e JOIN new_rows n ON n.expertise_id = e.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_matching_version_areas_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET matching_version = matching_version + 1
  WHERE id IN (SELECT DISTINCT e.trust_id FROM expertise e JOIN old_rows o ON o.expertise_id = e.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_matching_version_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trusts SET matching_version = matching_version + 1 WHERE id = NEW.trust_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER expertise_matching_ins AFTER INSERT ON expertise REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_new();
--> statement-breakpoint
CREATE TRIGGER expertise_matching_upd AFTER UPDATE ON expertise REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_new();
--> statement-breakpoint
CREATE TRIGGER expertise_matching_del AFTER DELETE ON expertise REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_old();
--> statement-breakpoint
CREATE TRIGGER expertise_areas_matching_ins AFTER INSERT ON expertise_areas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_areas_new();
--> statement-breakpoint
CREATE TRIGGER expertise_areas_matching_del AFTER DELETE ON expertise_areas REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_areas_old();
--> statement-breakpoint
CREATE TRIGGER engagements_matching_ins AFTER INSERT ON engagements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_new();
--> statement-breakpoint
CREATE TRIGGER engagements_matching_upd AFTER UPDATE ON engagements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_new();
--> statement-breakpoint
CREATE TRIGGER people_matching_upd AFTER UPDATE OF active, paused_at, school_id ON people FOR EACH ROW EXECUTE FUNCTION bump_matching_version_row();
--> statement-breakpoint
CREATE TRIGGER schools_matching_upd AFTER UPDATE OF lat, lng, cluster_id, release_days_per_term ON schools FOR EACH ROW EXECUTE FUNCTION bump_matching_version_row();
--> statement-breakpoint
CREATE TRIGGER areas_matching_ins AFTER INSERT ON areas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_new();
--> statement-breakpoint
CREATE TRIGGER areas_matching_upd AFTER UPDATE ON areas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_matching_version_new();
