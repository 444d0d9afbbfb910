import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderPdf } from './pdf.ts';

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

describe('renderPdf', () => {
  it('renders text and tables with the shipped fonts into a PDF whose text can be read back', async () => {
    const pdf = await renderPdf({
      content: [
        { text: 'Suspension of Jordan Smith', style: 'h1' },
        { text: 'You have the right to make representations to the governing board — £0, naïve café.' },
        { table: { body: [[{ text: 'Date', style: 'tableHeader' }, 'Tuesday 3 November 2026']] } },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text).toContain('Suspension of Jordan Smith');
    expect(text).toContain('governing board');
    expect(text).toContain('naïve café');
    expect(text).toContain('Tuesday 3 November 2026');
  });

  it('refuses to fetch images from URLs or read local files', async () => {
    await expect(renderPdf({ content: [{ image: 'https://example.org/x.png' }] })).rejects.toThrow();
    await expect(renderPdf({ content: [{ image: '/etc/passwd' }] })).rejects.toThrow();
  });
});
