/**
 * A CTF upload from bytes to a plan (DAT-2), on the same mechanism as a CSV import: the people layer's pupil and
 * contact planners compare the file with what Haven holds, and a third plan keeps each pupil's transfer document
 * (one per source school). The three apply together, in the import's one transaction, or not at all.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TCtfSummary, TCtfTransferDocument, TImportCounts, TImportProblem } from '@haven/contracts';
import type { Executor, Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { sites } from '../../db/schema/platform.ts';
import { pupilTransferRecords } from '../../db/schema/transfers.ts';
import { planContacts, planPupils, type Plan, type Target } from '../people/people.service.ts';
import { bulkInsert, bulkUpdate } from '../people/people.bulk.ts';
import { auditMany } from '../people/people.types.ts';
import type { Analysis, Progress } from '../imports/imports.engine.ts';
import { parseCtfXml } from './ctf.xml.ts';
import { CTF_CONTACT_FIELDS, CTF_PUPIL_FIELDS, readCtf, type CtfPupil, type CtfRead } from './ctf.read.ts';

const PUPIL_PATH = 'CTfile/CTFpupilData/Pupil';
const PUPIL_ELEMENTS: Record<string, string> = {
  upn: 'UPN', legalSurname: 'Surname', legalForename: 'Forename', dateOfBirth: 'DOB', sex: 'Sex', yearGroup: 'BasicDetails/NCyearActual',
};
const CONTACT_ELEMENTS: Record<string, string> = { upn: 'UPN', forename: 'Contacts/Contact/Forename', surname: 'Contacts/Contact/Surname' };

const hashOf = (doc: TCtfTransferDocument) => createHash('sha256').update(JSON.stringify(doc)).digest('hex');

/** How re-imports recognise a source school: LA and establishment number, else URN, else name. */
export function sourceKeyOf(s: TCtfSummary['sourceSchool']): string {
  if (s.lea && s.estab) return `${s.lea}${s.estab}`;
  if (s.urn) return `urn:${s.urn}`;
  return `name:${(s.name ?? 'unknown').toLowerCase()}`;
}

async function planTransfers(db: Executor, target: Target, summary: TCtfSummary, pupils: readonly CtfPupil[], hashes: readonly string[], ids: ReadonlyMap<string, string>) {
  const sourceKey = sourceKeyOf(summary.sourceSchool);
  const [site] = await db.select({ la: sites.laCode, est: sites.establishmentNumber }).from(sites).where(eq(sites.id, target.siteId));
  // A school's own CTF brought back (its export re-imported) says nothing about a previous school.
  const own = !!site?.la && !!site.est && sourceKey === `${site.la}${site.est}`;
  const wanted = own ? [] : pupils.flatMap((p, i) => (ids.has(p.upn) ? [{ pupilId: ids.get(p.upn)!, upn: p.upn, document: p.document, hash: hashes[i]! }] : []));
  const pupilIds = wanted.map((w) => w.pupilId);
  const stored = pupilIds.length
    ? await db.select({ id: pupilTransferRecords.id, pupilId: pupilTransferRecords.pupilId, hash: pupilTransferRecords.documentHash }).from(pupilTransferRecords)
      .where(and(eq(pupilTransferRecords.sourceKey, sourceKey), inArray(pupilTransferRecords.pupilId, pupilIds)))
    : [];
  const byPupil = new Map(stored.map((s) => [s.pupilId, s]));
  const inserts: (typeof pupilTransferRecords.$inferInsert)[] = [];
  const updates: { id: string; pupilId: string; document: TCtfTransferDocument; documentHash: string; ctfVersion: string; receivedAt: string; importId: string | null }[] = [];
  const touched = new Set<string>();
  const src = summary.sourceSchool;
  for (const w of wanted) {
    const s = byPupil.get(w.pupilId);
    if (s?.hash === w.hash) continue;
    touched.add(w.upn);
    if (s) updates.push({ id: s.id, pupilId: w.pupilId, document: w.document, documentHash: w.hash, ctfVersion: summary.version, receivedAt: new Date().toISOString(), importId: null });
    else {
      inserts.push({ id: uuidv7(), trustId: target.trustId, siteId: target.siteId, pupilId: w.pupilId, sourceKey, sourceLea: src.lea, sourceEstab: src.estab,
        sourceUrn: src.urn, sourceName: src.name, ctfVersion: summary.version, document: w.document, documentHash: w.hash });
    }
  }
  return {
    touched,
    async apply(tx: Tx, audit: AuditQueue, importId: string | null) {
      await bulkInsert(tx, pupilTransferRecords, inserts.map((r) => ({ ...r, importId })));
      await bulkUpdate(tx, pupilTransferRecords, updates.map((u) => ({ ...u, importId })), ['document', 'documentHash', 'ctfVersion', 'receivedAt', 'importId']);
      const e = { siteId: target.siteId, importId };
      auditMany(audit, { ...e, action: 'pupil.transfer_record.created', entityType: 'pupil' }, inserts.map((r) => ({ id: r.pupilId, details: { source: sourceKey } })));
      auditMany(audit, { ...e, action: 'pupil.transfer_record.updated', entityType: 'pupil' }, updates.map((r) => ({ id: r.pupilId, details: { source: sourceKey } })));
    },
  };
}

