CREATE TABLE "subject_access_decisions" (
	"request_id" uuid NOT NULL,
	"record_key" text NOT NULL,
	"trust_id" uuid NOT NULL,
	"action" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_access_decisions_request_id_record_key_pk" PRIMARY KEY("request_id","record_key")
);
--> statement-breakpoint
CREATE TABLE "subject_access_releases" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"pdf" "bytea" NOT NULL,
	"pdf_sha256" text NOT NULL,
	"archive" "bytea" NOT NULL,
	"archive_sha256" text NOT NULL,
	"record_count" integer NOT NULL,
	"withheld_count" integer NOT NULL,
	"released_by" uuid NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_access_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"requester_kind" text NOT NULL,
	"requester_name" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"redact_staff" boolean DEFAULT false NOT NULL,
	"notes" text,
	"withdrawn_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subject_access_decisions" ADD CONSTRAINT "subject_access_decisions_request_id_subject_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."subject_access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_decisions" ADD CONSTRAINT "subject_access_decisions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_decisions" ADD CONSTRAINT "subject_access_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_releases" ADD CONSTRAINT "subject_access_releases_request_id_subject_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."subject_access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_releases" ADD CONSTRAINT "subject_access_releases_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_releases" ADD CONSTRAINT "subject_access_releases_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_access_requests_site_idx" ON "subject_access_requests" USING btree ("site_id","status","due_on");--> statement-breakpoint
CREATE INDEX "subject_access_requests_pupil_idx" ON "subject_access_requests" USING btree ("pupil_id");