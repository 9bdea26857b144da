/** LRO poll interval: ARM's Retry-After wins when present; this is the floor between polls. */
export function pollInterval(): number {
  const raw = process.env.AMLGUARD_LRO_POLL_MS;
  const v = Number(raw);
  return raw && Number.isFinite(v) && v >= 0 ? v : 2000;
}
