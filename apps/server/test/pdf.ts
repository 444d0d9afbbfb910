/** The text of a PDF, read back with unpdf (for checking what a generated document says). */
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  return (await extractText(doc, { mergePages: true })).text;
}
