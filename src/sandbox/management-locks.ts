import { idKey, resourceTypeOf, scopeCovers, tryParseArmId } from '../model';
import { ArmError } from './arm-error';
import type { ResourceStore } from './store';

/**
 * ARM management locks (`{scope}/providers/Microsoft.Authorization/locks/{name}`, properties.level
 * `ReadOnly` | `CanNotDelete`) in the estate are honoured as ARM does: a ReadOnly lock refuses
 * every write (PUT, PATCH, DELETE, POST action) at or below its scope, CanNotDelete refuses
 * DELETE, with 409 ScopeLocked. A locked resource is a real reason for a remediation to fail.
 */
const LOCK_TYPE = 'microsoft.authorization/locks';

export function lockRefusal(store: ResourceStore, method: string, path: string): ArmError | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const target = path.replace(/\/+$/, '');
  if (resourceTypeOf(target) === LOCK_TYPE) return undefined;
  for (const lock of store.all()) {
    if (resourceTypeOf(lock.id) !== LOCK_TYPE) continue;
    const scope = tryParseArmId(lock.id)?.scope ?? lock.id.replace(/\/providers\/Microsoft\.Authorization\/locks\/[^/]+$/i, '');
    if (!scopeCovers(scope, target) && idKey(scope) !== idKey(target)) continue;
    const level = String(lock.properties?.level ?? '').toLowerCase();
    if (level === 'readonly' || (level === 'cannotdelete' && method === 'DELETE')) {
      return new ArmError(
        409,
        'ScopeLocked',
        `The scope '${target}' cannot perform ${method === 'DELETE' ? 'delete' : 'write'} operation because following scope(s) are locked: '${scope}'. Please remove the lock and try again.`,
      );
    }
  }
  return undefined;
}
