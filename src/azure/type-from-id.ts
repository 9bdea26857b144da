/**
 * Some child resources come back without `type`: the Subnet in the official SubnetGet example,
 * and PrivateDnsZoneGroup, whose REST model has no `type` at all; a subscription has neither
 * `type` nor `name`. The estate contract (and armResourceSchema) needs both, and they follow
 * from the id, so reads fill them in.
 * Works on one resource body or on a list page (`value` items). Anything else passes unchanged.
 */
export function typeFromId(canonicalType: string): (bodyAsText: string) => string {
  return (bodyAsText) => {
    let body: unknown;
    try {
      body = JSON.parse(bodyAsText);
    } catch {
      return bodyAsText;
    }
    if (!isRecord(body)) return bodyAsText;
    const value = body.value;
    const filled = Array.isArray(value) ? { ...body, value: value.map((item) => withType(item, canonicalType)) } : withType(body, canonicalType);
    return JSON.stringify(filled);
  };
}

function withType(item: unknown, type: string): unknown {
  if (!isRecord(item) || typeof item.id !== 'string') return item;
  const named = typeof item.name === 'string' && item.name !== '' ? item : { ...item, name: item.id.replace(/\/+$/, '').split('/').pop() };
  return typeof named.type === 'string' && named.type !== '' ? named : { ...named, type };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
