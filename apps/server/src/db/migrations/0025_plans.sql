CREATE TABLE "behaviour_support_plan_acknowledgements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"plan_version" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"method" text NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"recorded_via" text DEFAULT 'staff' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "behaviour_support_plan_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"field" text NOT NULL,
	"from_value" jsonb,
	"to_value" jsonb,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "behaviour_support_plan_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "behaviour_support_plan_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"event" text NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "behaviour_support_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"about_strengths" text DEFAULT '' NOT NULL,
	"about_interests" text DEFAULT '' NOT NULL,
	"about_communication" text DEFAULT '' NOT NULL,
	"perceived_function" text DEFAULT '' NOT NULL,
	"triggers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"early_warning_signs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proactive_strategies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deescalation_strategies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"what_to_avoid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reactive_strategies" text DEFAULT '' NOT NULL,
	"approved_holds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recovery_support" text DEFAULT '' NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pupil_voice" text DEFAULT '' NOT NULL,
	"parent_voice" text DEFAULT '' NOT NULL,
	"owner_user_id" uuid,
	"review_date" date,
	"wording" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_from" text DEFAULT 'template' NOT NULL,
	"copied_from_plan_id" uuid,
	"author_signed_by" uuid,
	"author_signed_at" timestamp with time zone,
	"author_signed_version" integer,
	"activated_by" uuid,
	"activated_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"superseded_by_plan_id" uuid,
	"reminder_for_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_acknowledgements" ADD CONSTRAINT "behaviour_support_plan_acknowledgements_plan_id_behaviour_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."behaviour_support_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_acknowledgements" ADD CONSTRAINT "behaviour_support_plan_acknowledgements_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_acknowledgements" ADD CONSTRAINT "behaviour_support_plan_acknowledgements_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_acknowledgements" ADD CONSTRAINT "behaviour_support_plan_acknowledgements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_changes" ADD CONSTRAINT "behaviour_support_plan_changes_plan_id_behaviour_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."behaviour_support_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_changes" ADD CONSTRAINT "behaviour_support_plan_changes_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_changes" ADD CONSTRAINT "behaviour_support_plan_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_templates" ADD CONSTRAINT "behaviour_support_plan_templates_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_templates" ADD CONSTRAINT "behaviour_support_plan_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_versions" ADD CONSTRAINT "behaviour_support_plan_versions_plan_id_behaviour_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."behaviour_support_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_versions" ADD CONSTRAINT "behaviour_support_plan_versions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_versions" ADD CONSTRAINT "behaviour_support_plan_versions_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plan_versions" ADD CONSTRAINT "behaviour_support_plan_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_author_signed_by_users_id_fk" FOREIGN KEY ("author_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_activated_by_users_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD CONSTRAINT "behaviour_support_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "behaviour_support_plan_acks_plan_idx" ON "behaviour_support_plan_acknowledgements" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "behaviour_support_plan_changes_plan_idx" ON "behaviour_support_plan_changes" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "behaviour_support_plan_templates_trust_uq" ON "behaviour_support_plan_templates" USING btree ("trust_id");--> statement-breakpoint
CREATE UNIQUE INDEX "behaviour_support_plan_versions_uq" ON "behaviour_support_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "behaviour_support_plan_versions_pupil_idx" ON "behaviour_support_plan_versions" USING btree ("pupil_id","saved_at");--> statement-breakpoint
CREATE INDEX "behaviour_support_plans_pupil_idx" ON "behaviour_support_plans" USING btree ("pupil_id","status");--> statement-breakpoint
CREATE INDEX "behaviour_support_plans_site_review_idx" ON "behaviour_support_plans" USING btree ("site_id","status","review_date");--> statement-breakpoint
CREATE UNIQUE INDEX "behaviour_support_plans_one_active_uq" ON "behaviour_support_plans" USING btree ("pupil_id") WHERE status = 'active';