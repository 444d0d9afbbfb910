/**
 * A letter on the school's letterhead, as a PDF (pdfmake): the crest, name, address and contact details of the
 * school; the recipients' name and address block; the date; the salutation; the title; the letter's parts; and a
 * signature that pdfmake keeps on one page with the paragraph before it (an unbreakable stack), so a signature is
 * never left alone at the top of a page.
 */
import { renderPdf, type Content } from './pdf.ts';

export interface Letterhead {
  schoolName: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** The crest as JPEG or PNG bytes (re-encoded by Haven when uploaded). */
  crest: Buffer | null;
}

export type LetterParagraph = { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

export interface LetterPart { heading: string | null; paragraphs: LetterParagraph[]; content?: Content[] }

export interface LetterDocument {
  letterhead: Letterhead;
  /** The address block: names, then the address lines (none when no address is known). */
  to: { names: string[]; address: string | null };
  date: string;
  salutation: string;
  title: string;
  subtitle?: string | null;
  parts: LetterPart[];
  signature: { name: string; role: string };
}

const lines = (s: string | null) => (s ?? '').split(/\r?\n|,\s*(?=\S)/).map((l) => l.trim()).filter(Boolean);

function letterhead(h: Letterhead): Content {
  const contact = [h.phone ? `Telephone ${h.phone}` : null, h.email, h.website].filter((x): x is string => !!x);
  const text: Content = {
    stack: [
      { text: h.schoolName, fontSize: 15, bold: true, color: '#1a3a5c' },
      ...lines(h.address).map((l) => ({ text: l, fontSize: 9, color: '#333333' })),
      ...(contact.length ? [{ text: contact.join('  ·  '), fontSize: 9, color: '#333333', margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
    ],
  };
  const crest: Content[] = h.crest
    ? [{ image: `data:image/${h.crest[0] === 0x89 ? 'png' : 'jpeg'};base64,${h.crest.toString('base64')}`, fit: [64, 64], width: 64, alignment: 'right' }]
    : [];
  return {
    columns: [{ width: '*', ...text }, ...(crest.length ? [{ width: 70, stack: crest }] : [])],
    margin: [0, 0, 0, 6],
  };
}

function part(p: LetterPart): Content[] {
  const body: Content[] = p.content ?? p.paragraphs.map((para, n): Content => {
    const margin: [number, number, number, number] = [0, n ? 6 : 0, 0, 0];
    return para.kind === 'list' ? { ul: para.items, margin } : { text: para.text, margin };
  });
  return [...(p.heading ? [{ text: p.heading, style: 'h2' }] : []), ...body];
}

export function letterContent(l: LetterDocument): Content[] {
  const parts = l.parts.filter((p) => p.content?.length || p.paragraphs.length);
  const last = parts.at(-1);
  const signature: Content[] = [
    { text: 'Yours sincerely,', margin: [0, 16, 0, 24] },
    { text: l.signature.name },
    { text: l.signature.role },
  ];
  return [
    letterhead(l.letterhead),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 495, y2: 0, lineWidth: 1, lineColor: '#1a3a5c' }], margin: [0, 0, 0, 14] },
    { stack: [...l.to.names.map((n) => ({ text: n })), ...lines(l.to.address).map((a) => ({ text: a }))], margin: [0, 0, 0, 14] },
    { text: l.date, alignment: 'right', margin: [0, 0, 0, 12] },
    { text: `${l.salutation},`, margin: [0, 0, 0, 8] },
    { text: l.title, style: 'h1' },
    ...(l.subtitle ? [{ text: l.subtitle, style: 'small', margin: [0, 0, 0, 8] as [number, number, number, number] }] : []),
    ...parts.slice(0, -1).flatMap(part),
    // the last part and the signature stay together on one page
    { stack: [...(last ? part(last) : []), ...signature], unbreakable: true },
  ];
}

export async function renderLetter(l: LetterDocument): Promise<Buffer> {
  return renderPdf({ content: letterContent(l), info: { title: l.title, subject: l.title } });
}
