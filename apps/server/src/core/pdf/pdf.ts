/**
 * PDF documents (letters, reports) rendered on the server with pdfmake, pure JavaScript. The fonts (Roboto) ship
 * inside the pdfmake package, so nothing is fetched at run time: every URL and local-file access is refused, and a
 * document can only use text, tables and data URLs built by our own code.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

export type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

interface PdfMakeServer {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let engine: PdfMakeServer | null = null;

function pdfmake(): PdfMakeServer {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMakeServer;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const font = (f: string) => path.join(fontDir, f);
  pm.setFonts({
    Roboto: {
      normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => p.startsWith(fontDir));
  engine = pm;
  return pm;
}

/** Shared look for Haven documents: A4, readable margins, British English metadata. */
export const BASE_STYLES: TDocumentDefinitions['styles'] = {
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
  h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
  h3: { fontSize: 10, bold: true },
  small: { fontSize: 8, color: '#444444' },
  tableHeader: { bold: true, fillColor: '#eeeeee' },
};

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const full: TDocumentDefinitions = {
    pageSize: 'A4', pageMargins: [50, 50, 50, 60], defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    ...doc,
    styles: { ...BASE_STYLES, ...(doc.styles ?? {}) },
    info: { creator: 'Haven', producer: 'Haven', ...(doc.info ?? {}) },
  };
  return pdfmake().createPdf(full).getBuffer();
}
