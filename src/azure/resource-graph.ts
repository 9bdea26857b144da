import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { isRestError } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { armResourceSchema, nameOf, parseArmId, type ArmResource } from '../model';
import { descriptorOfId, RESOURCE_DESCRIPTORS } from '../resources';
import type { ResourceGraphLocation } from '../resources/descriptor';
import { clientOptions, type ArmConnection } from './connection';

/** How KQL spells each table a descriptor can name (lower case there). */
const TABLE_NAMES = { resources: 'Resources', authorizationresources: 'AuthorizationResources', resourcecontainers: 'ResourceContainers' } as const satisfies Record<ResourceGraphLocation['table'], string>;
export type GraphTable = (typeof TABLE_NAMES)[ResourceGraphLocation['table']];

/**
 * What the sweep takes from Azure Resource Graph, per table: every type whose descriptor says
 * where Resource Graph keeps it (subscriptions and resource groups: ResourceContainers). Subnets
 * come embedded in their virtual network; private DNS zone groups are not in Resource Graph.
 */
export const GRAPH_INVENTORY: Readonly<Partial<Record<GraphTable, readonly string[]>>> = graphInventory();

function graphInventory(): Partial<Record<GraphTable, string[]>> {
  const inventory: Partial<Record<GraphTable, string[]>> = {};
  for (const d of RESOURCE_DESCRIPTORS) {
    if (!d.resourceGraph) continue;
    const table = TABLE_NAMES[d.resourceGraph.table];
    (inventory[table] ??= []).push(d.resourceGraph.type);
  }
  return inventory;
}

/** The tables the inventory queries, in the order it queries them. */
export const GRAPH_TABLES: readonly GraphTable[] = Object.keys(GRAPH_INVENTORY) as GraphTable[];

/** Descriptor types (as `subjectTypeOf` gives them) the inventory holds every instance of: absent from it = does not exist. */
export const INVENTORIED_TYPES: ReadonlySet<string> = new Set(RESOURCE_DESCRIPTORS.flatMap((d) => (d.resourceGraph ? [d.type] : [])));

/** Resource Graph's largest page. */
const PAGE_ROWS = 1000;

/** The query text for one table; the sandbox's Resource Graph answers exactly this shape. */
export function inventoryQuery(table: GraphTable): string {
  return `${table} | where type in~ (${(GRAPH_INVENTORY[table] ?? []).map((t) => `'${t}'`).join(', ')}) | order by id asc`;
}

/** Resource Graph refused the caller (no permission, provider not registered): the sweep lists from ARM instead. */
export class ResourceGraphRefusedError extends Error {
  override name = 'ResourceGraphRefusedError';
}

const REFUSAL_CODES = new Set(['authorizationfailed', 'missingsubscriptionregistration', 'subscriptionnotregistered', 'disallowedprovider', 'forbidden']);

function isRefusal(error: unknown): boolean {
  if (!isRestError(error)) return false;
  return error.statusCode === 403 || error.statusCode === 401 || REFUSAL_CODES.has((error.code ?? '').toLowerCase());
}

/** Resource Graph adds these columns to ARM's body; they are dropped so a row is a snapshot as GET returns it. */
const GRAPH_ONLY_COLUMNS = ['tenantId', 'resourceGroup', 'subscriptionId', 'managedBy', 'plan', 'zones', 'extendedLocation'] as const;

const rowSchema = z.looseObject({ id: z.string(), type: z.string() });
const subscriptionRowSchema = z.looseObject({
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  tenantId: z.string().nullish(),
  tags: z.record(z.string(), z.string()).nullish(),
  properties: z.looseObject({ state: z.string().nullish(), subscriptionPolicies: z.looseObject({}).nullish() }).nullish(),
});

/**
 * A Resource Graph row as ARM's GET body: the type as ARM spells it (rows carry it in lower case,
 * and a resource group's as `microsoft.resources/subscriptions/resourcegroups`), empty columns
 * left out. A subscription row (ResourceContainers) names the subscription by its display name
 * and keeps its fields under `properties`; ARM's body has them at the top, no properties, and
 * our reader names it by its GUID (from the id): the row is turned into that body.
 */
export function snapshotOfRow(row: unknown): ArmResource {
  const base = rowSchema.parse(row);
  const id = parseArmId(base.id);
  const body = id.provider === undefined && id.resourceGroup === undefined ? subscriptionBody(base) : resourceBody(base);
  body.type = id.provider ? [id.provider, ...id.types].join('/') : (descriptorOfId(base.id)?.armType ?? base.type);
  const parsed = armResourceSchema.safeParse(body);
  if (!parsed.success) throw new Error(`Resource Graph row ${base.id} is not an ARM resource: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** ARM's body of a resource or resource group: the row without the columns Resource Graph adds. */
function resourceBody(row: { id: string; type: string }): Record<string, unknown> {
  const body: Record<string, unknown> = { ...row };
  for (const column of GRAPH_ONLY_COLUMNS) delete body[column];
  for (const key of ['sku', 'identity', 'kind', 'location']) if (body[key] === null || body[key] === '') delete body[key];
  return body;
}

/** ARM's subscription body (`GET /subscriptions/{id}`) from its ResourceContainers row. */
function subscriptionBody(row: { id: string; type: string }): Record<string, unknown> {
  const r = subscriptionRowSchema.parse(row);
  const subscriptionId = nameOf(row.id);
  const displayName = r.displayName ?? r.name;
  const body: Record<string, unknown> = { id: row.id, name: subscriptionId, type: row.type, subscriptionId };
  if (displayName) body.displayName = displayName;
  if (r.tenantId) body.tenantId = r.tenantId;
  if (r.properties?.state) body.state = r.properties.state;
  if (r.properties?.subscriptionPolicies) body.subscriptionPolicies = r.properties.subscriptionPolicies;
  if (r.tags && Object.keys(r.tags).length > 0) body.tags = r.tags; // a row's empty tags column: ARM's body has none
  return body;
}

export interface GraphQueryResult {
  readonly resources: ArmResource[];
  /** Resource Graph calls made (one per page). */
  readonly calls: number;
}

/** Runs the inventory queries over the subscriptions (every page). Throws ResourceGraphRefusedError on 401/403/not registered. */
export async function queryInventory(connection: ArmConnection, subscriptions: readonly string[]): Promise<GraphQueryResult> {
  const client = new ResourceGraphClient(connection.credential, clientOptions(connection));
  const resources: ArmResource[] = [];
  let calls = 0;
  for (const table of GRAPH_TABLES) {
    const query = inventoryQuery(table);
    let skipToken: string | undefined;
    do {
      let page;
      try {
        page = await client.resources({ subscriptions: [...subscriptions], query, options: { resultFormat: 'objectArray', top: PAGE_ROWS, ...(skipToken ? { skipToken } : {}) } });
      } catch (error) {
        if (isRefusal(error)) throw new ResourceGraphRefusedError(`Resource Graph refused the inventory query (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, { cause: error });
        throw error;
      }
      calls++;
      const data: unknown = page.data;
      if (!Array.isArray(data)) throw new Error(`Resource Graph answered ${table} without a row array (resultFormat objectArray expected)`);
      for (const row of data) resources.push(snapshotOfRow(row));
      skipToken = page.skipToken;
    } while (skipToken);
  }
  return { resources, calls };
}
