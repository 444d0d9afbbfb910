/**
 * The statutory rules for suspensions and permanent exclusions (SPEC §6, LAW-1 … LAW-9) as data: each rule's id (kept
 * in code, data and docs), its name in the words a headteacher would recognise, and the source it comes from. Every
 * message that cites a rule uses ruleInWords(), so a screen never shows only an internal id, and a change of guidance
 * is a change here.
 */

export const STATUTORY_SOURCES = {
  dfe_exclusions: {
    short: 'the DfE suspension and permanent exclusion guidance',
    title: 'DfE, "Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England, including pupil movement" (August 2024)',
  },
  exclusion_regulations: {
    short: 'the School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012',
    title: 'The School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012 (SI 2012/1033)',
  },
} as const;
export type TStatutorySource = keyof typeof STATUTORY_SOURCES;

export const STATUTORY_RULE_IDS = ['LAW-1', 'LAW-2', 'LAW-3', 'LAW-4', 'LAW-5', 'LAW-6', 'LAW-7', 'LAW-8', 'LAW-9'] as const;
export type TStatutoryRuleId = (typeof STATUTORY_RULE_IDS)[number];

export interface StatutoryRule { id: TStatutoryRuleId; name: string; source: TStatutorySource }

export const STATUTORY_RULES: Record<TStatutoryRuleId, StatutoryRule> = {
  'LAW-1': { id: 'LAW-1', name: 'the rule that only the headteacher (or acting headteacher) may suspend or permanently exclude a pupil', source: 'dfe_exclusions' },
  'LAW-2': { id: 'LAW-2', name: 'the limit of 45 days of suspension in a school year', source: 'dfe_exclusions' },
  'LAW-3': { id: 'LAW-3', name: 'the rule that a lunchtime suspension counts as half a school day', source: 'dfe_exclusions' },
  'LAW-4': { id: 'LAW-4', name: 'the duty to tell the parents in writing of the reasons, the period and their right to make representations', source: 'exclusion_regulations' },
  'LAW-5': { id: 'LAW-5', name: 'the duty to tell the governing board and the local authority of every suspension and permanent exclusion', source: 'exclusion_regulations' },
  'LAW-6': { id: 'LAW-6', name: "the governing board's duty to consider reinstatement within 15 school days", source: 'exclusion_regulations' },
  'LAW-7': { id: 'LAW-7', name: "the governing board's duty to consider the parents' representations", source: 'exclusion_regulations' },
  'LAW-8': { id: 'LAW-8', name: 'the duty to arrange full-time education from the sixth school day', source: 'exclusion_regulations' },
  'LAW-9': { id: 'LAW-9', name: 'the rule that a suspension cannot be extended or turned into a permanent exclusion: a further decision is a new one', source: 'dfe_exclusions' },
};

export const isStatutoryRuleId = (id: string): id is TStatutoryRuleId => (STATUTORY_RULE_IDS as readonly string[]).includes(id);

/** "the limit of 45 days of suspension in a school year, in the DfE suspension and permanent exclusion guidance". */
export function ruleInWords(id: TStatutoryRuleId): string {
  const r = STATUTORY_RULES[id];
  return `${r.name}, in ${STATUTORY_SOURCES[r.source].short}`;
}

/** The same with a capital letter, to open a sentence or a heading. */
export function ruleTitle(id: TStatutoryRuleId): string {
  const w = ruleInWords(id);
  return w.charAt(0).toUpperCase() + w.slice(1);
}
