ALTER TABLE "analytics_calendar" ADD COLUMN "on_roll" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A pupil joining, leaving or moving site changes the pupils on roll of the trust's calendar: mark the trust, and the
-- next refresh recomputes them (modules/analytics/analytics.refresh.ts). Other edits to a pupil change nothing here.
CREATE OR REPLACE FUNCTION analytics_pupils_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a restore replays rows that already carry their analytics state (core/db/backup.ts sets haven.restoring)
  IF current_setting('haven.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND NEW.site_id IS NOT DISTINCT FROM OLD.site_id AND NEW.enrolment_start IS NOT DISTINCT FROM OLD.enrolment_start
     AND NEW.enrolment_end IS NOT DISTINCT FROM OLD.enrolment_end AND NEW.trust_id = OLD.trust_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN INSERT INTO analytics_trust_dirty (trust_id, what) VALUES (OLD.trust_id, 'roll'); END IF;
  IF TG_OP <> 'DELETE' THEN INSERT INTO analytics_trust_dirty (trust_id, what) VALUES (NEW.trust_id, 'roll'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_pupils_changed AFTER INSERT OR UPDATE OR DELETE ON pupils FOR EACH ROW EXECUTE FUNCTION analytics_pupils_changed();
--> statement-breakpoint
-- Existing calendars: every trust's pupils on roll are computed at the next refresh.
INSERT INTO analytics_trust_dirty (trust_id, what) SELECT id, 'roll' FROM trusts;
