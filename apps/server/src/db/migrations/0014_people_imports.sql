CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"filename" text,
	"format" text NOT NULL,
	"encoding" text,
	"file_hash" text NOT NULL,
	"byte_count" integer NOT NULL,
	"data" "bytea",
	"mapping" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"error_count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_by" uuid,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "staff_members" ADD COLUMN "staff_code" text;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_committed_by_users_id_fk" FOREIGN KEY ("committed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_site_created_idx" ON "imports" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE INDEX "contacts_trust_external_idx" ON "contacts" USING btree ("trust_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_members_site_code_uq" ON "staff_members" USING btree ("site_id","staff_code");