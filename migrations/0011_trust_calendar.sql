CREATE TABLE "trust_terms" (
	"trust_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"name" text NOT NULL,
	"start" date NOT NULL,
	"end" date NOT NULL,
	"half_term_start" date NOT NULL,
	"half_term_end" date NOT NULL,
	CONSTRAINT "trust_terms_trust_id_academic_year_name_pk" PRIMARY KEY("trust_id","academic_year","name"),
	CONSTRAINT "trust_terms_name" CHECK ("trust_terms"."name" in ('autumn', 'spring', 'summer')),
	CONSTRAINT "trust_terms_dates" CHECK ("trust_terms"."start" <= "trust_terms"."half_term_start" and "trust_terms"."half_term_start" <= "trust_terms"."half_term_end" and "trust_terms"."half_term_end" <= "trust_terms"."end")
);
--> statement-breakpoint
CREATE TABLE "trust_closures" (
	"trust_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"date" date NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "trust_closures_trust_id_date_pk" PRIMARY KEY("trust_id","date")
);
--> statement-breakpoint
CREATE TABLE "engagement_terms" (
	"engagement_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"term_start" date NOT NULL,
	"days" integer NOT NULL,
	CONSTRAINT "engagement_terms_engagement_id_term_start_pk" PRIMARY KEY("engagement_id","term_start"),
	CONSTRAINT "engagement_terms_days" CHECK ("engagement_terms"."days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "trust_terms" ADD CONSTRAINT "trust_terms_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_closures" ADD CONSTRAINT "trust_closures_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_terms" ADD CONSTRAINT "engagement_terms_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_terms" ADD CONSTRAINT "engagement_terms_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trust_closures_year" ON "trust_closures" USING btree ("trust_id","academic_year");--> statement-breakpoint
CREATE INDEX "engagement_terms_trust_term" ON "engagement_terms" USING btree ("trust_id","term_start");--> statement-breakpoint
ALTER TABLE "expertise" ADD COLUMN "autumn_days" integer;--> statement-breakpoint
ALTER TABLE "expertise" ADD COLUMN "spring_days" integer;--> statement-breakpoint
ALTER TABLE "expertise" ADD COLUMN "summer_days" integer;--> statement-breakpoint
ALTER TABLE "expertise" ADD CONSTRAINT "expertise_term_days" CHECK (coalesce("expertise"."autumn_days", 0) >= 0 and coalesce("expertise"."spring_days", 0) >= 0 and coalesce("expertise"."summer_days", 0) >= 0);--> statement-breakpoint
-- Terms used to start on 1 September, 1 January and 1 April. Engagements filed under those keys move
-- to the first day of the same term in England's default calendar (calendar/default-calendar.ts, the
-- same rule in SQL), which is what every trust reads until it stores its own dates.
CREATE FUNCTION ee_default_term_start(old date) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  y int := extract(year FROM old)::int;
  m int := extract(month FROM old)::int;
  ny date; a int; b int; c int; d int; e int; f int; g int; h int; i int; k int; l int; mm int; easter date;
BEGIN
  IF m = 9 THEN
    RETURN old + ((3 - extract(dow FROM old)::int + 7) % 7);
  ELSIF m = 1 THEN
    ny := make_date(y, 1, 1);
    d := extract(dow FROM ny)::int;
    RETURN ny + (8 - d) % 7 + CASE WHEN d = 1 THEN 7 ELSE 0 END + CASE WHEN d IN (0, 6) THEN 1 ELSE 0 END;
  ELSE
    a := y % 19; b := y / 100; c := y % 100; d := b / 4; e := b % 4; f := (b + 8) / 25; g := (b - f + 1) / 3;
    h := (19 * a + b - d - g + 15) % 30; i := c / 4; k := c % 4; l := (32 + 2 * e + 2 * i - h - k) % 7;
    mm := (a + 11 * h + 22 * l) / 451;
    easter := make_date(y, (h + l - 7 * mm + 114) / 31, ((h + l - 7 * mm + 114) % 31) + 1);
    RETURN CASE WHEN extract(month FROM easter) = 3 THEN easter + 1 ELSE easter - 6 END + 14;
  END IF;
END
$$;
--> statement-breakpoint
UPDATE "engagements" SET "term_start" = ee_default_term_start("term_start") WHERE to_char("term_start", 'MM-DD') IN ('09-01', '01-01', '04-01');--> statement-breakpoint
DROP FUNCTION ee_default_term_start(date);
