/**
 * Text PostgreSQL cannot store is refused, not a 500 (issue 11, item 12). Walking the app's own route table, every
 * string in every route's body (as its zod schema describes it) and every query parameter is sent, one at a time,
 * with a NUL character or a lone UTF-16 surrogate placed anywhere in it (fast-check), and every date or date-time
 * field with a year outside 1 to 9999; each must answer 400 naming that field. Query strings cannot carry a lone
 * surrogate (it has no UTF-8 form to percent-encode), so query parameters get NUL and out-of-range dates.
 * The one mechanism is `storable()` in packages/contracts, applied to every route by the validator compiler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RouteTableEntry } from '../../src/core/http/context.ts';
import { createTestContext, dbKinds, json, type TestContext } from '../harness.ts';
import { demoSites } from './behaviour.fixtures.ts';
import { routeSampler, type RouteSampler } from '../routes.sample.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];
interface Leaf { path: Path; format: 'text' | 'date' | 'date-time' }
interface ErrorBody { error: { code: string; fields?: { field: string }[] } }

/** The string leaves of a sampled value, with the format its schema gives them. */
function leaves(value: unknown, schema: Json | undefined, path: Path = [], out: Leaf[] = []): Leaf[] {
  const pick = (s: Json | undefined): Json | undefined => {
    const variants = (s?.anyOf ?? s?.oneOf) as Json[] | undefined;
    return variants ? pick(variants.find((v) => v.type !== 'null') ?? variants[0]) : s;
  };
  const s = pick(schema);
  if (typeof value === 'string') {
    if (s?.const !== undefined || Array.isArray(s?.enum)) return out; // a fixed choice: any other text is simply not one of them
    out.push({ path, format: s?.format === 'date' ? 'date' : s?.format === 'date-time' ? 'date-time' : 'text' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, s?.items as Json | undefined, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, (s?.properties as Record<string, Json> | undefined)?.[k], [...path, k], out);
  }
  return out;
}

function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  const copy = structuredClone(value) as Json;
  let o: Json = copy;
  for (const p of path.slice(0, -1)) o = o[p as string] as Json;
  o[path[path.length - 1] as string] = leaf;
  return copy;
}

const around = fc.string({ maxLength: 12 });
const nulText = fc.tuple(around, around).map(([a, b]) => `${a}\u0000${b}`);
const surrogateText = fc.tuple(around, around, fc.integer({ min: 0xd800, max: 0xdfff })).map(([a, b, c]) => `${a}${String.fromCharCode(c)}${b}`);
const mmdd = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const badYear = fc.constantFrom('0000', '10000', '99999', '-0001', '+10000');
const badDate = fc.tuple(badYear, mmdd).map(([y, md]) => `${y}-${md}`);
const badDateTime = fc.tuple(badDate, fc.constantFrom('T00:00:00Z', 'T12:30:00+01:00', 'T23:59:59.999Z')).map(([d, t]) => `${d}${t}`);

describe.each(dbKinds())('text and dates PostgreSQL cannot store, on every route, on %s', (kind) => {
  let t: TestContext;
  let sampler: RouteSampler;
  beforeAll(async () => {
    t = await createTestContext(kind);
    sampler = await routeSampler(t, (await demoSites(t)).site1);
  });
  afterAll(async () => { await t?.close(); });

  const send = async (route: RouteTableEntry, opts: { body?: unknown; query?: string }) => {
    const session = await sampler.session(route);
    const url = await sampler.url(route);
    return t.app.inject({
      method: route.method as 'POST', url: opts.query ? `${url}?${opts.query}` : url, headers: session?.headers ?? {},
      ...(opts.body === undefined ? {} : { payload: opts.body as object }),
    });
  };
  const expectRefused = (res: { statusCode: number; body: string }, field: string, what: string) => {
    expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(400);
    expect((json<ErrorBody>(res as never).error.fields ?? []).map((f) => f.field), what).toContain(field);
  };

  it('every body field refuses NUL, lone surrogates and years outside 1 to 9999 with 400 naming it', async () => {
    let fields = 0;
    for (const route of t.app.routeAccess.filter((r) => r.url.startsWith('/api/') && r.schema?.body)) {
      const schema = sampler.jsonSchema(route, 'body');
      const body = sampler.body(route, 'Some words');
      for (const leaf of leaves(body, schema)) {
        fields++;
        const field = leaf.path.join('.');
        const bad = leaf.format === 'date' ? fc.oneof(badDate, nulText) : leaf.format === 'date-time' ? fc.oneof(badDateTime, nulText) : fc.oneof(nulText, surrogateText);
        await fc.assert(fc.asyncProperty(bad, async (value) => {
          expectRefused(await send(route, { body: setAt(body, leaf.path, value) }), field, `${route.method} ${route.url} ${field}=${JSON.stringify(value)}`);
        }), { numRuns: 4 });
      }
    }
    expect(fields).toBeGreaterThan(150);
  }, 600_000);

  it('every query parameter refuses NUL and years outside 1 to 9999 with 400 naming it', async () => {
    let params = 0;
    for (const route of t.app.routeAccess.filter((r) => r.url.startsWith('/api/') && r.schema?.querystring)) {
      const js = sampler.jsonSchema(route, 'querystring');
      for (const [name, prop] of Object.entries((js?.properties ?? {}) as Record<string, Json>)) {
        params++;
        const format = (prop.anyOf as Json[] | undefined)?.find((v) => v.format)?.format ?? prop.format;
        const bad = format === 'date' ? fc.oneof(badDate, nulText) : format === 'date-time' ? fc.oneof(badDateTime, nulText) : nulText;
        await fc.assert(fc.asyncProperty(bad, async (value) => {
          const query = new URLSearchParams({ [name]: value }).toString();
          expectRefused(await send(route, { query }), name, `${route.method} ${route.url}?${name}=${JSON.stringify(value)}`);
        }), { numRuns: 3 });
      }
    }
    expect(params).toBeGreaterThan(40);
  }, 600_000);
});
