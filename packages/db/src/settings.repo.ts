import { eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { settings } from './schema/index';

/** Reads and writes instance-wide settings. */
export function createSettingsRepo(db: Database) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const rows = await db.select().from(settings).where(eq(settings.key, key));
      return rows[0]?.value as T | undefined;
    },
    async set(key: string, value: unknown): Promise<void> {
      await db
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    },
    async count(): Promise<number> {
      const rows = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(settings);
      return rows[0]?.n ?? 0;
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
