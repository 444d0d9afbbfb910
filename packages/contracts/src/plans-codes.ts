/**
 * The codes and words of plans.ts (and its small rules) shared by the API and the web app. No zod here, so a page that
 * shows them does not load the schema library; plans.ts builds its schemas from these.
 */
export const PLAN_STATUSES = ['draft', 'active', 'superseded'] as const;
export type TPlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<TPlanStatus, string> = { draft: 'Draft', active: 'Active', superseded: 'Superseded' };

/** The plan's sections, in the order the plan reads; `list` sections hold one point per line. */
export const PLAN_SECTIONS = [
  { key: 'aboutStrengths', kind: 'text', heading: 'About me: my strengths', prompt: 'What am I good at? What do people like about me?' },
  { key: 'aboutInterests', kind: 'text', heading: 'About me: what I enjoy', prompt: 'My interests, favourite things and what motivates me.' },
  { key: 'aboutCommunication', kind: 'text', heading: 'About me: how I communicate', prompt: 'How I tell you things, and how to talk to me so I understand.' },
  { key: 'perceivedFunction', kind: 'text', heading: 'What my behaviour may be telling you', prompt: 'What we think the behaviour communicates or achieves (e.g. escape, attention, sensory, tangible).' },
  { key: 'triggers', kind: 'list', heading: 'Triggers', prompt: 'Situations, times or things that can lead to distress.' },
  { key: 'earlyWarningSigns', kind: 'list', heading: 'Early warning signs', prompt: 'What you will see or hear when I am becoming anxious.' },
  { key: 'proactiveStrategies', kind: 'list', heading: 'What helps every day (proactive)', prompt: 'Routines and support that keep me calm and able to learn.' },
  { key: 'deescalationStrategies', kind: 'list', heading: 'What helps when I am upset (de-escalation)', prompt: 'What to say and do when you see the early signs.' },
  { key: 'whatToAvoid', kind: 'list', heading: 'What to avoid', prompt: 'Things that make it worse.' },
  { key: 'reactiveStrategies', kind: 'text', heading: 'If I am in crisis (reactive strategies)', prompt: 'How to keep me and others safe; the least restrictive response first.' },
  { key: 'approvedHolds', kind: 'holds', heading: 'Approved physical interventions (handling plan)', prompt: 'Only these holds may be used, and only as a last resort.' },
  { key: 'recoverySupport', kind: 'text', heading: 'Recovery and support afterwards', prompt: 'How to help me calm down, repair and return to learning.' },
  { key: 'targets', kind: 'list', heading: 'My targets', prompt: 'What we are working towards together.' },
  { key: 'pupilVoice', kind: 'text', heading: 'What I say', prompt: 'My own words about what helps me.' },
  { key: 'parentVoice', kind: 'text', heading: 'What my parents or carers say', prompt: 'What works at home, and what they would like school to know.' },
] as const;

export const ACK_METHODS = ['in_person', 'phone', 'email', 'letter'] as const;

export const ACK_METHOD_LABELS: Record<typeof ACK_METHODS[number] | 'portal', string> = {
  in_person: 'In person', phone: 'By phone', email: 'By email', letter: 'By signed letter', portal: 'Through the parent portal',
};
