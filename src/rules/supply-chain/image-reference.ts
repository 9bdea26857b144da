/** A container image reference as Docker reads it: `[host[:port]/]repository[:tag][@digest]`. */
export interface ImageReference {
  /** Lower case; `docker.io` when the reference names no registry (`tensorflow/serving:latest`). */
  readonly host: string;
  readonly repository: string;
  readonly tag: string | null;
  /** `sha256:...` when the image is pinned by digest. */
  readonly digest: string | null;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/i;

export function parseImageReference(value: string): ImageReference | undefined {
  const ref = value.trim();
  if (ref === '' || /\s/.test(ref)) return undefined;
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const parts = named.split('/');
  const first = parts[0]!;
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first.toLowerCase() : 'docker.io';
  const path = hasHost ? parts.slice(1) : parts;
  const last = path[path.length - 1] ?? '';
  const colon = last.lastIndexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : null;
  const repository = [...path.slice(0, -1), colon >= 0 ? last.slice(0, colon) : last].join('/');
  if (repository === '' || path.some((p) => p === '')) return undefined;
  return { host, repository, tag, digest };
}

/** Pinned = an `@sha256:` digest of the right length: the same bytes on every pull. */
export function isPinned(image: ImageReference): boolean {
  return image.digest !== null && DIGEST.test(image.digest);
}
