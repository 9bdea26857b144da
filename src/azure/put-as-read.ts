import { parseArmId, type ArmResource, type JsonValue } from '../model';
import type { PropertyPatch, ResourceDescriptor } from '../resources';
import type { ArmClients } from './clients';
import { pollInterval } from './poll-interval';
import { armUrl, sendArmAndWait } from './raw-arm';

type Json = Record<string, unknown>;
type PutAsRead = Extract<PropertyPatch, { how: 'put-as-read' }>;
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
 * The PUT body that re-states a resource exactly as read with one property changed, without
 * the server-populated `readOnly` properties. The wire body is used, not the SDK model: an SDK
 * that does not know newer properties (the 2.1.1 ML SDK and `mirrorTraffic`) would silently
 * drop them in a model round trip, and a PUT replaces the resource.
 */
export function putAsReadBody(resource: ArmResource, readOnly: readonly string[], property: string, value: JsonValue): Json {
  const { id: _id, name: _name, type: _type, systemData: _systemData, etag: _etag, identity, properties, ...rest } = resource as ArmResource & { systemData?: unknown };
  const skip = new Set(readOnly);
  const props = Object.fromEntries(Object.entries(properties ?? {}).filter(([k]) => !skip.has(k)));
  const body: Json = { ...rest, properties: { ...props, [property]: value } };
  const id = requestIdentity(identity);
  if (id) body.identity = id;
  return body;
}

/**
 * Sets one property by a read-modify-write: the wire body as just read (`current`, read by the
 * executor under the resource's lease: no second GET), PUT back with the property changed
 * (long-running), then wait for the operation.
 */
export async function setPropertyByPut(clients: ArmClients, descriptor: ResourceDescriptor, patch: PutAsRead, current: ArmResource, property: string, value: JsonValue): Promise<void> {
  const p = parseArmId(current.id);
  const url = armUrl(clients.connection, p.id, descriptor.apiVersion);
  await sendArmAndWait(patch.pipeline(clients, p.subscriptionId), { method: 'PUT', url, body: putAsReadBody(current, patch.readOnly, property, value) }, pollInterval(clients.connection));
}
