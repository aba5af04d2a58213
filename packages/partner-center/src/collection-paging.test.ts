import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiRequest, CallOptions, RequestPipeline } from './request-pipeline';
import { pageGraphCollection, pagePartnerCenterCollection } from './collection-paging';

type Sent = { request: ApiRequest<unknown>; options: CallOptions };

/** A pipeline that answers each call with the next body (the last one forever) and records the calls. */
function scriptedPipeline(answer: (call: number) => unknown) {
  const sent: Sent[] = [];
  const pipeline = {
    connection: undefined as never,
    ids: (options?: CallOptions) => ({ requestId: options?.requestId ?? 'generated', correlationId: options?.correlationId ?? 'corr-1' }),
    async send<T>(request: ApiRequest<T>, options: CallOptions = {}): Promise<T> {
      sent.push({ request: request as ApiRequest<unknown>, options });
      return request.parse({ status: 200, body: answer(sent.length - 1), headers: new Headers() });
    },
  } satisfies RequestPipeline;
  return { pipeline, sent };
}

const first = { operation: 'things.list', api: 'partnerCenter' as const, method: 'GET' as const, path: '/v1/things', query: { size: 2 }, headers: { 'X-Keep': 'yes' }, auth: 'any' as const };
const item = z.object({ id: z.string() });
const pcPage = (ids: string[], next?: { uri: string; method?: string; headers?: { key: string; value: string }[] }) => ({
  totalCount: ids.length,
  items: ids.map((id) => ({ id })),
  attributes: {},
  ...(next ? { links: { next: { method: 'GET', headers: [], ...next } } } : {}),
});

describe('pagePartnerCenterCollection', () => {
  it('follows links.next with its headers and seekOperation=Next, one correlation id, the caller request id on page one only', async () => {
    const { pipeline, sent } = scriptedPipeline((call) =>
      call === 0 ? pcPage(['a', 'b'], { uri: '/v1/things?size=2', headers: [{ key: 'MS-ContinuationToken', value: 't1' }] }) : pcPage(['c']),
    );
    const ids = await pagePartnerCenterCollection(pipeline, first, item, (x) => x.id, { requestId: 'mine' }).toArray();
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(sent.map((s) => s.options.requestId)).toEqual(['mine', undefined]);
    expect(sent.map((s) => s.options.correlationId)).toEqual(['corr-1', 'corr-1']);
    expect(sent[1]!.request).toMatchObject({ url: '/v1/things?size=2&seekOperation=Next', method: 'GET', query: undefined, headers: { 'X-Keep': 'yes', 'MS-ContinuationToken': 't1' } });
  });

  it('re-issues a POST next link as POST and keeps a seekOperation the link already has', async () => {
    const { pipeline, sent } = scriptedPipeline((call) => (call === 0 ? pcPage(['a'], { uri: '/v1/things?seekOperation=Next', method: 'post' }) : pcPage([])));
    await pagePartnerCenterCollection(pipeline, first, item, (x) => x.id).toArray();
    expect(sent[1]!.request).toMatchObject({ method: 'POST', url: '/v1/things?seekOperation=Next' });
  });

  it('stops at an empty page whose next link carries no continuation header', async () => {
    const { pipeline, sent } = scriptedPipeline(() => pcPage([], { uri: '/v1/things' }));
    expect(await pagePartnerCenterCollection(pipeline, first, item, (x) => x.id).toArray()).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('gives up after 10,000 pages when next links loop', async () => {
    const { pipeline, sent } = scriptedPipeline(() => pcPage(['a'], { uri: '/v1/things', headers: [{ key: 'MS-ContinuationToken', value: 'same' }] }));
    expect(await pagePartnerCenterCollection(pipeline, first, item, (x) => x.id).toArray()).toHaveLength(10_000);
    expect(sent).toHaveLength(10_000);
  });

  it('fetches nothing more when the caller stops early', async () => {
    const { pipeline, sent } = scriptedPipeline(() => pcPage(['a', 'b'], { uri: '/v1/things', headers: [{ key: 'MS-ContinuationToken', value: 't' }] }));
    for await (const id of pagePartnerCenterCollection(pipeline, first, item, (x) => x.id)) if (id === 'b') break;
    expect(sent).toHaveLength(1);
  });

  it('lets an answer that is not a collection fail in the parser', async () => {
    const { pipeline } = scriptedPipeline(() => ({ nothing: true }));
    await expect(pagePartnerCenterCollection(pipeline, first, item, (x) => x.id).toArray()).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe('pageGraphCollection', () => {
  it('follows @odata.nextLink as an absolute URL until it is absent', async () => {
    const { pipeline, sent } = scriptedPipeline((call) =>
      call === 0 ? { value: [{ id: 'a' }], '@odata.nextLink': 'https://graph.example/next?$skipToken=x' } : { value: [{ id: 'b' }] },
    );
    const ids = await pageGraphCollection(pipeline, { ...first, api: 'graph' }, item, (x) => x.id, { requestId: 'mine' }).toArray();
    expect(ids).toEqual(['a', 'b']);
    expect(sent.map((s) => s.options.requestId)).toEqual(['mine', undefined]);
    expect(sent[1]!.request).toMatchObject({ url: 'https://graph.example/next?$skipToken=x', method: 'GET', query: undefined, headers: { 'X-Keep': 'yes' } });
  });

  it('gives up after 10,000 pages when next links loop', async () => {
    const { pipeline, sent } = scriptedPipeline(() => ({ value: [], '@odata.nextLink': 'https://graph.example/same' }));
    await pageGraphCollection(pipeline, first, item, (x) => x.id).toArray();
    expect(sent).toHaveLength(10_000);
  });
});
