CREATE TABLE "rota_exceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"date" date NOT NULL,
	"period_code" text,
	"kind" text NOT NULL,
	"mode" text,
	"pupil_id" uuid,
	"teacher_staff_id" uuid,
	"covers_exception_id" uuid,
	"covers_pattern_id" uuid,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rota_patterns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"period_code" text NOT NULL,
	"mode" text NOT NULL,
	"pupil_id" uuid,
	"teacher_staff_id" uuid,
	"note" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_travel_times" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"site_a" uuid NOT NULL,
	"site_b" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pupils" ADD COLUMN "ehcp_support_minutes" integer;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_teacher_staff_id_staff_members_id_fk" FOREIGN KEY ("teacher_staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_covers_pattern_id_rota_patterns_id_fk" FOREIGN KEY ("covers_pattern_id") REFERENCES "public"."rota_patterns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_teacher_staff_id_staff_members_id_fk" FOREIGN KEY ("teacher_staff_id") REFERENCES "public"."staff_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_site_a_sites_id_fk" FOREIGN KEY ("site_a") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_site_b_sites_id_fk" FOREIGN KEY ("site_b") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rota_exceptions_site_date_idx" ON "rota_exceptions" USING btree ("site_id","date");--> statement-breakpoint
CREATE INDEX "rota_exceptions_staff_date_idx" ON "rota_exceptions" USING btree ("staff_id","date");--> statement-breakpoint
CREATE INDEX "rota_exceptions_covers_idx" ON "rota_exceptions" USING btree ("covers_exception_id");--> statement-breakpoint
CREATE INDEX "rota_patterns_site_idx" ON "rota_patterns" USING btree ("site_id","weekday");--> statement-breakpoint
CREATE INDEX "rota_patterns_staff_idx" ON "rota_patterns" USING btree ("staff_id","weekday");--> statement-breakpoint
CREATE INDEX "rota_patterns_pupil_idx" ON "rota_patterns" USING btree ("pupil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "site_travel_times_pair_uq" ON "site_travel_times" USING btree ("site_a","site_b");--> statement-breakpoint
-- hand-written:
-- What the rota rules rely on, held by the database too: a weekday is ISO (1-7), modes and kinds are the contract's,
-- a travel pair is stored once (site_a < site_b) with minutes not negative, EHCP minutes are not negative, and a cover
-- recorded for an absence goes with it.
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_weekday_ck" CHECK ("weekday" BETWEEN 1 AND 7);--> statement-breakpoint
ALTER TABLE "rota_patterns" ADD CONSTRAINT "rota_patterns_mode_ck" CHECK ("mode" IN ('one_to_one', 'small_group', 'behaviour_buddy', 'walkabout', 'cover'));--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_kind_ck" CHECK ("kind" IN ('absence', 'training', 'cover'));--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_mode_ck" CHECK ("mode" IS NULL OR "mode" IN ('one_to_one', 'small_group', 'behaviour_buddy', 'walkabout', 'cover'));--> statement-breakpoint
ALTER TABLE "rota_exceptions" ADD CONSTRAINT "rota_exceptions_covers_exception_fk" FOREIGN KEY ("covers_exception_id") REFERENCES "rota_exceptions"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_pair_ck" CHECK ("site_a" < "site_b" AND "minutes" >= 0);--> statement-breakpoint
ALTER TABLE "pupils" ADD CONSTRAINT "pupils_ehcp_support_minutes_ck" CHECK ("ehcp_support_minutes" IS NULL OR "ehcp_support_minutes" >= 0);
