import { randomUUID } from 'node:crypto';

/** Id generation, passed in like the clock. */
export interface Ids {
  /** A fresh GUID for Partner Center's MS-RequestId / MS-CorrelationId headers. */
  uuid(): string;
}

/** Random v4 UUIDs from node:crypto. */
export const randomIds: Ids = { uuid: () => randomUUID() };
