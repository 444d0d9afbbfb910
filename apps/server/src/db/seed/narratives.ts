/**
 * Text for the generated records, in the plain, factual British English staff are trained to write: what came before
 * (antecedent), what the pupil did (behaviour) and what followed (consequence). Deliberately non-graphic. `{p}` is the
 * main pupil's first name, `{o}` the initials of another pupil.
 */
import type { Rng } from './prng.ts';

type Family = 'disruption' | 'REFUSAL' | 'verbal' | 'physical' | 'DAMAGE' | 'ABSCONDING' | 'online' | 'BULLYING' | 'THEFT' | 'prohibited';

const FAMILY_OF: Readonly<Record<string, Family>> = {
  LOW_LEVEL_DISRUPTION: 'disruption', LATE_TO_LESSON: 'disruption', INAPPROPRIATE_LANGUAGE: 'disruption', PERSISTENT_DISRUPTION: 'disruption',
  REFUSAL: 'REFUSAL', DEFIANCE: 'REFUSAL', VERBAL_ABUSE_PUPIL: 'verbal', VERBAL_ABUSE_ADULT: 'verbal', DISCRIMINATORY_LANGUAGE: 'verbal',
  PHYSICAL_ASSAULT_PUPIL: 'physical', PHYSICAL_ASSAULT_ADULT: 'physical', DAMAGE: 'DAMAGE', ABSCONDING: 'ABSCONDING',
  ONLINE_MISUSE: 'online', BULLYING: 'BULLYING', THEFT: 'THEFT', DRUGS_ALCOHOL: 'prohibited', WEAPON: 'prohibited',
};

const ANTECEDENTS: Readonly<Record<Family, readonly string[]>> = {
  disruption: [
    'During the starter activity the class was asked to work in silence on the questions on the board.',
    'The lesson changed from practical work to writing, and {p} was asked to put the equipment away.',
    'Cover teacher in the room; the usual seating plan was not being followed.',
    '{p} arrived late from break and the class had already started the task.',
  ],
  REFUSAL: [
    '{p} was asked to move to their usual seat and start the task.',
    'Staff asked {p} to hand over their phone in line with the school policy.',
    'It was time to leave the sports hall and return to class; {p} was enjoying the game.',
    '{p} was reminded twice about the expectations for the lesson.',
  ],
  verbal: [
    '{p} and {o} had fallen out at break and the disagreement carried on into the lesson.',
    'Staff reminded {p} about the expectations for lining up after lunch.',
    '{p} was told they could not go on the reward trip because of earlier behaviour.',
    'A game of football on the playground became heated over a disputed goal.',
  ],
  physical: [
    'A disagreement between {p} and {o} over a game escalated quickly on the playground.',
    '{p} had been unsettled since arriving and was finding the noise in the room hard to manage.',
    'Staff asked {p} to leave the corridor and return to class after several reminders.',
    '{p} was waiting in the lunch queue when another pupil pushed in front of them.',
    'The planned activity was changed at short notice because the minibus was unavailable.',
  ],
  DAMAGE: [
    '{p} was frustrated after being told their work needed correcting.',
    'Staff asked {p} to stop kicking the table leg during the lesson.',
    '{p} was asked to wait for their turn on the computer.',
  ],
  ABSCONDING: [
    '{p} was asked to complete a piece of writing they had found difficult earlier in the week.',
    'Transition from break back to lessons; {p} was reluctant to come inside.',
    '{p} had been in a low mood all morning and said they did not want to be in school.',
  ],
  online: [
    'During an ICT lesson pupils were researching a topic for their project.',
    '{o} told staff that a group chat had been used to share unkind messages.',
    '{p} had their phone out during the lesson, contrary to the school policy.',
  ],
  BULLYING: [
    '{o} reported to their key adult that they had been called names repeatedly over the past fortnight.',
    'Staff noticed {o} had been avoiding the playground at break for several days.',
  ],
  THEFT: [
    '{o} reported that money had gone missing from their bag in the changing room.',
    'Staff noticed an item from the classroom reward box was missing after the lesson.',
  ],
  prohibited: [
    'Staff were told by another pupil that {p} had brought something into school that they should not have.',
    '{p} was seen passing something to another pupil near the toilets.',
  ],
};

