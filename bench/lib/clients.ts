/** Runs the benchmark's HTTP clients in a worker thread (client-worker.ts) and waits for their figures. */
import { Worker } from 'node:worker_threads';
import type { LoadOptions, LoadResult } from './load.ts';
import type { RequestSpec } from '../requests.ts';

/**
 * A worker does not inherit tsx's loader, so it starts from a line of JavaScript that registers tsx and then loads
 * the TypeScript worker module.
 */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./client-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
}

export function runClients(baseUrl: string, headers: Record<string, string>[], spec: RequestSpec, load: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: { baseUrl, headers, spec, load } });
    worker.once('message', (m: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.result); else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}
