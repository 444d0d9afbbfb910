/** The head's commentary in a report PDF: its text per site, or an empty ruled box to write in by hand. */
import type { Content } from '../../core/pdf/pdf.ts';

export interface Commentary { siteName: string; text: string | null }

const RULED_LINES = 6;

function ruledBox(): Content {
  return {
    table: { widths: ['*'], body: Array.from({ length: RULED_LINES }, () => [{ text: ' ', margin: [0, 6, 0, 6] }]) },
    layout: { hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? 1 : 0.5), vLineWidth: () => 1, hLineColor: () => '#777777', vLineColor: () => '#777777' },
    margin: [0, 2, 0, 8],
  } as Content;
}

export function commentaryContent(items: readonly Commentary[], heading: string): Content[] {
  const several = items.length > 1;
  return [
    { text: heading, style: 'h2' },
    ...items.flatMap((c): Content[] => [
      ...(several ? [{ text: c.siteName, style: 'h3' } as Content] : []),
      c.text
        ? { table: { widths: ['*'], body: [[{ text: c.text, margin: [4, 4, 4, 4] }]] }, layout: { hLineColor: () => '#777777', vLineColor: () => '#777777' }, margin: [0, 2, 0, 8] } as Content
        : { stack: [{ text: 'No commentary has been written in Haven for this period; space to write by hand:', style: 'small' }, ruledBox()] },
    ]),
  ];
}
