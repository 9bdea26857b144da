import type { RecordedRequest } from './types';

/** A request that can change ARM state: not a GET / HEAD, and not a read sent as POST (a Resource Graph query). */
export function isWriteRequest(r: Pick<RecordedRequest, 'method' | 'armAction'>): boolean {
  return r.method !== 'GET' && r.method !== 'HEAD' && !/\/read$/i.test(r.armAction);
}

/** A Resource Graph query. */
export function isResourceGraphRequest(r: Pick<RecordedRequest, 'armAction'>): boolean {
  return r.armAction === 'Microsoft.ResourceGraph/resources/read';
}
