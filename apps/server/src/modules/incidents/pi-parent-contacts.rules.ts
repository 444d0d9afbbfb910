/**
 * "Parent told" is entered once, on the incident form (each physical intervention's parent informed: when, how, by
 * whom), and feeds the incident's parent contact log: one log entry per intervention, kept in step with the form as
 * it is saved (record type 'physical_intervention', record id the intervention's id). This decides, without I/O, which
 * entries to add, change or remove.
 */
export interface PiParentFacts {
  id: string;
  pupilId: string | null;
  parentInformedAt: string | null;
  parentInformedHow: string | null;
}
export interface FormContact { id: string; recordId: string; pupilId: string; contactedAt: string; method: string }
export interface ContactWant { recordId: string; pupilId: string; contactedAt: string; method: string }

export const PI_CONTACT_RECORD = 'physical_intervention';
export const PI_CONTACT_SUMMARY = 'Told about the physical intervention (recorded on the incident form).';

/** An intervention says the parent was told when it has the pupil, the time and how. */
export function wantedContacts(pis: readonly PiParentFacts[]): ContactWant[] {
  return pis.flatMap((p) => (p.pupilId && p.parentInformedAt && p.parentInformedHow
    ? [{ recordId: p.id, pupilId: p.pupilId, contactedAt: p.parentInformedAt, method: p.parentInformedHow }] : []));
}

export interface ContactPlan { insert: ContactWant[]; update: Array<ContactWant & { id: string }>; remove: FormContact[] }

/** What to write so the log holds exactly one entry per intervention whose parent was told, as the form says now. */
export function planContacts(want: readonly ContactWant[], have: readonly FormContact[]): ContactPlan {
  const byRecord = new Map(have.map((c) => [c.recordId, c]));
  const plan: ContactPlan = { insert: [], update: [], remove: [] };
  for (const w of want) {
    const c = byRecord.get(w.recordId);
    if (!c) plan.insert.push(w);
    else if (c.pupilId !== w.pupilId || Date.parse(c.contactedAt) !== Date.parse(w.contactedAt) || c.method !== w.method) plan.update.push({ ...w, id: c.id });
  }
  const wanted = new Set(want.map((w) => w.recordId));
  plan.remove = have.filter((c) => !wanted.has(c.recordId));
  return plan;
}
