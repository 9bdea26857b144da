import type { JsonValue, RemediationAction, ArmResource, RemediationKind } from '../model';
import { resourceTypeOf } from '../model';
import { acceptsRemediation, descriptorOfId } from '../resources';
import { describeArmError } from './arm-error';
import type { ArmReader } from './arm-reader';
import type { ArmClients } from './clients';
import type { Writer } from './writer';
import { WRITERS } from './writers';

export interface ExecutionResult {
  readonly outcome: 'applied' | 'already-compliant' | 'failed' | 'planned';
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly error?: string;
  /** The resource as read back after the write (or as re-read when already compliant). */
  readonly resource?: ArmResource | null;
  /** Whether an ARM write was attempted (counts against the blast-radius cap). */
  readonly wrote: boolean;
}

/** Performs one remediation: re-read, skip when already compliant, smallest write, read back. */
export interface RemediationExecutor {
  execute(action: RemediationAction): Promise<ExecutionResult>;
  /** What `execute` would change, without writing: re-read, then `planned` (before -> desired) or `already-compliant`. */
  plan(action: RemediationAction): Promise<ExecutionResult>;
  supports(action: RemediationAction): boolean;
}

/** A write ready to go: the fresh snapshot and the value it changes, from before to desired. */
interface Prepared<K extends RemediationKind> {
  readonly writer: Writer<K>;
  readonly fresh: ArmResource;
  readonly before: JsonValue;
  readonly desired: JsonValue;
}

export class SdkRemediationExecutor implements RemediationExecutor {
  constructor(
    private readonly clients: ArmClients,
    private readonly reader: ArmReader,
  ) {}

  /** The target's descriptor accepts this kind of write (and property), and the writer its fields. */
  supports(action: RemediationAction): boolean {
    const descriptor = descriptorOfId(action.resourceId);
    return acceptsRemediation(descriptor, action.kind, propertyOf(action)) && descriptor?.read !== undefined && writerSupports(action);
  }

  async plan(action: RemediationAction): Promise<ExecutionResult> {
    if (!this.supports(action)) return unsupported(action);
    const prepared = await this.prepare(action);
    if (!('writer' in prepared)) return prepared;
    return { outcome: 'planned', before: prepared.before, after: prepared.desired, resource: prepared.fresh, wrote: false };
  }

  execute(action: RemediationAction): Promise<ExecutionResult> {
    if (!this.supports(action)) return Promise.resolve(unsupported(action));
    return this.run(action);
  }

  private async run<K extends RemediationKind>(action: RemediationAction<K>): Promise<ExecutionResult> {
    const prepared = await this.prepare(action);
    if (!('writer' in prepared)) return prepared;
    const { writer, fresh, before, desired } = prepared;
    try {
      await writer.write(this.clients, action, fresh);
    } catch (error) {
      return { outcome: 'failed', before, error: describeArmError(error), wrote: true };
    }
    let after: ArmResource | null;
    try {
      after = await this.reader.get(action.resourceId);
    } catch (error) {
      return { outcome: 'failed', before, error: `write accepted but read-back failed: ${describeArmError(error)}`, wrote: true };
    }
    const afterValue = after === null ? null : writer.current(action, after);
    if (after !== null && !sameJson(afterValue, desired)) {
      return { outcome: 'failed', before, after: afterValue, error: `write accepted but the value read back is ${JSON.stringify(afterValue)}`, resource: after, wrote: true };
    }
    return { outcome: 'applied', before, after: afterValue, resource: after, wrote: true };
  }

  /** Re-reads the target: the result when there is nothing to write, else what the write needs. */
  private async prepare<K extends RemediationKind>(action: RemediationAction<K>): Promise<ExecutionResult | Prepared<K>> {
    const writer = WRITERS[action.kind];
    let fresh: ArmResource | null;
    try {
      fresh = await this.reader.get(action.resourceId);
    } catch (error) {
      return { outcome: 'failed', error: `re-read failed: ${describeArmError(error)}`, wrote: false };
    }
    if (fresh === null) return { outcome: 'already-compliant', error: 'resource no longer exists', resource: null, wrote: false };
    const before = writer.current(action, fresh);
    const desired = writer.desired(action);
    if (sameJson(before, desired)) return { outcome: 'already-compliant', before, after: before, resource: fresh, wrote: false };
    return { writer, fresh, before, desired };
  }
}

function unsupported(action: RemediationAction): ExecutionResult {
  return { outcome: 'failed', error: `no writer for ${action.kind} on ${resourceTypeOf(action.resourceId) || action.resourceId}`, wrote: false };
}

function writerSupports<K extends RemediationKind>(action: RemediationAction<K>): boolean {
  return WRITERS[action.kind].supports(action);
}

/** The property a `set-property` action changes, as descriptors key it. */
function propertyOf(action: RemediationAction): string | undefined {
  return action.kind === 'set-property' ? action.path.join('.') : undefined;
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
