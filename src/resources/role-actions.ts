import type { Grant, ResourceDescriptor } from './descriptor';

export interface RoleGrants {
  /** "AML Guard Remediator": every read, then every write, each once, in descriptor order. */
  readonly remediator: readonly Grant[];
  /** "AML Guard Role Assignment Remover" (opt-in): the writes only it grants. */
  readonly remover: readonly Grant[];
}

function unique(grants: readonly Grant[]): Grant[] {
  return [...new Map(grants.map((g) => [g.action, g])).values()];
}

/** Resource Graph authorizes a query (a POST) as this read; the sweep queries the types located in Resource Graph. */
export const RESOURCE_GRAPH_READ: Grant = { action: 'Microsoft.ResourceGraph/resources/read', for: "the sweep's inventory: Azure Resource Graph queries of the types Resource Graph holds" };

/** The custom roles' grants, derived from the descriptors (infra/main.json and infra/README.md are generated from this). */
export function roleGrants(descriptors: readonly ResourceDescriptor[]): RoleGrants {
  const inventory = descriptors.some((d) => d.resourceGraph !== undefined) ? [RESOURCE_GRAPH_READ] : [];
  return {
    remediator: unique([...descriptors.flatMap((d) => d.rbac.read), ...inventory, ...descriptors.flatMap((d) => d.rbac.write ?? [])]),
    remover: unique(descriptors.flatMap((d) => d.rbac.optIn ?? [])),
  };
}
