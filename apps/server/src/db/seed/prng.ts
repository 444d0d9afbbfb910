/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) for the demo and benchmark data:
 * the same seed always gives the same trust, so tests and benchmarks can rely on it. Never Math.random.
 */

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`Invalid seed ${seed}: expected a finite number`);
    const mix = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i += 1) this.u32(); // warm up
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform number in [0, 1). */
  next(): number { return this.u32() / 4_294_967_296; }

  /** A uniform integer from `min` to `max`, both inclusive. */
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }

  /** True with probability `p`. */
  chance(p: number): boolean { return this.next() < p; }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list');
    return item;
  }

  /** One key, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Cannot choose from no weights');
    return last[0];
  }

  /** A new array in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A child generator: lets one part of the data change without reshuffling the rest. */
  fork(label: string): Rng {
    let h = this.u32();
    for (let i = 0; i < label.length; i += 1) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Rng(h);
  }
}

/** Timestamps inside generated ids count up from here, one millisecond per id, as a real UUIDv7 would. */
const ID_BASE_MS = Date.UTC(2025, 0, 1);

/** Deterministic UUIDv7-shaped ids: a 48-bit millisecond timestamp, version 7, variant 10, and 74 random bits. */
export class IdFactory {
  private count = 0;
  constructor(private readonly rng: Rng) {}

  next(): string {
    const ms = ID_BASE_MS + this.count;
    this.count += 1;
    const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
    const time = Math.floor(ms / 2 ** 16).toString(16).padStart(8, '0') + hex(ms % 2 ** 16, 4);
    const r1 = this.rng.u32();
    const r2 = this.rng.u32();
    const r3 = this.rng.u32();
    const randA = hex(r1 & 0x0fff, 3);
    const variant = hex(0x8000 | (r2 & 0x3fff), 4);
    const tail = hex(r2 >>> 16, 4) + hex(r3, 8);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}-${tail}`;
  }
}
