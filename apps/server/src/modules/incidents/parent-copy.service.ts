/**
 * LAW-12: the parent's copy of the record of a physical intervention, per pupil of an incident. Preview (the PDF made
 * from the record), send (queued through the communications log to the contacts with parental responsibility:
 * emailed when SMTP is configured, else to send by hand) and withhold (with a reason the regulations allow and an
 * explanation). Only the leads and the head of the incident's site (core/policy: restraint.parent_copy); every
 * action, and every preview (injuries are health data), is audited in its transaction.
 */
import { uuidv7 } from 'uuidv7';
import { ROLE_LABELS, type TParentCopy, type TParentCopyWithholdReason, type TRole } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, rolesAt, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import { parentsOf, queueToParents, sendAfterCommit, type Person } from '../../core/comms/comms.ts';
import type { MailLog } from '../../core/mail/outbox.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { IncidentState, PiState } from './incidents.model.ts';
import { accessFacts } from './incidents.presenter.ts';
import { missingFields } from './incidents.rules.ts';
import { loadLookups } from './incidents.lookups.repo.ts';
import { invalid, visibleIncident } from './incidents.service.ts';
import * as repo from './parent-copy.repo.ts';
import { copyLetterMaker } from './parent-copy.letter.ts';
import { peopleOf } from '../letters/letters.send.ts';
import { salutation } from '../letters/letters.rules.ts';
import { copyOutstanding, copyProblems, copyState, withholdProblem, type CopyDecision } from './parent-copy.rules.ts';

const ENTITY = 'incident';
/** The communications log files each copy under the incident, with the pupil named on the row. */
export const COPY_RECORD_TYPE = 'incident';

