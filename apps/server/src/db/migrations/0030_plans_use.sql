CREATE TABLE "incident_plan_checks" (
	"incident_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"plan_id" uuid,
	"plan_version" integer,
	"approved_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unapproved_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_plan_checks_incident_id_pupil_id_pk" PRIMARY KEY("incident_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "plan_review_triggers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"trigger_key" text NOT NULL,
	"triggered_on" date NOT NULL,
	"incident_id" uuid,
	"task_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_incident_review_links" (
	"review_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_incident_review_links_review_id_kind_record_id_version_pk" PRIMARY KEY("review_id","kind","record_id","version")
);
--> statement-breakpoint
ALTER TABLE "incident_plan_checks" ADD CONSTRAINT "incident_plan_checks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_plan_checks" ADD CONSTRAINT "incident_plan_checks_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_plan_checks" ADD CONSTRAINT "incident_plan_checks_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_plan_checks" ADD CONSTRAINT "incident_plan_checks_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_triggers" ADD CONSTRAINT "plan_review_triggers_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_triggers" ADD CONSTRAINT "plan_review_triggers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_triggers" ADD CONSTRAINT "plan_review_triggers_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_triggers" ADD CONSTRAINT "plan_review_triggers_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_triggers" ADD CONSTRAINT "plan_review_triggers_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_incident_review_links" ADD CONSTRAINT "post_incident_review_links_review_id_post_incident_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."post_incident_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_incident_review_links" ADD CONSTRAINT "post_incident_review_links_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_incident_review_links" ADD CONSTRAINT "post_incident_review_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_review_triggers_uq" ON "plan_review_triggers" USING btree ("plan_id","trigger_key");--> statement-breakpoint
CREATE INDEX "plan_review_triggers_plan_idx" ON "plan_review_triggers" USING btree ("plan_id","kind","triggered_on");