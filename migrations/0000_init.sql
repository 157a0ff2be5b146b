CREATE TABLE "clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"school_id" uuid,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_role" CHECK ("invitations"."role" in ('headteacher', 'teacher', 'central', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"school_id" uuid,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"paused_at" timestamp with time zone,
	"last_active_at" timestamp with time zone,
	"tokens_valid_after" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_role" CHECK ("people"."role" in ('headteacher', 'teacher', 'central', 'admin')),
	CONSTRAINT "people_school_by_role" CHECK (("people"."role" in ('headteacher', 'teacher')) = ("people"."school_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"cluster_id" uuid,
	"urn" integer NOT NULL,
	"name" text NOT NULL,
	"phase" text NOT NULL,
	"type" text DEFAULT '' NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"release_days_per_term" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_phase" CHECK ("schools"."phase" in ('nursery', 'primary', 'secondary', 'all_through', 'post16', 'special', 'alternative_provision')),
	CONSTRAINT "schools_release_days" CHECK ("schools"."release_days_per_term" >= 0)
);
--> statement-breakpoint
CREATE TABLE "trusts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expertise" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"evidence" text NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"phases" text[] DEFAULT '{}'::text[] NOT NULL,
	"modes" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity_days_per_term" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(evidence, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expertise_capacity" CHECK ("expertise"."capacity_days_per_term" >= 0)
);
--> statement-breakpoint
CREATE TABLE "expertise_areas" (
	"expertise_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "expertise_areas_expertise_id_area_id_pk" PRIMARY KEY("expertise_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"expertise_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_id" uuid,
	"status" text NOT NULL,
	"invite_note" text DEFAULT '' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"days" integer NOT NULL,
	"proposed_start" date,
	"proposed_end" date,
	"invited_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"closed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_status" CHECK ("offers"."status" in ('invited', 'proposed', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "offers_days" CHECK ("offers"."days" >= 1)
);
--> statement-breakpoint
CREATE TABLE "request_areas" (
	"request_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "request_areas_request_id_area_id_pk" PRIMARY KEY("request_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"raised_by_id" uuid NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"tried" text DEFAULT '' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"phases" text[] DEFAULT '{}'::text[] NOT NULL,
	"modes" text[] DEFAULT '{}'::text[] NOT NULL,
	"experts_wanted" integer NOT NULL,
	"days_per_expert" integer NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"confidentiality" text DEFAULT 'trust' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"commissioned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"stale_notified_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(problem, '') || ' ' || coalesce(outcome, '')), 'B') || setweight(to_tsvector('english', coalesce(tried, '')), 'C')) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_status" CHECK ("requests"."status" in ('draft', 'open', 'commissioned', 'completed', 'withdrawn')),
	CONSTRAINT "requests_confidentiality" CHECK ("requests"."confidentiality" in ('trust', 'invited')),
	CONSTRAINT "requests_experts_wanted" CHECK ("requests"."experts_wanted" between 1 and 5),
	CONSTRAINT "requests_days" CHECK ("requests"."days_per_expert" >= 1),
	CONSTRAINT "requests_window" CHECK ("requests"."window_end" >= "requests"."window_start")
);
--> statement-breakpoint
CREATE TABLE "case_areas" (
	"case_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "case_areas_case_id_area_id_pk" PRIMARY KEY("case_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"provider_school_id" uuid,
	"receiver_school_id" uuid NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"approach" text NOT NULL,
	"outcome" text NOT NULL,
	"impact" integer NOT NULL,
	"visibility" text DEFAULT 'trust' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(problem, '')), 'B') || setweight(to_tsvector('english', coalesce(approach, '') || ' ' || coalesce(outcome, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_impact" CHECK ("cases"."impact" between 1 and 5),
	CONSTRAINT "cases_visibility" CHECK ("cases"."visibility" in ('trust', 'schools'))
);
--> statement-breakpoint
CREATE TABLE "engagement_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"date" date NOT NULL,
	"days" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"logged_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_logs_days" CHECK ("engagement_logs"."days" > 0 and "engagement_logs"."days" <= 20)
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"expertise_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"provider_school_id" uuid,
	"receiver_school_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"term_start" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"release" text NOT NULL,
	"release_decided_by_id" uuid,
	"release_decided_at" timestamp with time zone,
	"started_at" date,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"impact" integer,
	"head_reflection" text,
	"expert_reflection" text,
	"case_visibility" text DEFAULT 'trust' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagements_status" CHECK ("engagements"."status" in ('active', 'completed', 'cancelled')),
	CONSTRAINT "engagements_release" CHECK ("engagements"."release" in ('approved', 'pending', 'refused')),
	CONSTRAINT "engagements_days" CHECK ("engagements"."days" >= 0),
	CONSTRAINT "engagements_impact" CHECK ("engagements"."impact" is null or "engagements"."impact" between 1 and 5),
	CONSTRAINT "engagements_case_visibility" CHECK ("engagements"."case_visibility" in ('trust', 'schools'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trust_id" uuid,
	"actor_id" uuid,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"outcome" text DEFAULT 'success' NOT NULL,
	"detail" jsonb,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"person_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"body_hash" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_person_id_key_pk" PRIMARY KEY("person_id","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_people_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_parent_id_areas_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise" ADD CONSTRAINT "expertise_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise" ADD CONSTRAINT "expertise_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise" ADD CONSTRAINT "expertise_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise_areas" ADD CONSTRAINT "expertise_areas_expertise_id_expertise_id_fk" FOREIGN KEY ("expertise_id") REFERENCES "public"."expertise"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise_areas" ADD CONSTRAINT "expertise_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_expertise_id_expertise_id_fk" FOREIGN KEY ("expertise_id") REFERENCES "public"."expertise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_areas" ADD CONSTRAINT "request_areas_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_areas" ADD CONSTRAINT "request_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_raised_by_id_people_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_areas" ADD CONSTRAINT "case_areas_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_areas" ADD CONSTRAINT "case_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_provider_school_id_schools_id_fk" FOREIGN KEY ("provider_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_receiver_school_id_schools_id_fk" FOREIGN KEY ("receiver_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_logs" ADD CONSTRAINT "engagement_logs_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_logs" ADD CONSTRAINT "engagement_logs_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_logs" ADD CONSTRAINT "engagement_logs_logged_by_id_people_id_fk" FOREIGN KEY ("logged_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_expertise_id_expertise_id_fk" FOREIGN KEY ("expertise_id") REFERENCES "public"."expertise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_expert_id_people_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_provider_school_id_schools_id_fk" FOREIGN KEY ("provider_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_receiver_school_id_schools_id_fk" FOREIGN KEY ("receiver_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_release_decided_by_id_people_id_fk" FOREIGN KEY ("release_decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_trust_name" ON "clusters" USING btree ("trust_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_trust" ON "invitations" USING btree ("trust_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email" ON "people" USING btree ("email");--> statement-breakpoint
CREATE INDEX "people_trust_school" ON "people" USING btree ("trust_id","school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "schools_urn" ON "schools" USING btree ("urn");--> statement-breakpoint
CREATE INDEX "schools_trust" ON "schools" USING btree ("trust_id");--> statement-breakpoint
CREATE UNIQUE INDEX "areas_trust_slug" ON "areas" USING btree ("trust_id","slug");--> statement-breakpoint
CREATE INDEX "areas_parent" ON "areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "expertise_trust" ON "expertise" USING btree ("trust_id","active");--> statement-breakpoint
CREATE INDEX "expertise_person" ON "expertise" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "expertise_search" ON "expertise" USING gin ("search");--> statement-breakpoint
CREATE INDEX "expertise_areas_area" ON "expertise_areas" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "offers_request" ON "offers" USING btree ("request_id","status");--> statement-breakpoint
CREATE INDEX "offers_person" ON "offers" USING btree ("person_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_live_per_person" ON "offers" USING btree ("request_id","person_id") WHERE status in ('invited', 'proposed', 'accepted');--> statement-breakpoint
CREATE INDEX "request_areas_area" ON "request_areas" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "requests_trust_status" ON "requests" USING btree ("trust_id","status");--> statement-breakpoint
CREATE INDEX "requests_school" ON "requests" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "requests_search" ON "requests" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_engagement" ON "cases" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "cases_trust" ON "cases" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "cases_search" ON "cases" USING gin ("search");--> statement-breakpoint
CREATE INDEX "engagement_logs_engagement" ON "engagement_logs" USING btree ("engagement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_offer" ON "engagements" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "engagements_trust_term" ON "engagements" USING btree ("trust_id","term_start");--> statement-breakpoint
CREATE INDEX "engagements_expertise_term" ON "engagements" USING btree ("expertise_id","term_start");--> statement-breakpoint
CREATE INDEX "engagements_provider_term" ON "engagements" USING btree ("provider_school_id","term_start");--> statement-breakpoint
CREATE INDEX "engagements_receiver" ON "engagements" USING btree ("receiver_school_id");--> statement-breakpoint
CREATE INDEX "engagements_expert" ON "engagements" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "audit_trust_time" ON "audit_events" USING btree ("trust_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_object" ON "audit_events" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "email_outbox_due" ON "email_outbox" USING btree ("sent_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notifications_person" ON "notifications" USING btree ("person_id","read_at");