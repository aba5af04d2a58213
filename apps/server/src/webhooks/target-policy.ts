import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** What the configuration allows as a webhook target (Config.webhooks). */
export interface TargetPolicy {
  /** A loopback target (http or https) outside production. */
  allowLoopback: boolean;
  /** Private, link-local, shared and other non-public addresses. */
  allowPrivateTargets: boolean;
}

type AddressKind = 'public' | 'loopback' | 'private';

function v4Kind(a: string): AddressKind {
  const [x, y] = a.split('.').map(Number) as [number, number];
  if (x === 127) return 'loopback';
  if (x === 10 || x === 0 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127) || x >= 224) return 'private';
  return 'public';
}

/** Whether an IP address is loopback, private (RFC 1918, link-local, CGNAT, ULA, multicast, unspecified) or public. */
export function addressKind(address: string): AddressKind {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (isIP(a) === 4) return v4Kind(a);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return v4Kind(mapped[1]!);
  if (a === '::1') return 'loopback';
  if (a === '::' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || a.startsWith('ff')) return 'private';
  return 'public';
}

function refusal(kind: AddressKind, policy: TargetPolicy): string | null {
  if (kind === 'loopback' && !policy.allowLoopback && !policy.allowPrivateTargets) return 'a loopback address is refused in production';
  if (kind === 'private' && !policy.allowPrivateTargets) return 'a private or link-local address is refused (CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS allows it)';
  return null;
}

/**
 * Checks a target URL as typed: https (http only to a loopback host outside production), no user
 * name or password in it, and a host that is not a private address literal. Returns the reason it
 * is refused, or null. Names are resolved at each delivery ({@link checkResolvedTarget}).
 */
export function targetUrlProblem(raw: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'a user name or password in the URL is refused';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const kind: AddressKind = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : isIP(host) ? addressKind(host) : 'public';
  if (url.protocol === 'http:') {
    if (kind !== 'loopback' || !policy.allowLoopback) return 'the URL must start with https:// (http only to a loopback host in development)';
  } else if (url.protocol !== 'https:') {
    return 'the URL must start with https://';
  }
  return refusal(kind, policy);
}

/** The address a delivery connects to: the one the policy check approved, never a second lookup. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * At delivery time: resolves the host once and refuses the delivery when any address it resolves to
 * is one the policy refuses (a public name pointing at an internal address). On success it returns the
 * first checked address, which the connection must use ({@link postPinned}): resolving again when
 * connecting would let a name that changes between the two lookups (DNS rebinding) reach an address
 * that was never checked.
 */
export async function resolveTarget(raw: string, policy: TargetPolicy, resolve: (host: string) => Promise<string[]> = defaultResolve): Promise<{ problem: string } | { pinned: PinnedAddress }> {
  const typed = targetUrlProblem(raw, policy);
  if (typed) return { problem: typed };
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  if (literal) return { pinned: { address: host, family: literal === 6 ? 6 : 4 } };
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { problem: `the host ${host} could not be resolved` };
  }
  if (addresses.length === 0) return { problem: `the host ${host} could not be resolved` };
  for (const a of addresses) {
    const problem = refusal(addressKind(a), policy);
    if (problem) return { problem: `${host} resolves to ${a}: ${problem}` };
  }
  const first = addresses[0]!;
  return { pinned: { address: first, family: isIP(first) === 6 ? 6 : 4 } };
}

/** {@link resolveTarget}'s verdict alone: the reason the target is refused, or null. */
export async function checkResolvedTarget(raw: string, policy: TargetPolicy, resolve: (host: string) => Promise<string[]> = defaultResolve): Promise<string | null> {
  const r = await resolveTarget(raw, policy, resolve);
  return 'problem' in r ? r.problem : null;
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((r) => r.address);
}
