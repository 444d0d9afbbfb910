/** Date helpers for the sanctions pages (formatting re-exported so a page imports from one place). */
export { formatDate, yearGroupLabel } from '../../lib/format';

export function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
