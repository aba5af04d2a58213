import type { Context, Hono } from 'hono';
import { PcHeader, GraphHeader } from '@csphub/partner-center/wire';
import type { EmulatorRuntime } from '../runtime';
import type { OperationId } from '@csphub/partner-center/wire';
import { operationSpec, type OperationSpec } from './operation';
import type { Principal } from './tokens';
import { EmulatorError } from '../errors/emulator-error';
import * as pcErrors from '../errors/pc-errors';
import * as graphErrors from '../errors/graph-errors';
import { json, renderError } from './respond';
import { takeFault } from './faults';
import { checkThrottle } from './throttle';
import { findReplay, rememberReplay, replayKey } from './replay';
import type { FaultRule } from '../engine/emulator-state';
import type { AppEnv } from './app-env';

/** "Beginning April 1, 2026 all App+User usage of Partner Center APIs will enforce the usage of MFA" (partner-center-authentication). */
const APP_USER_MFA_ENFORCED_FROM = Date.UTC(2026, 3, 1);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a handler receives: the request, the verified caller and the runtime. */
export interface RouteContext {
  c: Context<AppEnv>;
  runtime: EmulatorRuntime;
  principal: Principal;
  param(name: string): string;
  query(name: string): string | undefined;
  /** The JSON body, or a 400/3000 (Graph: 400 BadRequest) when it is not JSON. */
  body(): Promise<unknown>;
}

export type RouteHandler = (ctx: RouteContext) => Promise<Response> | Response;

/**
 * Registers operations on the Hono app, each wrapped in the protocol pipeline:
 * time tick > id echo > fault injection > bearer check > app+user check > MS-RequestId replay >
 * throttling > handler > call log, replay record, state save, webhook flush.
 */
