/**
 * The catalogue every trust starts with (SUP-3): the common SEMH and behaviour interventions in English schools. A
 * trust edits, withdraws or adds to them. Idempotent: an entry of the same name is left as it is.
 */
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { supportInterventionTypes } from '../../db/schema/support.ts';

export const STARTER_CATALOGUE = [
  { name: 'Check-in/check-out', kind: 'one_to_one', defaultWeeks: 6, measures: ['daily_points', 'sdq'], dailyPoints: true, dailyPointsMax: 10,
    description: 'A morning check-in and an afternoon check-out with a key adult; a daily report card scored each lesson.' },
  { name: 'Mentoring', kind: 'one_to_one', defaultWeeks: 10, measures: ['sdq'], dailyPoints: false, dailyPointsMax: null,
    description: 'A weekly session with a trained mentor on goals, attendance and relationships.' },
  { name: 'SEMH group', kind: 'group', defaultWeeks: 8, measures: ['sdq', 'boxall_developmental', 'boxall_diagnostic'], dailyPoints: false, dailyPointsMax: null,
    description: 'A small nurture-style group for social, emotional and mental health needs.' },
  { name: 'Anger management', kind: 'group', defaultWeeks: 6, measures: ['sdq'], dailyPoints: false, dailyPointsMax: null,
    description: 'Recognising triggers and early signs, and strategies to calm down.' },
  { name: 'Social skills group', kind: 'group', defaultWeeks: 8, measures: ['sdq', 'boxall_developmental'], dailyPoints: false, dailyPointsMax: null,
    description: 'Turn-taking, listening, friendships and resolving conflict, practised in a small group.' },
  { name: 'Lunchtime club', kind: 'group', defaultWeeks: 12, measures: [], dailyPoints: false, dailyPointsMax: null,
    description: 'A supervised, structured lunchtime for pupils who find unstructured time difficult.' },
] as const;

export async function ensureStarterCatalogue(tx: Executor, trustId: string): Promise<void> {
  await tx.insert(supportInterventionTypes).values(STARTER_CATALOGUE.map((c) => ({ id: uuidv7(), trustId, ...c, measures: [...c.measures] })))
    .onConflictDoNothing();
}
