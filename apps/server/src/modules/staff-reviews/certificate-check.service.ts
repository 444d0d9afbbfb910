/**
 * STF-2: holds checked against certificates. The live check the incident form calls as a member of staff and their
 * holds are entered (never blocking the record), and the flags kept on an incident, recomputed in the incident's own
 * transaction whenever its physical-intervention section, its date or whether force was used changes.
 */
import { uuidv7 } from 'uuidv7';
import type { TCertificateCheck, TCertificateCheckQuery, TCertificateFlag } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { replaceFlags, staffNames, staffOfTrust } from './certificate-check.repo.ts';
import { checkDays, checkTechniques, holdFlags, type PiForCheck } from './certificate-check.rules.ts';
import { validCertificatesOn, type StaffCertificates } from '../training/training.repo.ts';

export async function liveCheck(deps: Deps, actor: Actor, q: TCertificateCheckQuery, now = clockNow(deps)): Promise<TCertificateCheck> {
  if (!can(actor, 'behaviour.record', { trustId: actor.trustId, siteId: q.siteId })) throw forbidden('You cannot record incidents at that site.');
  const db = deps.database.db;
  if (!await staffOfTrust(db, actor.trustId, q.staffId)) throw notFound('staff member');
  const on = q.on ?? londonToday(now);
  const certs = (await validCertificatesOn(db, [q.staffId], on)).get(q.staffId)?.certificates ?? [];
  return { staffId: q.staffId, on, items: checkTechniques(certs, q.techniques, on) };
}

/** The order the incident load gives (byte order, as `collate "C"`). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface IncidentForCheck {
  id: string; trustId: string; siteId: string; occurredAt: string | null; physicalIntervention: boolean;
  physicalInterventions: readonly PiForCheck[];
}

/** Recomputes and stores an incident's flags (inside the caller's transaction); returns them as the incident shows them. */
export async function recomputeFlags(tx: Executor, i: IncidentForCheck, now: Date): Promise<TCertificateFlag[]> {
  const pis = i.physicalIntervention ? i.physicalInterventions : [];
  const staffIds = [...new Set(pis.flatMap((p) => p.staffTechniques.map((s) => s.staffId)))];
  const byDay = new Map<string, Map<string, StaffCertificates>>();
  for (const day of checkDays(pis, i.occurredAt, now)) byDay.set(day, await validCertificatesOn(tx, staffIds, day));
  const flags = holdFlags(pis, i.occurredAt, (id, on) => byDay.get(on)?.get(id)?.certificates ?? [], now).map((f) => ({ ...f, id: uuidv7() }));
  await replaceFlags(tx, i, flags);
  const names = await staffNames(tx, flags.map((f) => f.staffId));
  return flags.map(({ id: _id, ...f }) => ({ ...f, staffName: names.get(f.staffId) ?? '' }))
    .sort((a, b) => cmp(a.physicalInterventionId, b.physicalInterventionId) || cmp(a.staffName, b.staffName) || cmp(a.techniqueCode, b.techniqueCode));
}
