CREATE TABLE "pupil_transfer_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"import_id" uuid,
	"source_key" text NOT NULL,
	"source_lea" text,
	"source_estab" text,
	"source_urn" text,
	"source_name" text,
	"ctf_version" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"document" jsonb NOT NULL,
	"document_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pupil_transfer_records" ADD CONSTRAINT "pupil_transfer_records_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_transfer_records" ADD CONSTRAINT "pupil_transfer_records_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_transfer_records" ADD CONSTRAINT "pupil_transfer_records_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_transfer_records" ADD CONSTRAINT "pupil_transfer_records_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pupil_transfer_records_pupil_source_uq" ON "pupil_transfer_records" USING btree ("pupil_id","source_key");--> statement-breakpoint
CREATE INDEX "pupil_transfer_records_site_idx" ON "pupil_transfer_records" USING btree ("site_id");