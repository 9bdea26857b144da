import { InvalidArmIdError, parseCanonicalArmId, type ArmId } from '../model';
import { EventParseError } from './errors';

const PLACEHOLDER = /\{[^{}/]*\}/;

/**
 * The ARM id an event is about, validated with parseArmId. `where` names the field it came from.
 * Tolerates an action event whose id ends in the action's verb (`.../computes/c/stop` for
 * `.../computes/stop/action`): the verb is dropped. Throws EventParseError.
 */
export function eventResourceId(value: string, where: string, operationName: string | undefined): ArmId {
  const placeholder = PLACEHOLDER.exec(value);
  if (placeholder) {
    throw new EventParseError(`${where}: ${new InvalidArmIdError(value, `placeholder ${placeholder[0]} where a real value belongs`).message}`);
  }
  try {
    return parseCanonicalArmId(value);
  } catch (e) {
    const trimmed = withoutActionVerb(value, operationName);
    if (trimmed !== undefined) {
      try {
        return parseCanonicalArmId(trimmed);
      } catch {
        // report the original id below
      }
    }
    throw new EventParseError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `.../c/stop` -> `.../c` when the operation is `.../stop/action`; undefined otherwise. */
function withoutActionVerb(id: string, operationName: string | undefined): string | undefined {
  const verb = /\/([^/]+)\/action$/i.exec(operationName ?? '')?.[1];
  if (!verb) return undefined;
  const segs = id.trim().replace(/\/+$/, '').split('/');
  return segs.length > 1 && segs[segs.length - 1]!.toLowerCase() === verb.toLowerCase() ? segs.slice(0, -1).join('/') : undefined;
}
