-- Row-level security as defence in depth (docs/design.md §10, RELIABILITY AZ-9). The app keeps its own
-- WHERE trust_id = … everywhere; these policies make a forgotten one return nothing instead of another
-- trust's rows. The app runs as ee_app, which owns nothing, and FORCE makes even the owner obey the
-- policies (only superusers and BYPASSRLS roles skip them). Each connection says whose it is in the
-- setting app.trust_id: a trust's id for a signed-in person's request, 'system' for what crosses trusts
-- (sign-in by e-mail, invitation and reset links, jobs, operator commands, migrations). Unset or empty
-- sees no tenant row at all: a session that forgot to say fails closed.
--
-- Roles are cluster-wide and test databases migrate in parallel: a second CREATE ROLE is not an error.
DO $$ BEGIN
  CREATE ROLE ee_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- The migrating role (the session user of DATABASE_URL) must be able to SET ROLE ee_app.
DO $$ BEGIN
  EXECUTE format('GRANT ee_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
  RAISE NOTICE 'could not grant ee_app to %: grant it as a superuser', current_user;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ee_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ee_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ee_app;
--> statement-breakpoint
-- Tables and sequences that later migrations create are the app's to use too; each new tenant table
-- still needs its ENABLE/FORCE and policy (server/test/rls.test.ts fails on one without).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ee_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ee_app;
--> statement-breakpoint
-- The connection's trust, or null for 'system' and for unset. STABLE and wrapped in (SELECT …) in the
-- policies, so each statement reads the setting once, not once per row.
CREATE FUNCTION ee_trust_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN current_setting('app.trust_id', true) IN ('', 'system') THEN NULL ELSE current_setting('app.trust_id', true)::uuid END
$$;
--> statement-breakpoint
CREATE FUNCTION ee_system_context() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.trust_id', true) = 'system', false)
$$;
--> statement-breakpoint
-- A trust sees its own row (its versions, its name); the triggers that move its versions write it.
--> statement-breakpoint
ALTER TABLE "trusts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "trusts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "trusts_tenant" ON "trusts" USING ((SELECT ee_system_context()) OR "id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "id" = (SELECT ee_trust_id()));
--> statement-breakpoint
-- Every table with a trust_id. audit_events and email_outbox allow a null trust_id (sign-in of an
-- unknown e-mail, operator mail): such rows are system rows, seen and written only in system context.
--> statement-breakpoint
ALTER TABLE "areas" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "areas" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "areas_tenant" ON "areas" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "audit_events_tenant" ON "audit_events" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "cases" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "cases" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cases_tenant" ON "cases" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "clusters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "clusters" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "clusters_tenant" ON "clusters" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "email_outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "email_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "email_outbox_tenant" ON "email_outbox" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "engagement_logs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "engagement_logs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "engagement_logs_tenant" ON "engagement_logs" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "engagement_terms" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "engagement_terms" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "engagement_terms_tenant" ON "engagement_terms" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "engagements" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "engagements" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "engagements_tenant" ON "engagements" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "expertise" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "expertise" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "expertise_tenant" ON "expertise" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "invitations_tenant" ON "invitations" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "notifications_tenant" ON "notifications" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "offers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "offers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "offers_tenant" ON "offers" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "people" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "people" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "people_tenant" ON "people" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "requests" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "requests_tenant" ON "requests" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "schools" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "schools" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "schools_tenant" ON "schools" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "trust_closures" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "trust_closures" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "trust_closures_tenant" ON "trust_closures" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
ALTER TABLE "trust_terms" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "trust_terms" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "trust_terms_tenant" ON "trust_terms" USING ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id())) WITH CHECK ((SELECT ee_system_context()) OR "trust_id" = (SELECT ee_trust_id()));
--> statement-breakpoint
-- Tables reached through a parent: a row is the trust's when its parent is. The parent's own policy
-- applies inside the EXISTS as well; the explicit trust_id test lets the planner use the parent's index.
--> statement-breakpoint
ALTER TABLE "case_areas" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "case_areas" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "case_areas_tenant" ON "case_areas" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "cases" p WHERE p."id" = "case_areas"."case_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "cases" p WHERE p."id" = "case_areas"."case_id" AND p."trust_id" = (SELECT ee_trust_id())));
--> statement-breakpoint
ALTER TABLE "expertise_areas" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "expertise_areas" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "expertise_areas_tenant" ON "expertise_areas" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "expertise" p WHERE p."id" = "expertise_areas"."expertise_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "expertise" p WHERE p."id" = "expertise_areas"."expertise_id" AND p."trust_id" = (SELECT ee_trust_id())));
--> statement-breakpoint
ALTER TABLE "request_areas" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "request_areas" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "request_areas_tenant" ON "request_areas" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "requests" p WHERE p."id" = "request_areas"."request_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "requests" p WHERE p."id" = "request_areas"."request_id" AND p."trust_id" = (SELECT ee_trust_id())));
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "idempotency_keys_tenant" ON "idempotency_keys" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "idempotency_keys"."person_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "idempotency_keys"."person_id" AND p."trust_id" = (SELECT ee_trust_id())));
--> statement-breakpoint
ALTER TABLE "notification_digests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification_digests" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "notification_digests_tenant" ON "notification_digests" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "notification_digests"."person_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "notification_digests"."person_id" AND p."trust_id" = (SELECT ee_trust_id())));
--> statement-breakpoint
ALTER TABLE "notification_preferences" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification_preferences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "notification_preferences_tenant" ON "notification_preferences" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "notification_preferences"."person_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "notification_preferences"."person_id" AND p."trust_id" = (SELECT ee_trust_id())));
--> statement-breakpoint
ALTER TABLE "password_resets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "password_resets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "password_resets_tenant" ON "password_resets" USING ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "password_resets"."person_id" AND p."trust_id" = (SELECT ee_trust_id()))) WITH CHECK ((SELECT ee_system_context()) OR EXISTS (SELECT 1 FROM "people" p WHERE p."id" = "password_resets"."person_id" AND p."trust_id" = (SELECT ee_trust_id())));
