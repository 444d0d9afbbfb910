CREATE TABLE "cp_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"leaving_date" date NOT NULL,
	"leaving_date_source" text NOT NULL,
	"due_on" date,
	"receiving_school" text NOT NULL,
	"receiving_dsl_name" text NOT NULL,
	"receiving_dsl_email" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pack_attachment_id" uuid,
	"pack_contents" jsonb,
	"encryption" text,
	"key_fingerprint" text,
	"packed_at" timestamp with time zone,
	"packed_by" uuid,
	"sent_via" text,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	"link_token_hash" text,
	"link_expires_at" timestamp with time zone,
	"link_downloaded_at" timestamp with time zone,
	"received_on" date,
	"received_by_name" text,
	"receipt_via" text,
	"receipt_recorded_by" uuid,
	"receipt_recorded_at" timestamp with time zone,
	"reminded_stage" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_packed_by_users_id_fk" FOREIGN KEY ("packed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_transfers" ADD CONSTRAINT "cp_transfers_receipt_recorded_by_users_id_fk" FOREIGN KEY ("receipt_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cp_transfers_pupil_idx" ON "cp_transfers" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "cp_transfers_site_status_idx" ON "cp_transfers" USING btree ("site_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cp_transfers_link_uq" ON "cp_transfers" USING btree ("link_token_hash");