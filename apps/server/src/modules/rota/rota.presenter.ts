/** Rota rows → contract DTOs: names of staff, pupils, sites and periods looked up once per response. */
import type { Executor } from '../../core/db/client.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { personName } from './rota.context.ts';
import * as repo from './rota.repo.ts';

export interface Lookups { sites: Map<string, string>; staff: Map<string, repo.StaffRow>; pupils: Map<string, repo.PupilRow>; periods: Awaited<ReturnType<typeof repo.periodsBySite>> }

export async function lookups(db: Executor, trustId: string, staffIds: (string | null)[], pupilIds: (string | null)[]): Promise<Lookups> {
  const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    sites: new Map((await repo.trustSites(db, trustId)).map((s) => [s.id, s.name])),
    staff: new Map((await repo.staffByIds(db, ids(staffIds))).map((s) => [s.id, s])),
    pupils: new Map((await repo.pupilsByIds(db, ids(pupilIds))).map((p) => [p.id, p])),
    periods: await repo.periodsBySite(db, trustId),
  };
}
export const person = (l: Lookups, id: string | null) => (id ? { id, displayName: personName(l.staff.get(id)) } : null);
export const pupilRef = (l: Lookups, id: string | null) => { if (!id) return null; const p = l.pupils.get(id); return { id, displayName: p ? displayName(p) : 'Unknown pupil' }; };
export const periodLabel = (l: Lookups, siteId: string, code: string) => (l.periods.get(siteId) ?? l.periods.get(''))?.get(code)?.label ?? code;

