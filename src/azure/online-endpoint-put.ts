import { parseArmId, type ArmResource, type JsonValue } from '../model';
import { API_VERSIONS } from './api-versions';
import type { ArmClients } from './clients';
import { pollInterval } from './poll-interval';
import { armUrl, sendArmAndWait } from './raw-arm';
import { WireCapture } from './wire-body';

/** Server-populated endpoint properties: never sent back. `keys` is write-once at creation and always read as null. */
const READ_ONLY_PROPERTIES = new Set(['provisioningState', 'scoringUri', 'swaggerUri', 'keys']);

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The identity as a request states it: type and the user-assigned identity ids (their principal / client ids are read-only). */
function requestIdentity(identity: unknown): Json | undefined {
  if (!isRecord(identity)) return undefined;
  const out: Json = {};
  if (identity.type !== undefined) out.type = identity.type;
  if (isRecord(identity.userAssignedIdentities)) out.userAssignedIdentities = Object.fromEntries(Object.keys(identity.userAssignedIdentities).map((k) => [k, {}]));
  return out;
}

/**
 * The PUT body that re-states the endpoint exactly as read with one property changed. The
 * wire body is used, not the SDK model: the 2.1.1 SDK does not know `mirrorTraffic` and newer
 * properties, and a model round trip would silently drop them (a PUT replaces the endpoint).
 */
export function onlineEndpointPutBody(endpoint: ArmResource, property: string, value: JsonValue): Json {
  const { id: _id, name: _name, type: _type, systemData: _systemData, etag: _etag, identity, properties, ...rest } = endpoint as ArmResource & { systemData?: unknown };
  const props = Object.fromEntries(Object.entries(properties ?? {}).filter(([k]) => !READ_ONLY_PROPERTIES.has(k)));
  const body: Json = { ...rest, properties: { ...props, [property]: value } };
  const id = requestIdentity(identity);
  if (id) body.identity = id;
  return body;
}

/**
 * Sets one property of an online endpoint. Its PATCH takes only tags and identity
 * (PartialMinimalTrackedResourceWithIdentity: ARM answers 400 "Could not find member
 * 'properties'"), so the change is a read-modify-write: GET the wire body, PUT it back with the
 * property changed (long-running: 200/201 + Azure-AsyncOperation), wait for the operation.
 */
export async function setOnlineEndpointProperty(clients: ArmClients, id: string, property: string, value: JsonValue): Promise<void> {
  const p = parseArmId(id);
  const client = clients.machineLearning(p.subscriptionId);
  const capture = new WireCapture();
  await client.onlineEndpoints.get(p.resourceGroup!, p.names[0]!, p.names[1]!, capture.options);
  const current = capture.resource(`GET ${id}`);
  await sendArmAndWait(client, { method: 'PUT', url: armUrl(clients.connection, p.id, API_VERSIONS.machineLearning), body: onlineEndpointPutBody(current, property, value) }, pollInterval(clients.connection));
}
