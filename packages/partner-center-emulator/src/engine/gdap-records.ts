import { randomBytes } from 'node:crypto';
import type { GdapRelationshipRecord } from './emulator-state';
import * as graphErrors from '../errors/graph-errors';

/** The rules every GDAP record shares: ETags, If-Match, the relationship's address and its roles. */

export function newEtag(): string {
  return `W/"${randomBytes(12).toString('base64')}"`;
}

export function relationshipUri(id: string): string {
  return `https://api.partnercenter.microsoft.com/v1/granularAdminRelationships/${id}`;
}

export function checkIfMatch(record: { etag: string }, ifMatch: string | undefined): void {
  if (!ifMatch) throw graphErrors.graphPreconditionRequired();
  if (ifMatch !== '*' && ifMatch !== record.etag) throw graphErrors.graphPreconditionFailed();
}

export function checkRolesSubset(record: GdapRelationshipRecord, roles: string[]): void {
  const extra = roles.filter((r) => !record.roles.includes(r));
  if (extra.length > 0) throw graphErrors.graphBadRequest(`The roles ${extra.join(', ')} are not part of the relationship's access details.`);
}
