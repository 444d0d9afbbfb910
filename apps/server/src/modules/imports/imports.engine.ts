/**
 * One import from bytes to a plan, and from a plan to committed rows: used alike by the API (preview, then commit)
 * and by `haven import csv` / `haven import ctf`. Nothing is written until commit, and commit writes everything or
 * nothing, in one transaction with its audit entries. A CTF (kind `ctf`) is read by modules/ctf onto the same plan.
 */
import { createHash } from 'node:crypto';
import {
  detectPreset, proposeMapping, type TCtfSummary, type TImportCounts, type TImportKind, type TImportMapping, type TImportPreset, type TImportProblem,
} from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { PLANNERS, type Plan, type Target } from '../people/people.service.ts';
import { checkRows, type Checked } from './imports.rules.ts';
import { FileProblem, parseImportFile, type ParsedFile } from './imports.parse.ts';
import { analyseCtf, forgetCtfReads } from '../ctf/ctf.plan.ts';
import { looksLikeXml } from '../ctf/ctf.xml.ts';

export interface Analysis {
  file: ParsedFile;
  fileHash: string;
  preset: TImportPreset;
  mapping: TImportMapping;
  unmapped: string[];
  problems: TImportProblem[];
  counts: TImportCounts;
  leftOut: string[];
  /** Present when every row passed: what commit would write. */
  plan: Plan | null;
  /** A CTF's header (version, source and destination school). */
  ctf?: TCtfSummary;
  /** The first records as read, for checking by eye (a CTF's pupils; a table's sample comes from its mapping). */
  sample?: Record<string, string>[];
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export type Progress = (stage: 'read' | 'check' | 'plan' | 'write' | 'done', done: number, total: number) => void;

/**
 * Files read and checked lately, by content hash: a commit reads again the file its preview read moments before (in
 * this process, as a rule), and reading and checking are pure — the same bytes give the same rows, and the same rows,
 * kind, mapping and day the same records and problems. Only that is kept: the plan against what Haven holds is made
 * afresh every time. At most READ_CACHE_ROWS rows are kept, the oldest file forgotten first. Callers must not change
 * what they are given.
 */
const READ_CACHE_ROWS = 20_000;
const readCache = new Map<string, { file: ParsedFile; checks: Map<string, Checked> }>();

async function readFile(bytes: Uint8Array, fileHash: string): Promise<{ file: ParsedFile; checks: Map<string, Checked> }> {
  const hit = readCache.get(fileHash);
  if (hit) {
    readCache.delete(fileHash); // most recently used last
    readCache.set(fileHash, hit);
    return hit;
  }
  const entry = { file: await parseImportFile(bytes), checks: new Map<string, Checked>() };
  if (entry.file.rows.length <= READ_CACHE_ROWS) {
    readCache.set(fileHash, entry);
    let rows = 0;
    for (const e of readCache.values()) rows += e.file.rows.length;
    for (const [hash, e] of readCache) {
      if (rows <= READ_CACHE_ROWS) break;
      readCache.delete(hash);
      rows -= e.file.rows.length;
    }
  }
  return entry;
}

/** Forgets the files read so far (the benchmark's re-import, which a school makes days later, must read its file). */
export function forgetReadFiles(): void {
  readCache.clear();
  forgetCtfReads();
}

/**
 * Reads, checks and plans an import. A file that cannot be read at all throws FileProblem; everything else wrong is
 * returned as problems by row and column. `mapping` defaults to the detected preset's.
 */
export async function analyse(db: Executor, a: { kind: TImportKind; target: Target; bytes: Uint8Array; mapping?: TImportMapping; progress?: Progress }): Promise<Analysis> {
  const fileHash = sha256(a.bytes);
  if (a.kind === 'ctf') return analyseCtf(db, { target: a.target, bytes: a.bytes, fileHash, ...(a.progress ? { progress: a.progress } : {}) });
  a.progress?.('read', 0, 1);
  if (looksLikeXml(a.bytes)) throw new FileProblem('This is an XML file, not a CSV or XLSX: if it is a common transfer file from another school, import it as a CTF.');
  const read = await readFile(a.bytes, fileHash);
  const { file } = read;
  const preset = detectPreset(a.kind, file.headers);
  const mapping = a.mapping ?? proposeMapping(a.kind, file.headers, preset);
  a.progress?.('check', 0, file.rows.length);
  const checkKey = `${a.kind}|${a.target.today}|${JSON.stringify(Object.entries(mapping).sort((x, y) => x[0].localeCompare(y[0])))}`;
  let checked = read.checks.get(checkKey);
  if (!checked) {
    checked = checkRows(a.kind, file, mapping, a.target.today);
    read.checks.set(checkKey, checked);
  }
  a.progress?.('plan', 0, checked.records.length);
  const given = new Set(Object.keys(mapping));
  const columnOf = (field: string) => (mapping[field] !== undefined ? file.headers[mapping[field]] ?? field : field);
  const emptyCounts: TImportCounts = { rows: file.rows.length, added: 0, changed: 0, unchanged: 0, left: 0 };
  if (checked.problems.some((p) => p.row === null)) {
    return { file, fileHash, preset, mapping, unmapped: checked.unmapped, problems: checked.problems, counts: emptyCounts, leftOut: [], plan: null };
  }
  const plan = await PLANNERS[a.kind](db, { target: a.target, records: checked.records, given, columnOf });
  const problems = [...checked.problems, ...plan.problems].sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
  return {
    file, fileHash, preset, mapping, unmapped: checked.unmapped, problems,
    counts: { ...plan.counts, rows: file.rows.length }, leftOut: plan.leftOut, plan: problems.length ? null : plan,
  };
}

export { FileProblem };
