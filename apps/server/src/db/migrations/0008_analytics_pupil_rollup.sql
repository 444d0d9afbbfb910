CREATE TABLE "analytics_pupil_rollup" (
	"grain" text NOT NULL,
	"site_id" uuid NOT NULL,
	"bucket" date NOT NULL,
	"pupil_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"pos" integer NOT NULL,
	"neg" integer NOT NULL,
	"neu" integer NOT NULL,
	"inv" integer NOT NULL,
	"pi" integer NOT NULL,
	CONSTRAINT "analytics_pupil_rollup_grain_site_id_bucket_pupil_id_pk" PRIMARY KEY("grain","site_id","bucket","pupil_id")
);
--> statement-breakpoint
CREATE INDEX "analytics_pupil_rollup_pupil_idx" ON "analytics_pupil_rollup" USING btree ("pupil_id","grain","bucket");--> statement-breakpoint
-- Existing rollups: the per-pupil rows move from analytics_rollup (one row a pupil and measure) to the wide table.
INSERT INTO "analytics_pupil_rollup" ("grain", "site_id", "bucket", "pupil_id", "trust_id", "pos", "neg", "neu", "inv", "pi")
SELECT grain, site_id, bucket, key::uuid, trust_id,
       coalesce(sum(n) FILTER (WHERE measure = 'pos'), 0)::int, coalesce(sum(n) FILTER (WHERE measure = 'neg'), 0)::int,
       coalesce(sum(n) FILTER (WHERE measure = 'neu'), 0)::int, coalesce(sum(n) FILTER (WHERE measure = 'inv'), 0)::int,
       coalesce(sum(n) FILTER (WHERE measure = 'pi'), 0)::int
  FROM analytics_rollup WHERE dim = 'pupil'
 GROUP BY grain, site_id, bucket, key, trust_id
 ORDER BY grain, site_id, bucket, key;
--> statement-breakpoint
DELETE FROM analytics_rollup WHERE dim = 'pupil';
