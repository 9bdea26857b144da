import { z } from 'zod';
import { idKey, resourceTypeOf, ResourceTypes, type ArmResource, type LinkRelation } from '../../model';

/** The workspace properties that name its dependencies, the relation each becomes, and the type its id must have. */
export const DEPENDENCY_KINDS = [
  { property: 'storageAccount', relation: 'storageAccount', type: ResourceTypes.storageAccount },
  { property: 'keyVault', relation: 'keyVault', type: ResourceTypes.keyVault },
  { property: 'containerRegistry', relation: 'containerRegistry', type: ResourceTypes.containerRegistry },
] as const satisfies readonly { property: string; relation: LinkRelation; type: string }[];

export type DependencyRelation = (typeof DEPENDENCY_KINDS)[number]['relation'];

export interface WorkspaceDependency {
  readonly relation: DependencyRelation;
  /** The id as the workspace spells it. */
  readonly id: string;
}

const text = z.string().nullish().catch(null);
const workspaceProps = z.looseObject({ storageAccount: text, keyVault: text, containerRegistry: text });

/**
 * The storage account, key vault and container registry a workspace references. An empty,
 * missing or malformed reference, or an id of the wrong resource type, is no dependency.
 * Ids may be in any case and in any resource group or subscription.
 */
export function workspaceDependencies(workspace: ArmResource): WorkspaceDependency[] {
  const parsed = workspaceProps.safeParse(workspace.properties ?? {});
  if (!parsed.success) return [];
  const out: WorkspaceDependency[] = [];
  for (const kind of DEPENDENCY_KINDS) {
    const id = parsed.data[kind.property]?.trim();
    if (id && resourceTypeOf(id) === kind.type) out.push({ relation: kind.relation, id });
  }
  return out;
}

/** The relation through which a workspace links a resource of this id's type, if it is a dependency type. */
export function dependencyRelationOf(id: string): DependencyRelation | undefined {
  const type = resourceTypeOf(id);
  return DEPENDENCY_KINDS.find((k) => k.type === type)?.relation;
}

/** Does this workspace's current snapshot reference `dependencyId` (case-insensitively) through `relation`? */
export function workspaceReferences(workspace: ArmResource, relation: DependencyRelation, dependencyId: string): boolean {
  const key = idKey(dependencyId);
  return workspaceDependencies(workspace).some((d) => d.relation === relation && idKey(d.id) === key);
}
