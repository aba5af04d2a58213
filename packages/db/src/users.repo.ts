import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from './database';
import { users } from './schema/index';

/** A user row; `passwordHash` must never be sent to a client. */
export type UserRow = typeof users.$inferSelect;

/** Users (people who sign in) and their role in their company. */
export function createUsersRepo(db: Database) {
  return {
    async create(input: { companyId: number; email: string; name: string; passwordHash: string; role: string; now: Date }): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({ companyId: input.companyId, email: input.email.trim().toLowerCase(), name: input.name, passwordHash: input.passwordHash, role: input.role, createdAt: input.now })
        .returning();
      return row!;
    },
    async get(id: string): Promise<UserRow | undefined> {
      const rows = await db.select().from(users).where(eq(users.id, id));
      return rows[0];
    },
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const rows = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      return rows[0];
    },
    async listByCompanies(companyIds: number[]): Promise<UserRow[]> {
      if (companyIds.length === 0) return [];
      return db.select().from(users).where(inArray(users.companyId, companyIds)).orderBy(asc(users.email));
    },
    async update(id: string, fields: Partial<Pick<UserRow, 'name' | 'role' | 'status' | 'passwordHash' | 'lastSignInAt' | 'mustChangePassword'>>): Promise<UserRow> {
      // An empty change (a PATCH with no fields) reads the row: Drizzle refuses an UPDATE with nothing to set.
      if (Object.values(fields).every((v) => v === undefined)) {
        const [current] = await db.select().from(users).where(eq(users.id, id));
        return current!;
      }
      const [row] = await db.update(users).set(fields).where(eq(users.id, id)).returning();
      return row!;
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
