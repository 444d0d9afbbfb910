CREATE TABLE "on_call_recipients" (
	"request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"level" integer,
	"alerted_at" timestamp with time zone,
	"coming_at" timestamp with time zone,
	CONSTRAINT "on_call_recipients_request_id_user_id_pk" PRIMARY KEY("request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "on_call_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid,
	"escalate_after_seconds" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "on_call_settings_trust_site_uq" UNIQUE NULLS NOT DISTINCT("trust_id","site_id")
);
--> statement-breakpoint
ALTER TABLE "on_call_requests" ADD COLUMN "escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "on_call_requests" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "on_call_recipients" ADD CONSTRAINT "on_call_recipients_request_id_on_call_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."on_call_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "on_call_recipients" ADD CONSTRAINT "on_call_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "on_call_recipients" ADD CONSTRAINT "on_call_recipients_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "on_call_settings" ADD CONSTRAINT "on_call_settings_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "on_call_settings" ADD CONSTRAINT "on_call_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;