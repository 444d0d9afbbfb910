-- The audit chain is extended inside the database, in one statement, while its lock is held (core/audit/audit.ts).
-- The app sends each entry with its canonical body in three pieces (chain.ts entryHashParts); this function takes the
-- chain's lock, reads the last entry, and for each new entry fills in its sequence number and predecessor's hash,
-- hashes head || "prevHash" || middle || seq || tail (exactly the text entryHash hashes) and inserts it.
-- The lock is held to the end of the transaction, as before. The function is VOLATILE, so the SELECT after the lock
-- takes a fresh snapshot and sees the entry committed by whoever held the lock before (READ COMMITTED).
-- Entries written before this migration and after it form one chain; `haven audit verify` is unchanged.
CREATE OR REPLACE FUNCTION haven_audit_append(entries jsonb) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  e jsonb;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(7421337);
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_entries a ORDER BY a.seq DESC LIMIT 1;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  FOR e IN SELECT x.value FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(value, n) ORDER BY x.n LOOP
    last_seq := last_seq + 1;
    h := encode(sha256(convert_to((e->>'head') || '"' || last_hash || '"' || (e->>'middle') || last_seq::text || (e->>'tail'), 'UTF8')), 'hex');
    INSERT INTO audit_entries (seq, id, trust_id, at, actor_user_id, actor_label, ip, request_id, action, entity_type, entity_id, site_id, details, prev_hash, hash)
      SELECT last_seq, r.id, r.trust_id, r.at, r.actor_user_id, r.actor_label, r.ip, r.request_id, r.action, r.entity_type, r.entity_id, r.site_id, r.details, last_hash, h
        FROM jsonb_populate_record(null::audit_entries, e) AS r;
    last_hash := h;
  END LOOP;
  RETURN last_seq;
END
$$;
