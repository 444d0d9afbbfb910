/**
 * The visit leader's day sheet (TRP-4): the itinerary, the staff, and each pupil with their photo, plan key points
 * and holds, medical flag and notes (with what the parent added on the consent form) and the day's emergency contact.
 * On the phone as JSON, and as a PDF (core/pdf, pdfmake) with the photos embedded. Every read is audited as
 * special-category data.
 */
import type { TDaySheet } from '@haven/contracts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { readStored } from '../../core/files/store.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { currentPhotos, photoFile } from '../photos/photos.repo.ts';
import { photoRef } from '../photos/photos.refs.ts';
import { load } from './visits.presenter.ts';
import { readable } from './visits.service.ts';

export async function daySheet(deps: Deps, actor: Actor, ctx: AuditContext, id: string, print = false): Promise<TDaySheet & { photoIds: Map<string, string> }> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id);
    const l = await load(tx, actor, row, false);
    const photos = await currentPhotos(tx, 'pupil', l.pupils.map((p) => p.id));
    audit.record({ action: print ? 'visit.day_sheet.print' : 'visit.day_sheet.read', entityType: 'visit', entityId: row.id, siteId: row.siteId, details: { specialCategory: true, pupils: l.pupils.length } });
    const d = l.dto;
    return {
      visit: { id: d.id, siteId: d.siteId, siteName: d.siteName, purpose: d.purpose, venue: d.venue, startDate: d.startDate, endDate: d.endDate, status: d.status, categoryName: d.categoryName,
        leaderName: d.leaderName, pupilCount: d.pupilCount, staffCount: d.staffCount, departTime: d.departTime, returnTime: d.returnTime, itinerary: d.itinerary, transport: d.transport },
      staff: d.staff.map((s) => ({ name: s.name, jobTitle: s.jobTitle, leader: s.leader })),
      pupils: l.pupils.map((p, n) => {
        const dp = d.pupils[n]!;
        return { id: p.id, displayName: dp.displayName, yearGroup: p.yearGroup, photoUrl: photoRef(photos.get(p.id)?.id)?.thumbnailUrl ?? null, medicalFlag: p.medicalFlag, medicalNotes: p.medicalNotes ?? '',
          consentMedical: dp.consent?.medicalInfo ?? '', emergencyName: dp.consent?.emergencyName ?? '', emergencyPhone: dp.consent?.emergencyPhone ?? '',
          keyPoints: dp.plan?.keyPoints ?? [], approvedHolds: dp.plan?.approvedHolds ?? [], needsTrainedAdult: dp.needsTrainedAdult };
      }),
      photoIds: new Map([...photos.entries()].map(([k, v]) => [k, v.id])),
    };
  });
}

const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

function imageType(b: Buffer): string | null {
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50) return 'image/png';
  return null;
}

export async function daySheetPdf(deps: Deps, sheet: TDaySheet & { photoIds: Map<string, string> }, printedBy: string): Promise<Buffer> {
  const v = sheet.visit;
  const title = `Day sheet: ${v.purpose}`;
  const rows: Content[] = [];
  for (const p of sheet.pupils) {
    let image: Content = { text: 'No photo', style: 'small' };
    const photoId = sheet.photoIds.get(p.id);
    if (photoId) {
      const file = await photoFile(deps.database.db, photoId, 'thumbnail');
      const data = file ? await readStored(deps, file) : null;
      const type = data ? imageType(data) : null;
      if (data && type) image = { image: `data:${type};base64,${data.toString('base64')}`, fit: [60, 60] };
    }
    const lines: Content[] = [
      { text: `${p.displayName} (Year ${p.yearGroup})`, bold: true },
      { text: `Medical: ${p.medicalFlag ? 'yes' : 'none recorded'}${p.medicalNotes ? ` — ${p.medicalNotes}` : ''}${p.consentMedical ? `. From the parent: ${p.consentMedical}` : ''}` },
      { text: `Emergency contact on the day: ${p.emergencyName || 'not given'} ${p.emergencyPhone}` },
      ...(p.keyPoints.length ? [{ ul: p.keyPoints, fontSize: 9 } as Content] : []),
      ...(p.approvedHolds.length ? [{ text: `Approved holds: ${p.approvedHolds.join(', ')}${p.needsTrainedAdult ? ' — NO TRAINED ADULT ON THE VISIT' : ''}`, bold: p.needsTrainedAdult }] : []),
    ];
    rows.push({ columns: [{ width: 70, stack: [image] }, { width: '*', stack: lines }], margin: [0, 0, 0, 8], unbreakable: true } as Content);
  }
  const content: Content[] = [
    { text: v.siteName, style: 'h2' },
    { text: title, style: 'h1' },
    { text: `${v.venue}. Leaves ${ukDay(v.startDate)} ${v.departTime}, back ${ukDay(v.endDate)} ${v.returnTime}. ${v.transport}` },
    { text: `Leader: ${v.leaderName ?? 'not named'}. Staff: ${sheet.staff.map((s) => s.name).join(', ')}`, margin: [0, 4, 0, 4] },
    { text: 'Itinerary', style: 'h2' },
    { ul: v.itinerary.map((s) => `${ukDay(s.date)} ${s.time} ${s.place}${s.notes ? ` — ${s.notes}` : ''}`) },
    { text: 'Pupils', style: 'h2' },
    ...rows,
    { text: `Printed by ${printedBy}. Confidential: special-category information about pupils. Keep it with you and return it after the visit.`, style: 'small', margin: [0, 12, 0, 0] },
  ];
  return renderPdf({ content, info: { title, subject: title } });
}
