ALTER TABLE "exclusion_reasons" ALTER COLUMN "trust_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "exclusions" ADD COLUMN "public_exam_date" date;--> statement-breakpoint
ALTER TABLE "exclusions" ADD COLUMN "decision_date" date;--> statement-breakpoint
ALTER TABLE "exclusions" ADD COLUMN "board_duty_message" text;--> statement-breakpoint
-- hand-written:
-- Issue 11: the census reason codes are data. The DfE's code set (SPEC §6: DB, not PD; PH added; labels as published)
-- is loaded as rows without a trust; each trust's own copy is corrected to it, and records carrying PD become DB.
INSERT INTO "exclusion_reasons" ("id", "trust_id", "code", "label", "valid_from", "valid_to", "source")
SELECT gen_random_uuid(), NULL, v.code, v.label, DATE '2020-09-01', NULL,
  'DfE school census guide and CBDS code list: suspension and permanent exclusion reasons (from 2020/21)'
FROM (VALUES
  ('PP', 'Physical assault against a pupil'),
  ('PA', 'Physical assault against an adult'),
  ('VP', 'Verbal abuse or threatening behaviour against a pupil'),
  ('VA', 'Verbal abuse or threatening behaviour against an adult'),
  ('OW', 'Use or threat of use of an offensive weapon or prohibited item'),
  ('BU', 'Bullying'),
  ('MT', 'Inappropriate use of social media or online technology'),
  ('RA', 'Racist abuse'),
  ('LG', 'Abuse against sexual orientation and gender identity'),
  ('DS', 'Abuse relating to disability'),
  ('SM', 'Sexual misconduct'),
  ('DA', 'Drug and alcohol related'),
  ('DM', 'Damage to property'),
  ('TH', 'Theft'),
  ('DB', 'Persistent or general disruptive behaviour'),
  ('PH', 'Wilful and repeated transgression of protective measures in place to protect public health')
) AS v(code, label)
WHERE NOT EXISTS (SELECT 1 FROM "exclusion_reasons" n WHERE n."trust_id" IS NULL AND n."code" = v.code);--> statement-breakpoint
UPDATE "exclusion_reasons" SET "code" = 'DB', "updated_at" = now()
WHERE "trust_id" IS NOT NULL AND "code" = 'PD'
  AND NOT EXISTS (SELECT 1 FROM "exclusion_reasons" d WHERE d."trust_id" = "exclusion_reasons"."trust_id" AND d."code" = 'DB');--> statement-breakpoint
UPDATE "exclusion_reasons" t SET "label" = n."label", "source" = n."source", "updated_at" = now()
FROM "exclusion_reasons" n
WHERE n."trust_id" IS NULL AND t."trust_id" IS NOT NULL AND t."code" = n."code" AND t."label" <> n."label"
  AND t."source" = 'DfE school census: suspension and permanent exclusion reason codes (2020 set)';--> statement-breakpoint
INSERT INTO "exclusion_reasons" ("id", "trust_id", "code", "label", "valid_from", "valid_to", "source")
SELECT gen_random_uuid(), tr."id", n."code", n."label", n."valid_from", n."valid_to", n."source"
FROM "trusts" tr CROSS JOIN "exclusion_reasons" n
WHERE n."trust_id" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "exclusion_reasons" e WHERE e."trust_id" = tr."id" AND e."code" = n."code");--> statement-breakpoint
UPDATE "exclusions" SET "reason_codes" = (
  SELECT jsonb_agg(CASE WHEN c.code = 'PD' THEN 'DB' ELSE c.code END ORDER BY c.ord)
  FROM jsonb_array_elements_text("exclusions"."reason_codes") WITH ORDINALITY AS c(code, ord)
) WHERE "reason_codes" ? 'PD';--> statement-breakpoint
UPDATE "incidents" SET "dfe_reason_code" = 'DB' WHERE "dfe_reason_code" = 'PD';--> statement-breakpoint
UPDATE "incident_versions" SET "snapshot" = jsonb_set("snapshot", '{dfeReasonCode}', '"DB"') WHERE "snapshot"->>'dfeReasonCode' = 'PD';--> statement-breakpoint
-- Records issued before the decision date was asked: the board was notified (and the count began) on the day of issue.
UPDATE "exclusions" SET "decision_date" = "board_notified_on" WHERE "decision_date" IS NULL;
