/** `haven openapi <file>`: the OpenAPI document of this version, written without starting the server or opening its data. */
import fs from 'node:fs';
import type { Config } from '../config.ts';
import { buildApp } from '../app.ts';
import { openPglite } from '../core/db/client.ts';

/**
 * The document the server serves at /api/v1/openapi.json. It depends on the routes only, never on data: the app is
 * built on an empty in-memory database, so this works beside a running server (whose data directory is locked).
 */
export async function openApiDocument(config: Config): Promise<Record<string, unknown>> {
  const database = await openPglite(undefined);
  try {
    const app = await buildApp({ config, database, logger: false });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally { await app.close(); }
  } finally { await database.close(); }
}

export async function writeOpenApiDocument(config: Config, file: string): Promise<{ operations: number }> {
  const doc = await openApiDocument(config);
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  return { operations: Object.values(paths).reduce((n, item) => n + Object.keys(item).length, 0) };
}
