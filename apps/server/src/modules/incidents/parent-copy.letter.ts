/**
 * The parent's copy of the record of a physical intervention (LAW-12), as a letter from the trust's template
 * (modules/letters, kind restraint_copy) on the school's letterhead: the locked record part is drawn here, one table
 * per intervention with this pupil (when, where, how long, the kind and degree of force, why, injuries, the support
 * offered); the template's fields say what happened beforehand and when.
 */
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Content } from '../../core/pdf/pdf.ts';
import { letterMaker } from '../letters/letters.send.ts';
import type { PiState } from './incidents.model.ts';
import { copyFacts, longDay, type CopyNames } from './parent-copy.rules.ts';

export interface CopyLetterInput {
  trustId: string;
  siteId: string;
  /** Today, as an instant (the letter's date). */
  today: string;
  pupil: { firstName: string; lastName: string; fullName: string; yearGroup: number };
  beforehand: string | null;
  pis: PiState[];
  names: CopyNames;
  senderName: string;
  senderRole: string;
}

function record(l: CopyLetterInput): Content[] {
  return l.pis.flatMap((pi, n): Content[] => [
    { text: l.pis.length > 1 ? `Intervention ${n + 1}` : 'The intervention', style: 'h2' },
    { table: { widths: [150, '*'], body: copyFacts(pi, l.names).map(([k, v]) => [{ text: k, bold: true }, { text: v }]) }, layout: 'lightHorizontalLines' },
  ]);
}

export async function copyLetterMaker(deps: Pick<Deps, 'config' | 'database'>, db: Executor, l: CopyLetterInput) {
  const first = l.pis.map((p) => p.startedAt).filter((s): s is string => s !== null).sort()[0];
  return letterMaker(deps, db, {
    kind: 'restraint_copy', trustId: l.trustId, siteId: l.siteId, pupil: l.pupil, date: l.today, sender: { name: l.senderName, role: l.senderRole },
    subtitle: `Pupil: ${l.pupil.fullName}, Year ${l.pupil.yearGroup}`,
    values: { 'restraint.date': first ? longDay(first) : 'the day recorded', 'restraint.interventions': l.pis.length > 1 ? 'interventions' : 'intervention',
      'restraint.beforehand': l.beforehand ?? 'Not recorded' },
    slots: { record: record(l) },
  });
}
