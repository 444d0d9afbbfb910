/** Walks the whole audit chain in order and reports every edited, inserted or deleted entry by position. */
import type { Database } from '../db/client.ts';
import { ChainVerifier, type ChainProblem } from './chain.ts';

interface Row {
  seq: number; id: string; trust_id: string | null; at: string; actor_user_id: string | null; actor_label: string;
  ip: string | null; request_id: string | null; action: string; entity_type: string; entity_id: string | null;
  site_id: string | null; details: unknown; prev_hash: string; hash: string;
}

export async function verifyAuditChain(database: Database): Promise<{ count: number; problems: ChainProblem[] }> {
  const verifier = new ChainVerifier();
  let after = 0;
  const batch = 5000;
  for (;;) {
    const rows = await database.query<Row>(
      `select seq, id, trust_id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
              actor_user_id, actor_label, ip, request_id, action, entity_type, entity_id, site_id, details, prev_hash, hash
         from audit_entries where seq > $1 order by seq limit ${batch}`, [after]);
    for (const r of rows) {
      verifier.push({
        seq: Number(r.seq), id: r.id, trustId: r.trust_id, at: r.at, actorUserId: r.actor_user_id, actorLabel: r.actor_label,
        ip: r.ip, requestId: r.request_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
        siteId: r.site_id, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
        prevHash: r.prev_hash, hash: r.hash,
      });
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return { count: verifier.count, problems: verifier.problems };
}
