/**
 * Long documents as flowing text, written with pdfkit directly (the library pdfmake is built on): headings,
 * paragraphs, a record's title and lines, bullets — no tables, no layout tree. pdfmake lays out thousands of records
 * about six times slower than pdfkit's own text flow (measured for bench/README.md, "Subject access"), so documents
 * that can run to thousands of records (a subject access response) use this; letters and reports keep core/pdf/pdf.ts.
 * Same look as pdf.ts: A4, the Roboto fonts that ship with pdfmake (nothing else is loaded), British English metadata,
 * page numbers in the footer.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const MARGINS = { top: 50, left: 50, right: 50, bottom: 60 };

export interface FlowWriter {
  h1(text: string): void;
  h2(text: string): void;
  para(text: string, opts?: { small?: boolean; gapAfter?: number }): void;
  /** A bold title line, then one line a field: the shape of one record. */
  record(title: string, lines: readonly string[]): void;
  bullets(items: readonly string[]): void;
}

export function renderFlowPdf(info: { title: string; subject?: string }, build: (w: FlowWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: MARGINS, bufferPages: true, lang: 'en-GB', displayTitle: true,
    info: { Title: info.title, Subject: info.subject ?? info.title, Creator: 'Haven', Producer: 'Haven' },
  });
  doc.registerFont('Roboto', path.join(FONT_DIR, 'Roboto-Regular.ttf'));
  doc.registerFont('Roboto-Bold', path.join(FONT_DIR, 'Roboto-Medium.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const text = (t: string, font: string, size: number, gapAfter: number, color = '#000000') => {
    doc.font(font).fontSize(size).fillColor(color).text(t, MARGINS.left, undefined, { width, lineGap: size * 0.2 });
    if (gapAfter) doc.moveDown(gapAfter / size);
  };
  const writer: FlowWriter = {
    h1: (t) => text(t, 'Roboto-Bold', 16, 8),
    h2: (t) => { doc.moveDown(10 / 12); text(t, 'Roboto-Bold', 12, 4); },
    para: (t, o) => text(t, 'Roboto', o?.small ? 8 : 10, o?.gapAfter ?? 6, o?.small ? '#444444' : '#000000'),
    record: (title, lines) => {
      text(title, 'Roboto-Bold', 8, 0);
      if (lines.length) text(lines.join('\n'), 'Roboto', 8, 0);
      doc.moveDown(0.6);
    },
    bullets: (items) => {
      doc.font('Roboto').fontSize(10).fillColor('#000000').list([...items], MARGINS.left, undefined, { width, bulletRadius: 2, lineGap: 2 });
      doc.moveDown(0.5);
    },
  };
  build(writer);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // the footer sits in the bottom margin: lift the margin so writing there does not start a new page
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Roboto').fontSize(8).fillColor('#444444')
      .text(`Page ${i - range.start + 1} of ${range.count}`, MARGINS.left, doc.page.height - 40, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
