import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';

/**
 * `contoso` → `contoso.onmicrosoft.com`; a full domain is kept (lower-cased). The prefix rule
 * (letters and digits only) is not documented by Partner Center (docs/PARTNER-CENTER-REFERENCE.md §3); the service decides.
 */
export function toOnMicrosoftDomain(prefixOrDomain: string): string {
  const v = prefixOrDomain.trim().toLowerCase();
  return v.includes('.') ? v : `${v}.onmicrosoft.com`;
}

/** Domain availability (docs/PARTNER-CENTER-REFERENCE.md §3). */
export function createDomainOps(pipeline: RequestPipeline) {
  return {
    /**
     * Whether a domain can be used for a new tenant. `HEAD /v1/domains/{domain}`: 404 means free,
     * 200 means an existing tenant holds it (docs/PARTNER-CENTER-REFERENCE.md §3); the answer is built on status codes, as the
     * published docs say. Accepts a prefix (`contoso`) or a full domain.
     */
    async isDomainAvailable(prefixOrDomain: string, options?: CallOptions): Promise<boolean> {
      const domain = toOnMicrosoftDomain(prefixOrDomain);
      return pipeline.send(
        {
          ...fromCatalogue('domains.check'),
          params: { domain },
          okStatuses: [404],
          parse: ({ status }) => status === 404,
        },
        options,
      );
    },
  };
}
