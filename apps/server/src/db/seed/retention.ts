/**
 * Demo retention (CMP-1): the trust's default schedule, and one legal hold (a pupil whose records are the subject
 * of a claim), so the holds page has something to show. Nothing in the demo is past its date: it is all recent.
 */
import { uuidv7 } from 'uuidv7';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client.ts';
import { retentionHolds } from '../schema/retention.ts';
import { seedDefaults } from '../../modules/retention/retention.repo.ts';

export async function seedDemoRetention(tx: Tx, trustId: string, adminUserId: string): Promise<void> {
  await seedDefaults(tx, trustId, uuidv7);
  const r = await tx.execute(sql`select id, site_id from pupils where trust_id = ${trustId} order by legal_surname, legal_forename, id limit 1`);
  const p = ((r as unknown as { rows: { id: string; site_id: string }[] }).rows)[0];
  if (!p) return;
  await tx.insert(retentionHolds).values({ id: uuidv7(), trustId, siteId: p.site_id, pupilId: p.id, placedBy: adminUserId,
    reason: "Solicitor's letter about a claim concerning this pupil: keep every record until the claim is settled" });
}
