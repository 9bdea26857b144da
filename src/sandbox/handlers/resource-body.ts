import { armResourceSchema, describeZodError, type ArmResource } from '../../model';
import { invalidRequestContent } from '../arm-error';
import { canonicalWord } from '../canonical-names';
import { embeddedProperties, type JsonRecord } from '../embedded';
import { isJsonObject } from '../merge-patch';
import type { ProviderPath } from '../route';
import { ROLE_ASSIGNMENT_TYPE } from './role-assignments';

/** The request body as a JSON object, or ARM's 400. */
export function requireObject(body: unknown): JsonRecord {
  if (!isJsonObject(body)) throw invalidRequestContent(body === undefined ? 'the request body is empty.' : 'the request body must be a JSON object.');
  return body;
}

/** `Microsoft.Network/networkSecurityGroups` spelled canonically. */
export function canonicalType(target: ProviderPath): string {
  return target.type.split('/').map(canonicalWord).join('/');
}

/** Validates a resource about to be stored (a bad shape is the client's 400, and the store stays a valid estate); keeps the key order. */
export function validResource(candidate: JsonRecord): ArmResource {
  const r = armResourceSchema.safeParse(candidate);
  if (!r.success) throw invalidRequestContent(describeZodError(r.error));
  return candidate as ArmResource;
}

/**
 * The resource a PUT stores: the body with canonical id / name / type (the existing
 * resource's spelling wins), the existing location when the body has none,
 * `properties.provisioningState`, and embedded children given their ids.
 */
export function buildResource(target: ProviderPath, body: JsonRecord, existing: ArmResource | undefined, provisioningState: string): ArmResource {
  const { id: _id, name: _name, type: _type, ...rest } = body;
  const out: JsonRecord = {
    id: existing?.id ?? target.path,
    name: existing?.name ?? target.names[target.names.length - 1]!,
    type: existing?.type ?? canonicalType(target),
    ...rest,
  };
  if (out.location === undefined && existing?.location !== undefined) out.location = existing.location;
  if (isJsonObject(out.properties) || out.properties === undefined) {
    const properties: JsonRecord = { ...(isJsonObject(out.properties) ? out.properties : {}), provisioningState };
    if (String(out.type).toLowerCase() === ROLE_ASSIGNMENT_TYPE && properties.scope === undefined) properties.scope = target.scope;
    for (const [, spec] of embeddedProperties(String(out.type))) {
      const list = properties[spec.property];
      if (Array.isArray(list)) {
        properties[spec.property] = list.map((e: unknown) => (isJsonObject(e) && typeof e.name === 'string' ? buildElement(`${String(out.id)}/${spec.property}`, e.name, e, undefined) : e));
      }
    }
    out.properties = properties;
  }
  return validResource(out);
}

/** An embedded child as stored in its parent: id, name, then the body, with provisioningState Succeeded. */
export function buildElement(collectionId: string, name: string, body: JsonRecord, existing: JsonRecord | undefined): JsonRecord {
  const { id: _id, name: _name, ...rest } = body;
  const properties = isJsonObject(rest.properties) ? rest.properties : {};
  return {
    name: typeof existing?.name === 'string' ? existing.name : name,
    id: typeof existing?.id === 'string' ? existing.id : `${collectionId}/${name}`,
    ...rest,
    properties: { ...properties, provisioningState: 'Succeeded' },
  };
}
