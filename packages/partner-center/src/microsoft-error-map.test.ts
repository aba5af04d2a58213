import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMicrosoftErrorBody } from './microsoft-error-body';
import { isTransientStatus, mapMicrosoftError } from './microsoft-error-map';
import { partnerCenterErrorCodes, type PartnerCenterErrorCode } from './partner-center-error-code';

describe('mapMicrosoftError (docs/PARTNER-CENTER-REFERENCE.md §15)', () => {
  const cases: [number, string | undefined, PartnerCenterErrorCode][] = [
    [404, '3000', 'PARTNER_ID_UNKNOWN'], // §7 MPN lookup
    [400, '3000', 'INVALID_REQUEST'], // invalid property
    [400, '2200', 'PARTNER_ID_UNKNOWN'],
    [400, '2204', 'PARTNER_ID_NOT_IN_NETWORK'],
    [400, '2201', 'PARTNER_ID_NOT_IN_NETWORK'],
    [404, '800015', 'PARTNER_ID_UNKNOWN'],
    [400, '800016', 'PARTNER_ID_NOT_IN_NETWORK'],
    [400, '2203', 'MPA_NOT_SIGNED'],
    [403, '900123', 'MPA_NOT_SIGNED'],
    [403, '13605', 'MCA_MISSING'],
    [409, '600061', 'MCA_ALREADY_CONFIRMED'],
    [400, '800090', 'NCE_WINDOW_PASSED'],
    [400, '900117', 'NCE_WINDOW_PASSED'],
    [403, '900329', 'APP_USER_REQUIRED'],
    [403, '20002', 'NO_RELATIONSHIP'],
    [404, '60003', 'NOT_FOUND'],
    [404, '400019', 'CATALOG_ITEM_NOT_FOUND'],
    [409, '800064', 'ORDER_IN_PROGRESS'],
    [400, '800065', 'CART_ALREADY_SUBMITTED'],
    [400, '600049', 'COMPANY_REGISTRATION_INVALID'],
    [400, '600051', 'PHONE_NUMBER_REQUIRED'],
    [400, '2055', 'ETAG_STALE'],
    [400, '60012', 'LICENSES_EXHAUSTED'],
    [401, '400', 'RECONNECT_REQUIRED'],
    [401, '900421', 'MFA_REQUIRED'],
    [429, undefined, 'THROTTLED'],
    [503, '900192', 'PARTNER_CENTER_UNAVAILABLE'],
    [500, '800003', 'PARTNER_CENTER_UNAVAILABLE'],
    [501, 'NotEmulated', 'NOT_IMPLEMENTED'],
    [403, 'Authorization_RequestDenied', 'ACCESS_DENIED'],
    [404, 'Request_ResourceNotFound', 'NOT_FOUND'],
    [409, 'Conflict', 'CONFLICT'],
    [418, undefined, 'UNKNOWN'],
  ];
  it.each(cases)('HTTP %i with Microsoft code %s → %s', (status, code, expected) => {
    expect(mapMicrosoftError({ status, code })).toBe(expected);
  });

  it('recognises a taken domain from its description, since no code is documented (docs/PARTNER-CENTER-REFERENCE.md §3)', () => {
    expect(
      mapMicrosoftError({
        status: 409,
        code: '600011',
        description:
          'The domain specified during customer creation is already used by another tenant: x.onmicrosoft.com.',
      }),
    ).toBe('DOMAIN_PREFIX_TAKEN');
  });

  it('treats every 408/429/5xx retryable status as transient whatever the code, and no 4xx business error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.option(fc.string(), { nil: undefined }),
        (status, code) => {
          const mapped = mapMicrosoftError({ status, code });
          const transient = partnerCenterErrorCodes[mapped].transient;
          return transient === isTransientStatus(status);
        },
      ),
    );
  });
});

describe('parseMicrosoftErrorBody', () => {
  it('reads the Partner Center envelope, numeric code included', () => {
    expect(
      parseMicrosoftErrorBody(
        '{"code":800090,"description":"Subscription quantity cannot be decreased.","data":[],"source":"PartnerFD"}',
      ),
    ).toEqual({
      envelope: 'partner-center',
      code: '800090',
      description: 'Subscription quantity cannot be decreased.',
    });
  });
  it('reads the throttling body (docs/PARTNER-CENTER-REFERENCE.md §14)', () => {
    expect(
      parseMicrosoftErrorBody(
        '{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}',
      ),
    ).toMatchObject({ envelope: 'throttle' });
  });
  it('reads the Graph envelope', () => {
    expect(parseMicrosoftErrorBody('{"error":{"code":"Forbidden","message":"no"}}')).toEqual({
      envelope: 'graph',
      code: 'Forbidden',
      description: 'no',
    });
  });
  it("reads the Graph innerError's request-id, client-request-id and date (learn.microsoft.com/graph/errors)", () => {
    expect(
      parseMicrosoftErrorBody(
        '{"error":{"code":"Request_ResourceNotFound","message":"gone","innerError":{"date":"2026-03-02T09:00:00","request-id":"r-1","client-request-id":"c-1"}}}',
      ),
    ).toEqual({
      envelope: 'graph',
      code: 'Request_ResourceNotFound',
      description: 'gone',
      serviceRequestId: 'r-1',
      clientRequestId: 'c-1',
      date: '2026-03-02T09:00:00',
    });
  });
  it('reads an OAuth error with its AADSTS codes', () => {
    expect(
      parseMicrosoftErrorBody(
        '{"error":"invalid_grant","error_description":"AADSTS70008: expired","error_codes":[70008]}',
      ),
    ).toEqual({
      envelope: 'oauth',
      code: 'invalid_grant',
      description: 'AADSTS70008: expired',
      aadstsCodes: [70008],
    });
  });
  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json()),
        (text) => typeof parseMicrosoftErrorBody(text).envelope === 'string',
      ),
    );
  });
});
