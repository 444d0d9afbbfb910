/**
 * The definitions behind every figure (SPEC §9), worded for school staff. One source: the app's definitions page
 * renders this, and docs/analytics-definitions.md is generated from it (a test fails if the two differ).
 */
export interface TDefinition { term: string; meaning: string; example?: string }
export interface TDefinitionSection { title: string; items: TDefinition[] }

export const DEFINITIONS_INTRO = 'Every number in Haven (dashboards, reports, exports and the API) is counted the same way. '
  + 'This page says what each one counts and what it is "per", so that two people reading the same figure mean the same thing.';

export const DEFINITIONS: TDefinitionSection[] = [
  {
    title: 'Days and time',
    items: [
      { term: 'School day', meaning: "A weekday inside a term of the school's own calendar that is not a closure day (INSET days, bank holidays and emergency closures are not school days)." },
      { term: 'Session', meaning: 'The morning (AM) or the afternoon (PM) of a school day.' },
      { term: 'Week', meaning: 'Monday to Sunday. The weekly report covers the last complete week and compares it with the week before.' },
      { term: 'Period in progress', meaning: 'A term, week or any chosen range that runs past today is counted only up to today: the records so far, divided by the pupil-days so far. The screen, the PDF and the downloads say "in progress: figures to" and the date. A term or week in progress is compared with the same number of school days of the term or week before.', example: 'On Wednesday 11 November, a half-term that began on Monday 2 November counts its first 8 school days, beside the first 8 school days of the half-term before.' },
      { term: 'Time', meaning: 'UK time (Europe/London), with British Summer Time. An event belongs to the period recorded with it, or else to the timetable period its time falls in.' },
    ],
  },
  {
    title: 'What is counted',
    items: [
      { term: 'Incidents', meaning: 'The number of incident records. One incident involving three pupils counts once.' },
      { term: 'Pupil involvements', meaning: 'One for each pupil in an incident whose role is "involved" or "instigator". A pupil who was affected, or a witness, is not counted against their behaviour.', example: 'An incident with two instigators and one affected pupil is 1 incident and 2 pupil involvements.' },
      { term: 'Quick events', meaning: 'Points logged in the quick log (positive or negative) count once per pupil: logging one category for a group of five pupils is five events.' },
      { term: 'Records that never count', meaning: 'Voided records (kept for the audit trail, with their reason) and drafts (not yet submitted) are never counted anywhere.' },
      { term: 'Physical intervention duration', meaning: 'End time minus start time, in whole minutes. Reports give the total and the median (the middle value), which a single long intervention cannot distort.' },
      { term: 'Signed off within 48 hours', meaning: 'The time from first submission to sign-off is 48 clock hours or less (clock hours, not school hours). An incident waiting longer than 48 hours for review is overdue.' },
      { term: 'Days lost to suspension', meaning: 'Sessions of suspension divided by 2. A lunchtime suspension counts as 1 session.' },
    ],
  },
  {
    title: 'Physical interventions',
    items: [
      { term: 'Physical interventions counted', meaning: 'One for each pupil held, on incidents that are submitted (not drafts) and not voided, by the date and site of the incident. The same number as "Physical interventions" on the behaviour dashboard.' },
      { term: 'Pupils and staff', meaning: 'Pupils: the different pupils held. Staff: the different members of staff named as using a hold or technique.' },
      { term: 'Holds and techniques', meaning: 'For each hold or technique, the interventions in which any member of staff used it (one intervention can use several), and the uses by a member of staff.' },
      { term: 'Medical attention given', meaning: 'The record\'s medical attention says something other than none ("None needed", "No", "N/A", "Nil" and a blank all count as none).' },
      { term: 'Debrief done', meaning: 'A pupil (or staff) debrief with a date that has passed. A date still to come is only scheduled, and is not counted as done. Shown as a number and as a % of the interventions.' },
      { term: 'Parent informed the same day', meaning: 'The parent was told on or before the end of the UK day on which the intervention began. "Not informed by the end of the day" is the review queue\'s flag: that day is over and the parent was never told, or told on a later day. An intervention from today is not flagged until today is over.' },
    ],
  },
  {
    title: 'Record-keeping quality',
    items: [
      { term: 'Incidents submitted', meaning: 'Incidents that happened in the period and were submitted for review (not drafts, not voided), whatever their state now. Per site, and per member of staff who recorded them.' },
      { term: 'Review history', meaning: 'The times an incident was submitted, returned for amendment, resubmitted and signed off, from its saved versions. A record with no history (for example an imported one) uses the submitted and signed-off times kept on the record.' },
      { term: 'Median time to sign-off', meaning: 'The middle value, in hours, of the time from first submission to sign-off, over the incidents signed off.' },
      { term: 'Returned for amendment', meaning: 'Returned by a reviewer at least once. Shown as a % of incidents submitted; "signed off within 48 hours" is also a % of incidents submitted.' },
      { term: 'Missing parent contact', meaning: 'Physical interventions on these incidents whose parent was not informed by the end of the day (see above).' },
      { term: 'Missing debrief', meaning: 'Physical interventions on these incidents with no pupil debrief or no staff debrief recorded, neither done nor scheduled.' },
      { term: 'Waiting for review over 48 hours', meaning: 'Incidents still waiting for review now, whose latest submission was more than 48 clock hours ago (the review queue\'s "overdue").' },
    ],
  },
  {
    title: 'Rates: "per what"',
    items: [
      { term: 'Pupil-days', meaning: 'For a period, add up the number of pupils on roll on each school day in it (a pupil counts only between their enrolment dates).', example: '100 pupils on roll for 5 school days = 500 pupil-days.' },
      { term: 'Rate per 100 pupils per school day', meaning: 'Count ÷ pupil-days × 100. With a steady roll this is the familiar "incidents per day per 100 pupils", and it lets a small school be compared fairly with a large one.', example: '30 incidents over 500 pupil-days = 6 per 100 pupils per school day.' },
      { term: 'Trend alert', meaning: 'Raised when a site\'s or a pupil\'s rate over the latest N school days (for example 20) is more than the set margin (for example 50%) above its rate over the N school days before, with at least the set number of records (for example 5) in the latest period. A site\'s rate is per 100 pupils per school day, a pupil\'s per school day on roll. With no records in the period before, reaching the set number is enough. Where there is nothing to compare (the pupil was not on roll in one of the periods), no alert is raised. Counted for negative behaviour points, incident involvements and physical interventions.', example: 'A pupil with 4 negative points in the 20 school days before and 11 in the latest 20: 0.20 then 0.55 per school day, up 175%, an alert with a 50% margin.' },
      { term: 'DfE suspension rate', meaning: 'Suspensions ÷ pupils on roll (headcount) × 100, shown beside our per-pupil-day rates so a trust can compare itself with England. The permanent exclusion rate is worked out the same way. National figures are stored as data, with their year and source.' },
    ],
  },
  {
    title: 'Comparing pupil groups',
    items: [
      { term: 'Group rate ratio', meaning: "The group's rate (its count ÷ its pupil-days) divided by the rate for everyone else. 1 means the same as everyone else; 2 means twice as often.", example: 'Pupils with an EHCP: 40 incidents over 1,000 pupil-days; everyone else: 60 over 3,000. Ratio = 0.04 ÷ 0.02 = 2.0.' },
      { term: 'Risk index', meaning: "The percentage of the group's pupils with at least one event of that kind in the period." },
      { term: 'Risk ratio', meaning: "The group's risk index divided by everyone else's. It says how much more likely a pupil in the group is to have had at least one." },
      { term: '"n/a"', meaning: 'Shown where a ratio would divide by zero (for example, no one else had any events).' },
    ],
  },
  {
    title: 'Keeping pupils unidentifiable',
    items: [
      { term: 'Fewer than 5', meaning: 'In anything a governor (or anyone outside the trust) can see, a count from 1 to 4 is shown as "fewer than 5", and any rate, ratio or total built on such a count is withheld. Zero is shown as 0. Governors never see a pupil\'s name.' },
    ],
  },
];

/** The definitions as Markdown: docs/analytics-definitions.md is exactly this text. */
export function definitionsMarkdown(): string {
  const out = ['# Definitions used by every figure', '', '<!-- Generated from packages/contracts/src/definitions.ts: edit that file, then run `npm run docs:definitions`. -->', '', DEFINITIONS_INTRO, ''];
  for (const section of DEFINITIONS) {
    out.push(`## ${section.title}`, '');
    for (const d of section.items) {
      out.push(`- **${d.term}**: ${d.meaning}${d.example ? ` *Example:* ${d.example}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
