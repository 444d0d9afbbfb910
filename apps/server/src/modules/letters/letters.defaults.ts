/**
 * Haven's default letters: what every school sends until its trust (or the school) edits a template, worded as the
 * letters were before templates existed. Locked parts are the ones the law requires (the suspension letter's period,
 * reasons, right to make representations, first five days, sixth-day provision, the record, impartial advice and, for a
 * permanent exclusion, the independent review; the restraint copy's record): they are shown read-only and cannot be
 * saved changed. The conditional wording (board duty, return date…) is computed into merge fields by the sender.
 */
import type { TLetterKind } from '@haven/contracts';
import type { DefaultBlock, DefaultTemplate } from './letters.rules.ts';

const locked = (key: string, heading: string | null, text: string): DefaultBlock => ({ key, heading, text, locked: true });
const editable = (key: string, heading: string | null, text: string): DefaultBlock => ({ key, heading, text, locked: false });

/** A locked block whose content the sender draws itself (a table of facts), named by its key. */
export const SLOT_TEXT = '(Filled in from the record when the letter is made)';

function suspensionBlocks(kind: 'suspension' | 'lunchtime_suspension' | 'permanent_exclusion'): DefaultBlock[] {
  const permanent = kind === 'permanent_exclusion';
  return [
    locked('decision', null, '{{suspension.periodText}}\n\n{{suspension.schoolDaysText}}\n\n{{suspension.returnText}}'),
    ...(permanent ? [] : [editable('reintegration', null, 'We will hold a reintegration meeting with you and {{pupil.fullName}} on their return.')]),
    locked('reasons', 'The reasons for my decision', '{{suspension.reasonsList}}\n\n{{suspension.details}}'),
    locked('representations', 'Your right to make representations to the governing board',
      'You have the right to make representations about this decision to the governing board. {{suspension.boardDutyText}}\n\n'
      + 'To make representations, please contact: {{suspension.representationsContact}}.\n\n'
      + 'If there is a meeting, you may attend in person or remotely (by video link), and you may bring a representative or a friend with you. You may also send written representations.'),
    locked('firstFiveDays', 'Your duty during the first five school days', '{{suspension.firstFiveDaysText}}'),
    editable('work', null, 'We will set and mark work for {{pupil.fullName}} during the first five school days.'),
    locked('provision', 'Education from the sixth school day', '{{suspension.provisionText}}'),
    ...(permanent ? [locked('review', 'Independent review',
      "If the governing board decides not to reinstate your child, you may ask for an independent review panel to review that decision. You must ask within 15 school days of being told of the governing board's decision; the board's letter will tell you how.\n\n"
      + 'Whether or not your child has recognised special educational needs (SEN), you may ask for an SEN expert to attend the independent review, to advise the panel on whether SEN were relevant to the exclusion. The SEN expert is appointed and paid for by the local authority or academy trust.\n\n'
      + 'If you believe the exclusion was because of disability discrimination, you may also make a claim to the First-tier Tribunal (Special Educational Needs and Disability).')] : []),
    locked('record', "Your child's school record",
      "You have the right to see and to have a copy of {{pupil.fullName}}'s school record. Please ask the school in writing; we will reply within 15 school days."),
    locked('advice', 'Impartial advice',
      '- {{suspension.laName}}: the local authority can give you information and advice about exclusions.\n'
      + "- Coram Children's Legal Centre: free, independent school exclusions advice (www.childrenslegalcentre.com).\n"
      + '- Your local SEND Information, Advice and Support Service (SENDIASS), if your child has special educational needs or a disability.\n'
      + '- The Department for Education\'s guidance "Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England" (www.gov.uk).'),
    editable('closing', null, ''),
  ];
}

export const DEFAULT_TEMPLATES: Record<TLetterKind, DefaultTemplate & { title: string }> = {
  suspension: { title: 'Suspension of {{pupil.fullName}}', subject: 'Suspension of {{pupil.fullName}}: letter from {{school.name}}', blocks: suspensionBlocks('suspension') },
  lunchtime_suspension: { title: 'Lunchtime suspension of {{pupil.fullName}}', subject: 'Lunchtime suspension of {{pupil.fullName}}: letter from {{school.name}}', blocks: suspensionBlocks('lunchtime_suspension') },
  permanent_exclusion: { title: 'Permanent exclusion of {{pupil.fullName}}', subject: 'Permanent exclusion of {{pupil.fullName}}: letter from {{school.name}}', blocks: suspensionBlocks('permanent_exclusion') },
  detention: {
    title: 'Detention for {{pupil.fullName}}', subject: '{{pupil.fullName}} has a detention on {{detention.date}}',
    blocks: [editable('body', null, '{{detention.typeName}}, {{detention.date}} from {{detention.startTime}} to {{detention.endTime}} in {{detention.room}}. Please contact the school if you have any questions.')],
  },
  restraint_copy: {
    title: 'Record of the use of force, restraint or seclusion with {{pupil.fullName}}',
    subject: 'Record of the use of force, restraint or seclusion with {{pupil.fullName}}: from {{school.name}}',
    blocks: [
      locked('intro', null, "We are writing to give you a copy of the school's record of the {{restraint.interventions}} with {{pupil.fullName}} on {{restraint.date}}. Schools must record every significant use of force, restraint or seclusion and give parents a copy of the record, under the Schools (Recording and Reporting of Seclusion and Restraint) (No. 2) (England) Regulations 2025."),
      locked('beforehand', 'What happened beforehand', '{{restraint.beforehand}}'),
      locked('record', null, SLOT_TEXT),
      editable('talk', 'If you would like to talk about this',
        "Please contact the school if you would like to talk about what happened, the support offered to {{pupil.fullName}}, or how we plan to help avoid the need for this in future. You may also ask to see the school's policy on the use of reasonable force."),
    ],
  },
  milestone: {
    title: 'Well done, {{pupil.firstName}}!', subject: '{{pupil.fullName}} has reached {{milestone.name}}',
    blocks: [editable('body', null, 'We are delighted to tell you that {{pupil.fullName}} has reached the {{milestone.name}} milestone, with {{milestone.pupilPoints}} points this academic year. Well done!')],
  },
};

/** Which kind of template a suspension of this category uses. */
export function suspensionKind(category: string): 'suspension' | 'lunchtime_suspension' | 'permanent_exclusion' {
  return category === 'permanent' ? 'permanent_exclusion' : category === 'lunchtime' ? 'lunchtime_suspension' : 'suspension';
}
