import { z } from 'zod';
import { idKey, parseArmId, resourceTypeOf, type ArmResource } from '../../model';
import { ArmError } from '../arm-error';
import { resourceGroupsIn, subscriptionIds, subscriptionObject } from '../scopes';
import type { Reply, RequestContext, SandboxState } from './context';

/** `POST /providers/Microsoft.ResourceGraph/resources`, the only Resource Graph call the sandbox answers. */
export const RESOURCE_GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';
export const RESOURCE_GRAPH_API_VERSION = '2024-04-01';
/** Resource Graph's largest page. */
const MAX_TOP = 1000;
const DEFAULT_TOP = 100;

export function isResourceGraphQuery(pathname: string): boolean {
  return pathname.replace(/\/+$/, '').toLowerCase() === RESOURCE_GRAPH_PATH;
}

const requestSchema = z.object({
  subscriptions: z.array(z.string()).min(1),
  query: z.string().min(1),
  options: z
    .looseObject({
      $skipToken: z.string().optional(),
      $top: z.number().int().min(1).optional(),
      resultFormat: z.string().optional(),
    })
    .optional(),
});

/**
 * The only query shape the project sends (src/azure/resource-graph.ts):
 * `<Resources|AuthorizationResources|ResourceContainers> | where type in~ ('a', 'b') | order by id asc`.
 * Anything else is refused with a 400 that quotes it: the sandbox does not pretend to run KQL.
 */
const QUERY = /^\s*(Resources|AuthorizationResources|ResourceContainers)\s*\|\s*where\s+type\s+in~\s*\(([^)]*)\)\s*\|\s*order\s+by\s+id\s+asc\s*$/;
const QUOTED = /^\s*'([a-z0-9./]+)'\s*$/i;

interface ParsedQuery {
  readonly table: 'Resources' | 'AuthorizationResources' | 'ResourceContainers';
  readonly types: ReadonlySet<string>;
}

function parseQuery(query: string): ParsedQuery {
  const m = QUERY.exec(query);
  const types = m?.[2]?.split(',').map((t) => QUOTED.exec(t)?.[1]?.toLowerCase());
  if (!m || !types || types.some((t) => t === undefined)) {
    throw new ArmError(400, 'BadRequest', `Please provide below info when asking for support: the sandbox's Resource Graph answers only the queries AML Guard sends; unsupported query: ${query}`);
  }
  return { table: m[1] as ParsedQuery['table'], types: new Set(types as string[]) };
}

/** A page position bound to its query, so a token of another query is refused. */
function skipTokenOf(query: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: query, o: offset })).toString('base64url');
}

function offsetOf(token: string | undefined, query: string): number {
  if (token === undefined) return 0;
  try {
    const parsed = z.object({ q: z.string(), o: z.number().int().min(0) }).parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    if (parsed.q === query) return parsed.o;
  } catch {
    // refused below
  }
  throw new ArmError(400, 'BadRequest', `The $skipToken '${token}' is not valid for this query.`);
}

/** A resource as a Resource Graph row: ARM's body plus the columns Resource Graph adds, type in lower case. */
function rowOf(resource: ArmResource, tenantId: string, type = resourceTypeOf(resource.id)): Record<string, unknown> {
  const id = parseArmId(resource.id);
  return {
    id: resource.id,
    name: resource.name,
    type,
    tenantId,
    kind: resource.kind ?? '',
    location: resource.location ?? '',
    resourceGroup: (id.resourceGroup ?? '').toLowerCase(),
    subscriptionId: id.subscriptionId,
    managedBy: '',
    sku: resource.sku ?? null,
    plan: null,
    properties: resource.properties ?? {},
    tags: resource.tags ?? {},
    identity: resource.identity ?? null,
    zones: null,
    extendedLocation: null,
  };
}

