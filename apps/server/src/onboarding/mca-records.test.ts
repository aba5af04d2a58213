import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { McaAttestation } from '@csphub/partner-center';
import { acceptedVersionOf } from './mca-records';

const signer = { firstName: 'Ana', lastName: 'López', email: 'ana@example.test' };
const version = fc.constantFrom('a1', 'B2', 'c3');
const attestation = fc.record({ templateId: version, day: fc.integer({ min: 1, max: 28 }) }).map(({ templateId, day }): McaAttestation => ({ signer, templateId, acceptedAt: `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z` }));

/** The version kept for a customer decides "needs re-acceptance" in the cockpit. */
describe('the MCA version kept for a customer', () => {
  it('is the current one whenever an acceptance of it exists (any case), whatever else was accepted', () => {
    fc.assert(
      fc.property(fc.array(attestation, { maxLength: 6 }), version, fc.boolean(), (list, current, direct) => {
        const kept = acceptedVersionOf(list, { templateId: current.toUpperCase() }, direct);
        const hasCurrent = list.some((a) => a.templateId.toLowerCase() === current.toLowerCase());
        if (hasCurrent || direct) expect(kept?.templateId.toLowerCase()).toBe(current.toLowerCase());
        else if (list.length > 0) expect(list.map((a) => a.templateId)).toContain(kept?.templateId);
        else expect(kept).toBeNull();
      }),
    );
  });

  it('without the current one, is the latest acceptance, with its date', () => {
    const kept = acceptedVersionOf(
      [
        { signer, templateId: 'old-1', acceptedAt: '2025-01-10T00:00:00.000Z' },
        { signer, templateId: 'old-2', acceptedAt: '2025-06-10T00:00:00.000Z' },
      ],
      { templateId: 'new' },
      false,
    );
    expect(kept).toEqual({ templateId: 'old-2', acceptedAt: new Date('2025-06-10T00:00:00.000Z') });
  });

  it('signed directly in the admin center without an attestation, is the current one without a date', () => {
    expect(acceptedVersionOf([], { templateId: 'new' }, true)).toEqual({ templateId: 'new', acceptedAt: null });
  });
});
