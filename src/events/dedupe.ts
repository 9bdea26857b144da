/** Drops events whose id was already seen in the same message, keeping the first. Order is kept. */
export function dedupeEvents<T extends { readonly id: string }>(events: readonly T[]): T[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
}