/** The incident, if the caller may see it (else 404) and decide about copies at its site (else 403). */
async function copyIncident(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<IncidentState> {
  const s = await visibleIncident(db, actor, id, forUpdate);
  if (!can(actor, 'restraint.parent_copy', accessFacts(s))) {
    throw forbidden("Only the school's behaviour leads and headteacher can send or withhold a parent's copy of the record.");
  }
  return s;
}

/** The pupil's interventions in this incident, with their positions (completeness names fields by position). */
function pisOf(s: IncidentState, pupilId: string): { pis: PiState[]; indices: Set<number> } {
  if (s.voidedAt) throw conflict('This incident has been voided, so there is no record to give a copy of.');
  const indices = new Set<number>();
  s.physicalInterventions.forEach((pi, n) => { if (s.physicalIntervention && pi.pupilId === pupilId) indices.add(n); });
  if (!indices.size) throw fieldError('pupilId', 'No physical intervention with this pupil is recorded on this incident');
  return { pis: s.physicalInterventions.filter((_, n) => indices.has(n)), indices };
}

function senderRole(actor: Actor, siteId: string): string {
  const roles = rolesAt(actor, siteId);
  const role = (['head', 'cluster_lead', 'behaviour_lead'] as TRole[]).find((r) => roles.includes(r));
  return role ? ROLE_LABELS[role] : 'For the school';
}

async function buildLetter(deps: Deps, db: Executor, actor: Actor, s: IncidentState, pupilId: string, pis: PiState[]) {
  const pupil = await repo.pupilFacts(db, s.trustId, pupilId);
  if (!pupil) throw fieldError('pupilId', 'No such pupil');
  const techniqueCodes = [...new Set(pis.flatMap((p) => p.staffTechniques.flatMap((t) => t.techniqueCodes)))];
  const staffIds = [...new Set(pis.flatMap((p) => p.staffTechniques.map((t) => t.staffId)))];
  const lk = await loadLookups(db, { trustId: s.trustId, siteId: s.siteId, optionKinds: ['location', 'technique'],
    optionCodes: [...techniqueCodes, ...(s.locationCode ? [s.locationCode] : [])], categoryCodes: [], currentForm: false, pupilIds: [], staffIds });
  const label = (kind: string, code: string) => lk.options.get(kind)?.get(code)?.label ?? code;
  const parents = await parentsOf(db, pupilId);
  const name = displayName(pupil);
  const maker = await copyLetterMaker(deps, db, {
    trustId: s.trustId, siteId: s.siteId, today: new Date().toISOString(), beforehand: s.antecedent, pis,
    pupil: { firstName: pupil.preferredForename ?? pupil.legalForename, lastName: pupil.preferredSurname ?? pupil.legalSurname, fullName: name, yearGroup: pupil.yearGroup },
    names: { location: s.locationCode ? label('location', s.locationCode) : null,
      techniques: new Map(techniqueCodes.map((c) => [c, label('technique', c)])), staff: new Map([...lk.staff].map(([id, m]) => [id, m.name])) },
    senderName: actor.displayName, senderRole: senderRole(actor, s.siteId),
  });
  const day = pis.map((p) => p.startedAt).filter((x): x is string => x !== null).sort()[0]?.slice(0, 10) ?? londonToday();
  const safe = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { maker, pupil, name, parents, filename: `record-of-restraint-${safe}-${day}.pdf`, schoolName: maker.schoolName || (lk.siteName ?? s.siteName) };
}

/** The copy for each pupil with a physical intervention on the incident, with where it stands. */
async function copiesOf(db: Executor, s: IncidentState, now = new Date()): Promise<TParentCopy[]> {
  const decisions = await repo.decisionsOf(db, s.id);
  const comms = await repo.communicationsByIds(db, decisions.flatMap((d) => d.communicationIds));
  const pupilIds = [...new Set(s.physicalIntervention ? s.physicalInterventions.map((p) => p.pupilId).filter((x): x is string => x !== null) : [])];
  const allowed = s.voidedAt ? [] : ['preview', 'send', 'withhold'];
  return pupilIds.map((pupilId) => {
    const mine: CopyDecision[] = decisions.filter((d) => d.pupilId === pupilId);
    const st = copyState(mine, comms);
    const pis = s.physicalInterventions.filter((p) => p.pupilId === pupilId);
    return {
      pupilId, pupilName: s.pupils.find((p) => p.pupilId === pupilId)?.displayName ?? 'A pupil no longer on the incident',
      status: st.status, decidedAt: st.latest?.decidedAt ?? null,
      decidedBy: st.latest ? { id: st.latest.decidedBy, name: st.latest.decidedByName } : null, givenAt: st.givenAt,
      withholdReason: st.latest?.action === 'withheld' ? st.latest.withholdReason : null,
      withholdExplanation: st.latest?.action === 'withheld' ? st.latest.explanation : null,
      recipients: st.recipients.map((r) => ({ communicationId: r.id, name: r.recipientName, channel: r.channel, status: r.status })),
      outstanding: !s.voidedAt && copyOutstanding(pis, st, now),
      allowed: st.status === 'withheld' || st.latest?.action === 'sent' ? allowed.filter((a) => a !== 'withhold') : allowed,
    };
  });
}

export async function listCopies(deps: Deps, actor: Actor, id: string): Promise<{ items: TParentCopy[] }> {
  const db = deps.database.db;
  const s = await copyIncident(db, actor, id);
  return { items: await copiesOf(db, s) };
}

/** The PDF as it would be sent: reading it is a read of health data (injuries), so it is audited. */
export async function previewCopy(deps: Deps, actor: Actor, ctx: AuditContext, id: string, pupilId: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const s = await copyIncident(tx, actor, id);
    const { pis } = pisOf(s, pupilId);
    const l = await buildLetter(deps, tx, actor, s, pupilId, pis);
    const pdf = await l.maker.pdf(peopleOf(l.parents));
    audit.record({ action: 'incident.parent_copy.preview', entityType: ENTITY, entityId: s.id, siteId: s.siteId, details: { pupilId, specialCategory: true } });
    return { pdf, filename: l.filename };
  });
}

