import { pageGraphCollection } from './collection-paging';
import type { PagedResult } from './paged-result';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { UnifiedRoleDefinitionSchema, type UnifiedRoleDefinition } from './wire/gdap.schema';

/** An Entra role a GDAP relationship may ask for (Graph "List roleDefinitions"). */
export interface EntraRoleDefinition {
  /** The role template id GDAP's `roleDefinitionId` names. */
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
}

/**
 * The Entra role catalogue (`GET /roleManagement/directory/roleDefinitions`, docs/PARTNER-CENTER-REFERENCE.md §12.4):
 * read rather than hard-coded, so a role Microsoft adds is offered without a release. Only
 * built-in roles can be granted through GDAP (`builtIn`; custom roles are listed too).
 */
export function createEntraRoleOps(pipeline: RequestPipeline) {
  const toRole = (r: UnifiedRoleDefinition): EntraRoleDefinition => ({
    id: (r.templateId ?? r.id).toLowerCase(),
    name: r.displayName,
    description: r.description ?? '',
    builtIn: r.isBuiltIn ?? true,
  });
  return {
    listEntraRoleDefinitions(options: CallOptions & { pageSize?: number } = {}): PagedResult<EntraRoleDefinition> {
      return pageGraphCollection(
        pipeline,
        { ...fromCatalogue('entra.roleDefinitions.list'), query: { $top: options.pageSize }, auth: 'appUser' },
        UnifiedRoleDefinitionSchema,
        toRole,
        options,
      );
    },
  };
}
