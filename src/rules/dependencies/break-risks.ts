import { ResourceTypes, resourceTypeOf, type ArmResource } from '../../model';
import { approvedConnectionCount } from './private-endpoint-connections';
import type { WorkspacePosture } from './workspace-posture';

/**
 * Why closing the public endpoint of a workspace's storage account, key vault or registry may
 * break the workspace: each entry is one sentence for the person reading the finding. Empty = no
 * known risk. The checks are the documented prerequisites of a private workspace: the dependency
 * reachable over a private endpoint, the workspace itself private (studio users reach storage
 * from their browser through the same network), and, for a registry, somewhere to build images.
 */
export function publicAccessBreakRisks(dependency: ArmResource, workspaces: readonly WorkspacePosture[]): string[] {
  const risks: string[] = [];
  if (approvedConnectionCount(dependency) === 0) {
    risks.push(`${dependency.name} has no approved private endpoint: whatever reaches it today does so over its public endpoint`);
  }
  const isRegistry = resourceTypeOf(dependency.id) === ResourceTypes.containerRegistry;
  for (const ws of workspaces) {
    const why: string[] = [];
    if (ws.publiclyReachable) why.push(`is itself reachable from the internet (publicNetworkAccess ${ws.publicNetworkAccess ?? 'not set'})`);
    if (ws.approvedPrivateEndpoints === 0) why.push('has no approved private endpoint');
    if (isRegistry && !ws.managedNetwork && ws.imageBuildCompute === null) why.push('has no imageBuildCompute and no managed network, so environment image builds fail');
    if (why.length) risks.push(`workspace ${ws.name} ${why.join(', ')}`);
  }
  return risks;
}

const PRIVATE_PATH_FIRST = 'Give them a private path first (private endpoints or a managed network) or file an exception.';

/** One line: the fix, then (when there is a risk) who it may break and what to do first. */
export function withBreakWarning(fix: string, risks: readonly string[], advice = PRIVATE_PATH_FIRST): string {
  if (risks.length === 0) return fix;
  return `${fix} — WARNING, may break data scientists: ${risks.join('; ')}. ${advice}`;
}