export async function sendCopy(deps: Deps, actor: Actor, ctx: AuditContext, id: string, pupilId: string, log?: MailLog): Promise<{ items: TParentCopy[] }> {
  const { result, commIds } = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const s = await copyIncident(tx, actor, id, true);
    const { pis, indices } = pisOf(s, pupilId);
    const problems = copyProblems(missingFields(s, 'signOff', s.customFields), indices);
    if (problems.length) throw invalid(problems);
    const l = await buildLetter(deps, tx, actor, s, pupilId, pis);
    if (!l.parents.length) {
      throw conflict(`No parent or carer with parental responsibility is recorded for ${l.name}. Add one to the pupil's contacts in the school's information system, then send the copy.`);
    }
    const subject = l.maker.subject(peopleOf(l.parents));
    const covering = (to: Person[]) => `${salutation(to)},\n\nPlease find attached a copy of the school's record of the use of force, restraint or seclusion with ${l.name}: when and where it happened, how long it lasted, the kind and degree of force used, why it was necessary, any injuries, and the support offered afterwards.\n\nPlease contact the school if you would like to talk about it.\n\n${actor.displayName}\n${senderRole(actor, s.siteId)}, ${l.schoolName}`;
    const commIds = await queueToParents(tx, deps, { trustId: s.trustId, siteId: s.siteId, pupilId, record: { type: COPY_RECORD_TYPE, id: s.id },
      subject, text: covering(peopleOf(l.parents)), createdBy: actor.userId,
      personalise: async (r) => {
        const to = r.person ? [r.person] : [];
        return { text: covering(to), attachment: { filename: l.filename, contentType: 'application/pdf', data: await l.maker.pdf(to) } };
      } });
    await repo.recordDecision(tx, { id: uuidv7(), trustId: s.trustId, siteId: s.siteId, incidentId: s.id, pupilId, action: 'sent',
      communicationIds: commIds, decidedBy: actor.userId });
    audit.record({ action: 'incident.parent_copy.send', entityType: ENTITY, entityId: s.id, siteId: s.siteId,
      details: { pupilId, recipients: commIds.length, communicationIds: commIds } });
    return { result: { items: await copiesOf(tx, s) }, commIds };
  });
  sendAfterCommit(deps, commIds, log);
  return result;
}

export async function withholdCopy(deps: Deps, actor: Actor, ctx: AuditContext, id: string,
  b: { pupilId: string; reason: TParentCopyWithholdReason; explanation: string }): Promise<{ items: TParentCopy[] }> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const s = await copyIncident(tx, actor, id, true);
    pisOf(s, b.pupilId);
    const pupil = await repo.pupilFacts(tx, s.trustId, b.pupilId);
    if (!pupil) throw fieldError('pupilId', 'No such pupil');
    const problem = withholdProblem(b.reason, pupil.dateOfBirth, londonToday());
    if (problem) throw fieldError('reason', problem);
    const mine = (await repo.decisionsOf(tx, s.id)).filter((d) => d.pupilId === b.pupilId);
    const latest = mine.at(-1);
    if (latest?.action === 'withheld') throw conflict('The copy for this pupil has already been withheld.');
    if (latest?.action === 'sent') throw conflict('A copy has already been sent to the parents, so it can no longer be withheld.');
    await repo.recordDecision(tx, { id: uuidv7(), trustId: s.trustId, siteId: s.siteId, incidentId: s.id, pupilId: b.pupilId, action: 'withheld',
      withholdReason: b.reason, explanation: b.explanation, decidedBy: actor.userId });
    // the explanation may say why the pupil is at risk: the audit names the decision and its reason only
    audit.record({ action: 'incident.parent_copy.withhold', entityType: ENTITY, entityId: s.id, siteId: s.siteId,
      details: { pupilId: b.pupilId, reason: b.reason } });
    return { items: await copiesOf(tx, s) };
  });
}
