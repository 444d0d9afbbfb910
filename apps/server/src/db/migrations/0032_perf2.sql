CREATE INDEX "parent_contacts_pupil_idx" ON "parent_contacts" USING btree ("pupil_id","contacted_at");--> statement-breakpoint
CREATE INDEX "communications_pupil_idx" ON "communications" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "isolation_pupils_pupil_idx" ON "isolation_pupils" USING btree ("pupil_id");