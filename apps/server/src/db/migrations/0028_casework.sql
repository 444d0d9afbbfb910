CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"email" text,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"action" text NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text NOT NULL,
	"due_on" date,
	"task_id" uuid,
	"reminded_on" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "professional_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"title" text NOT NULL,
	"report_date" date NOT NULL,
	"author" text NOT NULL,
	"agency_id" uuid,
	"referral_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"contact_id" uuid,
	"made_on" date,
	"reason" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"expected_response_on" date,
	"responded_on" date,
	"outcome" text,
	"referrer_id" uuid NOT NULL,
	"overdue_alerted_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "start_time" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_contacts" ADD CONSTRAINT "agency_contacts_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_contacts" ADD CONSTRAINT "agency_contacts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_reports" ADD CONSTRAINT "professional_reports_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_reports" ADD CONSTRAINT "professional_reports_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_reports" ADD CONSTRAINT "professional_reports_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_reports" ADD CONSTRAINT "professional_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_reports" ADD CONSTRAINT "professional_reports_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_reports" ADD CONSTRAINT "professional_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_contact_id_agency_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."agency_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_users_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_trust_idx" ON "agencies" USING btree ("trust_id","name");--> statement-breakpoint
CREATE INDEX "agency_contacts_agency_idx" ON "agency_contacts" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "meeting_actions_meeting_idx" ON "meeting_actions" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "professional_reports_pupil_idx" ON "professional_reports" USING btree ("pupil_id","report_date");--> statement-breakpoint
CREATE INDEX "referrals_pupil_idx" ON "referrals" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "referrals_site_status_idx" ON "referrals" USING btree ("site_id","status","expected_response_on");--> statement-breakpoint
-- hand-written: meetings recorded before casework keep their data. Attendees were plain names: each becomes an
-- attendee of kind 'other' with that name. Agreed actions were free text with a free-text owner: each becomes a
-- meeting_actions row (no owning user, no task), in the order recorded; the old column is then emptied.
UPDATE "meetings" SET "attendees" = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('kind', 'other', 'refId', null, 'name', a.value, 'role', null) ORDER BY a.ordinality), '[]'::jsonb)
  FROM jsonb_array_elements_text("meetings"."attendees") WITH ORDINALITY AS a(value, ordinality)
) WHERE jsonb_typeof("attendees") = 'array' AND jsonb_array_length("attendees") > 0 AND jsonb_typeof("attendees"->0) = 'string';
--> statement-breakpoint
INSERT INTO "meeting_actions" ("id", "trust_id", "meeting_id", "action", "owner_user_id", "owner_name", "due_on", "position", "created_by", "created_at")
SELECT gen_random_uuid(), m."trust_id", m."id", coalesce(a.value->>'action', ''), null, coalesce(a.value->>'owner', ''),
  (a.value->>'dueOn')::date, (a.ordinality - 1)::int, null, m."updated_at"
FROM "meetings" m, jsonb_array_elements(m."agreed_actions") WITH ORDINALITY AS a(value, ordinality)
WHERE jsonb_typeof(m."agreed_actions") = 'array';
--> statement-breakpoint
UPDATE "meetings" SET "agreed_actions" = '[]'::jsonb WHERE "agreed_actions" <> '[]'::jsonb;
--> statement-breakpoint
-- hand-written: every trust starts with the six kinds of agency in its directory (names to be completed locally).
INSERT INTO "agencies" ("id", "trust_id", "kind", "name")
SELECT gen_random_uuid(), t."id", k.kind, k.name FROM "trusts" t CROSS JOIN (VALUES
  ('camhs', 'CAMHS'), ('social_care', 'Children''s social care'), ('educational_psychology', 'Educational psychology service'),
  ('behaviour_support', 'Behaviour support service'), ('youth_justice', 'Youth justice service'), ('early_help', 'Early help')
) AS k(kind, name);
