/**
 * Demo behaviour support plans (SUP-1): at site 1 the demo parent's elder child has an active plan that superseded an
 * earlier one (acknowledged by the parent, signed by the behaviour manager); the two pupils with the most physical
 * interventions have active plans, one due for review within the week; at site 2 one pupil has an active plan and
 * another a draft. Holds come from the demo technique list. Content is written as a special school would write it.
 */
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import {
  behaviourSupportPlanAcknowledgements, behaviourSupportPlanChanges, behaviourSupportPlanVersions, behaviourSupportPlans, type PlanContent,
} from '../schema/plans.ts';
import { PLAN_SECTIONS } from '@haven/contracts';
import type { DemoTables } from './types.ts';
import type { DemoRefs } from './generator.ts';

const WORDING = Object.fromEntries(PLAN_SECTIONS.map((s) => [s.key, { heading: s.heading, prompt: s.prompt }]));

const CONTENTS: Omit<PlanContent, 'ownerUserId' | 'reviewDate'>[] = [
  {
    aboutStrengths: 'Kind to younger pupils, a talented artist, and remembers everyone\'s name. Works hard when the task is practical.',
    aboutInterests: 'Drawing, football (Leeds United), Lego Technic, helping the site team.',
    aboutCommunication: 'Speaks well but finds it hard to follow more than two instructions at once. Needs a few seconds to process; repeat the same words rather than rephrasing.',
    perceivedFunction: 'Mostly escape from tasks that feel too hard or from noisy, crowded spaces; sometimes to get adult attention when anxious.',
    triggers: ['Unexpected changes to the timetable or to staff', 'Busy corridors at lesson change', 'Being told "no" in front of other pupils', 'Writing tasks without a model or scaffold'],
    earlyWarningSigns: ['Pulls hood up and puts head down', 'Taps pen or kicks the table leg', 'Says "I don\'t care" or "this is stupid"', 'Leaves the seat and walks to the door'],
    proactiveStrategies: ['Visual timetable on the desk; warn of any change at registration', 'Leave lessons two minutes early to avoid the corridor rush', 'Start each task with a worked example and a choice of two tasks', 'Meet and greet by a familiar adult every morning'],
    deescalationStrategies: ['Use a calm, low voice and few words: "You\'re OK. Let\'s walk."', 'Offer the agreed time-out card and the calm room', 'Give take-up time; do not stand over or block the door', 'Offer a drawing task or a job for the site team'],
    whatToAvoid: ['Raising your voice or arguing back', 'Sanctions given in front of the class', 'Touching without warning', 'Crowding: no more than two adults nearby'],
    reactiveStrategies: 'Keep others safe first: move the class out if needed. One adult leads and speaks; the second adult stays near. Use physical intervention only to prevent injury or serious damage, using only the holds approved below, for as short a time as possible, then release and move to recovery.',
    approvedHolds: ['CARING_C_GUIDE', 'FRIENDLY_HOLD', 'SINGLE_ELBOW'],
    recoverySupport: 'Quiet time in the calm room with a drink and drawing; no discussion of the incident until calm (usually 20 minutes). A restorative conversation with the adult involved before the end of the day. Phone home the same day.',
    targets: ['Use the time-out card independently three times a week', 'Complete the first ten minutes of writing tasks with a scaffold', 'Walk between lessons calmly with an adult'],
    pupilVoice: '"I don\'t like it when it\'s loud. Drawing helps me calm down. I like it when Miss tells me what\'s happening next."',
    parentVoice: 'At home a countdown before changes works well. Mum asks that she is phoned the same day after any hold, and that staff use his name and a calm voice.',
  },
  {
    aboutStrengths: 'Very knowledgeable about trains and maps; honest; good at maths and at following routines.',
    aboutInterests: 'Trains, timetables, the Minecraft building club, music on headphones.',
    aboutCommunication: 'Autistic. Understands language literally: say exactly what you mean. Uses a now-and-next board; when overwhelmed may stop speaking, so offer the symbol cards.',
    perceivedFunction: 'Sensory overload and anxiety about uncertainty; the behaviour is a way to escape noise and regain control.',
    triggers: ['Loud or sudden noises (fire alarm, hand dryers, PE hall)', 'Change of teacher without warning', 'Being touched from behind', 'Queues and waiting'],
    earlyWarningSigns: ['Covers ears and rocks', 'Repeats the same question again and again', 'Humming gets louder', 'Stops answering'],
    proactiveStrategies: ['Ear defenders available at all times', 'Now-and-next board updated before each transition', 'First in or last in for lunch to avoid queues', 'Five-minute movement break every 30 minutes'],
    deescalationStrategies: ['Reduce language: use the symbol cards', 'Offer headphones and the quiet corner', 'Give space and time; count down slowly from ten together'],
    whatToAvoid: ['Touching without asking first', 'Sarcasm, idioms or jokes when anxious', 'Several adults talking at once'],
    reactiveStrategies: 'Clear the space around the pupil rather than moving them. Use a guide only to move away from danger (roads, kitchens). Holds only to prevent injury, using the approved holds below.',
    approvedHolds: ['CARING_C_GUIDE', 'FRIENDLY_HOLD'],
    recoverySupport: 'Quiet corner with headphones and a train book; return to class through the now-and-next board. Record the triggers with the pupil using a social story the next morning.',
    targets: ['Ask for a break using the break card', 'Tolerate a five-minute queue with ear defenders'],
    pupilVoice: '"Loud noises hurt my ears. I like to know what is next."',
    parentVoice: 'Dad says weekends go well with a written plan for the day, and asks that any change of teacher is written on the board in the morning.',
  },
  {
    aboutStrengths: 'Funny, loyal to friends, strong at PE and outdoor learning; responds well to praise in private.',
    aboutInterests: 'Boxing club, fishing with grandad, cooking.',
    aboutCommunication: 'Chatty and confident, but may hide not understanding. Check understanding by asking him to explain back in his own words.',
    perceivedFunction: 'To avoid feeling embarrassed in front of peers (hard reading tasks) and to keep control when he feels threatened.',
    triggers: ['Reading aloud in class', 'Peers commenting on his family', 'Perceived unfairness in a sanction'],
    earlyWarningSigns: ['Becomes loud and makes jokes at others\' expense', 'Clenches fists and stands up quickly', 'Swears under his breath'],
    proactiveStrategies: ['Never asked to read aloud without warning; pre-teach key words', 'Daily check-in with his key adult after lunch', 'Praise privately, not in front of the class'],
    deescalationStrategies: ['Speak privately, side-on, at a distance', 'Offer a way out that saves face: a message to take to the office', 'Acknowledge the feeling: "I can see you\'re angry; that\'s OK."'],
    whatToAvoid: ['Public reprimands', 'Standing face to face or pointing', 'Mentioning his family in a dispute'],
    reactiveStrategies: 'Remove the audience; one adult stays with him at a safe distance. Physical intervention only to prevent injury, with the holds below, by trained staff.',
    approvedHolds: ['CARING_C_GUIDE', 'SINGLE_ELBOW', 'DOUBLE_ELBOW'],
    recoverySupport: 'Time on the outdoor area with his key adult; a restorative meeting with any pupil involved once calm, the same day or next morning.',
    targets: ['Use the "message to the office" exit card when angry', 'Read aloud to his key adult twice a week'],
    pupilVoice: '"I hate it when people laugh at me. I calm down outside."',
    parentVoice: 'Mum asks to be told about good days too, by text, and says boxing club on Tuesdays helps.',
  },
];

