import { describe, expect, it } from 'vitest';
import { AppError } from '@csphub/domain';
import { toStepFailure } from '../runtime/step-failure';
import { readableReason } from './readable-reason';

/**
 * A failed Partner Center call as the client raises it (its `toJSON` form, as a journal replays it):
 * the log line in `message`, Microsoft's description and the hint as fields.
 */
function partnerCenterFailure(init: { description?: string; hint?: string; status?: number }) {
  return toStepFailure(
    {
      name: 'PartnerCenterError',
      code: 'MCA_NOT_ACCEPTED',
      message: `Partner Center agreements.create failed: ${init.description ?? 'HTTP 400'} (MCA_NOT_ACCEPTED; HTTP 400, Microsoft code 600061).${init.hint ? ` ${init.hint}` : ''}`,
      transient: false,
      status: init.status ?? 400,
      microsoftCode: '600061',
      ...(init.description ? { description: init.description } : {}),
      ...(init.hint ? { hint: init.hint } : {}),
    },
  );
}

describe('readableReason', () => {
  it("gives Microsoft's description and the hint from the failure's fields, never the operation, code or HTTP status", () => {
    const failure = partnerCenterFailure({ description: 'The customer has not accepted the agreement', hint: 'Reconnect Partner Center connection "Contoso".' });
    expect(failure).toMatchObject({ description: 'The customer has not accepted the agreement', hint: 'Reconnect Partner Center connection "Contoso".' });
    expect(readableReason(failure)).toBe('The customer has not accepted the agreement. Reconnect Partner Center connection "Contoso".');
    expect(readableReason(partnerCenterFailure({ description: 'Domain exists.' }))).toBe('Domain exists.');
  });

  it('says Microsoft refused when its answer had no description', () => {
    expect(readableReason(partnerCenterFailure({ status: 503 }))).toBe('Microsoft refused the request.');
  });

  it("keeps CSP Hub's own failures as they are written", () => {
    expect(readableReason(toStepFailure(new AppError('VALIDATION_FAILED', 'The account has no phone number.')))).toBe('The account has no phone number.');
  });
});