export class ApiRouter {
  readonly operations: OperationSpec[] = [];
  /** POSTs being handled, by replay key, so a concurrent retry replays instead of running twice. */
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly runtime: EmulatorRuntime,
    private readonly mount: string,
  ) {}

  /** Registers catalogue operation `id` (method, path, auth and throttle class from the catalogue). */
  op(id: OperationId, handler: RouteHandler): void {
    const spec = operationSpec(id);
    if ((spec.api === 'graph') !== (this.mount !== '')) throw new Error(`${id} is a ${spec.api} operation; register it on the ${spec.api} router`);
    this.operations.push(spec);
    // HEAD is dispatched by Hono to GET routes; the handler checks c.req.method.
    const method = spec.method === 'HEAD' ? 'GET' : spec.method;
    this.app.on(method, this.mount + spec.path, (c) => this.run(spec, handler, c));
  }

  private async run(spec: OperationSpec, handler: RouteHandler, c: Context<AppEnv>): Promise<Response> {
    const { runtime } = this;
    const engine = runtime.engine;
    const method = c.req.method.toUpperCase();
    const url = new URL(c.req.url);
    const path = url.pathname;
    const msPath = path.startsWith(this.mount) ? path.slice(this.mount.length) || '/' : path;
    const requestId = spec.api === 'pc' ? c.req.header(PcHeader.requestId) : c.req.header(GraphHeader.clientRequestId);
    const correlationId = spec.api === 'pc' ? c.req.header(PcHeader.correlationId) : undefined;
    const echo: Record<string, string> =
      spec.api === 'pc'
        ? {
            [PcHeader.requestId]: requestId ?? engine.newId(),
            [PcHeader.correlationId]: correlationId ?? engine.newId(),
            [PcHeader.msCv]: engine.token(8),
            [PcHeader.serverId]: 'csp-emulator',
          }
        : {
            // Graph always answers `client-request-id`: the caller's, or one it makes
            // (https://learn.microsoft.com/graph/errors, innerError; the page's response headers).
            [GraphHeader.requestId]: engine.newId(),
            [GraphHeader.clientRequestId]: requestId ?? engine.newId(),
          };
    runtime.tick();

    let response: Response;
    let principal: Principal | undefined;
    let fault: FaultRule | undefined;
    let replayed = false;
    let storeKey: string | undefined;
    let releaseInflight: (() => void) | undefined;
    try {
      fault = takeFault(engine, method, path);
      if (fault) {
        const faulted = await this.applyFault(fault, spec, c, echo);
        if (faulted) {
          response = faulted;
          return this.finish(response, echo, spec, c, { method, path: msPath, requestId, correlationId, fault: fault.id });
        }
      }
      principal = await this.authenticate(spec, c);
      if (method === 'POST' && requestId && spec.api === 'pc') {
        storeKey = replayKey(principal.partnerTenantId, requestId, method, msPath);
        // A retry that arrives while the first request is still running waits for it, then replays.
        const running = this.inflight.get(storeKey);
        if (running) await running;
        const hit = findReplay(engine, storeKey);
        if (hit) {
          replayed = true;
          storeKey = undefined;
          response = new Response(hit.body === '' ? null : hit.body, { status: hit.status, headers: hit.headers });
          return this.finish(response, echo, spec, c, { method, path: msPath, requestId, correlationId, principal, replayed });
        }
        const key = storeKey;
        this.inflight.set(key, new Promise<void>((resolve) => (releaseInflight = () => {
          this.inflight.delete(key);
          resolve();
        })));
      }
      if (spec.throttle) {
        const wait = checkThrottle(engine, principal.partnerTenantId, spec.throttle, c.req.param('customerId'));
        if (wait !== undefined) throw spec.api === 'pc' ? pcErrors.throttled(wait) : graphErrors.graphThrottled(wait);
      }
      if (fault?.delayMs && fault.status === undefined && !fault.drop) await sleep(fault.delayMs);
      const ctx = this.context(c, principal, spec);
      response = await handler(ctx);
    } catch (error) {
      response = this.errorResponse(error, spec, echo);
    }
    if (storeKey) {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      const body = await response.clone().text();
      rememberReplay(engine, storeKey, { at: engine.now(), status: response.status, headers, body });
    }
    releaseInflight?.();
    return this.finish(response, echo, spec, c, { method, path: msPath, requestId, correlationId, principal, replayed });
  }

  private finish(
    response: Response,
    echo: Record<string, string>,
    spec: OperationSpec,
    c: Context<AppEnv>,
    call: { method: string; path: string; requestId?: string; correlationId?: string; principal?: Principal; replayed?: boolean; fault?: string },
  ): Response {
    // Every response here was built by the emulator, so its headers are mutable; setting them in
    // place keeps the string body that @hono/node-server writes without a stream (HEAD bodies are
    // dropped by Hono itself).
    const out = response;
    if (response.type !== 'error') for (const [key, value] of Object.entries(echo)) out.headers.set(key, value);
    this.runtime.recordCall({
      at: this.runtime.engine.iso(),
      operation: spec.id,
      method: call.method,
      path: call.path,
      status: response.type === 'error' ? 0 : response.status,
      partnerTenantId: call.principal?.partnerTenantId,
      requestId: call.requestId,
      correlationId: call.correlationId,
      ...(call.replayed ? { replayed: true } : {}),
      ...(call.fault ? { fault: call.fault } : {}),
    });
    this.runtime.afterRequest();
    return out;
  }

  private async applyFault(fault: FaultRule, spec: OperationSpec, c: Context<AppEnv>, echo: Record<string, string>): Promise<Response | undefined> {
    // A delay alone is latency inside the service (applied just before the handler, see run());
    // with a status or a drop it is the time before that answer.
    if (fault.status === undefined && !fault.drop) return undefined;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.drop) {
      // A dropped connection: on the Node server destroy the socket; in-process answer a network error.
      const socket = c.env?.incoming?.socket;
      if (socket) {
        socket.destroy();
        // Nothing reaches the client; the status only keeps the Node adapter from writing an invalid one.
        return new Response(null, { status: 502 });
      }
      return Response.error();
    }
    if (fault.status === undefined) return undefined;
    const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
    if (fault.body !== undefined) return json(fault.status, fault.body, headers);
    const built =
      fault.status === 429
        ? spec.api === 'pc'
          ? pcErrors.throttled(fault.retryAfterSeconds ?? 1)
          : graphErrors.graphThrottled(fault.retryAfterSeconds ?? 1)
        : spec.api === 'graph'
          ? graphErrors.graphServerError(fault.status)
          : fault.status === 500
            ? pcErrors.unexpectedError()
            : pcErrors.retryLater(fault.status);
    const error = this.withIds(built, spec, echo);
    return json(fault.status, error.body, { ...error.headers, ...headers });
  }

  private async authenticate(spec: OperationSpec, c: Context<AppEnv>): Promise<Principal> {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
    if (!match) throw spec.api === 'pc' ? pcErrors.partnerTokenMissing() : graphErrors.graphTokenMissing();
    const result = await this.runtime.tokens.verify(match[1]!, spec.api);
    if ('reason' in result) throw spec.api === 'pc' ? pcErrors.accessDeniedToken(result.reason) : graphErrors.graphTokenInvalid(result.reason);
    if (spec.auth === 'user' && result.principal.kind === 'app') {
      throw spec.api === 'pc' ? pcErrors.appOnlyNotSupported() : graphErrors.graphForbidden('This operation does not support application-only authentication.');
    }
    // From 1 April 2026 every App+User call to Partner Center must carry the MFA claim (docs/PARTNER-CENTER-REFERENCE.md §1.2);
    // app-only tokens are not affected. Graph has no such Partner Center rule.
    if (spec.api === 'pc' && result.principal.kind === 'user' && !result.principal.mfa && this.runtime.engine.now() >= APP_USER_MFA_ENFORCED_FROM) {
      throw pcErrors.mfaClaimMissing();
    }
    return result.principal;
  }

  private context(c: Context<AppEnv>, principal: Principal, spec: OperationSpec): RouteContext {
    return {
      c,
      runtime: this.runtime,
      principal,
      param: (name) => decodeURIComponent(c.req.param(name) ?? ''),
      query: (name) => {
        // Partner Center query names are case-insensitive (`Size`, `size`).
        const url = new URL(c.req.url);
        for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
        return undefined;
      },
      body: async () => {
        const text = await c.req.text();
        if (text.trim() === '') return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw spec.api === 'pc' ? pcErrors.malformedBody('it is not valid JSON') : graphErrors.graphBadRequest('The request body is not valid JSON.');
        }
      },
    };
  }

  private errorResponse(error: unknown, spec: OperationSpec, echo: Record<string, string>): Response {
    if (error instanceof EmulatorError) return renderError(this.withIds(error, spec, echo));
    this.runtime.log(`unexpected error in ${spec.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return renderError(this.withIds(spec.api === 'pc' ? pcErrors.unexpectedError() : graphErrors.graphServerError(500), spec, echo));
  }

  /** Graph errors carry the call's ids and the time in `innerError` (https://learn.microsoft.com/graph/errors). */
  private withIds(error: EmulatorError, spec: OperationSpec, echo: Record<string, string>): EmulatorError {
    if (spec.api !== 'graph') return error;
    return graphErrors.withGraphInnerError(error, {
      requestId: echo[GraphHeader.requestId]!,
      clientRequestId: echo[GraphHeader.clientRequestId]!,
      date: this.runtime.engine.iso(),
    });
  }
}
