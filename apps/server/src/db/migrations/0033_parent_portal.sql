CREATE TABLE "parent_notification_preferences" (
	"user_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"frequency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parent_notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "parent_notification_state" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"immediate_through" timestamp with time zone NOT NULL,
	"digest_through" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parent_portal_acknowledgements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parent_portal_settings" (
	"trust_id" uuid PRIMARY KEY NOT NULL,
	"hidden_category_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hide_staff_names" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD COLUMN "shareable_with_parents" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "behaviour_support_plans" ADD COLUMN "shared_with_parents_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "parent_notification_preferences" ADD CONSTRAINT "parent_notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_notification_preferences" ADD CONSTRAINT "parent_notification_preferences_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_notification_state" ADD CONSTRAINT "parent_notification_state_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_notification_state" ADD CONSTRAINT "parent_notification_state_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_acknowledgements" ADD CONSTRAINT "parent_portal_acknowledgements_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_acknowledgements" ADD CONSTRAINT "parent_portal_acknowledgements_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_acknowledgements" ADD CONSTRAINT "parent_portal_acknowledgements_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_acknowledgements" ADD CONSTRAINT "parent_portal_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_acknowledgements" ADD CONSTRAINT "parent_portal_acknowledgements_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_settings" ADD CONSTRAINT "parent_portal_settings_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_portal_settings" ADD CONSTRAINT "parent_portal_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parent_portal_acks_uq" ON "parent_portal_acknowledgements" USING btree ("user_id","kind","record_id");--> statement-breakpoint
CREATE INDEX "parent_portal_acks_record_idx" ON "parent_portal_acknowledgements" USING btree ("kind","record_id");