/** The week's rota printed (STF-3): A4 landscape, a row per member of the support team and a column per day, then the gaps. */
import { ROTA_MODE_LABELS, rotaGapText, type TRotaWeek } from '@haven/contracts';
import { formatUkDate } from '../../core/calendar/calendar.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';

const DAY = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export async function rotaPdf(w: TRotaWeek): Promise<{ pdf: Buffer; filename: string }> {
  const site = (id: string) => w.sites.find((s) => s.id === id)?.name ?? '';
  const period = (code: string) => w.periods.find((p) => p.code === code)?.label ?? code;
  const order = new Map(w.periods.map((p, i) => [p.code, i]));
  const cell = (staffId: string, date: string): Content => {
    const away = w.away.filter((a) => a.staffId === staffId && a.date === date).map((a) => `${a.kind === 'absence' ? 'Absent' : 'Training'}${a.periodCode ? ` (${period(a.periodCode)})` : ''}`);
    const lines = w.cells.filter((c) => c.staffId === staffId && c.date === date).sort((a, b) => (order.get(a.periodCode) ?? 99) - (order.get(b.periodCode) ?? 99))
      .map((c) => ({ text: `${period(c.periodCode)}: ${site(c.siteId)}, ${ROTA_MODE_LABELS[c.mode]}${c.pupil ? ` – ${c.pupil.displayName}` : ''}${c.teacher ? ` – with ${c.teacher.displayName}` : ''}${c.coversStaff ? ` (covering ${c.coversStaff.displayName})` : ''}`,
        bold: c.flagged, color: c.flagged ? '#B00020' : undefined }));
    return { stack: [...away.map((t) => ({ text: t, italics: true })), ...lines], fontSize: 7 };
  };
  const header = [{ text: 'Member of staff', style: 'tableHeader' }, ...w.dates.map((d) => ({ text: `${DAY[d.weekday]} ${formatUkDate(d.date)}`, style: 'tableHeader' }))];
  const body = [header, ...w.staff.map((s) => [{ text: s.displayName, fontSize: 8 }, ...w.dates.map((d) => cell(s.id, d.date))])];
  const problems = [
    ...w.gaps.map((g) => rotaGapText(g, period, site)),
    ...w.doubleBookings.map((d) => `${formatUkDate(d.date)} ${period(d.periodCode)}: ${d.staff.displayName} is booked twice (${d.siteIds.map(site).join(', ')})`),
    ...w.travel.map((t) => `${formatUkDate(t.date)}: ${t.staff.displayName} has ${t.gapMinutes} minutes from ${site(t.fromSiteId)} (${period(t.fromPeriod)}) to ${site(t.toSiteId)} (${period(t.toPeriod)}); the journey takes ${t.travelMinutes}`),
  ];
  const pdf = await renderPdf({
    pageOrientation: 'landscape', pageMargins: [30, 30, 30, 40],
    info: { title: `Support team rota, week of ${formatUkDate(w.weekStart)}` },
    content: [
      { text: `Support team rota: week of ${formatUkDate(w.weekStart)}`, style: 'h1' },
      { text: w.sites.map((s) => s.name).join(', '), style: 'small' },
      w.staff.length
        ? { table: { headerRows: 1, widths: [80, ...w.dates.map(() => '*')], body }, layout: 'lightHorizontalLines', margin: [0, 8, 0, 0] }
        : { text: 'Nobody is deployed at these sites this week.', margin: [0, 8, 0, 0] },
      { text: 'Gaps and conflicts', style: 'h2' },
      problems.length ? { ul: problems, fontSize: 8 } : { text: 'None.', fontSize: 8 },
    ],
  });
  return { pdf, filename: `rota-${w.weekStart}.pdf` };
}
