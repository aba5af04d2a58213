import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreateCartRequestSchema, CreateCustomerRequestSchema, camelizeKeys } from '@csphub/partner-center/wire';
import { parseBody } from './validate';
import { EmulatorError } from '../errors/emulator-error';

function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.length ? k[0]!.toUpperCase() + k.slice(1) : k, pascal(v)]));
}

const camelKey = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/);
const jsonTree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(camelKey, tie('node'), { maxKeys: 4 })),
})).node;

const address = fc.record({
  addressLine1: fc.string({ minLength: 1, maxLength: 60 }),
  city: fc.string({ minLength: 1, maxLength: 30 }),
  state: fc.constantFrom('WA', 'CA', 'NY'),
  postalCode: fc.stringMatching(/^\d{5}$/),
  country: fc.constant('US'),
});
const customerBody = fc.record({
  enableGDAPByDefault: fc.boolean(),
  companyProfile: fc.record({ domain: fc.stringMatching(/^[a-z0-9]{1,20}$/).map((p) => `${p}.onmicrosoft.com`) }),
  billingProfile: fc.record({
    email: fc.emailAddress(),
    culture: fc.constantFrom('en-US', 'es-MX'),
    language: fc.constantFrom('en', 'es'),
    companyName: fc.string({ minLength: 2, maxLength: 40 }),
    defaultAddress: address,
  }),
});

describe('request bodies accept PascalCase and camelCase (property-based, §2.2)', () => {
  it('camelizeKeys undoes PascalCase on any JSON tree whose keys are camelCase', () => {
    fc.assert(fc.property(jsonTree, (tree) => {
      expect(camelizeKeys(pascal(tree))).toEqual(camelizeKeys(tree));
    }));
  });

  it('a create-customer body parses to the same value in both casings', () => {
    fc.assert(
      fc.property(customerBody, (body) => {
        const camel = CreateCustomerRequestSchema.parse(body);
        expect(CreateCustomerRequestSchema.parse(pascal(body))).toEqual(camel);
        expect(camel.companyProfile.domain).toBe(body.companyProfile.domain);
      }),
    );
  });

  it('a cart body parses to the same value in both casings, and a missing required field is 400/3000 naming it', () => {
    const line = fc.record({ id: fc.nat(10), catalogItemId: fc.constant('CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01'), quantity: fc.integer({ min: 1, max: 300 }), billingCycle: fc.constantFrom('monthly', 'annual'), termDuration: fc.constantFrom('P1M', 'P1Y') });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), fc.constantFrom('catalogItemId', 'quantity', 'billingCycle'), (lines, dropped) => {
        const body = { partnerOnRecordAttestationAccepted: true, lineItems: lines };
        expect(CreateCartRequestSchema.parse(pascal(body))).toEqual(CreateCartRequestSchema.parse(body));
        const broken = { lineItems: lines.map((l) => Object.fromEntries(Object.entries(l).filter(([k]) => k !== dropped))) };
        try {
          parseBody(CreateCartRequestSchema, pascal(broken));
          expect.unreachable('parsed a body without a required field');
        } catch (error) {
          expect(error).toBeInstanceOf(EmulatorError);
          const e = error as EmulatorError;
          expect(e.status).toBe(400);
          expect((e.body as { code: number; data: string[] }).code).toBe(3000);
          expect((e.body as { data: string[] }).data.some((d) => d.endsWith(dropped))).toBe(true);
        }
      }),
    );
  });
});
