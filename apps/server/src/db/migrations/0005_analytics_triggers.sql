-- Analytics (ANA-1): every change to the records a figure counts marks its (site, school date) dirty, here in the
-- database so that no write path (API, import, seed, psql) can forget. Each trigger does at most one indexed lookup
-- and one plain INSERT into an append-only table: nothing waits on another writer. Drafts never count (SPEC §9), so
-- a draft's autosaves mark nothing.
CREATE OR REPLACE FUNCTION analytics_mark_day(p_site uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_site IS NOT NULL AND p_day IS NOT NULL THEN
    INSERT INTO analytics_dirty_days (site_id, day) VALUES (p_site, p_day);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_behaviour_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a restore replays rows that already carry their analytics state (core/db/backup.ts sets haven.restoring)
  IF current_setting('haven.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM analytics_mark_day(OLD.site_id, OLD.occurred_on); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.site_id, NEW.occurred_on) IS DISTINCT FROM (OLD.site_id, OLD.occurred_on)) THEN
    PERFORM analytics_mark_day(NEW.site_id, NEW.occurred_on);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_behaviour_events_changed AFTER INSERT OR UPDATE OR DELETE ON behaviour_events
  FOR EACH ROW EXECUTE FUNCTION analytics_behaviour_event_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a restore replays rows that already carry their analytics state (core/db/backup.ts sets haven.restoring)
  IF current_setting('haven.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' AND OLD.status <> 'draft' THEN PERFORM analytics_mark_day(OLD.site_id, OLD.occurred_on); END IF;
  IF TG_OP <> 'DELETE' AND NEW.status <> 'draft'
     AND (TG_OP = 'INSERT' OR OLD.status = 'draft' OR (NEW.site_id, NEW.occurred_on) IS DISTINCT FROM (OLD.site_id, OLD.occurred_on)) THEN
    PERFORM analytics_mark_day(NEW.site_id, NEW.occurred_on);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_incidents_changed AFTER INSERT OR UPDATE OR DELETE ON incidents
  FOR EACH ROW EXECUTE FUNCTION analytics_incident_changed();
--> statement-breakpoint
-- incident_pupils and physical_interventions: the incident's site and date, unless it is a draft.
CREATE OR REPLACE FUNCTION analytics_incident_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  -- a restore replays rows that already carry their analytics state (core/db/backup.ts sets haven.restoring)
  IF current_setting('haven.restoring', true) = 'on' THEN RETURN NULL; END IF;
  FOR r IN SELECT i.site_id, i.occurred_on FROM incidents i
    WHERE i.status <> 'draft' AND i.id IN (CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.incident_id END, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.incident_id END)
  LOOP
    PERFORM analytics_mark_day(r.site_id, r.occurred_on);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_incident_pupils_changed AFTER INSERT OR UPDATE OR DELETE ON incident_pupils
  FOR EACH ROW EXECUTE FUNCTION analytics_incident_child_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_physical_interventions_changed AFTER INSERT OR UPDATE OR DELETE ON physical_interventions
  FOR EACH ROW EXECUTE FUNCTION analytics_incident_child_changed();
--> statement-breakpoint
-- The calendar (terms, closure days, sites) and the timetable (period options) change rarely; mark the trust.
CREATE OR REPLACE FUNCTION analytics_trust_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.trust_id ELSE NEW.trust_id END;
BEGIN
  -- a restore replays rows that already carry their analytics state (core/db/backup.ts sets haven.restoring)
  IF current_setting('haven.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME = 'policy_options' THEN
    IF (TG_OP <> 'DELETE' AND NEW.kind = 'period') OR (TG_OP <> 'INSERT' AND OLD.kind = 'period') THEN
      INSERT INTO analytics_trust_dirty (trust_id, what) VALUES (t, 'periods');
    END IF;
  ELSE
    INSERT INTO analytics_trust_dirty (trust_id, what) VALUES (t, 'calendar');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_terms_changed AFTER INSERT OR UPDATE OR DELETE ON terms FOR EACH ROW EXECUTE FUNCTION analytics_trust_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_closure_days_changed AFTER INSERT OR UPDATE OR DELETE ON closure_days FOR EACH ROW EXECUTE FUNCTION analytics_trust_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_sites_changed AFTER INSERT OR DELETE ON sites FOR EACH ROW EXECUTE FUNCTION analytics_trust_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_policy_options_changed AFTER INSERT OR UPDATE OR DELETE ON policy_options FOR EACH ROW EXECUTE FUNCTION analytics_trust_changed();
--> statement-breakpoint
-- SPEC §9: the period of a record is the recorded period, else the timetable period containing its time (Europe/London).
-- The same rule as periodAt() in modules/behaviour: a site's entry overrides the trust's of the same code; inactive
-- entries and entries without valid times are ignored; of overlapping periods the one starting latest wins.
CREATE OR REPLACE FUNCTION analytics_period_at(p_trust uuid, p_site uuid, p_at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  WITH eff AS (
    SELECT DISTINCT ON (o.code) o.code, o.active, o.details FROM policy_options o
    WHERE o.trust_id = p_trust AND o.kind = 'period' AND (o.site_id IS NULL OR o.site_id = p_site)
    ORDER BY o.code, (o.site_id IS NOT NULL) DESC, o.active DESC
  ), win AS (
    SELECT code,
      split_part(trim(details->>'start'), ':', 1)::int * 60 + split_part(trim(details->>'start'), ':', 2)::int AS s,
      split_part(trim(details->>'end'), ':', 1)::int * 60 + split_part(trim(details->>'end'), ':', 2)::int AS e
    FROM eff
    WHERE active AND trim(details->>'start') ~ '^([01]?[0-9]|2[0-3]):[0-5][0-9]$' AND trim(details->>'end') ~ '^([01]?[0-9]|2[0-3]):[0-5][0-9]$'
  )
  SELECT code FROM win
  WHERE e > s AND (extract(hour FROM p_at AT TIME ZONE 'Europe/London') * 60 + extract(minute FROM p_at AT TIME ZONE 'Europe/London'))::int >= s
    AND (extract(hour FROM p_at AT TIME ZONE 'Europe/London') * 60 + extract(minute FROM p_at AT TIME ZONE 'Europe/London'))::int < e
  ORDER BY s DESC, code LIMIT 1
$$;
