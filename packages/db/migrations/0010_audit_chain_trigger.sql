-- The audit log is hash-chained (docs/CHANNEL-AND-ACCOUNTS.md, "Audit log"): every entry carries a
-- sequence number without gaps, the previous entry's hash and its own SHA-256 over the previous
-- hash and its fields, so a row changed, removed or slipped in afterwards is found by the verifier
-- (`npm run audit:verify`, GET /api/v1/audit/verify). The database sets these columns itself, in a
-- BEFORE INSERT trigger of the inserting transaction, under a row lock on the single chain head:
-- concurrent writers queue on that lock and can never chain to the same entry.
-- Runs on PostgreSQL and on PGlite (plpgsql and sha256() are built in).

-- What is hashed: the previous hash followed by a JSON array of the entry's fields, as PostgreSQL
-- writes a jsonb array (a fixed format; keys of before/after in jsonb's own order). The time is
-- written in UTC with microseconds, whatever the session's time zone.
CREATE OR REPLACE FUNCTION audit_log_entry_hash(e audit_log) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT encode(sha256(convert_to(e.prev_hash || jsonb_build_array(
    e.seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.company_id, e.company_path, e.actor_type, e.actor_id, e.actor_label, e.action,
    e.target_type, e.target_id, e.summary, e.before, e.after, e.request_id
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- SECURITY DEFINER: the trigger moves the chain head, on which the application's role has no
-- rights at all (docs/DEPLOYMENT-POSTGRESQL.md). Whatever chain values or path the writer passed
-- are replaced.
CREATE OR REPLACE FUNCTION audit_log_chain_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  NEW.company_path := coalesce((SELECT c.path FROM companies c WHERE c.id = NEW.company_id), '');
  SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head has no row: the audit chain cannot continue';
  END IF;
  NEW.seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := audit_log_entry_hash(NEW);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Entries written before the chain existed: their company's path today (the best knowledge left),
-- numbered and chained in id order.
ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
UPDATE "audit_log" a SET company_path = c.path FROM "companies" c WHERE c.id = a.company_id;
--> statement-breakpoint
UPDATE "audit_log" a SET seq = n.rn FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM "audit_log") n WHERE n.id = a.id;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  prev text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
    r.prev_hash := prev;
    r.hash := audit_log_entry_hash(r);
    UPDATE audit_log SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    prev := r.hash;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, (SELECT coalesce(max(seq), 0) FROM audit_log), prev);
END;
$$;
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_uq" ON "audit_log" USING btree ("seq");
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain_entry();
