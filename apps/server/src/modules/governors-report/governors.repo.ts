/** Reads for the governors' termly report that no dashboard module answers: its terms and the trust's name. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';

export interface TermRow { id: string; name: string; startDate: string; endDate: string; siteId: string | null }

/** The trust-wide half-terms (site-specific ones follow the trust's dates), in order. */
export async function trustTerms(db: Executor, trustId: string): Promise<TermRow[]> {
  return rowsOf<TermRow>(await db.execute(sql`
    select t.id, t.name || ' ' || y.label as name, t.start_date::text as "startDate", t.end_date::text as "endDate", t.site_id as "siteId"
      from terms t join academic_years y on y.id = t.academic_year_id
     where t.trust_id = ${trustId}::uuid and t.site_id is null order by t.start_date`));
}

export async function trustName(db: Executor, trustId: string): Promise<string> {
  return rowsOf<{ name: string }>(await db.execute(sql`select name from trusts where id = ${trustId}::uuid`))[0]?.name ?? '';
}
