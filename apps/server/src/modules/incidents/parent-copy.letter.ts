/**
 * The parent's copy of the record of a physical intervention (LAW-12), as a PDF letter: made from the record, with
 * every intervention with this pupil in the incident (when, where, how long, the kind and degree of force, why,
 * injuries, the support offered), what happened beforehand, and whom to contact. Rendered like the suspension letter,
 * by core/pdf (pdfmake).
 */
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import type { PiState } from './incidents.model.ts';
import { copyFacts, longDay, type CopyNames } from './parent-copy.rules.ts';

export interface CopyLetterInput {
  schoolName: string;
  /** Today, as an instant (the letter's date). */
  today: string;
  parents: string[];
  pupil: { name: string; yearGroup: number };
  beforehand: string | null;
  pis: PiState[];
  names: CopyNames;
  senderName: string;
  senderRole: string;
}

export function copyTitle(pupilName: string): string {
  return `Record of the use of force, restraint or seclusion with ${pupilName}`;
}

export async function renderCopyLetter(l: CopyLetterInput): Promise<Buffer> {
  const title = copyTitle(l.pupil.name);
  const first = l.pis.map((p) => p.startedAt).filter((s): s is string => s !== null).sort()[0];
  const table = (pi: PiState): Content => ({
    table: {
      widths: [150, '*'],
      body: copyFacts(pi, l.names).map(([k, v]) => [{ text: k, bold: true }, { text: v }]),
    },
    layout: 'lightHorizontalLines',
  });
  const content: Content[] = [
    { text: l.schoolName, style: 'h2', margin: [0, 0, 0, 2] },
    { text: longDay(l.today), style: 'small', margin: [0, 0, 0, 12] },
    { text: `Dear ${l.parents.length ? l.parents.join(' and ') : 'parent or carer'},`, margin: [0, 0, 0, 8] },
    { text: title, style: 'h1' },
    { text: `Pupil: ${l.pupil.name}, Year ${l.pupil.yearGroup}`, style: 'small', margin: [0, 0, 0, 8] },
    { text: `We are writing to give you a copy of the school's record of the ${l.pis.length > 1 ? 'interventions' : 'intervention'} with ${l.pupil.name}${first ? ` on ${longDay(first)}` : ''}. Schools must record every significant use of force, restraint or seclusion and give parents a copy of the record, under the Schools (Recording and Reporting of Seclusion and Restraint) (No. 2) (England) Regulations 2025.` },
    { text: 'What happened beforehand', style: 'h2' },
    { text: l.beforehand ?? 'Not recorded' },
    ...l.pis.flatMap((pi, n): Content[] => [
      { text: l.pis.length > 1 ? `Intervention ${n + 1}` : 'The intervention', style: 'h2' },
      table(pi),
    ]),
    { text: 'If you would like to talk about this', style: 'h2' },
    { text: `Please contact the school if you would like to talk about what happened, the support offered to ${l.pupil.name}, or how we plan to help avoid the need for this in future. You may also ask to see the school's policy on the use of reasonable force.` },
    { text: 'Yours sincerely,', margin: [0, 16, 0, 24] },
    { text: l.senderName },
    { text: `${l.senderRole}, ${l.schoolName}` },
  ];
  return renderPdf({ content, info: { title, subject: title } });
}
