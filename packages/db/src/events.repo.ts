import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { EVENT_CATALOGUE, type EventData, type EventType } from '@csphub/domain';
import type { Database } from './database';
import { companies, domainEvents } from './schema/index';

export type DomainEventRow = typeof domainEvents.$inferSelect;

const parentCompany = alias(companies, 'parent_company');

/** The company fields every event's data starts with: the company and the reseller above it. */
export async function eventSubject(db: Database, companyId: number): Promise<{ path: string; companyId: number; companyName: string; reseller: { id: number; name: string } | null }> {
  // One statement for the company and its parent, only the columns an event carries.
  const [row] = await db
    .select({ id: companies.id, path: companies.path, name: companies.name, parentId: parentCompany.id, parentName: parentCompany.name, parentKind: parentCompany.kind })
    .from(companies)
    .leftJoin(parentCompany, eq(parentCompany.id, companies.parentId))
    .where(eq(companies.id, companyId));
  if (!row) throw new Error(`Company ${companyId} does not exist.`);
  return {
    path: row.path,
    companyId: row.id,
    companyName: row.name,
    reseller: row.parentId !== null && row.parentKind === 'reseller' ? { id: row.parentId, name: row.parentName! } : null,
  };
}

/**
 * Writes one event to the outbox (`domain_events`) on the given handle: call it with the
 * transaction of the change that causes the event, so both commit or neither. The data is checked
 * against the catalogue's schema (a wrong payload is a programming error, thrown). With a
 * `dedupeKey`, a second publication of the same change is ignored; returns the stored event's id,
 * or undefined when it was a duplicate.
 */
export async function publishEvent<T extends EventType>(
  db: Database,
  e: { type: T; companyId: number; data: Omit<EventData<T>, 'companyId' | 'companyName' | 'reseller'>; at: Date; dedupeKey?: string },
): Promise<string | undefined> {
  const subject = await eventSubject(db, e.companyId);
  const entry = EVENT_CATALOGUE[e.type];
  const data = entry.data.parse({ ...e.data, companyId: subject.companyId, companyName: subject.companyName, reseller: subject.reseller }) as Record<string, unknown>;
  const id = `evt_${randomUUID().replaceAll('-', '')}`;
  const inserted = await db
    .insert(domainEvents)
    .values({ id, type: e.type, version: entry.version, companyId: e.companyId, companyPath: subject.path, data, dedupeKey: e.dedupeKey ?? null, occurredAt: e.at })
    .onConflictDoNothing({ target: domainEvents.dedupeKey })
    .returning({ id: domainEvents.id });
  return inserted[0]?.id;
}

/** Reading the outbox: events of a type about a company (tests and the delivery log). */
export function createEventsRepo(db: Database) {
  return {
    async list(filter: { type?: string; companyId?: number } = {}): Promise<DomainEventRow[]> {
      return db
        .select()
        .from(domainEvents)
        .where(and(filter.type ? eq(domainEvents.type, filter.type) : undefined, filter.companyId !== undefined ? eq(domainEvents.companyId, filter.companyId) : undefined))
        .orderBy(domainEvents.occurredAt);
    },
    async get(id: string): Promise<DomainEventRow | undefined> {
      return (await db.select().from(domainEvents).where(eq(domainEvents.id, id)))[0];
    },
    async notFannedOut(limit = 100): Promise<DomainEventRow[]> {
      return db.select().from(domainEvents).where(isNull(domainEvents.fannedOutAt)).orderBy(domainEvents.occurredAt).limit(limit);
    },
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
