import { and, asc, eq } from 'drizzle-orm';
import type { Database } from './database';
import { connections } from './schema/index';
import type { SecretBox } from './secret-box';

export type ConnectionRow = typeof connections.$inferSelect;

/** A connection without its ciphertexts: what the API and the UI may see. */
export type ConnectionSummary = Omit<ConnectionRow, 'appSecretEnc' | 'refreshTokenEnc'> & { hasAppSecret: boolean; hasRefreshToken: boolean };

/** The plain credentials of a connection, for the Partner Center client only. */
export interface ConnectionCredentials {
  tenantId: string;
  appId: string;
  appSecret: string | undefined;
  refreshToken: string | undefined;
}

export interface ConnectionInput {
  name: string;
  region: string;
  type: ConnectionRow['type'];
  mode: ConnectionRow['mode'];
  tenantId: string;
  appId: string;
  /** Plain secret; sealed before it is stored. `null` clears it, `undefined` keeps it. */
  appSecret?: string | null;
  refreshToken?: string | null;
}

/** Partner Center connections, with secrets sealed by `box` on the way in and never returned in summaries. */
export function createConnectionsRepo(db: Database, box: SecretBox) {
  const summarize = (row: ConnectionRow): ConnectionSummary => {
    const { appSecretEnc, refreshTokenEnc, ...rest } = row;
    return { ...rest, hasAppSecret: appSecretEnc !== null, hasRefreshToken: refreshTokenEnc !== null };
  };
  const seal = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === '' ? null : box.seal(v));
  return {
    async create(ownerCompanyId: number, input: ConnectionInput, now: Date): Promise<ConnectionSummary> {
      const { appSecret, refreshToken, ...fields } = input;
      const [row] = await db
        .insert(connections)
        .values({
          ...fields,
          ownerCompanyId,
          appSecretEnc: seal(appSecret) ?? null,
          refreshTokenEnc: seal(refreshToken) ?? null,
          ...(refreshToken ? { refreshTokenConsentedAt: now, refreshTokenIssuedAt: now } : {}),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return summarize(row!);
    },
    async get(id: string): Promise<ConnectionSummary | undefined> {
      const rows = await db.select().from(connections).where(eq(connections.id, id));
      return rows[0] && summarize(rows[0]);
    },
    async list(ownerCompanyId: number): Promise<ConnectionSummary[]> {
      const rows = await db.select().from(connections).where(eq(connections.ownerCompanyId, ownerCompanyId)).orderBy(asc(connections.name));
      return rows.map(summarize);
    },
    async findByName(ownerCompanyId: number, name: string): Promise<ConnectionSummary | undefined> {
      const rows = await db
        .select()
        .from(connections)
        .where(and(eq(connections.ownerCompanyId, ownerCompanyId), eq(connections.name, name)));
      return rows[0] && summarize(rows[0]);
    },
    async update(id: string, input: Partial<ConnectionInput>, now: Date): Promise<ConnectionSummary> {
      const { appSecret, refreshToken, ...fields } = input;
      const set: Partial<typeof connections.$inferInsert> = { ...fields, updatedAt: now };
      const s = seal(appSecret);
      if (s !== undefined) set.appSecretEnc = s;
      const r = seal(refreshToken);
      if (r !== undefined) {
        set.refreshTokenEnc = r;
        // A refresh token written by a person comes from a new sign-in (consent).
        set.refreshTokenConsentedAt = r === null ? null : now;
        set.refreshTokenIssuedAt = r === null ? null : now;
      }
      const [row] = await db.update(connections).set(set).where(eq(connections.id, id)).returning();
      return summarize(row!);
    },
    /**
     * The decrypted credentials, for building a Partner Center client. Keep the result in memory
     * only; never log it or return it from the API.
     */
    async readCredentials(id: string): Promise<ConnectionCredentials | undefined> {
      const rows = await db.select().from(connections).where(eq(connections.id, id));
      const row = rows[0];
      if (!row) return undefined;
      return {
        tenantId: row.tenantId,
        appId: row.appId,
        appSecret: row.appSecretEnc ? box.open(row.appSecretEnc) : undefined,
        refreshToken: row.refreshTokenEnc ? box.open(row.refreshTokenEnc) : undefined,
      };
    },
    /** Stores a rotated refresh token the client handed back (same sign-in, new token). */
    async storeRefreshToken(id: string, refreshToken: string, now: Date): Promise<void> {
      await db.update(connections).set({ refreshTokenEnc: box.seal(refreshToken), refreshTokenIssuedAt: now, updatedAt: now }).where(eq(connections.id, id));
    },
    /** Replaces the refresh token with one from a new partner-user sign-in (re-consent). */
    async replaceRefreshToken(id: string, refreshToken: string, now: Date): Promise<ConnectionSummary> {
      const [row] = await db
        .update(connections)
        .set({ refreshTokenEnc: box.seal(refreshToken), refreshTokenConsentedAt: now, refreshTokenIssuedAt: now, updatedAt: now })
        .where(eq(connections.id, id))
        .returning();
      return summarize(row!);
    },
    async recordTest(id: string, at: Date, result: unknown): Promise<void> {
      await db.update(connections).set({ lastTestAt: at, lastTestResult: result }).where(eq(connections.id, id));
    },
  };
}
export type ConnectionsRepo = ReturnType<typeof createConnectionsRepo>;
