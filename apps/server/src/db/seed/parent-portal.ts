/**
 * The demo parent's portal (PAR-1, LAW-12): the second child has a signed-off incident in which physical intervention
 * was used, the parent's copy of its record sent to both parents (the PDF kept, as the send does), and an active plan
 * the school shares with parents, waiting for the parent's acknowledgement; the first child's active plan is shared
 * too (already acknowledged in person); the children's points and positive notes come from the school year's activity.
 */
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays, londonIsoDate } from '../../core/calendar/dates.ts';
import { renderPdf } from '../../core/pdf/pdf.ts';
import * as schema from '../schema/index.ts';
import type { PlanContent } from '../schema/plans.ts';
import type { DemoTables } from './types.ts';
import type { DemoRefs } from './generator.ts';

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00Z`);

export async function seedDemoParentPortal(tx: Tx, t: DemoTables, refs: DemoRefs): Promise<void> {
  const [childA, childB] = refs.parentChildIds;
  const site = refs.siteIds[0]!;
  const lead = refs.demoUserIds.behaviour_lead;
  const head = refs.demoUserIds.head;
  const pupilB = t.pupils.find((p) => p.id === childB)!;
  const nameB = `${pupilB.preferredForename ?? pupilB.legalForename} ${pupilB.preferredSurname ?? pupilB.legalSurname}`;
  const family = t.pupilContacts.filter((c) => c.pupilId === childB && c.parentalResponsibility !== false)
    .map((c) => t.contacts.find((x) => x.id === c.contactId)!).filter(Boolean);
  const category = t.behaviourCategories.find((c) => !c.siteId && c.polarity === 'negative' && (c.severity ?? 0) >= 3)
    ?? t.behaviourCategories.find((c) => c.polarity === 'negative')!;
  const location = t.policyOptions.find((o) => !o.siteId && o.kind === 'location');
  const technique = t.policyOptions.find((o) => !o.siteId && o.kind === 'technique');
  const leadStaff = t.staffMembers.find((s) => s.userId === lead)!;

  // the incident, signed off three school days ago
  const day = addDays(refs.today, -3);
  const occurredAt = at(day, '10:15');
  const id = uuidv7();
  const pi = {
    id: uuidv7(), incidentId: id, trustId: refs.trustId, siteId: site, pupilId: childB!, kind: 'restraint_without_contact', pupilSenStatus: pupilB.senStatus ?? 'none',
    startedAt: occurredAt, endedAt: at(day, '10:19'), durationMinutes: 4,
    staffTechniques: [{ staffId: leadStaff.id, techniqueCodes: technique ? [technique.code] : [] }],
    reason: 'Running towards the school gate and the main road', deescalationTried: 'Calm voice, offered the quiet room, gave time',
    pupilInjured: false, staffInjured: false, medicalAttention: 'None needed', supportOffered: 'Quiet time with a trusted adult, then back to class after break',
    pupilDebriefAt: at(day, '13:30'), pupilDebriefBy: leadStaff.id, staffDebriefAt: at(day, '15:45'), staffDebriefBy: leadStaff.id,
    parentInformedAt: at(day, '12:00'), parentInformedHow: 'phone', parentInformedBy: leadStaff.id,
  };
  const row = {
    id, trustId: refs.trustId, siteId: site, status: 'signed_off', occurredAt, occurredOn: londonIsoDate(occurredAt), locationCode: location?.code ?? null,
    severity: 3, categoryCodes: [category.code], antecedent: 'Asked to come in from the playground at the end of break',
    behaviour: `${pupilB.preferredForename ?? pupilB.legalForename} ran towards the school gate and would not stop when asked.`,
    consequence: 'Guided back inside; quiet time before returning to class', actionCodes: [], customValues: {},
    physicalIntervention: true, serious: true, version: 3, createdBy: lead, createdAt: at(day, '10:40'), updatedAt: at(day, '14:00'),
    firstSubmittedAt: at(day, '11:00'), submittedAt: at(day, '11:00'), signedOffAt: at(day, '14:00'), signedOffBy: head,
  };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const snap = (status: string) => ({
    siteId: site, status, voided: false, voidReason: null, occurredAt: iso(occurredAt), locationCode: row.locationCode, periodCode: null, severity: 3,
    categoryCodes: row.categoryCodes, pupils: [{ pupilId: childB, role: 'instigator', name: nameB }],
    staff: [{ staffId: leadStaff.id, role: 'involved', name: `${leadStaff.forename} ${leadStaff.surname}` }], antecedent: row.antecedent, behaviour: row.behaviour,
    consequence: row.consequence, motivationCode: null, actionCodes: [], dfeReasonCode: null, formVersionId: null, customValues: {}, physicalIntervention: true,
    physicalInterventions: [{ ...pi, id: undefined, incidentId: undefined, trustId: undefined, siteId: undefined, startedAt: iso(pi.startedAt), endedAt: iso(pi.endedAt),
      pupilDebriefAt: iso(pi.pupilDebriefAt), staffDebriefAt: iso(pi.staffDebriefAt), parentInformedAt: iso(pi.parentInformedAt), injuryNotes: null, bodyMap: [] }],
  });
  await tx.insert(schema.incidents).values(row);
  await tx.insert(schema.incidentPupils).values({ incidentId: id, pupilId: childB!, trustId: refs.trustId, role: 'instigator' });
  await tx.insert(schema.incidentStaff).values({ incidentId: id, staffId: leadStaff.id, trustId: refs.trustId, role: 'involved' });
  await tx.insert(schema.physicalInterventions).values(pi);
  await tx.insert(schema.incidentVersions).values([
    { id: uuidv7(), incidentId: id, trustId: refs.trustId, version: 1, change: 'create', snapshot: snap('draft'), changedBy: lead, changedAt: row.createdAt },
    { id: uuidv7(), incidentId: id, trustId: refs.trustId, version: 2, change: 'submit', snapshot: snap('submitted'), changedBy: lead, changedAt: row.submittedAt },
    { id: uuidv7(), incidentId: id, trustId: refs.trustId, version: 3, change: 'sign_off', snapshot: snap('signed_off'), changedBy: head, changedAt: row.signedOffAt },
  ]);

  // the parent's copy, sent the next day to both parents (emailed to the one with an address, posted to the other)
  const sentAt = at(addDays(day, 1), '09:30');
  const commIds: string[] = [];
  for (const c of family) {
    const who = [c.title, c.forename, c.surname].filter(Boolean).join(' ');
    const pdf = await renderPdf({ info: { title: `Record of physical intervention: ${nameB}` }, content: [
      { text: 'Record of the use of force, restraint or seclusion', fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      { text: `Dear ${who},`, margin: [0, 0, 0, 8] },
      { text: `This is the school's record of the physical intervention used with ${nameB} on ${day.split('-').reverse().join('/')}, sent to you as the 2025 regulations require.`, margin: [0, 0, 0, 8] },
      { table: { widths: [150, '*'], body: [
        ['When', `${day.split('-').reverse().join('/')}, from 10:15 to 10:19 (4 minutes)`], ['Where', location?.label ?? 'At school'],
        ['What was used', `Restraint without physical contact${technique ? ` (${technique.label})` : ''}`], ['Why', pi.reason], ['What was tried first', pi.deescalationTried],
        ['Injuries', 'No one was injured'], ['Support afterwards', pi.supportOffered],
      ] }, layout: 'lightHorizontalLines' },
    ] });
    const fileId = uuidv7();
    await tx.insert(schema.communicationAttachments).values({ id: fileId, trustId: refs.trustId, siteId: site, filename: `record-of-restraint-${nameB.replace(/\s+/g, '-')}-${day}.pdf`,
      contentType: 'application/pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex'), data: pdf });
    const commId = uuidv7();
    const byEmail = !!c.email && c.preferredContact !== 'letter';
    await tx.insert(schema.communications).values({ id: commId, trustId: refs.trustId, siteId: site, pupilId: childB!, recordType: 'incident', recordId: id, recipientKind: 'parent',
      contactId: c.id, recipientName: who, recipientEmail: c.email ?? null, channel: byEmail ? 'email' : 'by_hand', subject: `Record of physical intervention: ${nameB}`,
      body: `Dear ${who},\n\nPlease find attached a copy of the school's record of the physical intervention used with ${nameB}.`, attachmentId: fileId,
      status: 'sent', sentAt, sentBy: byEmail ? null : lead, createdBy: lead, createdAt: sentAt });
    commIds.push(commId);
  }
  await tx.insert(schema.parentCopies).values({ id: uuidv7(), trustId: refs.trustId, siteId: site, incidentId: id, pupilId: childB!, action: 'sent', communicationIds: commIds,
    decidedBy: lead, decidedAt: sentAt });

  // a plan for the second child, shared with parents and not yet acknowledged; the first child's active plan is shared too
  const content: PlanContent = {
    aboutStrengths: 'Loves drawing and building; kind to younger pupils', aboutInterests: 'Lego, trains, football', aboutCommunication: 'Short, clear sentences; time to answer',
    perceivedFunction: 'Escaping demands that feel too hard, especially after break', triggers: ['The end of break', 'Unexpected changes to the timetable'],
    earlyWarningSigns: ['Goes quiet', 'Moves towards the door'], proactiveStrategies: ['A five-minute warning before break ends', 'A visual timetable on the desk'],
    deescalationStrategies: ['Calm voice, few words', 'Offer the quiet room'], whatToAvoid: ['Crowding', 'Raised voices'],
    reactiveStrategies: 'Keep the gate shut; one adult follows at a distance and talks calmly', approvedHolds: [], recoverySupport: 'Quiet time, a drink, then a short chat',
    targets: ['Come in from break with the class', 'Ask for a break using the card'], pupilVoice: 'I like it when I know what is next.', parentVoice: '',
    ownerUserId: lead, reviewDate: addDays(refs.today, 60),
  };
  const planId = uuidv7();
  const written = at(addDays(day, 1), '15:00');
  const activated = at(addDays(day, 2), '09:00');
  await tx.insert(schema.behaviourSupportPlans).values({ id: planId, trustId: refs.trustId, siteId: site, pupilId: childB!, status: 'active', ...content, wording: {},
    activatedBy: lead, activatedAt: activated, version: 2, createdBy: lead, createdAt: written, updatedBy: lead, updatedAt: activated,
    shareableWithParents: true, sharedWithParentsAt: activated });
  await tx.insert(schema.behaviourSupportPlanVersions).values([
    { id: uuidv7(), planId, trustId: refs.trustId, pupilId: childB!, version: 1, status: 'draft', content, event: 'created', savedBy: lead, savedAt: written },
    { id: uuidv7(), planId, trustId: refs.trustId, pupilId: childB!, version: 2, status: 'active', content, event: 'activated', savedBy: lead, savedAt: activated },
  ]);
  await tx.update(schema.behaviourSupportPlans).set({ shareableWithParents: true, sharedWithParentsAt: activated })
    .where(and(eq(schema.behaviourSupportPlans.pupilId, childA!), eq(schema.behaviourSupportPlans.status, 'active')));
}
