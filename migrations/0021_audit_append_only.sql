-- The audit trail cannot be edited (issue 14, docs/design.md §11). The app's role may insert audit rows and
-- read them, never change or remove them: UPDATE, DELETE and TRUNCATE are revoked from ee_app. A trigger
-- refuses UPDATE and DELETE for every other role too (the owner included), except inside the two
-- maintenance functions below, which set `ee.audit_maintenance` for their own transaction only.
--
-- The only ways an audit row changes, both SECURITY DEFINER (they run as the tables' owner, so ee_app may
-- call them but never edit audit_events itself):
--   ee_erase_audit_person(p_trust uuid, p_person uuid, p_words text[]) RETURNS integer
--     Erasure (UK GDPR art. 17): in that trust's rows that name the person (actor, object, or any of
--     p_words, e.g. their name and e-mail, anywhere in the detail, case-insensitively), the detail is
--     replaced by {"erased": true}. Who did what to which object, and when, stays. Returns rows changed.
--   ee_delete_trust_audit(p_trust uuid) RETURNS integer
--     Offboarding: deletes every audit row of a trust whose trusts row is already gone (it refuses while
--     the trust exists, so no live trust's trail can be removed this way). Returns rows deleted.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM ee_app;
--> statement-breakpoint
CREATE FUNCTION ee_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('ee.audit_maintenance', true), '') = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION ee_audit_append_only();
--> statement-breakpoint
CREATE FUNCTION ee_erase_audit_person(p_trust uuid, p_person uuid, p_words text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE changed integer;
BEGIN
  PERFORM set_config('ee.audit_maintenance', 'on', true);
  UPDATE audit_events a SET detail = '{"erased": true}'::jsonb
  WHERE a.trust_id = p_trust
    AND (a.actor_id = p_person OR a.object_id = p_person::text
         OR EXISTS (SELECT 1 FROM unnest(coalesce(p_words, '{}'::text[])) w WHERE length(w) > 0 AND strpos(lower(a.detail::text), lower(w)) > 0));
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('ee.audit_maintenance', '', true);
  RETURN changed;
END
$$;
--> statement-breakpoint
CREATE FUNCTION ee_delete_trust_audit(p_trust uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE removed integer;
BEGIN
  IF EXISTS (SELECT 1 FROM trusts WHERE id = p_trust) THEN
    RAISE EXCEPTION 'the trust still exists: delete its rows first, then its audit trail' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('ee.audit_maintenance', 'on', true);
  DELETE FROM audit_events WHERE trust_id = p_trust;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('ee.audit_maintenance', '', true);
  RETURN removed;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ee_erase_audit_person(uuid, uuid, text[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ee_delete_trust_audit(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ee_erase_audit_person(uuid, uuid, text[]) TO ee_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ee_delete_trust_audit(uuid) TO ee_app;
--> statement-breakpoint
-- The audit page filters a trust's rows by person, action and object, newest first.
CREATE INDEX "audit_trust_actor_time" ON "audit_events" ("trust_id", "actor_id", "created_at");
