/**
 * ARM resource ids. ARM compares ids case-insensitively and events often spell
 * `resourcegroups` in lower case, so every comparison goes through `idKey`.
 */
export interface ArmId {
  /** The id as given, trimmed of a trailing slash. */
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  /** e.g. `Microsoft.MachineLearningServices`; absent for subscription / resource group scopes. */
  readonly provider?: string;
  /** Type segments below the provider: `['workspaces', 'computes']`. */
  readonly types: readonly string[];
  readonly names: readonly string[];
  /**
   * Extension resources (`{scope}/providers/{namespace}/{type}/{name}`, e.g. a role assignment on a
   * workspace): the id of the resource they extend. `provider`/`types`/`names` then describe the
   * extension itself. Absent for ordinary resources and for subscription / resource-group scopes.
   */
  readonly scope?: string;
}

export class InvalidArmIdError extends Error {
  constructor(readonly value: string, reason: string) {
    super(`not a valid ARM resource id (${reason}): ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)}`);
    this.name = 'InvalidArmIdError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT = /^[^\s/{}?#]+$/;
/** A percent-encoded character or a backslash: ids are never URL-encoded, and `%2F`, `%2E`, `\` would read as another path. */
const ENCODED = /%[0-9a-f]{2}|\\/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Why the segments of an id (split on `/`, the leading empty one dropped) cannot name a resource, or undefined. */
export function segmentProblem(segs: readonly string[]): string | undefined {
  if (segs.some((s) => !SEGMENT.test(s))) return 'empty or placeholder segment';
  // `.` / `..` would make a URL address another resource than the id names (…/computes/.. is the workspace).
  const dots = segs.find((s) => s === '.' || s === '..');
  if (dots) return `"${dots}" segment`;
  const encoded = segs.find((s) => ENCODED.test(s));
  if (encoded) return `encoded character or backslash in segment ${JSON.stringify(encoded)}`;
  return undefined;
}

/** Parses a subscription, resource group or resource id. Throws InvalidArmIdError. */
export function parseArmId(value: string): ArmId {
  const id = value.trim().replace(/\/+$/, '');
  const parts = id.split('/');
  if (parts[0] !== '' || parts.length < 3) throw new InvalidArmIdError(value, 'must start with /subscriptions/{guid}');
  const segs = parts.slice(1);
  const problem = segmentProblem(segs);
  if (problem) throw new InvalidArmIdError(value, problem);
  if (segs[0]!.toLowerCase() !== 'subscriptions') throw new InvalidArmIdError(value, 'must start with /subscriptions/');
  const subscriptionId = segs[1]!;
  if (!isGuid(subscriptionId)) throw new InvalidArmIdError(value, 'subscription id is not a GUID');
  let i = 2;
  let resourceGroup: string | undefined;
  if (segs.length > i) {
    if (segs[i]!.toLowerCase() !== 'resourcegroups' || segs.length < i + 2) {
      if (segs[i]!.toLowerCase() === 'providers') {
        // subscription-level provider resource, e.g. role assignments at subscription scope
      } else throw new InvalidArmIdError(value, 'expected resourceGroups/{name}');
    } else {
      resourceGroup = segs[i + 1]!;
      i += 2;
    }
  }
  let provider: string | undefined;
  let scope: string | undefined;
  const types: string[] = [];
  const names: string[] = [];
  if (segs.length > i) {
    if (segs[i]!.toLowerCase() !== 'providers' || segs.length < i + 4) throw new InvalidArmIdError(value, 'expected providers/{namespace}/{type}/{name}');
    provider = segs[i + 1]!;
    const rest = segs.slice(i + 2);
    if (rest.length % 2 !== 0) throw new InvalidArmIdError(value, 'type without a name');
    for (let k = 0; k < rest.length; k += 2) {
      if (rest[k]!.toLowerCase() === 'providers') {
        // extension resource on the resource so far: the last provider segment names the type
        if (rest.length < k + 4) throw new InvalidArmIdError(value, 'expected providers/{namespace}/{type}/{name}');
        scope = ['', ...segs.slice(0, i + 2 + k)].join('/');
        provider = rest[k + 1]!;
        types.length = 0;
        names.length = 0;
        continue;
      }
      types.push(rest[k]!);
      names.push(rest[k + 1]!);
    }
  }
  return scope === undefined ? { id, subscriptionId, resourceGroup, provider, types, names } : { id, subscriptionId, resourceGroup, provider, types, names, scope };
}

/**
 * Parses an id that must already be in ARM's canonical form, as events and estates carry it:
 * parseArmId's rules, and no surrounding whitespace nor trailing slash (an empty last segment).
 */
export function parseCanonicalArmId(value: string): ArmId {
  if (value !== value.trim()) throw new InvalidArmIdError(value, 'surrounding whitespace');
  if (value.endsWith('/')) throw new InvalidArmIdError(value, 'empty segment (trailing slash)');
  return parseArmId(value);
}

export function tryParseArmId(value: string): ArmId | undefined {
  try {
    return parseArmId(value);
  } catch {
    return undefined;
  }
}

/** The comparison key of an id: lower case, no trailing slash. */
export function idKey(id: string): string {
  return id.trim().replace(/\/+$/, '').toLowerCase();
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && idKey(a) === idKey(b);
}

/** `microsoft.machinelearningservices/workspaces/computes`, lower case; '' for subscription / group scopes. */
export function resourceTypeOf(id: string): string {
  const p = tryParseArmId(id);
  if (!p || !p.provider) return '';
  return [p.provider, ...p.types].join('/').toLowerCase();
}

/**
 * The type of what an id names when it is judged as a subject: `resourceTypeOf`, and for the
 * scopes AML-GOV-002/003 judge `microsoft.resources/resourcegroups` / `microsoft.resources/subscriptions`.
 */
export function subjectTypeOf(id: string): string {
  const p = tryParseArmId(id);
  if (!p) return '';
  if (p.provider) return [p.provider, ...p.types].join('/').toLowerCase();
  return p.resourceGroup !== undefined ? 'microsoft.resources/resourcegroups' : 'microsoft.resources/subscriptions';
}

/** The resource one level up (`.../workspaces/w/computes/c` -> `.../workspaces/w`), or undefined at a top-level resource. */
export function parentResourceId(id: string): string | undefined {
  const p = parseArmId(id);
  if (p.types.length < 2) return undefined;
  return p.id.split('/').slice(0, -2).join('/');
}

/** `/subscriptions/{s}` of any id in it. */
export function subscriptionScope(id: string): string {
  return `/subscriptions/${parseArmId(id).subscriptionId}`;
}

export function resourceGroupScope(id: string): string | undefined {
  const p = parseArmId(id);
  return p.resourceGroup ? `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroup}` : undefined;
}

/** True when `scope` is `id` itself or one of its ancestors (resource group, subscription, parent resource). */
export function scopeCovers(scope: string, id: string): boolean {
  const s = idKey(scope);
  const k = idKey(id);
  return k === s || k.startsWith(`${s}/`);
}

export function nameOf(id: string): string {
  const segs = id.replace(/\/+$/, '').split('/');
  return segs[segs.length - 1] ?? '';
}
