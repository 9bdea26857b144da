import { idKey, type ArmResource, type RelatedResources } from '../../model';
import { dependencyRelationOf, workspaceReferences } from './workspace-dependencies';

/**
 * The workspaces that link `subject` (a storage account, key vault or registry) right now: a link
 * from the index whose workspace snapshot was gathered AND still references the subject. A stale
 * index entry (the workspace was re-pointed or deleted) links nothing, so it never causes a write.
 */
export function linkingWorkspaces(subject: ArmResource, related: RelatedResources): ArmResource[] {
  const relation = dependencyRelationOf(subject.id);
  if (!relation) return [];
  const found = new Map<string, ArmResource>();
  for (const link of related.linksTo(subject.id)) {
    if (link.relation !== relation) continue;
    const workspace = related.get(link.sourceId);
    if (workspace && workspaceReferences(workspace, relation, subject.id)) found.set(idKey(workspace.id), workspace);
  }
  return [...found.values()];
}
