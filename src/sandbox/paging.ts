import { ArmError } from './arm-error';

export interface Page<T> {
  readonly value: T[];
  readonly nextLink?: string;
}

/**
 * One page of `items`, ARM style: `$skiptoken` carries the offset, `nextLink` is the absolute
 * request URL with every other query parameter kept.
 */
export function paginate<T>(items: readonly T[], requestUrl: URL, pageSize: number): Page<T> {
  const token = requestUrl.searchParams.get('$skiptoken');
  const offset = token === null ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0) throw new ArmError(400, 'InvalidSkipToken', `The skip token '${token}' is not valid.`);
  const value = items.slice(offset, offset + pageSize);
  if (offset + pageSize >= items.length) return { value };
  const next = new URL(requestUrl.href);
  next.searchParams.set('$skiptoken', String(offset + pageSize));
  return { value, nextLink: next.href };
}
