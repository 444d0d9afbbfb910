/**
 * GET /api/v1/events: the live stream (server-sent events) of the signed-in user's events — new notifications,
 * on-call requests, tasks. Events are published to the hub only after their transaction commits, and carry ids and
 * titles only. A comment line every 25 s keeps proxies from closing the connection and notices a signed-out session.
 */
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../core/http/context.ts';
import type { LiveEvent } from '../../core/notify/hub.ts';
import { sessionLive } from './notifications.repo.ts';

/** How often the heartbeat comment goes out (and the session is re-checked); tests shorten it. */
export const streamTiming = { heartbeatMs: 25_000 };

/** One SSE frame. Event names are ours (no newlines); JSON.stringify escapes any newline inside the data. */
export function sseFrame(e: LiveEvent): string {
  return `event: ${e.type.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export async function eventStreamRoutes(app: FastifyInstance): Promise<void> {
  const open = new Set<() => void>();
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => { for (const end of [...open]) end(); });

  app.get('/api/v1/events', {
    config: { access: { auth: 'user' } },
    schema: {
      tags: ['Notifications'],
      summary: 'Live events for the signed-in user (text/event-stream)',
      description: 'Server-sent events: `notification`, `oncall.created`, `oncall.updated`, `task.created`, each with a JSON `data` line. A comment heartbeat is sent every 25 seconds; the stream ends when the session does.',
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const { hub, database } = app.deps;
    reply.hijack();
    const res = reply.raw;
    // Keep the security headers helmet set on this reply: the raw response bypasses Fastify's header handling.
    const headers: Record<string, string | number | string[]> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v;
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 5000\n: connected\n\n');

    let ended = false;
    const unsubscribe = hub.subscribe(actor.userId, (e) => { if (!ended) res.write(sseFrame(e)); });
    const heartbeat = setInterval(() => {
      void (async () => {
        if (actor.sessionId && !(await sessionLive(database.db, actor.sessionId).catch(() => true))) { end(); return; }
        if (!ended) res.write(': heartbeat\n\n');
      })();
    }, streamTiming.heartbeatMs);
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      if (!res.writableEnded) res.end();
    }
    open.add(end);
    req.raw.on('close', end);
    res.on('close', end);
  });
}
