import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { RelationshipRequestSchema } from './wire/relationship.schema';

/** The reseller-relationship invitation link (docs/PARTNER-CENTER-REFERENCE.md §6). */
export function createRelationshipRequestOps(pipeline: RequestPipeline) {
  return {
    /**
     * The link a customer's Global Admin opens to accept the partner as its CSP
     * (`GET /v1/customers/relationshiprequests`, App+User only). With `indirectResellerTenantId`,
     * the indirect form for that reseller (the swagger's `indirectResellerId` parameter): the link
     * comes from Microsoft, never assembled by hand (docs/PARTNER-CENTER-REFERENCE.md §6, the hand-built form is unverified).
     * Reusable across customers of one connection.
     */
    async getRelationshipRequestLink(
      request: { indirectResellerTenantId?: string } = {},
      options?: CallOptions,
    ): Promise<string> {
      return pipeline.send(
        {
          ...fromCatalogue('relationshipRequests.get'),
          query: { indirectResellerId: request.indirectResellerTenantId },
          parse: ({ body }) => RelationshipRequestSchema.parse(body).url,
        },
        options,
      );
    },
  };
}
