/**
 * Demo off-site visits (TRP-1 … TRP-4): the trust's LA categories (A routine local, pre-approved; B non-routine;
 * C adventurous, overnight or abroad, which the LA adviser approves), a library of generic risk assessments, site 1's
 * standing approval for local walks and its EVC (the behaviour lead), a museum visit awaiting the EVC with the demo
 * parent's child on it (whose handling plan needs a trained adult) and some consents in, and a routine walk that
 * took place with its evaluation.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { pupils, staffMembers } from '../schema/pupils.ts';
import {
  visitApprovalSteps, visitCategories, visitConsents, visitCoordinators, visitPupils, visitRiskLibrary, visitStaff, visitStandingApprovals, visits,
} from '../schema/visits.ts';
import type { DemoRefs } from './generator.ts';

const h = (hazard: string, controls: string) => ({ id: uuidv7(), hazard, controls });

export async function seedDemoVisits(tx: Tx, refs: DemoRefs): Promise<void> {
  const { trustId, today } = refs;
  const site1 = refs.siteIds[0]!;
  const head = refs.demoUserIds.head!; const lead = refs.demoUserIds.behaviour_lead!; const staffUser = refs.demoUserIds.staff!;
  const cat = (code: string, name: string, description: string, preApproved: boolean, laAdviserRequired: boolean, sortOrder: number) =>
    ({ id: uuidv7(), trustId, code, name, description, preApproved, laAdviserRequired, sortOrder });
  const [a, b, c] = [
    cat('A', 'Routine local visit', 'Within walking distance or a short minibus ride, in school hours, no hazardous activity', true, false, 1),
    cat('B', 'Non-routine visit', 'Further afield or after school hours, by coach or train; no adventurous activity', false, false, 2),
    cat('C', 'Adventurous, overnight or overseas', 'Residential, abroad, or adventurous activities (water, heights, remote country)', false, true, 3),
  ];
  await tx.insert(visitCategories).values([a, b, c]);
  const coach = { id: uuidv7(), trustId, title: 'Travel by coach or minibus', hazards: [
    h('A pupil leaves the group at a stop or services', 'Head count before and after every stop; pupils stay on board at services unless escorted; one adult by the door'),
    h('Travel sickness and distress on the journey', 'Seat near the front with a window; sick bags and water on board; a calm box with headphones'),
  ] };
  const roads = { id: uuidv7(), trustId, title: 'Walking in town and crossing roads', hazards: [
    h('A pupil runs into the road', 'Adults at the front and back of the line; hand-held at kerbs where the plan says so; cross only at crossings'),
  ] };
  const museum = { id: uuidv7(), trustId, title: 'Museum and gallery visits', hazards: [
    h('Crowds and noise overwhelm a pupil', 'Visit at the quiet time the museum suggests; a named quiet room agreed with the venue; ear defenders carried'),
    h('A pupil is lost in the building', 'Meeting point agreed at the start; pupils wear school lanyards with the school telephone number; head counts each gallery'),
  ] };
  await tx.insert(visitRiskLibrary).values([coach, roads, museum]);
  const standing = { id: uuidv7(), trustId, siteId: site1, categoryId: a.id, description: 'Walks to the park, the library and the shops within a mile of school, in school hours',
    approvedBy: head, approvedOn: addDays(today, -60), expiresOn: addDays(today, 300) };
  await tx.insert(visitStandingApprovals).values(standing);
  await tx.insert(visitCoordinators).values({ siteId: site1, userId: lead, trustId });

  const staff = await tx.select().from(staffMembers).where(and(eq(staffMembers.siteId, site1), eq(staffMembers.active, true))).orderBy(asc(staffMembers.id));
  const leader = staff.find((s) => s.userId === staffUser) ?? staff[0];
  const second = staff.find((s) => s.id !== leader?.id && !s.userId) ?? staff.find((s) => s.id !== leader?.id);
  if (!leader || !second) return;
  const child = refs.parentChildIds[0]!;
  const others = (await tx.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.siteId, site1), isNull(pupils.enrolmentEnd))).orderBy(asc(pupils.legalSurname)).limit(6))
    .map((p) => p.id).filter((id) => id !== child).slice(0, 5);

  const day = addDays(today, 21);
  const trip = { id: uuidv7(), trustId, siteId: site1, purpose: 'Year 9 science: the "Energy" gallery and a workshop on circuits', venue: 'Science and Industry Museum, Manchester',
    startDate: day, departTime: '09:15', endDate: day, returnTime: '15:00', transport: 'Hired coach with seat belts (Robinsons Coaches)', categoryId: b.id,
    leaderStaffId: leader.id, ratioPupilsPerAdult: 4, status: 'awaiting_evc', adoptedAssessmentIds: [coach.id, museum.id],
    ownHazards: [h('The workshop uses low-voltage batteries and wires', 'Museum staff run the workshop; our adults sit with the pupils; no pupil takes equipment away')],
    itinerary: [
      { date: day, time: '09:15', place: 'Leave school by coach', notes: 'Head count on the coach' },
      { date: day, time: '10:15', place: 'Arrive at the museum: meet the learning officer at the group entrance', notes: '' },
      { date: day, time: '11:00', place: 'Circuits workshop', notes: 'Quiet room next door booked' },
      { date: day, time: '12:30', place: 'Lunch in the picnic room', notes: 'Packed lunches from school' },
      { date: day, time: '14:00', place: 'Leave the museum', notes: 'Head count' },
    ], createdBy: staffUser, riskConfirmedBy: staffUser, riskConfirmedAt: new Date(`${addDays(today, -2)}T14:00:00Z`), version: 5 };
  await tx.insert(visits).values(trip);
  await tx.insert(visitPupils).values([child, ...others].map((pupilId) => ({ visitId: trip.id, pupilId, trustId })));
  await tx.insert(visitStaff).values([leader.id, second.id].map((staffId) => ({ visitId: trip.id, staffId, trustId })));
  await tx.insert(visitApprovalSteps).values({ id: uuidv7(), trustId, visitId: trip.id, step: 'submit', decision: 'submitted', byUserId: staffUser, at: new Date(`${addDays(today, -2)}T14:05:00Z`) });
  await tx.insert(visitConsents).values(others.slice(0, 3).map((pupilId, n) => ({ id: uuidv7(), trustId, visitId: trip.id, pupilId, decision: 'given', via: 'staff', how: 'Paper slip returned',
    parentName: 'Parent', medicalInfo: n === 0 ? 'Inhaler in his bag' : '', emergencyName: 'Parent at home', emergencyPhone: '0161 496 0000', recordedBy: staffUser })));

  const walkDay = addDays(today, -7);
  const walk = { id: uuidv7(), trustId, siteId: site1, purpose: 'Walk to the library for the reading challenge', venue: 'Central Library', startDate: walkDay, departTime: '10:00',
    endDate: walkDay, returnTime: '11:30', transport: 'On foot', categoryId: a.id, leaderStaffId: leader.id, ratioPupilsPerAdult: 4, status: 'completed',
    adoptedAssessmentIds: [roads.id], ownHazards: [], standingApprovalId: standing.id,
    itinerary: [{ date: walkDay, time: '10:00', place: 'Leave school on foot', notes: '' }, { date: walkDay, time: '10:20', place: 'Central Library', notes: '' }],
    createdBy: staffUser, riskConfirmedBy: staffUser, riskConfirmedAt: new Date(`${addDays(walkDay, -1)}T15:00:00Z`), departedBy: staffUser,
    departedAt: new Date(`${walkDay}T10:02:00Z`), completedAt: new Date(`${walkDay}T11:35:00Z`),
    evaluation: { wentWell: 'Every pupil chose a book; the crossing on Elm Road went smoothly with an adult at each end.', toImprove: 'Book the library’s quiet corner in advance.',
      incidentsSummary: 'None', by: 'Sam Okafor', at: new Date(`${walkDay}T15:00:00Z`).toISOString() }, version: 6 };
  await tx.insert(visits).values(walk);
  await tx.insert(visitPupils).values(others.slice(0, 3).map((pupilId) => ({ visitId: walk.id, pupilId, trustId })));
  await tx.insert(visitStaff).values([{ visitId: walk.id, staffId: leader.id, trustId }]);
  await tx.insert(visitApprovalSteps).values([
    { id: uuidv7(), trustId, visitId: walk.id, step: 'submit', decision: 'submitted', byUserId: staffUser, at: new Date(`${addDays(walkDay, -1)}T15:05:00Z`) },
    { id: uuidv7(), trustId, visitId: walk.id, step: 'standing', decision: 'approved', comment: `Standing approval: ${standing.description}`, byUserId: staffUser, at: new Date(`${addDays(walkDay, -1)}T15:05:00Z`) },
  ]);
  await tx.insert(visitConsents).values(others.slice(0, 3).map((pupilId) => ({ id: uuidv7(), trustId, visitId: walk.id, pupilId, decision: 'given', via: 'staff', how: 'Annual local-visits consent form',
    parentName: 'Parent', emergencyName: 'Parent at home', emergencyPhone: '0161 496 0000', recordedBy: staffUser })));
}
