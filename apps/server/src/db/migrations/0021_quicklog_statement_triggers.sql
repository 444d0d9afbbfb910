-- hand-written: the quick log's analytics marks (issue 13's CPU target). A quick log inserts one behaviour event per
-- pupil in one statement; the row-level trigger of 0005 called a PL/pgSQL function and inserted a mark for every
-- row (ten identical marks for a class). These statement-level triggers read the statement's transition tables and
-- insert each distinct (site, school date) once per statement. Same marks as before for every INSERT, UPDATE and
-- DELETE (an UPDATE marks the old and the new site and date; where they are the same that is one mark); a restore
-- (haven.restoring) still marks nothing.
DROP TRIGGER IF EXISTS analytics_behaviour_events_changed ON behaviour_events;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_behaviour_events_marked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('haven.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_dirty_days (site_id, day)
      SELECT DISTINCT site_id, occurred_on FROM new_rows WHERE site_id IS NOT NULL AND occurred_on IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analytics_dirty_days (site_id, day)
      SELECT DISTINCT site_id, occurred_on FROM old_rows WHERE site_id IS NOT NULL AND occurred_on IS NOT NULL;
  ELSE
    INSERT INTO analytics_dirty_days (site_id, day)
      SELECT site_id, occurred_on FROM old_rows WHERE site_id IS NOT NULL AND occurred_on IS NOT NULL
      UNION
      SELECT site_id, occurred_on FROM new_rows WHERE site_id IS NOT NULL AND occurred_on IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_behaviour_events_inserted AFTER INSERT ON behaviour_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_behaviour_events_marked();
--> statement-breakpoint
CREATE TRIGGER analytics_behaviour_events_updated AFTER UPDATE ON behaviour_events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_behaviour_events_marked();
--> statement-breakpoint
CREATE TRIGGER analytics_behaviour_events_deleted AFTER DELETE ON behaviour_events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_behaviour_events_marked();
