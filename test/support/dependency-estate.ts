import type { ArmResource } from '../../src/model';
import { exampleBody } from './fixtures';

type Props = Record<string, unknown>;

const STORAGE = 'arm-examples/storage/2025-08-01/StorageAccountGetProperties.json';
const KEY_VAULT = 'arm-examples/keyvault/2025-05-01/getVault.json';
const REGISTRY = 'arm-examples/containerregistry/2025-04-01/RegistryGet.json';

export const storageId = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;
export const keyVaultId = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`;
export const registryId = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerRegistry/registries/${name}`;
export const resourceGroupId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;

/** Tags of a test resource; null = no `tags` at all. */
type Tags = Record<string, string> | null;

/** An official example's resource body moved to `id` (name from the id), with `properties` overridden and `tags` set. */
function fromExample(file: string, id: string, properties: Props, tags: Tags, extra: Props = {}): ArmResource {
  const { tags: _exampleTags, ...body } = structuredClone(exampleBody(file)) as Props & { properties?: Props };
  const name = id.split('/').pop()!;
  return { ...body, id, name, ...(tags ? { tags } : {}), ...extra, properties: { ...(body.properties ?? {}), ...properties } } as ArmResource;
}

/** A storage account from the official 2025-08-01 GetProperties example (networkAcls defaultAction Allow, no publicNetworkAccess). */
export function storageAccount(id: string, properties: Props = {}, tags: Tags = { owner: 'data-team' }): ArmResource {
  return fromExample(STORAGE, id, properties, tags);
}

/** A key vault from the official 2025-05-01 getVault example (publicNetworkAccess Enabled). */
export function keyVault(id: string, properties: Props = {}, tags: Tags = { owner: 'sec-team' }): ArmResource {
  return fromExample(KEY_VAULT, id, properties, tags);
}

/** A registry from the official 2025-04-01 RegistryGet example (Standard, publicNetworkAccess Enabled, admin user off); `sku` overrides. */
export function registry(id: string, properties: Props = {}, sku = 'Premium', tags: Tags = { owner: 'ml-platform' }): ArmResource {
  return fromExample(REGISTRY, id, properties, tags, { sku: { name: sku, tier: sku } });
}

/** A resource group object as ARM's GET returns it. */
export function resourceGroup(sub: string, rg: string, tags: Record<string, string> = {}): ArmResource {
  return { id: resourceGroupId(sub, rg), name: rg, type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', tags, properties: { provisioningState: 'Succeeded' } };
}

/** An approved private endpoint connection, as embedded in a resource's properties. */
export function approvedConnection(resourceId: string, name = 'pe-conn', status = 'Approved'): Props {
  return {
    id: `${resourceId}/privateEndpointConnections/${name}`,
    name,
    properties: {
      privateEndpoint: { id: `${resourceId.split('/providers/')[0]}/providers/Microsoft.Network/privateEndpoints/${name}` },
      privateLinkServiceConnectionState: { status, description: '', actionsRequired: 'None' },
      provisioningState: 'Succeeded',
    },
  };
}
