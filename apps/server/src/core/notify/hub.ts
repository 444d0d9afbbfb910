/**
 * In-process live event hub: server-sent events to signed-in users (new notifications, on-call requests).
 * Events are published after the transaction commits, and carry ids and titles only, never sealed content.
 * One process serves one hub; a multi-process deployment would put PostgreSQL LISTEN/NOTIFY behind this interface.
 */
import { EventEmitter } from 'node:events';

export interface LiveEvent { type: string; data: Record<string, unknown> }

export class LiveHub {
  private readonly emitter = new EventEmitter();
  constructor() { this.emitter.setMaxListeners(0); }
  publish(userId: string, event: LiveEvent): void { this.emitter.emit(userId, event); }
  subscribe(userId: string, fn: (e: LiveEvent) => void): () => void {
    this.emitter.on(userId, fn);
    return () => { this.emitter.off(userId, fn); };
  }
  listenerCount(userId: string): number { return this.emitter.listenerCount(userId); }
}
