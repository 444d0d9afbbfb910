/**
 * Graceful overload (issue 19, SPEC §8): each kind of request — writes, reads, and the heavy analytics reads — may
 * run at most `limit` at once in this process; the rest wait in line, first come first served, for at most
 * `queueMs`. A request that cannot start by then (or finds the line already `limit` × 16 long) is answered with 503
 * and `Retry-After`, so that when more is offered than the machine can do, the requests it takes on are
 * still served in good time and the rest are told to come back, rather than every request's wait growing without
 * bound. The web app retries quick logs and autosaves with their Idempotency-Key, so a shed write is never lost
 * nor made twice. Health checks and the web app's files are never held.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type LoadClass = 'write' | 'read' | 'analytics';
export interface LoadLimits { write: number; read: number; analytics: number; queueMs: number }

interface Waiter { grant: () => void; timer: ReturnType<typeof setTimeout> }

/**
 * How many may wait in line per running slot. The deadline is what sheds load under overload (the line holds at most
 * a deadline's worth of arrivals); the length only bounds a flood. It is long enough that a burst — 200 quick logs in
 * the second registration opens, at 16 writes at once — waits its turn, about a second, rather than being turned away.
 */
export const LINE_PER_SLOT = 16;

/** A counting semaphore whose waiters give up after a deadline. */
export class Gate {
  private active = 0;
  private readonly line: Waiter[] = [];
  shed = 0;
  constructor(readonly limit: number, private readonly queueMs: number) {}

  get running(): number { return this.active; }
  get waiting(): number { return this.line.length; }

  /** Resolves true with a slot (call release once), or false when the deadline passed or the line is full. */
  acquire(): Promise<boolean> {
    if (this.active < this.limit && this.line.length === 0) {
      this.active += 1;
      return Promise.resolve(true);
    }
    if (this.line.length >= this.limit * LINE_PER_SLOT) { this.shed += 1; return Promise.resolve(false); }
    return new Promise((resolve) => {
      const w: Waiter = {
        grant: () => { clearTimeout(w.timer); this.active += 1; resolve(true); },
        timer: setTimeout(() => {
          const i = this.line.indexOf(w);
          if (i >= 0) this.line.splice(i, 1);
          this.shed += 1;
          resolve(false);
        }, this.queueMs),
      };
      this.line.push(w);
    });
  }

  release(): void {
    this.active -= 1;
    const next = this.line.shift();
    if (next) next.grant();
  }
}

const ANALYTICS = ['/api/v1/analytics', '/api/v1/governance', '/api/v1/reports'];

export function loadClassOf(method: string, url: string): LoadClass | null {
  if (!url.startsWith('/api/') || url.startsWith('/api/health') || url.startsWith('/api/docs')) return null;
  if (method === 'GET' || method === 'HEAD') return ANALYTICS.some((p) => url.startsWith(p)) ? 'analytics' : 'read';
  return 'write';
}

export function installLoadShedding(app: FastifyInstance, limits: LoadLimits): Record<LoadClass, Gate> {
  const gates: Record<LoadClass, Gate> = {
    write: new Gate(limits.write, limits.queueMs), read: new Gate(limits.read, limits.queueMs), analytics: new Gate(limits.analytics, limits.queueMs),
  };
  const retryAfter = String(Math.max(1, Math.ceil(limits.queueMs / 1000)));
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const kind = loadClassOf(req.method, req.url);
    if (!kind) return;
    const gate = gates[kind];
    if (!(await gate.acquire())) {
      return reply.status(503).header('retry-after', retryAfter).send({
        error: { code: 'overloaded', message: 'Haven is very busy just now: please try again in a moment.', requestId: String(req.id) },
      });
    }
    req.loadSlot = gate;
  });
  // the slot is freed once the answer is sent, or when the client went away first
  const free = async (req: FastifyRequest) => {
    const gate = req.loadSlot;
    if (!gate) return;
    req.loadSlot = null;
    gate.release();
  };
  app.addHook('onResponse', free);
  app.addHook('onRequestAbort', free);
  app.decorate('loadGates', gates);
  app.decorateRequest('loadSlot', null);
  return gates;
}

declare module 'fastify' {
  interface FastifyInstance { loadGates: Record<LoadClass, Gate> }
  interface FastifyRequest { loadSlot: Gate | null }
}
