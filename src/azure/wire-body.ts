import type { FullOperationResponse, OperationOptions } from '@azure/core-client';
import { armResourceSchema, describeZodError, sameId, type ArmResource } from '../model';

/**
 * Rules read resources in ARM's wire shape (the estate contract), not the SDK's flattened
 * models, so reads capture the raw body through the SDK's `onResponse` hook and validate it.
 */
export class WireCapture {
  private bodies: string[] = [];
  readonly options: OperationOptions = {
    onResponse: (raw: FullOperationResponse) => {
      if (typeof raw.bodyAsText === 'string') this.bodies.push(raw.bodyAsText);
    },
  };

  /** Keeps one response body (for captures fed by a pipeline policy rather than `options`, see wire-scope.ts). */
  record(bodyAsText: string): void {
    this.bodies.push(bodyAsText);
  }

  /** The last response body, as one ARM resource. */
  resource(where: string): ArmResource {
    const text = this.bodies[this.bodies.length - 1];
    if (text === undefined) throw new Error(`${where}: ARM returned no body`);
    return parseResource(JSON.parse(text), where);
  }

  /** The last body that is the resource `id` (case-insensitive), or undefined. */
  lastResourceWithId(id: string): ArmResource | undefined {
    for (let i = this.bodies.length - 1; i >= 0; i--) {
      let body: unknown;
      try {
        body = JSON.parse(this.bodies[i]!);
      } catch {
        continue;
      }
      const r = armResourceSchema.safeParse(body);
      if (r.success && sameId(r.data.id, id)) return r.data;
    }
    return undefined;
  }

  /** Every page's `value` items, as ARM resources. */
  listed(where: string): ArmResource[] {
    const out: ArmResource[] = [];
    for (const text of this.bodies) {
      const page: unknown = JSON.parse(text);
      const value = page && typeof page === 'object' && 'value' in page ? (page as { value: unknown }).value : undefined;
      if (!Array.isArray(value)) throw new Error(`${where}: list response has no value array`);
      value.forEach((item, i) => out.push(parseResource(item, `${where}.value[${i}]`)));
    }
    this.bodies = [];
    return out;
  }
}

export function parseResource(body: unknown, where: string): ArmResource {
  const r = armResourceSchema.safeParse(body);
  if (!r.success) throw new Error(`${where}: unexpected resource shape: ${describeZodError(r.error)}`);
  return r.data;
}