const BEHAVIOURS: Readonly<Record<Family, readonly string[]>> = {
  disruption: [
    '{p} repeatedly called out, talked over the teacher and distracted the pupils around them.',
    '{p} made noises and threw small pieces of paper across the room for most of the lesson.',
    '{p} walked around the classroom and would not settle despite several reminders.',
    '{p} used inappropriate language towards the task, not directed at anyone.',
  ],
  REFUSAL: [
    '{p} refused to follow the instruction, put their head on the desk and said they were not doing it.',
    '{p} refused to hand over the phone and walked to the back of the room.',
    '{p} ignored repeated requests and continued with what they were doing.',
  ],
  verbal: [
    '{p} shouted at {o} and used offensive language towards them.',
    '{p} swore at a member of staff and made a threat to hurt them.',
    '{p} used a derogatory term towards {o}. Staff challenged it immediately.',
    '{p} became verbally aggressive, shouting and swearing at staff who were trying to help.',
  ],
  physical: [
    '{p} pushed {o} to the ground and kicked out towards them.',
    '{p} hit a member of staff on the arm while they were trying to guide other pupils away.',
    '{p} punched {o} once on the shoulder before staff could intervene.',
    '{p} threw a chair across the room and lashed out at staff who approached.',
    '{p} kicked and scratched a member of staff while very dysregulated.',
  ],
  DAMAGE: [
    '{p} pulled displays off the wall and kicked a door repeatedly.',
    '{p} broke a laptop by throwing it on the floor.',
    '{p} tipped over a table and damaged resources in the classroom.',
  ],
  ABSCONDING: [
    '{p} left the classroom without permission and then left the building through the side door.',
    '{p} climbed the fence of the playground and headed towards the road.',
    '{p} ran out of the lesson and hid in the toilets, refusing to come out.',
  ],
  online: [
    '{p} had been sending unkind messages about {o} in a group chat.',
    '{p} used their phone to film another pupil without consent.',
    '{p} accessed an inappropriate website on a school laptop.',
  ],
  BULLYING: [
    '{p} has repeatedly called {o} names, excluded them from games and made comments about their appearance.',
    '{p} and others have been taking {o}\'s belongings and hiding them over several days.',
  ],
  THEFT: [
    'The missing money was found in {p}\'s coat pocket after a search with their consent.',
    '{p} admitted taking an item belonging to {o} from their bag.',
  ],
  prohibited: [
    '{p} was found to have a vape in their bag. It was confiscated in line with the policy.',
    '{p} had a craft knife in their pocket. It was handed over to staff when asked.',
  ],
};

const CONSEQUENCES: Readonly<Record<Family, readonly string[]>> = {
  disruption: [
    '{p} was given take-up time and moved to a quieter table, then completed some of the work.',
    '{p} was removed from the lesson to work with the behaviour mentor and later had a restorative conversation with the teacher.',
    'Reminder of expectations; {p} settled after ten minutes and earned a point later in the lesson.',
  ],
  REFUSAL: [
    '{p} was given time out in the calm room and returned to the lesson after a short conversation.',
    'The phone was handed in at the end of the lesson; parents were informed and a reflection time was set.',
    'On-call attended; {p} agreed to go with them and later completed the work in the base.',
  ],
  verbal: [
    '{p} was removed to the calm room. A restorative conversation took place later the same day.',
    'Parents were phoned. {p} apologised to the member of staff the next morning.',
    'The incident was discussed with both pupils separately and a restorative meeting was held.',
  ],
  physical: [
    'Staff separated the pupils. {o} was checked by a first aider and had no visible injury. {p} calmed in the sensory room.',
    'Other pupils were moved away. {p} was supported to the calm room and regulated after about twenty minutes.',
    'Senior leader attended. Parents of both pupils were phoned. The risk assessment will be reviewed.',
    '{p} was supported to calm down and later spoke with their key adult about what had happened.',
  ],
  DAMAGE: [
    '{p} calmed and helped to tidy up. Parents were informed about the damage.',
    'The room was cleared of other pupils. {p} calmed with the behaviour mentor and later talked through what happened.',
  ],
  ABSCONDING: [
    'Staff kept {p} in sight at all times and followed at a safe distance; {p} returned to site with staff after fifteen minutes.',
    'Staff waited nearby and reassured {p}, who came out after ten minutes. Parents were informed.',
  ],
  online: [
    'The messages were screenshotted for the record and parents were informed. The online safety lead was told.',
    'The device was kept in the office until the end of the day. Online safety work has been planned.',
  ],
  BULLYING: [
    'Both pupils were spoken to separately. Parents of both were contacted and a support plan was put in place for {o}.',
  ],
  THEFT: [
    'The item was returned to {o}. {p} apologised and parents were informed.',
  ],
  prohibited: [
    'The item was confiscated and kept securely. Parents were phoned and the headteacher was informed.',
  ],
};

