import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { isRestError } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { armResourceSchema, parseArmId, type ArmResource } from '../model';
import { RESOURCE_DESCRIPTORS } from '../resources';
import { clientOptions, type ArmConnection } from './connection';

/** The Resource Graph tables the inventory reads, by the descriptors' lower-case table name. */
const TABLES = { resources: 'Resources', authorizationresources: 'AuthorizationResources' } as const;
export type GraphTable = (typeof TABLES)[keyof typeof TABLES];

/**
 * What the sweep takes from Azure Resource Graph, per table: every type whose descriptor says
 * where Resource Graph keeps it. Subnets come embedded in their virtual network; private DNS
 * zone groups are not in Resource Graph; resource groups and subscriptions (ResourceContainers)
 * are read from ARM on the rare occasion a rule needs one (tags copied from the group).
 */
export const GRAPH_INVENTORY: Readonly<Record<GraphTable, readonly string[]>> = {
  Resources: graphTypes('resources'),
  AuthorizationResources: graphTypes('authorizationresources'),
};

function graphTypes(table: keyof typeof TABLES): string[] {
  return RESOURCE_DESCRIPTORS.flatMap((d) => (d.resourceGraph?.table === table ? [d.resourceGraph.type] : []));
}

/** Lower-case types the inventory holds every instance of (absent from it = does not exist). */
export const INVENTORIED_TYPES: ReadonlySet<string> = new Set(Object.values(GRAPH_INVENTORY).flat());

/** Resource Graph's largest page. */
const PAGE_ROWS = 1000;

/** The query text for one table; the sandbox's Resource Graph answers exactly this shape. */
export function inventoryQuery(table: GraphTable): string {
  return `${table} | where type in~ (${GRAPH_INVENTORY[table].map((t) => `'${t}'`).join(', ')}) | order by id asc`;
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

/** A Resource Graph row as ARM's GET body: the type as the id spells it (rows carry it in lower case), empty columns left out. */
export function snapshotOfRow(row: unknown): ArmResource {
  const base = rowSchema.parse(row);
  const body: Record<string, unknown> = { ...base };
  for (const column of GRAPH_ONLY_COLUMNS) delete body[column];
  for (const key of ['sku', 'identity', 'kind', 'location']) if (body[key] === null || body[key] === '') delete body[key];
  const id = parseArmId(base.id);
  if (id.provider) body.type = [id.provider, ...id.types].join('/');
  const parsed = armResourceSchema.safeParse(body);
  if (!parsed.success) throw new Error(`Resource Graph row ${base.id} is not an ARM resource: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
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
  for (const table of Object.keys(GRAPH_INVENTORY) as GraphTable[]) {
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
