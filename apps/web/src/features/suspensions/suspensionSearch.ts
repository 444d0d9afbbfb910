/** URL state of the issue form: the pupil it starts with, or the exclusion a new linked one follows (LAW-9). */
import { uuid } from '../../lib/search';

export function parseIssueSearch(s: Record<string, unknown>): { pupilId?: string; previous?: string } {
  return { pupilId: uuid(s.pupilId), previous: uuid(s.previous) };
}
