import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { rowsOf } from './companies.repo';

/** The hash the first entry chains to. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/** Why an entry breaks the chain. */
export type AuditChainBreakReason =
  /** The entry's fields no longer give its stored hash: it was changed after it was written. */
  | 'entry_changed'
  /** The entry does not point at the hash of the one before it: that one was changed or replaced, or this one was forged. */
  | 'link_broken'
  /** Entries are missing before this position (removed), or at the end of the chain. */
  | 'entry_missing'
  /** An entry sits outside the chain (written with the chain trigger disabled). */
  | 'entry_outside_chain';

/** The first place where the chain does not hold. */
export interface AuditChainBreak {
  /** Chain position of the broken entry (for a missing one, the position that should be there). */
  seq: number;
  /** The audit entry's id, or null when the entry is missing. */
  id: number | null;
  reason: AuditChainBreakReason;
  /** One sentence a person can act on. */
  message: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** Entries checked (every entry up to the head read at the start). */
  checked: number;
  /** The head of the chain when the check started: record it elsewhere to detect a rewrite later. */
  head: { seq: number; hash: string };
  firstBroken: AuditChainBreak | null;
}

interface ChainRow {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
  expected: string;
}

/**
 * Walks the audit chain in order, in batches (memory stays flat for millions of entries), and
 * stops at the first broken link. Entries appended while it runs are after the head it read first
 * and are left for the next run. The hash is recomputed by the same SQL function the insert
 * trigger uses (migration `audit_chain_trigger`).
 */
export async function verifyAuditChain(db: Database, opts: { batchSize?: number } = {}): Promise<AuditChainReport> {
  const batchSize = opts.batchSize ?? 5_000;
  const [headRow] = rowsOf<{ seq: number; hash: string }>(await db.execute(sql`select seq, hash from audit_chain_head where id = 1`));
  const head = headRow ? { seq: Number(headRow.seq), hash: headRow.hash } : { seq: 0, hash: AUDIT_CHAIN_GENESIS };
  const report = (checked: number, firstBroken: AuditChainBreak | null): AuditChainReport => ({ ok: firstBroken === null, checked, head, firstBroken });

  const [outside] = rowsOf<{ id: number; seq: number }>(await db.execute(sql`select id, seq from audit_log where seq < 1 order by id limit 1`));
  if (outside) {
    return report(0, { seq: Number(outside.seq), id: Number(outside.id), reason: 'entry_outside_chain', message: `Audit entry ${outside.id} has no place in the chain (sequence ${outside.seq}): it was written with the chain trigger disabled.` });
  }

  let lastSeq = 0;
  let lastHash = AUDIT_CHAIN_GENESIS;
  let checked = 0;
  while (lastSeq < head.seq) {
    const rows = rowsOf<ChainRow>(
      await db.execute(sql`select a.id, a.seq, a.prev_hash, a.hash, audit_log_entry_hash(a) as expected
        from audit_log a where a.seq > ${lastSeq} and a.seq <= ${head.seq} order by a.seq limit ${batchSize}`),
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const id = Number(r.id);
      if (seq !== lastSeq + 1) {
        return report(checked, { seq: lastSeq + 1, id: null, reason: 'entry_missing', message: `Audit entries ${lastSeq + 1} to ${seq - 1} of the chain are missing (removed); entry ${id} follows entry ${lastSeq}.` });
      }
      if (r.prev_hash !== lastHash) {
        return report(checked, { seq, id, reason: 'link_broken', message: `Audit entry ${id} (sequence ${seq}) does not point at the hash of the entry before it: that entry was changed or replaced, or this one was forged.` });
      }
      if (r.hash !== r.expected) {
        return report(checked, { seq, id, reason: 'entry_changed', message: `Audit entry ${id} (sequence ${seq}) was changed after it was written: its fields no longer give its hash.` });
      }
      lastSeq = seq;
      lastHash = r.hash;
      checked += 1;
    }
  }
  if (lastSeq < head.seq) {
    return report(checked, { seq: lastSeq + 1, id: null, reason: 'entry_missing', message: `The chain's head is at sequence ${head.seq} but the entries from ${lastSeq + 1} on are missing (removed).` });
  }
  if (lastHash !== head.hash) {
    return report(checked, { seq: lastSeq, id: null, reason: 'link_broken', message: `The chain's head does not match its last entry (sequence ${lastSeq}): the head or that entry was rewritten.` });
  }
  return report(checked, null);
}
