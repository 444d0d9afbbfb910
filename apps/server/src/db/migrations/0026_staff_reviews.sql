CREATE TABLE "incident_certificate_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"physical_intervention_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"technique_code" text NOT NULL,
	"problem" text NOT NULL,
	"checked_on" date NOT NULL,
	"expired_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"reviewer_staff_id" uuid NOT NULL,
	"academic_year" text NOT NULL,
	"stage" text DEFAULT 'objectives' NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mid_year_reviewer_comment" text,
	"mid_year_reviewee_comment" text,
	"mid_year_on" date,
	"annual_reviewer_comment" text,
	"annual_reviewee_comment" text,
	"annual_on" date,
	"observations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviewer_signed_at" timestamp with time zone,
	"reviewer_signed_by" uuid,
	"reviewee_signed_at" timestamp with time zone,
	"reviewee_signed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_certificate_flags" ADD CONSTRAINT "incident_certificate_flags_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_certificate_flags" ADD CONSTRAINT "incident_certificate_flags_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_certificate_flags" ADD CONSTRAINT "incident_certificate_flags_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_certificate_flags" ADD CONSTRAINT "incident_certificate_flags_physical_intervention_id_physical_interventions_id_fk" FOREIGN KEY ("physical_intervention_id") REFERENCES "public"."physical_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_certificate_flags" ADD CONSTRAINT "incident_certificate_flags_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_reviews" ADD CONSTRAINT "performance_reviews_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_reviews" ADD CONSTRAINT "performance_reviews_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_reviews" ADD CONSTRAINT "performance_reviews_reviewer_staff_id_staff_members_id_fk" FOREIGN KEY ("reviewer_staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_reviews" ADD CONSTRAINT "performance_reviews_reviewer_signed_by_users_id_fk" FOREIGN KEY ("reviewer_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_reviews" ADD CONSTRAINT "performance_reviews_reviewee_signed_by_users_id_fk" FOREIGN KEY ("reviewee_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_reviews" ADD CONSTRAINT "performance_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_certificate_flags_incident_idx" ON "incident_certificate_flags" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_certificate_flags_site_idx" ON "incident_certificate_flags" USING btree ("site_id","checked_on");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_certificate_flags_uq" ON "incident_certificate_flags" USING btree ("physical_intervention_id","staff_id","technique_code");--> statement-breakpoint
CREATE UNIQUE INDEX "performance_reviews_staff_year_uq" ON "performance_reviews" USING btree ("staff_id","academic_year");--> statement-breakpoint
CREATE INDEX "performance_reviews_reviewer_idx" ON "performance_reviews" USING btree ("reviewer_staff_id");