import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableReason } from './readable-reason';

describe('readableReason', () => {
  it("keeps Microsoft's description and the hint, drops the operation, code and HTTP status", () => {
    expect(readableReason('Partner Center agreements.create failed: The customer has not accepted the agreement (MCA_NOT_ACCEPTED; HTTP 400, Microsoft code 600061). Ask the signatory to accept it.')).toBe(
      'The customer has not accepted the agreement. Ask the signatory to accept it.',
    );
    expect(readableReason('Partner Center customers.createForReseller failed: Domain exists. (DOMAIN_TAKEN; HTTP 409, Microsoft code 600011).')).toBe('Domain exists.');
    expect(readableReason('Partner Center customers.get failed: HTTP 503 (PARTNER_CENTER_UNAVAILABLE; HTTP 503).')).toBe('Microsoft refused the request.');
  });
  it('leaves any other text as it is, and never shows the operation pattern it removes', () => {
    expect(readableReason('The account has no phone number.')).toBe('The account has no phone number.');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z ,']{1,40}$/), fc.constantFrom('customers.create', 'agreements.create', 'gdap.relationships.update'), (description, op) => {
        const out = readableReason(`Partner Center ${op} failed: ${description} (SOME_CODE; HTTP 400, Microsoft code 1).`);
        expect(out).not.toMatch(/\b[a-z]+\.[a-z][a-zA-Z]+ failed\b/);
        expect(out).not.toMatch(/HTTP \d{3}/);
      }),
    );
  });
});
