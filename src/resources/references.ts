import { z } from 'zod';

const reference = z.looseObject({ id: z.string().startsWith('/') });

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `{ id }` references in ARM bodies: the id, or undefined when absent or malformed. */
export function referenceId(value: unknown): string | undefined {
  return reference.safeParse(value).data?.id;
}

/** The records of an array property, or none. */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The `properties` record of an ARM body or array item, or an empty one. */
export function propertiesOf(value: unknown): Record<string, unknown> {
  const props = isRecord(value) ? value.properties : undefined;
  return isRecord(props) ? props : {};
}
