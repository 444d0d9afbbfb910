CREATE TABLE "support_attendance" (
	"session_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "support_attendance_session_id_pupil_id_pk" PRIMARY KEY("session_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "support_daily_points" (
	"intervention_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"day" date NOT NULL,
	"trust_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"max_points" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_daily_points_intervention_id_pupil_id_day_pk" PRIMARY KEY("intervention_id","pupil_id","day")
);
--> statement-breakpoint
CREATE TABLE "support_intervention_pupils" (
	"intervention_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_intervention_pupils_intervention_id_pupil_id_pk" PRIMARY KEY("intervention_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "support_intervention_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"default_weeks" integer NOT NULL,
	"measures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"daily_points" boolean DEFAULT false NOT NULL,
	"daily_points_max" integer,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_interventions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"title" text NOT NULL,
	"lead_user_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"planned_end_date" date NOT NULL,
	"ended_on" date,
	"end_notes" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"phase" text NOT NULL,
	"value" numeric(8, 2) NOT NULL,
	"informant" text,
	"recorded_on" date NOT NULL,
	"notes" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_scales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"name" text NOT NULL,
	"min_value" integer NOT NULL,
	"max_value" integer NOT NULL,
	"higher_is_better" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"session_date" date NOT NULL,
	"notes" text,
	"recorded_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalation_rules" ADD COLUMN "suggest_intervention_type_id" uuid;--> statement-breakpoint
ALTER TABLE "support_attendance" ADD CONSTRAINT "support_attendance_session_id_support_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_attendance" ADD CONSTRAINT "support_attendance_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_attendance" ADD CONSTRAINT "support_attendance_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_daily_points" ADD CONSTRAINT "support_daily_points_intervention_id_support_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."support_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_daily_points" ADD CONSTRAINT "support_daily_points_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_daily_points" ADD CONSTRAINT "support_daily_points_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_daily_points" ADD CONSTRAINT "support_daily_points_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_intervention_pupils" ADD CONSTRAINT "support_intervention_pupils_intervention_id_support_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."support_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_intervention_pupils" ADD CONSTRAINT "support_intervention_pupils_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_intervention_pupils" ADD CONSTRAINT "support_intervention_pupils_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_intervention_types" ADD CONSTRAINT "support_intervention_types_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_interventions" ADD CONSTRAINT "support_interventions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_interventions" ADD CONSTRAINT "support_interventions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_interventions" ADD CONSTRAINT "support_interventions_type_id_support_intervention_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."support_intervention_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_interventions" ADD CONSTRAINT "support_interventions_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_interventions" ADD CONSTRAINT "support_interventions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_intervention_id_support_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."support_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_scales" ADD CONSTRAINT "support_scales_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_intervention_id_support_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."support_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_intervention_pupils_pupil_idx" ON "support_intervention_pupils" USING btree ("pupil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_intervention_types_name_uq" ON "support_intervention_types" USING btree ("trust_id","name");--> statement-breakpoint
CREATE INDEX "support_interventions_site_status_idx" ON "support_interventions" USING btree ("site_id","status","start_date");--> statement-breakpoint
CREATE INDEX "support_interventions_lead_idx" ON "support_interventions" USING btree ("lead_user_id");--> statement-breakpoint
CREATE INDEX "support_measures_intervention_idx" ON "support_measures" USING btree ("intervention_id","pupil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_scales_name_uq" ON "support_scales" USING btree ("trust_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "support_sessions_day_uq" ON "support_sessions" USING btree ("intervention_id","session_date");--> statement-breakpoint
ALTER TABLE "escalation_rules" ADD CONSTRAINT "escalation_rules_suggest_intervention_type_id_support_intervention_types_id_fk" FOREIGN KEY ("suggest_intervention_type_id") REFERENCES "public"."support_intervention_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: every existing trust starts with the starter catalogue of support interventions (as setup gives a new one)
INSERT INTO "support_intervention_types" ("id", "trust_id", "name", "kind", "default_weeks", "measures", "daily_points", "daily_points_max", "description")
SELECT gen_random_uuid(), t.id, c.name, c.kind, c.weeks, c.measures, c.daily, c.max, c.description
  FROM "trusts" t CROSS JOIN (VALUES
  ('Check-in/check-out', 'one_to_one', 6, '["daily_points","sdq"]'::jsonb, true, 10, 'A morning check-in and an afternoon check-out with a key adult; a daily report card scored each lesson.'),
  ('Mentoring', 'one_to_one', 10, '["sdq"]'::jsonb, false, null, 'A weekly session with a trained mentor on goals, attendance and relationships.'),
  ('SEMH group', 'group', 8, '["sdq","boxall_developmental","boxall_diagnostic"]'::jsonb, false, null, 'A small nurture-style group for social, emotional and mental health needs.'),
  ('Anger management', 'group', 6, '["sdq"]'::jsonb, false, null, 'Recognising triggers and early signs, and strategies to calm down.'),
  ('Social skills group', 'group', 8, '["sdq","boxall_developmental"]'::jsonb, false, null, 'Turn-taking, listening, friendships and resolving conflict, practised in a small group.'),
  ('Lunchtime club', 'group', 12, '[]'::jsonb, false, null, 'A supervised, structured lunchtime for pupils who find unstructured time difficult.')
) AS c(name, kind, weeks, measures, daily, max, description)
ON CONFLICT DO NOTHING;
