ALTER TABLE "pupil_groups" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exclusion_contacts" ADD COLUMN "la_phone" text;--> statement-breakpoint
ALTER TABLE "exclusion_contacts" ADD COLUMN "board_clerk_phone" text;--> statement-breakpoint
ALTER TABLE "exclusion_contacts" ADD COLUMN "virtual_school_name" text;--> statement-breakpoint
ALTER TABLE "exclusion_contacts" ADD COLUMN "virtual_school_phone" text;--> statement-breakpoint
ALTER TABLE "exclusion_contacts" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "exclusion_contacts" ADD CONSTRAINT "exclusion_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- hand-written:
-- Every user with a staff role (any role but parent, agency and governor) gets a staff record at each site where they
-- hold it (every active site for a trust-wide role), as ensureStaffRecord (modules/people/people.staff.ts) does for
-- users made from now on. First a record of that site with the user's email and no account is linked to them; else
-- one is made from their display name (first word the forename, the rest the surname) with a job title from their
-- most senior role there (people.staff.rules.ts).
WITH wanted AS (
  SELECT ra.user_id, s.id AS site_id, array_agg(DISTINCT ra.role) AS roles
  FROM role_assignments ra
  JOIN sites s ON s.trust_id = ra.trust_id AND (s.id = ra.site_id OR (ra.site_id IS NULL AND s.active))
  WHERE ra.role NOT IN ('parent', 'agency', 'governor')
  GROUP BY ra.user_id, s.id
), missing AS (
  SELECT w.* FROM wanted w
  WHERE NOT EXISTS (SELECT 1 FROM staff_members sm WHERE sm.user_id = w.user_id AND sm.site_id = w.site_id)
), linkable AS (
  SELECT DISTINCT ON (m.site_id, m.user_id) sm.id, m.user_id
  FROM missing m
  JOIN users u ON u.id = m.user_id
  JOIN staff_members sm ON sm.site_id = m.site_id AND sm.user_id IS NULL AND lower(sm.email) = lower(u.email)
  ORDER BY m.site_id, m.user_id, sm.active DESC, sm.id
), linked AS (
  UPDATE staff_members sm SET user_id = l.user_id FROM linkable l WHERE sm.id = l.id RETURNING sm.site_id, sm.user_id
)
INSERT INTO staff_members (id, trust_id, site_id, user_id, forename, surname, job_title, email)
SELECT gen_random_uuid(), u.trust_id, m.site_id, u.id,
  split_part(btrim(regexp_replace(u.display_name, '\s+', ' ', 'g')), ' ', 1),
  btrim(substr(btrim(regexp_replace(u.display_name, '\s+', ' ', 'g')), length(split_part(btrim(regexp_replace(u.display_name, '\s+', ' ', 'g')), ' ', 1)) + 1)),
  CASE
    WHEN 'head' = ANY(m.roles) THEN 'Headteacher'
    WHEN 'slt' = ANY(m.roles) THEN 'Senior leader'
    WHEN 'dsl' = ANY(m.roles) THEN 'Designated safeguarding lead'
    WHEN 'senco' = ANY(m.roles) THEN 'SENCo'
    WHEN 'cluster_lead' = ANY(m.roles) THEN 'Cluster behaviour lead'
    WHEN 'behaviour_lead' = ANY(m.roles) THEN 'Behaviour lead'
    WHEN 'trust_admin' = ANY(m.roles) THEN 'Trust administrator'
    WHEN 'office' = ANY(m.roles) THEN 'School office'
    ELSE 'Member of staff'
  END,
  lower(u.email)
FROM missing m
JOIN users u ON u.id = m.user_id
WHERE NOT EXISTS (SELECT 1 FROM linked l WHERE l.user_id = m.user_id AND l.site_id = m.site_id);
