ALTER TABLE "engagements" ADD COLUMN "delivered_days" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION engagement_logs_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Recomputed rather than incremented, so the column always equals the sum of the logs exactly.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE engagements SET delivered_days = coalesce((SELECT sum(days) FROM engagement_logs WHERE engagement_id = OLD.engagement_id), 0)
    WHERE id = OLD.engagement_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE engagements SET delivered_days = coalesce((SELECT sum(days) FROM engagement_logs WHERE engagement_id = NEW.engagement_id), 0)
    WHERE id = NEW.engagement_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER engagement_logs_delivered AFTER INSERT OR UPDATE OR DELETE ON engagement_logs FOR EACH ROW EXECUTE FUNCTION engagement_logs_delivered();
--> statement-breakpoint
UPDATE engagements e SET delivered_days = l.days FROM (SELECT engagement_id, sum(days) AS days FROM engagement_logs GROUP BY engagement_id) l WHERE l.engagement_id = e.id;
