/**
 * The codes and words of behaviour.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; behaviour.ts builds its schemas from these.
 */
/**
 * Every kind of record the chronology (SUP-6) brings together: quick points and incidents with their own detail, and
 * the other kinds as one shape (ZChronologyRecord). The DSL's sealed safeguarding chronology is separate and never here.
 */
export const CHRONOLOGY_KINDS = ['event', 'incident', 'detention', 'isolation', 'suspension', 'placement', 'contact', 'letter', 'plan', 'risk_assessment', 'intervention', 'meeting', 'referral', 'visit'] as const;
export type TChronologyKind = (typeof CHRONOLOGY_KINDS)[number];

export const CHRONOLOGY_KIND_LABELS: Record<TChronologyKind, string> = {
  event: 'Points', incident: 'Incidents', detention: 'Detentions', isolation: 'Isolation', suspension: 'Suspensions and exclusions',
  placement: 'Placements', contact: 'Parent contacts', letter: 'Letters and emails', plan: 'Behaviour support plans',
  risk_assessment: 'Risk assessments', intervention: 'Support interventions', meeting: 'Meetings', referral: 'Referrals', visit: 'Off-site visits',
};
