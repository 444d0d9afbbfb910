/**
 * An incident as a PDF (issue 13 #8, printing like CPOMS): every section as the record holds it, with the site's
 * names for its codes — when and where, pupils and staff with their roles, severity and categories, what happened
 * before, during and after, actions, the school's own questions, each physical intervention in plain words (the same
 * facts as the parent's copy, plus debriefs and when the parent was told), and where the review stands. Anyone who
 * may open the incident may print it; the print is audited (special category when it has a physical intervention).
 * Rendered by core/pdf (pdfmake).
 */
import { sql } from 'drizzle-orm';
import { CERTIFICATE_PROBLEM_LABELS, INCIDENT_STATUS_LABELS, type TCertificateFlag } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import type { Actor } from '../../core/policy/policy.ts';
import type { CustomValue, CustomField } from './incidents.rules.ts';
import type { IncidentState, PiState } from './incidents.model.ts';
import { loadLookups } from './incidents.lookups.repo.ts';
import { rowsOf } from './incidents.repo.ts';
import { visibleIncident } from './incidents.service.ts';
import { clock, copyFacts, longDay, type CopyNames } from './parent-copy.rules.ts';

const PUPIL_ROLES: Record<string, string> = { involved: 'Involved', instigator: 'Instigator', affected: 'Affected', witness: 'Witness' };
const STAFF_ROLES: Record<string, string> = { involved: 'Involved', witness: 'Witness' };
const NONE = 'Not recorded';

const when = (iso: string | null) => (iso ? `${longDay(iso)}, ${clock(iso)}` : NONE);

export function customAnswer(field: CustomField, value: CustomValue | undefined): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field.type === 'date' && /^\d{4}-\d\d-\d\d$/.test(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  return value;
}

/** The categories' names as the site calls them (the site's own before the trust's), in the record's order. */
async function categoryNames(db: Executor, s: IncidentState): Promise<string[]> {
  if (!s.categoryCodes.length) return [];
  const r = rowsOf<{ code: string; name: string }>(await db.execute(sql`select distinct on (code) code, name from behaviour_categories
    where trust_id = ${s.trustId}::uuid and (site_id is null or site_id = ${s.siteId}::uuid)
      and code in (select jsonb_array_elements_text(${JSON.stringify(s.categoryCodes)}::jsonb)) order by code, site_id nulls last`));
  const names = new Map(r.map((x) => [x.code, x.name]));
  return s.categoryCodes.map((c) => names.get(c) ?? c);
}

const facts = (rows: [string, string][]): Content => ({
  table: { widths: [150, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, { text: v }]) },
  layout: 'lightHorizontalLines',
});

/** STF-2: each hold used without a valid certificate on the day, as the incident page shows it. */
function certificateText(flags: readonly TCertificateFlag[], techniques: ReadonlyMap<string, string>): string {
  if (!flags.length) return 'Every hold named was covered by a valid certificate on the day';
  return flags.map((f) => `${f.staffName}, ${techniques.get(f.techniqueCode) ?? f.techniqueCode}: ${CERTIFICATE_PROBLEM_LABELS[f.problem]}`
    + `${f.expiredOn ? ` (expired ${f.expiredOn.slice(8, 10)}/${f.expiredOn.slice(5, 7)}/${f.expiredOn.slice(0, 4)})` : ''}`).join('; ');
}

function piRows(pi: PiState, names: CopyNames, pupilName: string, flags: readonly TCertificateFlag[]): [string, string][] {
  const staff = (id: string | null) => (id ? names.staff.get(id) ?? 'A member of staff' : null);
  const debrief = (at: string | null, by: string | null) => (at ? `${when(at)}${staff(by) ? `, by ${staff(by)}` : ''}` : NONE);
  return [
    ['Pupil', pupilName],
    ...copyFacts(pi, names),
    ['Pupil debrief', debrief(pi.pupilDebriefAt, pi.pupilDebriefBy)],
    ['Staff debrief', debrief(pi.staffDebriefAt, pi.staffDebriefBy)],
    ['Parent told', pi.parentInformedAt ? `${when(pi.parentInformedAt)}${pi.parentInformedHow ? ` (${pi.parentInformedHow.replace(/_/g, ' ')})` : ''}${staff(pi.parentInformedBy) ? `, by ${staff(pi.parentInformedBy)}` : ''}` : NONE],
    ['Body map marks', pi.bodyMap.length ? pi.bodyMap.map((m) => `${m.person === 'staff' ? 'Staff' : 'Pupil'}, ${m.side}${m.note ? `: ${m.note}` : ''}`).join('; ') : 'None'],
    ...(pi.staffTechniques.length ? [['Staff certificates', certificateText(flags.filter((f) => f.physicalInterventionId === pi.id), names.techniques)] as [string, string]] : []),
  ];
}

