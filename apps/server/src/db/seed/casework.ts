/**
 * Demo casework (SUP-4, SUP-5): the trust's agencies with contacts, referrals at each site (one overdue, one
 * answered, one on a waiting list), professional reports received, and a multi-agency meeting whose agreed actions
 * are tasks for their owners.
 */
import { addDays } from '../../core/calendar/calendar.ts';
import type { Tx } from '../../core/db/client.ts';
import * as schema from '../schema/index.ts';
import { IdFactory, Rng } from './prng.ts';
import type { DemoRefs } from './generator.ts';
import type { DemoTables } from './types.ts';
import { bulkInsert } from './bulk-insert.ts';

const AGENCIES = [
  { kind: 'camhs', name: 'Westmoor CAMHS', email: 'camhs.referrals@westmoor-nhs.example.org', phone: '01632 960101', contacts: [['Dr Priya Nair', 'Clinical psychologist'], ['Sam Okafor', 'Primary mental health worker']] },
  { kind: 'social_care', name: "Westmoor Children's Services", email: 'front.door@westmoor.example.gov.uk', phone: '01632 960202', contacts: [['Ama Owusu', 'Social worker']] },
  { kind: 'educational_psychology', name: 'Westmoor Educational Psychology Service', email: 'eps@westmoor.example.gov.uk', phone: '01632 960303', contacts: [['Dr Helen Marsh', 'Educational psychologist']] },
  { kind: 'behaviour_support', name: 'Westmoor Behaviour Support Service', email: 'bss@westmoor.example.gov.uk', phone: '01632 960404', contacts: [['Gareth Pryce', 'Behaviour support teacher']] },
  { kind: 'youth_justice', name: 'Westmoor Youth Justice Service', email: 'yjs@westmoor.example.gov.uk', phone: '01632 960505', contacts: [['Lena Fischer', 'Case manager']] },
  { kind: 'early_help', name: 'Westmoor Early Help', email: 'earlyhelp@westmoor.example.gov.uk', phone: '01632 960606', contacts: [['Tom Ellis', 'Family support worker']] },
] as const;

export async function seedDemoCasework(tx: Tx, t: DemoTables, refs: DemoRefs, seed = 2026): Promise<void> {
  const ids = new IdFactory(new Rng(seed).fork('casework'));
  const agencies: (typeof schema.agencies.$inferInsert)[] = [];
  const contacts: (typeof schema.agencyContacts.$inferInsert)[] = [];
  for (const a of AGENCIES) {
    const id = ids.next();
    agencies.push({ id, trustId: refs.trustId, kind: a.kind, name: a.name, email: a.email, phone: a.phone });
    for (const [name, role] of a.contacts) contacts.push({ id: ids.next(), trustId: refs.trustId, agencyId: id, name, role, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@westmoor.example.org`, phone: a.phone });
  }
  const lead = refs.demoUserIds.behaviour_lead;
  const referrals: (typeof schema.referrals.$inferInsert)[] = [];
  const reports: (typeof schema.professionalReports.$inferInsert)[] = [];
  const meetings: (typeof schema.meetings.$inferInsert)[] = [];
  const actions: (typeof schema.meetingActions.$inferInsert)[] = [];
  const tasks: (typeof schema.tasks.$inferInsert)[] = [];
  const today = refs.today;
  refs.siteIds.forEach((siteId) => {
    const pupils = t.pupils.filter((p) => p.siteId === siteId && !p.enrolmentEnd && p.id !== refs.agencyPupilId).slice(0, 3);
    const [a, b, c] = pupils;
    if (!a || !b || !c) return;
    const camhs = agencies[0]!.id!; const ep = agencies[2]!.id!; const bss = agencies[3]!.id!;
    referrals.push(
      { id: ids.next(), trustId: refs.trustId, siteId, pupilId: a.id!, agencyId: camhs, contactId: contacts[0]!.id!, madeOn: addDays(today, -42), status: 'sent',
        reason: 'Low mood and withdrawal over the last half-term; parents asked for an assessment.', expectedResponseOn: addDays(today, -7), referrerId: lead },
      { id: ids.next(), trustId: refs.trustId, siteId, pupilId: b.id!, agencyId: ep, contactId: contacts[3]!.id!, madeOn: addDays(today, -70), status: 'accepted',
        reason: 'Assessment of learning needs before the EHCP annual review.', expectedResponseOn: addDays(today, -40), respondedOn: addDays(today, -45), referrerId: lead },
      { id: ids.next(), trustId: refs.trustId, siteId, pupilId: c.id!, agencyId: bss, madeOn: addDays(today, -20), status: 'waiting',
        reason: 'Outreach support for unstructured times.', expectedResponseOn: addDays(today, 10), respondedOn: addDays(today, -10), referrerId: lead },
    );
    reports.push({ id: ids.next(), trustId: refs.trustId, siteId, pupilId: b.id!, direction: 'received', title: 'Educational psychology assessment',
      reportDate: addDays(today, -21), author: 'Dr Helen Marsh', agencyId: ep, referralId: referrals[referrals.length - 2]!.id!, createdBy: lead });
    const meetingId = ids.next();
    const date = addDays(today, -14);
    meetings.push({ id: meetingId, trustId: refs.trustId, siteId, pupilId: b.id!, type: 'multi_agency', date, startTime: '14:00', place: 'Meeting room 2', status: 'held',
      attendees: [{ kind: 'staff', refId: lead, name: 'Behaviour lead', role: 'Behaviour lead' }, { kind: 'agency_contact', refId: contacts[3]!.id!, name: 'Dr Helen Marsh', role: 'Educational psychologist, Westmoor Educational Psychology Service' },
        { kind: 'other', refId: null, name: 'Parent or carer', role: null }],
      notes: 'Shared the assessment findings. Agreed a consistent calm-down routine across lessons and a review in six weeks.', createdBy: lead });
    [['Share the calm-down routine with every class teacher', 7, true], ['Arrange the six-week review meeting', 28, false]].forEach(([text, days, done], position) => {
      const id = ids.next();
      const dueOn = addDays(date, days as number);
      tasks.push({ id, trustId: refs.trustId, siteId, pupilId: b.id!, sourceType: 'meeting_action', sourceId: id, title: `Agreed action: ${text as string}`, detail: 'Multi-agency meeting',
        assignedUserId: lead, dueOn, status: done ? 'done' : 'open', ...(done ? { completedAt: new Date(`${dueOn}T15:00:00Z`), completedBy: lead } : {}) });
      actions.push({ id, trustId: refs.trustId, meetingId, action: text as string, ownerUserId: lead, ownerName: 'Behaviour lead', dueOn, taskId: id, position, createdBy: lead });
    });
  });
  await bulkInsert(tx, schema.agencies, agencies);
  await bulkInsert(tx, schema.agencyContacts, contacts);
  await bulkInsert(tx, schema.referrals, referrals);
  await bulkInsert(tx, schema.professionalReports, reports);
  await bulkInsert(tx, schema.meetings, meetings);
  await bulkInsert(tx, schema.tasks, tasks);
  await bulkInsert(tx, schema.meetingActions, actions);
}
