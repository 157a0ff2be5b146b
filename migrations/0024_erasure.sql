-- Erasure and offboarding (issue 14, docs/design.md §11). An erased person keeps their row, so that
-- counts, days and flows stay, but not their name, e-mail or words: erased_at says it happened.
ALTER TABLE "people" ADD COLUMN "erased_at" timestamp with time zone;
--> statement-breakpoint
-- Audit rows are only ever inserted by the app; these two functions are the only other writes to them.
-- They run as the tables' owner (SECURITY DEFINER), so they keep working when the app's role loses
-- UPDATE and DELETE on audit_events, and they stay inside the caller's row-level scope:
--   ee_privacy_set_audit_details(ids, details): erasure rewrites the detail of its own trust's rows
--     (a name, an e-mail or words the erased person wrote, replaced), never the actor, action or time;
--   ee_privacy_delete_trust_audit(trust): offboarding deletes a whole trust's audit rows, from an
--     operator's system context only (npm run trust:delete).
CREATE FUNCTION ee_privacy_set_audit_details(p_ids bigint[], p_details jsonb[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE changed integer;
BEGIN
  IF coalesce(array_length(p_ids, 1), 0) <> coalesce(array_length(p_details, 1), 0) THEN
    RAISE EXCEPTION 'ee_privacy_set_audit_details: % ids but % details', array_length(p_ids, 1), array_length(p_details, 1);
  END IF;
  -- Past the append-only trigger of migration 0021, for this transaction only.
  PERFORM set_config('ee.audit_maintenance', 'on', true);
  UPDATE audit_events a SET detail = d.detail
    FROM unnest(p_ids, p_details) AS d(id, detail)
    WHERE a.id = d.id AND (ee_system_context() OR a.trust_id = ee_trust_id());
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('ee.audit_maintenance', '', true);
  RETURN changed;
END $$;
--> statement-breakpoint
CREATE FUNCTION ee_privacy_delete_trust_audit(p_trust uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE deleted integer;
BEGIN
  IF NOT ee_system_context() THEN
    RAISE EXCEPTION 'ee_privacy_delete_trust_audit runs from the operator''s command only';
  END IF;
  PERFORM set_config('ee.audit_maintenance', 'on', true);
  DELETE FROM audit_events WHERE trust_id = p_trust;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('ee.audit_maintenance', '', true);
  RETURN deleted;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ee_privacy_set_audit_details(bigint[], jsonb[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ee_privacy_delete_trust_audit(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ee_privacy_set_audit_details(bigint[], jsonb[]) TO ee_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ee_privacy_delete_trust_audit(uuid) TO ee_app;
