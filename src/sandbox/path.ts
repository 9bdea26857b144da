/** Request paths: decoded segments without the query, the origin or a trailing slash. */
export function splitPath(pathOrUrl: string): string[] {
  let path = pathOrUrl;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  const q = path.search(/[?#]/);
  if (q >= 0) path = path.slice(0, q);
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
}

export function joinPath(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Index of the last `providers` segment that is followed by a namespace, or -1. */
export function lastProvidersIndex(segments: readonly string[]): number {
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i]!.toLowerCase() === 'providers') return i;
  }
  return -1;
}