const fill = (s: string, p: string, o: string): string => s.replaceAll('{p}', p).replaceAll('{o}', o);

export function incidentText(rng: Rng, category: string, pupil: string, other: string): { antecedent: string; behaviour: string; consequence: string } {
  const family = FAMILY_OF[category] ?? 'disruption';
  return {
    antecedent: fill(rng.pick(ANTECEDENTS[family]), pupil, other),
    behaviour: fill(rng.pick(BEHAVIOURS[family]), pupil, other),
    consequence: fill(rng.pick(CONSEQUENCES[family]), pupil, other),
  };
}

export const RETURN_COMMENTS = [
  'Please add what was tried first to de-escalate, and the time the parent was phoned.',
  'The behaviour section describes feelings rather than what was seen and heard; please rewrite it factually.',
  'Please record the staff witnesses and the pupils who were affected.',
  'Consequence is missing: what happened afterwards, and has the pupil had a restorative conversation?',
  'Please add when and how the parent was informed.',
];

export const AMENDMENT_SUFFIX = ' A restorative conversation was held the next morning with the key adult.';

export const VOID_REASONS = [
  'Duplicate: the same incident was recorded twice by two members of staff.',
  'Recorded against the wrong pupil; re-recorded correctly.',
  'Logged in error at the wrong site.',
  'Entered as a test while training a new member of staff.',
];

export const PI_REASONS = [
  'To prevent injury to other pupils in the room.',
  'To prevent {p} from running into the road.',
  'To prevent injury to {p} and to staff.',
  'To prevent serious damage to property and injury to others.',
];

export const DEESCALATION = [
  'Calm, low voice; reduced language; offered choices; offered time in the sensory room.',
  'Used the strategies in the behaviour support plan: distraction with a preferred activity, then moved other pupils away.',
  'Gave space and take-up time; a change of face (behaviour mentor took over); offered a walk outside.',
  'Reassurance, humour and a countdown; offered a drink and the calm box.',
];

export const INJURY_NOTES = {
  pupil: ['Red mark on the left forearm, faded within the hour.', 'Small graze on the knee from the fall before staff intervened.'],
  staff: ['Scratch on the back of the hand.', 'Bruise to the upper arm from a kick.', 'Bite mark on the forearm; skin not broken.'],
} as const;

export const QUICK_NOTES: Readonly<Record<string, readonly string[]>> = {
  positive: [
    'Worked really hard on the writing task today.', 'Helped a new pupil find their way around.', 'Stayed calm when the plan changed.',
    'Brilliant answer in the class discussion.', 'Tidied up without being asked.', 'Used their strategies well after a tricky start.',
  ],
  negative: [
    'Kept talking over the teacher during the starter.', 'Three reminders about phone use.', 'Would not start the task.',
    'Arrived ten minutes late from break.', 'Shouting across the room.', 'Refused to move seats.',
  ],
  neutral: [
    'Said they had not slept well.', 'Quiet and withdrawn in the morning.', 'Mum said there had been a difficult morning at home.',
    'Small cut on finger cleaned and plastered.',
  ],
};

export const PARENT_CONTACT_SUMMARIES = [
  'Phoned to explain what happened today and the support given. Parent thanked staff and will talk to them at home.',
  'Spoke to parent about the incident and the restorative conversation planned for tomorrow.',
  'Explained the physical intervention, why it was needed and that the debrief has been done. Parent was supportive.',
  'Left a voicemail, then spoke to parent when they called back after work.',
];
