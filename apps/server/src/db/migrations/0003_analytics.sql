CREATE TABLE "analytics_alert_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"period_days" integer DEFAULT 20 NOT NULL,
	"margin_percent" integer DEFAULT 50 NOT NULL,
	"min_count" integer DEFAULT 5 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"pupil_id" uuid,
	"subject_key" text NOT NULL,
	"measure" text NOT NULL,
	"previous_from" date NOT NULL,
	"current_from" date NOT NULL,
	"current_to" date NOT NULL,
	"previous_count" integer NOT NULL,
	"current_count" integer NOT NULL,
	"previous_rate" real,
	"current_rate" real,
	"task_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_calendar" (
	"site_id" uuid NOT NULL,
	"day" date NOT NULL,
	"trust_id" uuid NOT NULL,
	"school_day" boolean NOT NULL,
	"cum" integer NOT NULL,
	CONSTRAINT "analytics_calendar_site_id_day_pk" PRIMARY KEY("site_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_dirty_days" (
	"site_id" uuid NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_rollup" (
	"dim" text NOT NULL,
	"grain" text NOT NULL,
	"site_id" uuid NOT NULL,
	"bucket" date NOT NULL,
	"measure" text NOT NULL,
	"key" text NOT NULL,
	"trust_id" uuid NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_rollup_dim_grain_site_id_bucket_measure_key_pk" PRIMARY KEY("dim","grain","site_id","bucket","measure","key")
);
--> statement-breakpoint
CREATE TABLE "analytics_trust_dirty" (
	"trust_id" uuid NOT NULL,
	"what" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_alert_settings" ADD CONSTRAINT "analytics_alert_settings_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_alert_settings" ADD CONSTRAINT "analytics_alert_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_alert_settings" ADD CONSTRAINT "analytics_alert_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_alerts" ADD CONSTRAINT "analytics_alerts_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_alerts" ADD CONSTRAINT "analytics_alerts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_alerts" ADD CONSTRAINT "analytics_alerts_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_alert_settings_scope_uq" ON "analytics_alert_settings" USING btree ("trust_id","site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_alerts_subject_uq" ON "analytics_alerts" USING btree ("site_id","subject_key","measure","current_to");--> statement-breakpoint
CREATE INDEX "analytics_alerts_site_idx" ON "analytics_alerts" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE INDEX "analytics_rollup_site_bucket_idx" ON "analytics_rollup" USING btree ("grain","site_id","bucket");