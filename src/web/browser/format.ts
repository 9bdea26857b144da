/** Small formatting for people: short resource names, time left, JSON evidence values. */
export function shortName(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/type/name` -> `type name in rg`. */
export function describeResource(id: string): string {
  const parts = id.split('/').filter(Boolean);
  const rg = parts[3];
  const provider = parts.lastIndexOf('providers');
  const type = provider >= 0 ? parts[parts.length - 2] : parts.length <= 2 ? 'subscription' : 'resource group';
  return `${shortName(id)} (${type}${rg && provider >= 0 ? ` in ${rg}` : ''})`;
}

export function timeLeft(expiresAt: string | undefined, now = Date.now()): string {
  if (!expiresAt) return 'no end';
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return 'ended';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h left`;
  if (hours > 0) return `${hours} h ${mins} min left`;
  return `${mins} min left`;
}

export function when(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