/** Pupils at a site ordered by physical interventions recorded for them, most first. */
function byInterventions(t: DemoTables, siteId: string, exclude: readonly string[]): string[] {
  const pi = new Set(t.physicalInterventions.map((p) => p.incidentId));
  const n = new Map<string, number>();
  for (const ip of t.incidentPupils) if (pi.has(ip.incidentId)) n.set(ip.pupilId, (n.get(ip.pupilId) ?? 0) + 1);
  return t.pupils.filter((p) => p.siteId === siteId && !p.enrolmentEnd && !exclude.includes(p.id))
    .sort((a, b) => (n.get(b.id) ?? 0) - (n.get(a.id) ?? 0) || a.id.localeCompare(b.id)).map((p) => p.id);
}

interface SeedPlan { pupilId: string; siteId: string; content: PlanContent; status: 'draft' | 'active' | 'superseded'; activatedDaysAgo: number | null; supersededDaysAgo?: number;
  signedBy: string | null; ackContactId: string | null; edits?: { field: keyof PlanContent; to: unknown }[] }

export async function seedDemoPlans(tx: Tx, t: DemoTables, refs: DemoRefs): Promise<number> {
  const [site1, site2] = refs.siteIds as [string, string];
  const lead = refs.demoUserIds.behaviour_lead;
  const senco = refs.demoUserIds.senco;
  const cluster = refs.demoUserIds.cluster_lead;
  const today = refs.today;
  const child = refs.parentChildIds[0];
  const parentContact = t.pupilContacts.filter((c) => c.pupilId === child).sort((a, b) => (a.priority ?? 1) - (b.priority ?? 1))[0]?.contactId ?? null;
  const [busy1, busy2] = byInterventions(t, site1, [child]);
  const [busy3, quiet3] = byInterventions(t, site2, []);
  const c = (i: number, owner: string, reviewIn: number): PlanContent => ({ ...CONTENTS[i]!, ownerUserId: owner, reviewDate: addDays(today, reviewIn) });
  const plans: SeedPlan[] = [
    { pupilId: child, siteId: site1, content: { ...c(0, lead, 0), reviewDate: addDays(today, -40), approvedHolds: ['CARING_C_GUIDE', 'FRIENDLY_HOLD'],
      triggers: CONTENTS[0]!.triggers.slice(0, 2) }, status: 'superseded', activatedDaysAgo: 220, supersededDaysAgo: 45, signedBy: lead, ackContactId: parentContact },
    { pupilId: child, siteId: site1, content: c(0, lead, 75), status: 'active', activatedDaysAgo: 45, signedBy: lead, ackContactId: parentContact,
      edits: [{ field: 'targets', to: CONTENTS[0]!.targets }] },
    ...(busy1 ? [{ pupilId: busy1, siteId: site1, content: c(1, senco, 5), status: 'active' as const, activatedDaysAgo: 150, signedBy: senco, ackContactId: null }] : []),
    ...(busy2 ? [{ pupilId: busy2, siteId: site1, content: c(2, lead, 48), status: 'active' as const, activatedDaysAgo: 30, signedBy: lead, ackContactId: null }] : []),
    ...(busy3 ? [{ pupilId: busy3, siteId: site2, content: c(2, cluster, 60), status: 'active' as const, activatedDaysAgo: 60, signedBy: cluster, ackContactId: null }] : []),
    ...(quiet3 ? [{ pupilId: quiet3, siteId: site2, content: { ...c(1, cluster, 90), parentVoice: '' }, status: 'draft' as const, activatedDaysAgo: null, signedBy: null, ackContactId: null }] : []),
  ];
  const ids = new Map<SeedPlan, string>(plans.map((p) => [p, uuidv7()]));
  for (const p of plans) {
    const id = ids.get(p)!;
    const owner = p.content.ownerUserId!;
    const written = new Date(`${addDays(today, -((p.activatedDaysAgo ?? 3) + 7))}T15:30:00Z`);
    const activated = p.activatedDaysAgo !== null ? new Date(`${addDays(today, -p.activatedDaysAgo)}T16:00:00Z`) : null;
    const superseded = p.supersededDaysAgo !== undefined ? new Date(`${addDays(today, -p.supersededDaysAgo)}T16:00:00Z`) : null;
    const successor = p.status === 'superseded' ? ids.get(plans.find((q) => q.pupilId === p.pupilId && q.status === 'active')!) ?? null : null;
    const before: PlanContent = { ...p.content };
    for (const e of p.edits ?? []) (before as unknown as Record<string, unknown>)[e.field] = e.field === 'targets' ? (e.to as string[]).slice(0, 1) : e.to;
    const versions: (typeof behaviourSupportPlanVersions.$inferInsert)[] = [];
    const at = (d: Date, mins: number) => new Date(d.getTime() + mins * 60_000);
    let v = 1;
    versions.push({ id: uuidv7(), planId: id, trustId: refs.trustId, pupilId: p.pupilId, version: v, status: 'draft', content: before, event: 'created', savedBy: owner, savedAt: written });
    const changeRows: (typeof behaviourSupportPlanChanges.$inferInsert)[] = [];
    for (const e of p.edits ?? []) {
      v += 1;
      const when = at(written, 60 * 24);
      versions.push({ id: uuidv7(), planId: id, trustId: refs.trustId, pupilId: p.pupilId, version: v, status: 'draft', content: p.content, event: 'edited', savedBy: owner, savedAt: when });
      changeRows.push({ id: uuidv7(), planId: id, trustId: refs.trustId, version: v, field: e.field, fromValue: before[e.field], toValue: e.to, changedBy: owner, changedAt: when });
    }
    let signedVersion: number | null = null;
    let signedAt: Date | null = null;
    if (p.signedBy) {
      v += 1; signedVersion = v; signedAt = at(written, 60 * 48);
      versions.push({ id: uuidv7(), planId: id, trustId: refs.trustId, pupilId: p.pupilId, version: v, status: 'draft', content: p.content, event: 'signed', savedBy: p.signedBy, savedAt: signedAt });
    }
    let activeVersion = v;
    if (activated) {
      v += 1; activeVersion = v;
      versions.push({ id: uuidv7(), planId: id, trustId: refs.trustId, pupilId: p.pupilId, version: v, status: 'active', content: p.content, event: 'activated', savedBy: owner, savedAt: activated });
    }
    if (superseded) {
      v += 1;
      versions.push({ id: uuidv7(), planId: id, trustId: refs.trustId, pupilId: p.pupilId, version: v, status: 'superseded', content: p.content, event: 'superseded', savedBy: owner, savedAt: superseded });
    }
    await tx.insert(behaviourSupportPlans).values({
      id, trustId: refs.trustId, siteId: p.siteId, pupilId: p.pupilId, status: p.status, ...p.content, wording: WORDING,
      startedFrom: successor === null && p.status === 'active' && plans.some((q) => q.pupilId === p.pupilId && q.status === 'superseded') ? 'previous' : 'template',
      copiedFromPlanId: p.status === 'active' ? (ids.get(plans.find((q) => q.pupilId === p.pupilId && q.status === 'superseded')!) ?? null) : null,
      authorSignedBy: p.signedBy, authorSignedAt: signedAt, authorSignedVersion: signedVersion, activatedBy: activated ? owner : null, activatedAt: activated,
      supersededAt: superseded, supersededByPlanId: successor, version: v, createdBy: owner, createdAt: written, updatedBy: owner, updatedAt: versions.at(-1)!.savedAt,
    });
    await tx.insert(behaviourSupportPlanVersions).values(versions);
    if (changeRows.length) await tx.insert(behaviourSupportPlanChanges).values(changeRows);
    if (p.ackContactId && activated) {
      await tx.insert(behaviourSupportPlanAcknowledgements).values({ id: uuidv7(), planId: id, trustId: refs.trustId, planVersion: activeVersion, contactId: p.ackContactId,
        method: 'in_person', acknowledgedAt: at(activated, 60 * 24 * 2), recordedVia: 'staff', recordedBy: owner, note: 'Agreed at the plan meeting with mum.' });
    }
  }
  return plans.length;
}
