CREATE TABLE "pi_parent_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"action" text NOT NULL,
	"withhold_reason" text,
	"explanation" text,
	"communication_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "physical_interventions" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "physical_interventions" ADD COLUMN "pupil_sen_status" text;--> statement-breakpoint
ALTER TABLE "physical_interventions" ADD COLUMN "support_offered" text;--> statement-breakpoint
ALTER TABLE "pi_parent_copies" ADD CONSTRAINT "pi_parent_copies_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pi_parent_copies" ADD CONSTRAINT "pi_parent_copies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pi_parent_copies" ADD CONSTRAINT "pi_parent_copies_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pi_parent_copies" ADD CONSTRAINT "pi_parent_copies_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pi_parent_copies" ADD CONSTRAINT "pi_parent_copies_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pi_parent_copies_incident_idx" ON "pi_parent_copies" USING btree ("incident_id","pupil_id","decided_at");--> statement-breakpoint
-- hand-written:
-- LAW-10 (2025 regulations): physical interventions recorded before kinds existed were all force with physical
-- contact (the section asked for the holds each member of staff used), so they are marked as that kind.
UPDATE "physical_interventions" SET "kind" = 'force_with_contact' WHERE "kind" IS NULL;
--> statement-breakpoint
-- Whether the pupil had SEN at the time: Haven keeps no history of SEN status, so existing records take the pupil's
-- status as it stands when this migration runs (new records take it when the pupil is recorded on the intervention).
UPDATE "physical_interventions" pi SET "pupil_sen_status" = p."sen_status" FROM "pupils" p WHERE p."id" = pi."pupil_id" AND pi."pupil_sen_status" IS NULL;
