import { randomUUID } from 'node:crypto';
import { Duration, type AuthenticationProvider, type Headers as KiotaHeaders, type RequestInformation } from '@microsoft/kiota-abstractions';
import { HeadersInspectionOptions } from '@microsoft/kiota-http-fetchlibrary';
import { JsonParseNode } from '@microsoft/kiota-serialization-json';
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from '@microsoft/msgraph-sdk';
import {
  createDelegatedAdminRelationshipCollectionResponseFromDiscriminatorValue,
  createDelegatedAdminRelationshipFromDiscriminatorValue,
  type DelegatedAdminRelationship,
} from '@microsoft/msgraph-sdk/models/index.js';
import { createODataErrorFromDiscriminatorValue, type ODataError } from '@microsoft/msgraph-sdk/models/oDataErrors/index.js';
import { createGraphClientFactory, PageIterator, type PageCollection } from '@microsoft/msgraph-sdk-core';
import '@microsoft/msgraph-sdk-tenantrelationships';
import { EntraRole } from '@csphub/partner-center/wire';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** JSON names Kiota reads into a property of another name (a reserved word, a name with dashes). */
const KIOTA_PROPERTY: Record<string, string> = { error: 'errorEscaped', 'request-id': 'requestId', 'client-request-id': 'clientRequestId' };

/**
 * Fails when the SDK left a field of Graph's answer unrecognised (Kiota puts it in the model's
 * `additionalData`) or could not parse a value (a JSON value that is there but reads back as
 * undefined or an invalid date: an enum member the SDK does not know, a malformed date). Graph's
 * annotations (`@odata.*`) are not model fields and are skipped.
 */
export function expectParsedBySdk(raw: unknown, model: unknown, path = '$'): void {
  if (raw === null || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    expect(Array.isArray(model), `${path}: the SDK did not read a collection`).toBe(true);
    raw.forEach((item, i) => expectParsedBySdk(item, (model as unknown[])[i], `${path}[${i}]`));
    return;
  }
  const parsed = model as Record<string, unknown> & { additionalData?: Record<string, unknown> };
  const unknown = Object.keys(parsed.additionalData ?? {}).filter((k) => !k.startsWith('@odata.'));
  expect(unknown, `${path}: fields the SDK does not know`).toEqual([]);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.startsWith('@odata.') || value === null) continue;
    const read = parsed[KIOTA_PROPERTY[key] ?? key];
    expect(read, `${path}.${key}: the SDK could not read ${JSON.stringify(value)}`).not.toBeUndefined();
    if (read instanceof Date) expect(Number.isNaN(read.getTime()), `${path}.${key}: not a date for the SDK`).toBe(false);
    if (typeof value === 'object') expectParsedBySdk(value, read, `${path}.${key}`);
  }
}

/** A header of a Kiota header map, whatever its case. */
function headerOf(headers: KiotaHeaders, name: string): string | undefined {
  for (const [key, values] of headers.entries()) if (key.toLowerCase() === name.toLowerCase()) return [...values][0];
  return undefined;
}

/**
 * Microsoft Graph's own SDK for JavaScript (`@microsoft/msgraph-sdk` with its
 * `-tenantrelationships` package, Kiota underneath) against the emulator's Graph, as Azurite is
 * tested with Azure's SDKs: relationships created, listed with `$filter` and paged with the SDK's
 * PageIterator, updated with If-Match, requests, access assignments (with the 202 long-running
 * update), and Graph errors read by the SDK into its ODataError. Every answer is checked field by
 * field against what the SDK parsed (`expectParsedBySdk`). docs/EMULATOR-DIFFERENCES.md,
 * "Microsoft's libraries", says what a caller configures.
 */