const AUTHORIZATION_TYPES = new Set(['microsoft.authorization/roleassignments', 'microsoft.authorization/roledefinitions']);
/** ResourceContainers' types (management groups are not in the sandbox). */
const SUBSCRIPTION_ROW_TYPE = 'microsoft.resources/subscriptions';
const RESOURCE_GROUP_ROW_TYPE = 'microsoft.resources/subscriptions/resourcegroups';

/** Rows of the stored resources of `types` (embedded children are not rows, as in Resource Graph). */
function resourceRows(state: SandboxState, table: ParsedQuery['table'], types: ReadonlySet<string>, inScope: ReadonlySet<string>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const resource of state.store.all()) {
    const type = resourceTypeOf(resource.id);
    if ((table === 'AuthorizationResources') !== AUTHORIZATION_TYPES.has(type) || !types.has(type)) continue;
    if (!inScope.has(parseArmId(resource.id).subscriptionId.toLowerCase())) continue;
    rows.push(rowOf(resource, state.tenantId));
  }
  return rows;
}

/**
 * ResourceContainers rows: the subscriptions in scope the estate holds and their resource groups.
 * A subscription row is named by its display name and keeps its fields under `properties`.
 */
function containerRows(state: SandboxState, types: ReadonlySet<string>, inScope: ReadonlySet<string>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  if (types.has(SUBSCRIPTION_ROW_TYPE)) {
    for (const s of subscriptionIds(state.store).filter((s) => inScope.has(s.toLowerCase()))) {
      const { id, displayName, state: subscriptionState } = subscriptionObject(s, state.tenantId);
      rows.push(rowOf({ id, name: displayName, type: SUBSCRIPTION_ROW_TYPE, properties: { state: subscriptionState } }, state.tenantId, SUBSCRIPTION_ROW_TYPE));
    }
  }
  if (types.has(RESOURCE_GROUP_ROW_TYPE)) {
    for (const group of resourceGroupsIn(state.store, inScope)) rows.push(rowOf(group, state.tenantId, RESOURCE_GROUP_ROW_TYPE));
  }
  return rows;
}

/** Answers a Resource Graph query over the sandbox's stored resources, subscriptions and resource groups. */
export function handleResourceGraph(state: SandboxState, ctx: RequestContext): Reply {
  if (ctx.method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The method '${ctx.method}' is not supported by Resource Graph.`);
  if (ctx.apiVersion !== RESOURCE_GRAPH_API_VERSION) {
    throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${ctx.apiVersion}' is not supported by the sandbox's Resource Graph; use '${RESOURCE_GRAPH_API_VERSION}'.`);
  }
  const parsed = requestSchema.safeParse(ctx.body);
  if (!parsed.success) throw new ArmError(400, 'BadRequest', `The Resource Graph request body is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
  const { query, subscriptions, options } = parsed.data;
  const format = options?.resultFormat ?? 'objectArray';
  if (format !== 'objectArray') throw new ArmError(400, 'BadRequest', `The sandbox's Resource Graph answers resultFormat 'objectArray' only, not '${format}'.`);
  const { table, types } = parseQuery(query);
  const inScope = new Set(subscriptions.map((s) => s.toLowerCase()));
  const rows = table === 'ResourceContainers' ? containerRows(state, types, inScope) : resourceRows(state, table, types, inScope);
  rows.sort((a, b) => (idKey(String(a.id)) < idKey(String(b.id)) ? -1 : 1));
  const top = Math.min(options?.$top ?? DEFAULT_TOP, MAX_TOP, state.resourceGraphPageSize);
  const offset = offsetOf(options?.$skipToken, query);
  const data = rows.slice(offset, offset + top);
  const more = offset + top < rows.length;
  return {
    status: 200,
    body: {
      totalRecords: rows.length,
      count: data.length,
      resultTruncated: 'false',
      ...(more ? { $skipToken: skipTokenOf(query, offset + top) } : {}),
      facets: [],
      data,
    },
  };
}
