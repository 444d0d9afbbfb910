/** Labels of the safeguarding pages (from the shared contracts, so the API and the app never disagree). */
import {
  SAFEGUARDING_CATEGORY_LABELS, SAFEGUARDING_STATUS_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES,
  type TSafeguardingCategory, type TSafeguardingStatus, type TTriageOutcome,
} from '@haven/contracts';

export const categoryLabel = (c: TSafeguardingCategory): string => SAFEGUARDING_CATEGORY_LABELS[c] ?? c;
export const statusLabel = (s: TSafeguardingStatus): string => SAFEGUARDING_STATUS_LABELS[s] ?? s;
/** A recorded outcome: its label, or the text itself for records imported with free-text outcomes. */
export const outcomeLabel = (o: string): string => (TRIAGE_OUTCOMES as readonly string[]).includes(o) ? TRIAGE_OUTCOME_LABELS[o as TTriageOutcome] : o;
/** Filled badge colours dark (or light, with dark text via autoContrast) enough for 4.5:1 contrast at badge size. */
export const STATUS_COLOURS: Record<TSafeguardingStatus, string> = { new: 'red.9', triaged: 'blue.9', referred: 'yellow.4', closed: 'gray.7' };