export function registerGraphSdkContract(): void {
  describe('Microsoft Graph SDK for JavaScript against the emulator (msgraph-sdk, tenant relationships)', () => {
    let emulator: RunningEmulator;
    let graph: GraphServiceClient;
    let adapter: GraphRequestAdapter;
    /** The JSON body of the last Graph answer. */
    let lastBody: unknown;
    const partner = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
    const customer = DEFAULT_SCENARIO.tenants[0]!;
    const roles = [EntraRole.directoryReaders, EntraRole.userAdministrator];

    const control = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${emulator.url}/_emulator${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };
    const advance = (seconds: number) => control('POST', '/clock/advance', { seconds });

    beforeAll(async () => {
      emulator = await startEmulator({ port: 0 });
      // The partner user's delegated Graph token (refresh-token grant), fetched for every request so
      // that moving the emulator's clock never leaves the SDK with an expired one.
      const auth: AuthenticationProvider = {
        async authenticateRequest(request: RequestInformation) {
          const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: partner.app.appId, client_secret: partner.app.appSecret, refresh_token: partner.user.refreshToken, scope: 'https://graph.microsoft.com/DelegatedAdminRelationship.ReadWrite.All' });
          const res = await fetch(`${emulator.url}/login/${partner.tenantId}/oauth2/v2.0/token`, { method: 'POST', body: form });
          const { access_token: token } = (await res.json()) as { access_token: string };
          request.headers.add('Authorization', `Bearer ${token}`);
        },
      };
      // The SDK's own HTTP pipeline (retry, redirect, telemetry with its client-request-id), with a
      // fetch that keeps a copy of each answer's JSON for the field-by-field check.
      const recordingFetch = async (url: string, init: RequestInit) => {
        const res = await fetch(url, init);
        const text = await res.clone().text();
        lastBody = text ? (JSON.parse(text) as unknown) : undefined;
        return res;
      };
      adapter = new GraphRequestAdapter(auth, undefined, undefined, createGraphClientFactory({ graphServiceTargetVersion: 'v1.0' }, recordingFetch));
      adapter.baseUrl = `${emulator.url}/graph/v1.0`;
      graph = createGraphServiceClient(adapter);
    }, 60_000);
    afterAll(async () => {
      await emulator?.close();
    });

    const relationships = () => graph.tenantRelationships.delegatedAdminRelationships;
    const newRelationship = (displayName: string): DelegatedAdminRelationship => ({
      displayName,
      duration: new Duration({ days: 730 }),
      customer: { tenantId: customer.tenantId },
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      autoExtendDuration: new Duration({ days: 180 }),
    });

    it('the field check fails on a field the SDK does not know and on a value it cannot parse', () => {
      const raw = { id: 'x', displayName: 'x', status: 'created', createdDateTime: '2026-01-01T00:00:00Z' };
      const read = (json: Record<string, unknown>) => new JsonParseNode(json).getObjectValue(createDelegatedAdminRelationshipFromDiscriminatorValue);
      expect(() => expectParsedBySdk(raw, read(raw))).not.toThrow();
      const extra = { ...raw, surprise: 1 };
      expect(() => expectParsedBySdk(extra, read(extra))).toThrow(/fields the SDK does not know/);
      const badStatus = { ...raw, status: 'lockedForever' };
      expect(() => expectParsedBySdk(badStatus, read(badStatus))).toThrow(/could not read/);
      const badDate = { ...raw, createdDateTime: 'yesterday' };
      expect(() => expectParsedBySdk(badDate, read(badDate))).toThrow(/not a date/);
    });

    it('creates a relationship (201, status created, its dates), lists it with $filter and pages with PageIterator', async () => {
      const name = `SDK ${randomUUID().slice(0, 8)}`;
      const created = await relationships().post(newRelationship(name));
      expectParsedBySdk(lastBody, created);
      expect(created).toMatchObject({ displayName: name, status: 'created', customer: { tenantId: customer.tenantId } });
      expect(created?.createdDateTime).toBeInstanceOf(Date);
      expect(created?.lastModifiedDateTime?.getTime()).toBe(created?.createdDateTime?.getTime());
      expect(created?.activatedDateTime ?? null).toBeNull();
      expect(created?.customer?.displayName ?? null, 'set by Entra only once the customer approves').toBeNull();

      const filtered = await relationships().get({ queryParameters: { filter: `displayName eq '${name}'` } });
      expectParsedBySdk(lastBody, filtered);
      expect(filtered?.value?.map((r) => r.id)).toEqual([created?.id]);

      for (let i = 0; i < 3; i++) await relationships().post(newRelationship(`SDK page ${i} ${randomUUID().slice(0, 8)}`));
      const firstPage = await relationships().get({ queryParameters: { top: 2 } });
      expect(firstPage?.odataNextLink, 'Graph writes the $ of its query options unencoded').toMatch(/[?&]\$skipToken=/);
      const seen: string[] = [];
      const iterator = new PageIterator(
        adapter,
        firstPage as PageCollection<DelegatedAdminRelationship>,
        (r) => {
          seen.push(r.id!);
          return true;
        },
        createDelegatedAdminRelationshipCollectionResponseFromDiscriminatorValue as never,
        { XXX: createODataErrorFromDiscriminatorValue },
      );
      await iterator.iterate();
      expect(iterator.getPagingState()).toBe('Complete');
      const all = await relationships().get({ queryParameters: { top: 300 } });
      expect(seen).toEqual(all?.value?.map((r) => r.id));
      expect(seen.length).toBeGreaterThanOrEqual(4);
    });

    it('updates with If-Match (a stale ETag is a 412 ODataError), locks for approval: the request created, then succeeded', async () => {
      const created = await relationships().post(newRelationship(`SDK patch ${randomUUID().slice(0, 8)}`));
      const etag = String(created?.additionalData?.['@odata.etag']);
      const item = relationships().byDelegatedAdminRelationshipId(created!.id!);
      const stale = await item.patch({ displayName: 'never' }, { headers: { 'If-Match': 'W/"stale"' } }).catch((e: unknown) => e as ODataError);
      expect((stale as ODataError).responseStatusCode).toBe(412);
      expect((stale as ODataError).errorEscaped?.code).toBe('PreconditionFailed');
      const renamed = `SDK renamed ${randomUUID().slice(0, 8)}`;
      const patched = await item.patch({ displayName: renamed }, { headers: { 'If-Match': etag } });
      expectParsedBySdk(lastBody, patched);
      expect(patched?.displayName).toBe(renamed);

      const lock = await item.requests.post({ action: 'lockForApproval' });
      expectParsedBySdk(lastBody, lock);
      expect(lock?.status).toBe('created');
      const request = await item.requests.byDelegatedAdminRelationshipRequestId(lock!.id!).get();
      expectParsedBySdk(lastBody, request);
      expect(request?.status).toBe('succeeded');
      expect((await item.get())?.status).toBe('approvalPending');
      const listed = await item.requests.get();
      expectParsedBySdk(lastBody, listed);
      expect(listed?.value?.map((r) => r.action)).toEqual(['lockForApproval']);
    });

    it('access assignments: created pending, then active; a PATCH is a 202 long-running operation the SDK follows by its Location', async () => {
      await control('PUT', '/settings', { gdapActivationDelaySeconds: 60, accessAssignmentActivationDelaySeconds: 30, gdapOperationDelaySeconds: 10 });
      const created = await relationships().post(newRelationship(`SDK assign ${randomUUID().slice(0, 8)}`));
      const item = relationships().byDelegatedAdminRelationshipId(created!.id!);
      await item.requests.post({ action: 'lockForApproval' });
      await control('POST', `/gdap/${created!.id}/approve`, {});
      await advance(60);
      const active = await item.get();
      expectParsedBySdk(lastBody, active);
      expect(active?.status).toBe('active');
      expect(active?.activatedDateTime).toBeInstanceOf(Date);
      expect(active!.endDateTime!.getTime() - active!.activatedDateTime!.getTime()).toBe(730 * 86_400_000);

      const group = randomUUID();
      const assignment = await item.accessAssignments.post({
        accessContainer: { accessContainerId: group, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: EntraRole.userAdministrator }] },
      });
      expectParsedBySdk(lastBody, assignment);
      expect(assignment?.status).toBe('pending');
      await advance(30);
      const assignmentItem = item.accessAssignments.byDelegatedAdminAccessAssignmentId(assignment!.id!);
      const settled = await assignmentItem.get();
      expectParsedBySdk(lastBody, settled);
      expect(settled?.status).toBe('active');

      const inspect = new HeadersInspectionOptions({ inspectResponseHeaders: true });
      await assignmentItem.patch(
        { accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) } },
        { headers: { 'If-Match': String(settled?.additionalData?.['@odata.etag']) }, options: [inspect] },
      );
      const location = headerOf(inspect.getResponseHeaders(), 'Location');
      expect(location).toMatch(/\/operations\/[0-9a-f-]{36}$/);
      expect(Number(headerOf(inspect.getResponseHeaders(), 'Retry-After'))).toBeGreaterThan(0);
      const operationId = location!.split('/').pop()!;
      const operation = item.operations.byDelegatedAdminRelationshipOperationId(operationId);
      const pending = await operation.get();
      expectParsedBySdk(lastBody, pending);
      expect(pending).toMatchObject({ operationType: 'delegatedAdminAccessAssignmentUpdate', status: 'notStarted' });
      await advance(10);
      const done = await operation.get();
      expectParsedBySdk(lastBody, done);
      expect(done?.status).toBe('succeeded');
      expect(JSON.parse(done!.data!)).toMatchObject({ id: assignment!.id, status: 'active' });
      const after = await assignmentItem.get();
      expect(after?.accessDetails?.unifiedRoles?.map((r) => r.roleDefinitionId).sort()).toEqual([...roles].sort());
      const operations = await item.operations.get();
      expectParsedBySdk(lastBody, operations);
      expect(operations?.value?.map((o) => o.id)).toEqual([operationId]);
    });

    it('reads a Graph error into its ODataError with the innerError ids, and client-request-id comes back on every answer', async () => {
      const missing = `${randomUUID()}-${randomUUID()}`;
      const item = relationships().byDelegatedAdminRelationshipId(missing);
      const error = (await item.get().catch((e: unknown) => e)) as ODataError;
      expect(error.responseStatusCode).toBe(404);
      expectParsedBySdk(lastBody, error);
      expect(error.errorEscaped?.code).toBe('Request_ResourceNotFound');
      const inner = error.errorEscaped?.innerError;
      expect(inner?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(inner?.date).toBeInstanceOf(Date);
      expect(Number.isNaN(inner!.date!.getTime())).toBe(false);
      // The SDK sends no client-request-id of its own: Graph makes one, in the header and the innerError.
      const headers = Object.fromEntries(Object.entries(error.responseHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v[0]]));
      expect(inner?.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(headers['client-request-id']).toBe(inner?.clientRequestId);
      expect(headers['request-id']).toBe(inner?.requestId);
      // One the caller sends is echoed, on an error and on a success.
      const mine = randomUUID();
      const echoed = (await item.get({ headers: { 'client-request-id': mine } }).catch((e: unknown) => e)) as ODataError;
      expect(echoed.errorEscaped?.innerError?.clientRequestId).toBe(mine);
      const inspect = new HeadersInspectionOptions({ inspectResponseHeaders: true });
      await relationships().get({ queryParameters: { top: 1 }, headers: { 'client-request-id': mine }, options: [inspect] });
      expect(headerOf(inspect.getResponseHeaders(), 'client-request-id')).toBe(mine);
    });
  });
}
