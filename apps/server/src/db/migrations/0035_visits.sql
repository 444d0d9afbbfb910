CREATE TABLE "visit_approval_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"step" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"adviser_name" text,
	"by_user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"pre_approved" boolean DEFAULT false NOT NULL,
	"la_adviser_required" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"via" text NOT NULL,
	"how" text DEFAULT '' NOT NULL,
	"contact_id" uuid,
	"parent_name" text NOT NULL,
	"medical_info" text DEFAULT '' NOT NULL,
	"emergency_name" text DEFAULT '' NOT NULL,
	"emergency_phone" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_coordinators" (
	"site_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_coordinators_site_id_user_id_pk" PRIMARY KEY("site_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "visit_pupils" (
	"visit_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	CONSTRAINT "visit_pupils_visit_id_pupil_id_pk" PRIMARY KEY("visit_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "visit_risk_library" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"title" text NOT NULL,
	"hazards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_staff" (
	"visit_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	CONSTRAINT "visit_staff_visit_id_staff_id_pk" PRIMARY KEY("visit_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "visit_standing_approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"description" text NOT NULL,
	"approved_by" uuid NOT NULL,
	"approved_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"venue" text NOT NULL,
	"start_date" date NOT NULL,
	"depart_time" text NOT NULL,
	"end_date" date NOT NULL,
	"return_time" text NOT NULL,
	"itinerary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transport" text DEFAULT '' NOT NULL,
	"category_id" uuid NOT NULL,
	"leader_staff_id" uuid,
	"ratio_pupils_per_adult" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"adopted_assessment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"own_hazards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"risk_confirmed_by" uuid,
	"risk_confirmed_at" timestamp with time zone,
	"standing_approval_id" uuid,
	"departed_by" uuid,
	"departed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"evaluation" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "visit_id" uuid;--> statement-breakpoint
ALTER TABLE "visit_approval_steps" ADD CONSTRAINT "visit_approval_steps_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_approval_steps" ADD CONSTRAINT "visit_approval_steps_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_approval_steps" ADD CONSTRAINT "visit_approval_steps_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_categories" ADD CONSTRAINT "visit_categories_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_coordinators" ADD CONSTRAINT "visit_coordinators_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_coordinators" ADD CONSTRAINT "visit_coordinators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_coordinators" ADD CONSTRAINT "visit_coordinators_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_pupils" ADD CONSTRAINT "visit_pupils_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_pupils" ADD CONSTRAINT "visit_pupils_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_pupils" ADD CONSTRAINT "visit_pupils_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_risk_library" ADD CONSTRAINT "visit_risk_library_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_staff" ADD CONSTRAINT "visit_staff_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_staff" ADD CONSTRAINT "visit_staff_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_staff" ADD CONSTRAINT "visit_staff_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_standing_approvals" ADD CONSTRAINT "visit_standing_approvals_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_standing_approvals" ADD CONSTRAINT "visit_standing_approvals_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_standing_approvals" ADD CONSTRAINT "visit_standing_approvals_category_id_visit_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."visit_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_standing_approvals" ADD CONSTRAINT "visit_standing_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_category_id_visit_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."visit_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_leader_staff_id_staff_members_id_fk" FOREIGN KEY ("leader_staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_risk_confirmed_by_users_id_fk" FOREIGN KEY ("risk_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_standing_approval_id_visit_standing_approvals_id_fk" FOREIGN KEY ("standing_approval_id") REFERENCES "public"."visit_standing_approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_departed_by_users_id_fk" FOREIGN KEY ("departed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_approval_steps_visit_idx" ON "visit_approval_steps" USING btree ("visit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_categories_trust_code_uq" ON "visit_categories" USING btree ("trust_id","code");--> statement-breakpoint
CREATE INDEX "visit_consents_visit_idx" ON "visit_consents" USING btree ("visit_id","pupil_id","recorded_at");--> statement-breakpoint
CREATE INDEX "visit_pupils_pupil_idx" ON "visit_pupils" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "visit_standing_approvals_site_idx" ON "visit_standing_approvals" USING btree ("site_id","category_id");--> statement-breakpoint
CREATE INDEX "visits_site_date_idx" ON "visits" USING btree ("site_id","start_date");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;