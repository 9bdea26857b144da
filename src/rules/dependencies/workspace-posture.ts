import { z } from 'zod';
import type { ArmResource } from '../../model';
import { approvedConnectionCount } from './private-endpoint-connections';

const text = z.string().nullish().catch(null);
const workspaceProps = z.looseObject({
  publicNetworkAccess: text,
  imageBuildCompute: text,
  systemDatastoresAuthMode: text,
  v1LegacyMode: z.boolean().nullish().catch(null),
  managedNetwork: z.looseObject({ isolationMode: text }).nullish().catch(null),
});

const MANAGED = new Set(['allowinternetoutbound', 'allowonlyapprovedoutbound']);

/** What decides whether a change to a workspace's dependency would break the workspace. */
export interface WorkspacePosture {
  readonly id: string;
  readonly name: string;
  /** null when absent (which ARM treats as Enabled). */
  readonly publicNetworkAccess: string | null;
  readonly publiclyReachable: boolean;
  readonly approvedPrivateEndpoints: number;
  /** Runs a managed virtual network (its own private endpoints to storage, key vault and registry). */
  readonly managedNetwork: boolean;
  readonly imageBuildCompute: string | null;
  /** null when absent (the service default is AccessKey). */
  readonly systemDatastoresAuthMode: string | null;
  readonly v1LegacyMode: boolean;
}

export function workspacePosture(workspace: ArmResource): WorkspacePosture {
  const p = workspaceProps.safeParse(workspace.properties ?? {}).data;
  const publicNetworkAccess = p?.publicNetworkAccess ?? null;
  const mode = p?.managedNetwork?.isolationMode ?? null;
  return {
    id: workspace.id,
    name: workspace.name,
    publicNetworkAccess,
    publiclyReachable: publicNetworkAccess?.toLowerCase() !== 'disabled',
    approvedPrivateEndpoints: approvedConnectionCount(workspace),
    managedNetwork: mode !== null && MANAGED.has(mode.toLowerCase()),
    imageBuildCompute: p?.imageBuildCompute || null,
    systemDatastoresAuthMode: p?.systemDatastoresAuthMode ?? null,
    v1LegacyMode: p?.v1LegacyMode === true,
  };
}
