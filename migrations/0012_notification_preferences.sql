-- Each person chooses, per kind of notification, how it reaches them: an e-mail at once, a daily
-- digest, or in the app only. No row means the kind's default (shared/src/notifications.ts).
CREATE TABLE "notification_preferences" (
	"person_id" uuid NOT NULL REFERENCES "people"("id"),
	"kind" text NOT NULL,
	"delivery" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_pk" PRIMARY KEY("person_id","kind"),
	CONSTRAINT "notification_preferences_delivery" CHECK ("delivery" in ('immediate', 'digest', 'in_app'))
);
--> statement-breakpoint
-- How each notification was to be delivered when it was made; digest items wait for the day's digest.
ALTER TABLE "notifications" ADD COLUMN "delivery" text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "digested_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_digest_due" ON "notifications" ("person_id", "created_at") WHERE "delivery" = 'digest' AND "digested_at" IS NULL;--> statement-breakpoint
-- One digest per person per day, however many processes run the job: the primary key decides.
CREATE TABLE "notification_digests" (
	"person_id" uuid NOT NULL REFERENCES "people"("id"),
	"day" date NOT NULL,
	"items" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_digests_pk" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
-- An app path (e.g. /requests/…) that the worker turns into a link with PUBLIC_URL when it sends.
ALTER TABLE "email_outbox" ADD COLUMN "link" text;