export async function renderIncidentPdf(db: Executor, s: IncidentState, printedBy: string, now = new Date()): Promise<Buffer> {
  const techniqueCodes = [...new Set(s.physicalInterventions.flatMap((p) => p.staffTechniques.flatMap((t) => t.techniqueCodes)))];
  const staffIds = [...new Set(s.physicalInterventions.flatMap((p) => [...p.staffTechniques.map((t) => t.staffId), p.pupilDebriefBy, p.staffDebriefBy, p.parentInformedBy])
    .filter((x): x is string => !!x))];
  const codes = [s.locationCode, s.periodCode, s.motivationCode, ...s.actionCodes, ...techniqueCodes].filter((x): x is string => !!x);
  const lk = await loadLookups(db, { trustId: s.trustId, siteId: s.siteId, optionKinds: ['location', 'period', 'motivation', 'action', 'technique'],
    optionCodes: codes, categoryCodes: [], currentForm: false, pupilIds: [], staffIds });
  const label = (kind: string, code: string | null) => (code ? lk.options.get(kind)?.get(code)?.label ?? code : NONE);
  const names: CopyNames = {
    location: s.locationCode ? label('location', s.locationCode) : null,
    techniques: new Map(techniqueCodes.map((c) => [c, label('technique', c)])),
    staff: new Map([...s.staff.map((m) => [m.staffId, m.name] as const), ...[...lk.staff].map(([id, m]) => [id, m.name] as const)]),
  };
  const school = lk.siteName ?? s.siteName;
  const title = `Incident record${s.occurredAt ? `: ${longDay(s.occurredAt)}` : ''}`;
  const pupilName = (id: string | null) => s.pupils.find((p) => p.pupilId === id)?.displayName ?? 'A pupil';
  const review: [string, string][] = [
    ['Status', `${INCIDENT_STATUS_LABELS[s.status]}${s.voidedAt ? ' (voided)' : ''}`],
    ['Recorded by', `${s.createdByName}, ${when(s.createdAt)}`],
    ['Submitted', when(s.firstSubmittedAt)],
    ['Signed off', s.signedOffAt ? `${when(s.signedOffAt)}${s.signedOffByName ? ` by ${s.signedOffByName}` : ''}` : 'Not yet'],
    ...(s.voidedAt ? [['Voided', `${when(s.voidedAt)}: ${s.voidReason ?? ''}`] as [string, string]] : []),
    ['Version', `${s.version}, last changed ${when(s.updatedAt)}`],
  ];
  const content: Content[] = [
    { text: school, style: 'h2', margin: [0, 0, 0, 2] },
    { text: title, style: 'h1' },
    facts([
      ['When', when(s.occurredAt)],
      ['Where', label('location', s.locationCode)],
      ['Lesson or period', label('period', s.periodCode)],
      ['Severity', s.severity === null ? NONE : String(s.severity)],
      ['Categories', (await categoryNames(db, s)).join(', ') || NONE],
      ['Pupils', s.pupils.map((p) => `${p.displayName} (Year ${p.yearGroup}, ${PUPIL_ROLES[p.role] ?? p.role})`).join('; ') || NONE],
      ['Staff', s.staff.map((m) => `${m.name} (${STAFF_ROLES[m.role] ?? m.role})`).join('; ') || NONE],
      ...(s.visit ? [['Off-site visit', s.visit.purpose] as [string, string]] : []),
    ]),
    { text: 'What happened before', style: 'h2' }, { text: s.antecedent ?? NONE },
    { text: 'What happened', style: 'h2' }, { text: s.behaviour ?? NONE },
    { text: 'What happened after', style: 'h2' }, { text: s.consequence ?? NONE },
    { text: 'Perceived motivation and actions', style: 'h2' },
    facts([
      ['Perceived motivation', label('motivation', s.motivationCode)],
      ['Actions taken', s.actionCodes.map((c) => label('action', c)).join(', ') || 'None'],
    ]),
    ...(s.customFields.length ? [{ text: "The school's own questions", style: 'h2' } as Content, facts(s.customFields.map((f) => [f.label, customAnswer(f, s.customValues[f.key])]))] : []),
    ...(s.physicalIntervention ? s.physicalInterventions.flatMap((pi, n): Content[] => [
      { text: s.physicalInterventions.length > 1 ? `Physical intervention ${n + 1}` : 'Physical intervention', style: 'h2' },
      facts(piRows(pi, names, pupilName(pi.pupilId), s.certificateFlags)),
    ]) : []),
    { text: 'Review', style: 'h2' },
    facts(review),
    { text: `Printed ${when(now.toISOString())} by ${printedBy}. Confidential: a pupil record.`, style: 'small', margin: [0, 16, 0, 0] },
  ];
  return renderPdf({ content, info: { title, subject: title } });
}

/** The PDF, for anyone who may open the incident (else 404); the print is audited, as special category with a physical intervention. */
export async function printIncident(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<{ pdf: Buffer; filename: string }> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const s = await visibleIncident(tx, actor, id);
    const pdf = await renderIncidentPdf(tx, s, actor.displayName);
    audit.record({ action: 'incident.print', entityType: 'incident', entityId: s.id, siteId: s.siteId,
      details: s.physicalIntervention ? { specialCategory: true, physicalIntervention: true } : {} });
    const day = (s.occurredAt ?? s.createdAt).slice(0, 10);
    return { pdf, filename: `incident-${day}-${s.id.slice(-8)}.pdf` };
  });
}
