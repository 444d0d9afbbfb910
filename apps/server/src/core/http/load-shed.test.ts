/**
 * The load-shedding gate (issue 19): a burst larger than the running limit waits its turn in order rather than being
 * turned away (200 quick logs in the second registration opens, at 16 writes at once); what cannot start within the
 * deadline, or finds the line full, is shed.
 */
import { describe, expect, it } from 'vitest';
import { Gate, LINE_PER_SLOT } from './load-shed.ts';

describe('Gate', () => {
  it('lets a burst of 200 wait its turn at 16 at once, first come first served, and sheds none', async () => {
    const gate = new Gate(16, 2000);
    const order: number[] = [];
    const turns = Array.from({ length: 200 }, (_, i) => gate.acquire().then((ok) => { if (ok) order.push(i); return ok; }));
    await Promise.resolve();
    expect(gate.running).toBe(16);
    expect(gate.waiting).toBe(184);
    // each request that finishes lets the next one in
    for (let done = 0; done < 200; done += 1) {
      await new Promise((r) => setImmediate(r));
      gate.release();
    }
    expect(await Promise.all(turns)).toEqual(Array(200).fill(true));
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(gate.shed).toBe(0);
    expect(gate.running).toBe(0);
  });

  it('sheds at once what finds the line full, and after the deadline what could not start', async () => {
    const gate = new Gate(1, 30);
    expect(await gate.acquire()).toBe(true);
    const waiting = Array.from({ length: LINE_PER_SLOT }, () => gate.acquire());
    expect(await gate.acquire()).toBe(false);
    expect(gate.shed).toBe(1);
    expect(await Promise.all(waiting)).toEqual(Array(LINE_PER_SLOT).fill(false));
    expect(gate.shed).toBe(1 + LINE_PER_SLOT);
    expect(gate.waiting).toBe(0);
    gate.release();
    expect(await gate.acquire()).toBe(true);
  });
});
