import { z } from 'zod';
import { parentResourceId, type RelatedResources } from '../../model';

const workspaceProps = z.looseObject({
  managedNetwork: z.looseObject({ isolationMode: z.string().nullish().catch(null) }).nullish().catch(null),
});

const ISOLATED = new Set(['allowinternetoutbound', 'allowonlyapprovedoutbound']);

export interface WorkspaceIsolation {
  /** Whether the parent workspace snapshot was available (a gatherer fetched it). */
  readonly known: boolean;
  /** `managedNetwork.isolationMode` of the parent workspace, as given; null when absent or unknown. */
  readonly isolationMode: string | null;
  /** The workspace runs a managed virtual network (AllowInternetOutbound or AllowOnlyApprovedOutbound). */
  readonly managed: boolean;
}

/** The managed network isolation of a compute's (or endpoint's) parent workspace, from the related snapshots. */
export function parentWorkspaceIsolation(childId: string, related: RelatedResources): WorkspaceIsolation {
  const parentId = parentResourceId(childId);
  const workspace = parentId === undefined ? undefined : related.get(parentId);
  if (!workspace) return { known: false, isolationMode: null, managed: false };
  const parsed = workspaceProps.safeParse(workspace.properties ?? {});
  const mode = parsed.success ? (parsed.data.managedNetwork?.isolationMode ?? null) : null;
  return { known: true, isolationMode: mode, managed: mode !== null && ISOLATED.has(mode.toLowerCase()) };
}
