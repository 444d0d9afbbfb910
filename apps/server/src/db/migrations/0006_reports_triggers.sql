-- Reference data for reports (SPEC §9): national suspension and permanent exclusion rates for state-funded schools in England, per 100 pupils
-- on roll. Data, not code: a new DfE release is a new row.
INSERT INTO "national_exclusion_rates" ("year", "measure", "rate", "source") VALUES
  ('2022/23', 'suspension', 9.33, 'DfE, Suspensions and permanent exclusions in England, 2022/23'),
  ('2023/24', 'suspension', 11.31, 'DfE, Suspensions and permanent exclusions in England, 2023/24'),
  ('2022/23', 'permanent', 0.11, 'DfE, Suspensions and permanent exclusions in England, 2022/23'),
  ('2023/24', 'permanent', 0.13, 'DfE, Suspensions and permanent exclusions in England, 2023/24')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Exclusion analytics read each site's records by start date without cancelled ones.
CREATE INDEX IF NOT EXISTS "exclusions_site_issued_idx" ON "exclusions" ("site_id", "start_date") WHERE "status" <> 'cancelled';
