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

/** The custom roles' grants, derived from the descriptors (infra/main.json and infra/README.md are generated from this). */
export function roleGrants(descriptors: readonly ResourceDescriptor[]): RoleGrants {
  return {
    remediator: unique([...descriptors.flatMap((d) => d.rbac.read), ...descriptors.flatMap((d) => d.rbac.write ?? [])]),
    remover: unique(descriptors.flatMap((d) => d.rbac.optIn ?? [])),
  };
}
