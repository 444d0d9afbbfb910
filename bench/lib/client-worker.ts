/**
 * The HTTP clients run in a worker thread, so that making and reading requests does not share the app's event loop
 * (in one thread the load generator's own work would be counted against the app). The worker builds each request
 * with the benchmark's request builder and reports the load result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HttpClient } from './http.ts';
import { runLoad, type LoadOptions } from './load.ts';
import { buildRequest, type BuiltRequest, type RequestSpec } from '../requests.ts';
import { threadCpuMs } from './cpu.ts';

interface Job { baseUrl: string; headers: Record<string, string>[]; spec: RequestSpec; load: LoadOptions }

async function main(): Promise<void> {
  const job = workerData as Job;
  const http = new HttpClient(job.baseUrl, job.load.concurrency);
  try {
    const cpu0 = threadCpuMs();
    const result = await runLoad(job.load, async (w, n) => {
      const who = job.headers[w % job.headers.length] ?? {};
      for (let req: BuiltRequest | undefined = buildRequest(job.spec, n); req; req = req.then) {
        const res = await http.request(req.method, req.path, req.headers ? { ...who, ...req.headers } : who, req.body);
        if (res.status !== req.expect) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      }
    });
    const cpu1 = threadCpuMs();
    const clientCpuMs = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
    parentPort?.postMessage({ ok: true, result: { ...result, clientCpuMs } });
  } finally {
    http.close();
  }
}

main().catch((e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) }));
