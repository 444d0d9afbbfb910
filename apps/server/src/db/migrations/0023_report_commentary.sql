CREATE TABLE "report_commentaries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"report" text NOT NULL,
	"period" text NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_commentaries" ADD CONSTRAINT "report_commentaries_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_commentaries" ADD CONSTRAINT "report_commentaries_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_commentaries" ADD CONSTRAINT "report_commentaries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_commentaries_site_report_period_idx" ON "report_commentaries" USING btree ("site_id","report","period");