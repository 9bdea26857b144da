import type { ResourceChangeEvent } from '../model';

type Caller = ResourceChangeEvent['caller'];

const OBJECT_ID = ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid'];
const APP_ID = ['appid', 'azp'];
const NAME = ['name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', 'upn', 'unique_name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'];

/** Who made the change, from the token claims ARM puts in the event. Only present, non-empty string claims count. */
export function callerFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Caller {
  if (!claims) return {};
  const pick = (keys: readonly string[]): string | undefined => {
    for (const k of keys) {
      const v = claims[k];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
    return undefined;
  };
  const objectId = pick(OBJECT_ID);
  const appId = pick(APP_ID);
  const name = pick(NAME);
  return { ...(objectId && { objectId }), ...(appId && { appId }), ...(name && { name }) };
}
