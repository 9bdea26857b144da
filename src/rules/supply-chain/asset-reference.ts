/**
 * Where a deployment's model or environment comes from, from the reference Azure ML accepts in
 * `properties.model` / `properties.environmentId`:
 * - `azureml://registries/{registry}/models/{name}/versions/{v}` (or `/labels/{label}`), and the
 *   ARM id form `/subscriptions/.../providers/Microsoft.MachineLearningServices/registries/{registry}/models/...`;
 * - a workspace asset: its ARM id `/subscriptions/.../workspaces/{ws}/models/{name}/versions/{v}`,
 *   `azureml://subscriptions/{s}/resourceGroups/{rg}/workspaces/{ws}/models/...`,
 *   `azureml://locations/{region}/workspaces/{guid}/models/...` or the short `azureml:{name}:{v}`.
 */
export type AssetKind = 'models' | 'environments';

export type AssetReference =
  | { readonly source: 'registry'; readonly registry: string; readonly name: string; readonly version: string | null }
  /** `armId`: the ARM id of the asset version when it can be told (not for `azureml://locations/...` nor a label). */
  | { readonly source: 'workspace'; readonly name: string; readonly version: string | null; readonly armId: string | null }
  | { readonly source: 'unknown' };

const REGISTRY_URI = /^azureml:\/\/registries\/([^/]+)\/(models|environments)\/([^/]+)(?:\/versions\/([^/]+)|\/labels\/[^/]+)?\/?$/i;
const REGISTRY_ARM = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/registries\/([^/]+)\/(models|environments)\/([^/]+)(?:\/versions\/([^/]+))?\/?$/i;
const WORKSPACE_ARM = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[^/]+)\/(models|environments)\/([^/]+)(?:\/versions\/([^/]+))?\/?$/i;
const WORKSPACE_URI = /^azureml:\/\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/(?:providers\/Microsoft\.MachineLearningServices\/)?workspaces\/([^/]+)\/(models|environments)\/([^/]+)(?:\/versions\/([^/]+)|\/labels\/[^/]+)?\/?$/i;
const LOCATION_URI = /^azureml:\/\/locations\/[^/]+\/workspaces\/[^/]+\/(models|environments)\/([^/]+)(?:\/versions\/([^/]+)|\/labels\/[^/]+)?\/?$/i;
const SHORT = /^azureml:([^:@/]+)(?::([^:@/]+)|@[^:@/]+)?$/i;

/**
 * Parses a model or environment reference. `workspaceId` is the deployment's workspace: the short
 * form `azureml:{name}:{version}` names an asset of that workspace.
 */
export function parseAssetReference(value: string, kind: AssetKind, workspaceId: string): AssetReference {
  const v = value.trim();
  let m = REGISTRY_URI.exec(v) ?? REGISTRY_ARM.exec(v);
  if (m && m[2]!.toLowerCase() === kind) return { source: 'registry', registry: m[1]!.toLowerCase(), name: m[3]!, version: m[4] ?? null };
  m = WORKSPACE_ARM.exec(v);
  if (m && m[2]!.toLowerCase() === kind) return workspaceAsset(m[1]!, kind, m[3]!, m[4] ?? null);
  m = WORKSPACE_URI.exec(v);
  if (m && m[4]!.toLowerCase() === kind) {
    const ws = `/subscriptions/${m[1]}/resourceGroups/${m[2]}/providers/Microsoft.MachineLearningServices/workspaces/${m[3]}`;
    return workspaceAsset(ws, kind, m[5]!, m[6] ?? null);
  }
  m = LOCATION_URI.exec(v);
  if (m && m[1]!.toLowerCase() === kind) return { source: 'workspace', name: m[2]!, version: m[3] ?? null, armId: null };
  m = SHORT.exec(v);
  if (m) return workspaceAsset(workspaceId, kind, m[1]!, m[2] ?? null);
  return { source: 'unknown' };
}

function workspaceAsset(workspaceId: string, kind: AssetKind, name: string, version: string | null): AssetReference {
  return { source: 'workspace', name, version, armId: version === null ? null : `${workspaceId}/${kind}/${name}/versions/${version}` };
}
