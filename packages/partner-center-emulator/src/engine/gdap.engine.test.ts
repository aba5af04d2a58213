import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { approveGdapRelationship, createGdapRelationship, createGdapRequest, GDAP_APPROVAL_EXPIRY_MS, GDAP_EXPIRING_WINDOW_MS } from './gdap.engine';
import { tick } from './tick';
import { DAY_MS } from './emulator-clock';
import { EmulatorError } from '../errors/emulator-error';

const partner = DEFAULT_SCENARIO.partners[0]!.tenantId;
const customer = DEFAULT_SCENARIO.tenants[0]!.tenantId;
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

function setup() {
  let now = Date.parse('2026-01-01T00:00:00Z');
  // Without the scenario's seeded relationships: the counters below are this relationship's alone.
  const scenario = { ...DEFAULT_SCENARIO, tenants: DEFAULT_SCENARIO.tenants.map((t) => ({ ...t, gdap: [] })) };
  const engine = new Engine(scenario, { clock: { now: () => now } });
  const move = (ms: number) => {
    now += ms;
    tick(engine);
  };
  const rel = createGdapRelationship(engine, partner, {
    displayName: 'Unit',
    duration: 'P90D',
    customer: { tenantId: customer },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMIN }] },
    autoExtendDuration: 'PT0S',
  });
  return { engine, rel, move };
}

describe('GDAP relationship state machine (docs/PARTNER-CENTER-REFERENCE.md §12.2, §17)', () => {
  it('walks created → approvalPending → approved → active → expiring → expired on the clock', () => {
    const { engine, rel, move } = setup();
    const delay = engine.state.settings.gdapActivationDelaySeconds * 1000;
    expect(rel.status).toBe('created');
    const lock = createGdapRequest(engine, rel, 'lockForApproval');
    // Graph answers the request `created` and acts on it afterwards ("Create delegatedAdminRelationshipRequest").
    expect([lock.status, rel.status]).toEqual(['created', 'created']);
    move(0);
    expect(rel.status).toBe('approvalPending');
    expect(rel.requests.map((q) => q.status)).toEqual(['succeeded']);
    approveGdapRelationship(engine, rel.id, customer);
    expect(rel.status).toBe('approved');
    move(delay - 1);
    expect(rel.status).toBe('approved');
    move(1);
    expect(rel.status).toBe('active');
    expect(rel.endAt! - rel.activatedAt!).toBe(90 * DAY_MS);
    move(90 * DAY_MS - GDAP_EXPIRING_WINDOW_MS - 1);
    expect(rel.status).toBe('active');
    move(1);
    expect(rel.status).toBe('expiring');
    move(GDAP_EXPIRING_WINDOW_MS);
    expect(rel.status).toBe('expired');
    expect(engine.state.counters['event:granular-admin-relationship-expired']).toBe(1);
  });

  it('acts on a request after gdapRequestDelaySeconds, and fails it when the relationship moved meanwhile', () => {
    const { engine, rel, move } = setup();
    engine.state.settings.gdapRequestDelaySeconds = 5;
    createGdapRequest(engine, rel, 'lockForApproval');
    expect(() => createGdapRequest(engine, rel, 'lockForApproval'), 'one lock at a time').toThrow(EmulatorError);
    move(4_999);
    expect([rel.status, rel.requests[0]!.status]).toEqual(['created', 'created']);
    move(1);
    expect([rel.status, rel.requests[0]!.status]).toEqual(['approvalPending', 'succeeded']);
    expect(rel.lockedAt).toBe(engine.now());

    const other = createGdapRelationship(engine, partner, {
      displayName: 'Unit 2',
      duration: 'P90D',
      customer: { tenantId: customer },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMIN }] },
    });
    createGdapRequest(engine, other, 'lockForApproval');
    // Left `created` before Graph acted on the lock (here: set directly, as no API path leads there).
    other.status = 'expired';
    move(5_000);
    expect([other.status, other.requests[0]!.status]).toEqual(['expired', 'failed']);
  });

  it('expires an unapproved request after exactly 90 days', () => {
    const { engine, rel, move } = setup();
    createGdapRequest(engine, rel, 'lockForApproval');
    move(0);
    move(GDAP_APPROVAL_EXPIRY_MS - 1);
    expect(rel.status).toBe('approvalPending');
    move(1);
    expect(rel.status).toBe('expired');
  });

  it('refuses transitions from the wrong status', () => {
    const { engine, rel } = setup();
    expect(() => createGdapRequest(engine, rel, 'terminate')).toThrow(EmulatorError);
    expect(() => approveGdapRelationship(engine, rel.id, customer)).toThrow(EmulatorError);
    createGdapRequest(engine, rel, 'lockForApproval');
    expect(() => createGdapRequest(engine, rel, 'lockForApproval')).toThrow(EmulatorError);
    tick(engine);
    expect(() => createGdapRequest(engine, rel, 'lockForApproval')).toThrow(EmulatorError);
  });
});
