import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Company, DomainCheck, NewTenantOrder, Order, OrderStatus, PrerequisiteProblem } from '@csphub/server/contract';
import { checkAnswer, type AnswerOf } from './contract-check';

describe("the web's API types are the server's route schemas", () => {
  it('make a field the server does not answer a type error', () => {
    expectTypeOf<Company>().toHaveProperty('billingUsesResellerAddress');
    // @ts-expect-error the company schema has no `resellerName`: reading it does not compile
    expectTypeOf<Company>().toHaveProperty('resellerName');
    // @ts-expect-error an order's status is one of the server's statuses, not any string
    expectTypeOf<'shipped'>().toExtend<OrderStatus>();
    expectTypeOf<Order['lines'][number]['quantity']>().toEqualTypeOf<number>();
    // A request the web sends is the route's body schema: a connection is required, never null.
    // @ts-expect-error the new-tenant order's connectionId is a string
    expectTypeOf<null>().toExtend<NewTenantOrder['connectionId']>();
  });

  it("carry the reseller's name that a reseller-* prerequisite problem answers", () => {
    expectTypeOf<PrerequisiteProblem['reseller']>().toEqualTypeOf<string | undefined>();
  });

  it('type a checked answer by the schema named', () => {
    expectTypeOf<AnswerOf<'DomainCheckSchema'>>().toEqualTypeOf<DomainCheck>();
  });
});

describe('checkAnswer (development response check)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs the route and the path of each mismatch', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const answer = { prefix: 'contoso', domain: 'contoso.onmicrosoft.com', valid: 'yes', available: null, problem: null, message: '', suggestions: [] };
    expect(await checkAnswer('GET /api/v1/companies/1/onboarding/domain-check', 'DomainCheckSchema', answer)).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('GET /api/v1/companies/1/onboarding/domain-check');
    expect(errors[0]).toContain('DomainCheckSchema at valid');
  });

  it('stays quiet on an answer that matches', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = { prefix: 'contoso', domain: 'contoso.onmicrosoft.com', valid: true, available: true, problem: null, message: 'Available', suggestions: [] };
    expect(await checkAnswer('GET /x', 'DomainCheckSchema', answer)).toBe(0);
    expect(spy).not.toHaveBeenCalled();
  });
});
