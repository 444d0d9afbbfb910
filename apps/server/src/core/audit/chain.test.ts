/** The hash chain's pure rules: the pieces the database hashes are exactly the canonical body; the verifier's findings. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChainVerifier, GENESIS_HASH, canonicalJson, entryHash, entryHashParts, type ChainedEntry } from './chain.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const details = fc.jsonValue().filter((v) => v !== null && typeof v === 'object') as fc.Arbitrary<Record<string, unknown>>;

const entry: fc.Arbitrary<ChainedEntry> = fc.record({
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), id: fc.uuid(), trustId: nullable(fc.uuid()), at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actorUserId: nullable(fc.uuid()), actorLabel: text, ip: nullable(text), requestId: nullable(text), action: text, entityType: text,
  entityId: nullable(text), siteId: nullable(fc.uuid()), details: fc.oneof(details, fc.constant({})),
  prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
});

/** What haven_audit_append hashes, done the same way here: head || "prevHash" || middle || seq || tail, as UTF-8. */
function sqlSideHash(e: ChainedEntry): string {
  const { head, middle, tail } = entryHashParts(e);
  return createHash('sha256').update(`${head}"${e.prevHash}"${middle}${String(e.seq)}${tail}`, 'utf8').digest('hex');
}

describe('entryHashParts', () => {
  it('puts the canonical body back together around the sequence number and the previous hash', () => {
    fc.assert(fc.property(entry, (e) => {
      const { head, middle, tail } = entryHashParts(e);
      expect(`${head}${JSON.stringify(e.prevHash)}${middle}${String(e.seq)}${tail}`).toBe(canonicalJson({ ...e }));
      expect(sqlSideHash(e)).toBe(entryHash(e));
    }), { numRuns: 300 });
  });

  it.each([
    ['quotes, backslashes and control characters', { text: 'a "quoted" \\ back\nslash\ttab\u0001' }],
    ['non-Latin text, emoji and combining marks', { text: 'Zoë — 学校 😀 e\u0301' }],
    ['nested objects with keys out of order', { z: 1, a: { y: [3, { b: 2, a: 1 }], x: null } }],
  ])('keeps %s in the same canonical form', (_label, d) => {
    const e: ChainedEntry = { seq: 42, id: '01941f29-7c00-7478-a74f-7c32d18ce8df', trustId: null, at: '2026-11-18T10:00:00.000Z', actorUserId: null,
      actorLabel: 'system', ip: null, requestId: null, action: 'test', entityType: 'test', entityId: null, siteId: null, details: d, prevHash: GENESIS_HASH };
    expect(sqlSideHash(e)).toBe(entryHash(e));
  });
});

describe('ChainVerifier', () => {
  const chain = (n: number): (ChainedEntry & { hash: string })[] => {
    const out: (ChainedEntry & { hash: string })[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq += 1) {
      const e: ChainedEntry = { seq, id: `id-${seq}`, trustId: null, at: '2026-11-18T10:00:00.000Z', actorUserId: null, actorLabel: 'system', ip: null,
        requestId: null, action: 'test', entityType: 'test', entityId: String(seq), siteId: null, details: { n: seq }, prevHash };
      const hash = entryHash(e);
      out.push({ ...e, hash });
      prevHash = hash;
    }
    return out;
  };
  const verify = (entries: (ChainedEntry & { hash: string })[]) => {
    const v = new ChainVerifier();
    for (const e of entries) v.push(e);
    return v.problems;
  };

  it('accepts an intact chain', () => expect(verify(chain(6))).toEqual([]));
  it('finds an edited entry by position', () => {
    const c = chain(6);
    c[2] = { ...c[2]!, details: { n: 'changed' } };
    expect(verify(c)).toEqual([expect.objectContaining({ position: 3, kind: 'edited' })]);
  });
  it('finds a deleted entry by position', () => {
    const c = chain(6);
    c.splice(3, 1);
    expect(verify(c).map((p) => [p.position, p.kind])).toEqual([[4, 'sequence_gap'], [5, 'deleted_or_inserted']]);
  });
  it('finds an inserted entry even when later entries are renumbered', () => {
    const c = chain(6);
    const forged = { ...c[2]!, seq: 4, prevHash: c[2]!.hash, actorLabel: 'forger' };
    const shifted = [...c.slice(0, 3), { ...forged, hash: entryHash(forged) }, ...c.slice(3).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verify(shifted).some((p) => p.kind === 'edited' || p.kind === 'deleted_or_inserted')).toBe(true);
  });
});