/**
 * A file read once is not read again for its commit (or an unchanged re-upload): reading is pure, given the bytes
 * (by their SHA-256) and the day, and takes most of an import's time; so does hashing each pupil's transfer document.
 * Two files are kept, each at most 10 MB.
 */
interface ReadCtfFile { read: CtfRead; encoding: string; hashes: string[] }
const READ_CACHE = new Map<string, ReadCtfFile>();
const CACHE_LIMIT_BYTES = 10 * 1024 * 1024;

function readFile(bytes: Uint8Array, fileHash: string, today: string): ReadCtfFile {
  const key = `${fileHash}|${today}`;
  const hit = READ_CACHE.get(key);
  if (hit) return hit;
  const xml = parseCtfXml(bytes);
  const read = readCtf(xml.root, xml.rootName, xml.pupils, today);
  const out = { read, encoding: xml.encoding, hashes: read.pupils.map((p) => hashOf(p.document)) };
  if (bytes.byteLength <= CACHE_LIMIT_BYTES) {
    READ_CACHE.set(key, out);
    if (READ_CACHE.size > 2) READ_CACHE.delete(READ_CACHE.keys().next().value!);
  }
  return out;
}

/** Forgets the files read so far (imports.engine's forgetReadFiles). */
export function forgetCtfReads(): void {
  READ_CACHE.clear();
}

/** Reads, checks and plans a CTF; a file that cannot be read at all throws FileProblem. */
export async function analyseCtf(db: Executor, a: { target: Target; bytes: Uint8Array; fileHash: string; progress?: Progress }): Promise<Analysis> {
  a.progress?.('read', 0, 1);
  const { read, encoding, hashes } = readFile(a.bytes, a.fileHash, a.target.today);
  a.progress?.('check', 0, read.summary.pupils);
  const positions = new Map(read.pupils.map((p) => [p.position, p.upn]));
  const file = { format: 'xml' as const, encoding, headers: [], rows: Array.from({ length: read.summary.pupils }, (_, i) => ({ row: i + 1, cells: [] })) };
  const sample = read.pupils.slice(0, 10).map((p) => ({
    upn: p.upn, name: `${String(p.record.legalForename)} ${String(p.record.legalSurname)}`, dateOfBirth: String(p.record.dateOfBirth), contacts: String(p.contacts.length),
  }));
  const base = { file, fileHash: a.fileHash, preset: 'haven' as const, mapping: {}, unmapped: [], ctf: read.summary, sample };
  a.progress?.('plan', 0, read.pupils.length);
  const pupilPlan = await planPupils(db, {
    target: a.target, records: read.pupils.map((p) => p.record), given: new Set(CTF_PUPIL_FIELDS), columnOf: (f) => PUPIL_ELEMENTS[f] ?? f,
  });
  const ids = pupilPlan.pupilIds ?? new Map<string, string>();
  const contactPlan = await planContacts(db, {
    target: a.target, records: read.pupils.filter((p) => ids.has(p.upn)).flatMap((p) => p.contacts), given: new Set(CTF_CONTACT_FIELDS),
    columnOf: (f) => CONTACT_ELEMENTS[f] ?? f, pupilIds: ids,
  });
  const transfers = await planTransfers(db, a.target, read.summary, read.pupils, hashes, ids);
  const located = (p: TImportProblem): TImportProblem => (p.row === null || p.column?.startsWith('CTfile/')
    ? p : { ...p, column: `${PUPIL_PATH}[${p.row}]/${p.column ?? ''}`, upn: positions.get(p.row) ?? null });
  const problems = [...read.problems, ...pupilPlan.problems.map(located), ...contactPlan.problems.map(located)].sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
  const added = pupilPlan.counts.added;
  // a pupil counts once: added, or changed (their record, a contact or the transfer document), or unchanged
  const touched = new Set([...(pupilPlan.touched ?? []), ...(contactPlan.touched ?? []), ...transfers.touched]);
  const changed = Math.max(0, touched.size - added);
  const counts: TImportCounts = { rows: read.summary.pupils, added, changed, unchanged: read.pupils.length - added - changed, left: contactPlan.counts.left };
  const plan: Plan | null = problems.length ? null : {
    problems: [], counts, leftOut: contactPlan.leftOut,
    async apply(tx, audit, source) {
      await pupilPlan.apply(tx, audit, source);
      await contactPlan.apply(tx, audit, source);
      await transfers.apply(tx, audit, source.importId);
    },
  };
  return { ...base, problems, counts, leftOut: contactPlan.leftOut, plan };
}
