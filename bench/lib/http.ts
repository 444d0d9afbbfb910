/**
 * A small HTTP client with keep-alive connections (node:http's Agent; undici is not a dependency here), so each of
 * the benchmark's clients reuses its connection as a browser would.
 */
import http from 'node:http';

export interface HttpResponse { status: number; body: string; headers: http.IncomingHttpHeaders }

export class HttpClient {
  private readonly agent: http.Agent;
  constructor(private readonly baseUrl: string, maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(url, {
        method, agent: this.agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void { this.agent.destroy(); }
}
