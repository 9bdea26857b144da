import type { JsonValue, RemediationAction, ArmResource, RemediationKind } from '../model';
import { resourceTypeOf, sameId } from '../model';
import { WireCapture } from './wire-body';
import { captureWrite } from './wire-scope';
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
  /** The resource as ARM returned it after the write (or as read when already compliant). */
  readonly resource?: ArmResource | null;
  /** Whether an ARM write was attempted (counts against the blast-radius cap). */
  readonly wrote: boolean;
}

export interface ExecuteOptions {
  /**
   * The target's state read by the caller under its lease, just now: no re-read before the write
   * (null: it is gone). Without it the target is re-read first.
   */
  readonly snapshot?: ArmResource | null;
}

/**
 * Performs one remediation: (re-read,) skip when already compliant, smallest write, verify on the
 * state ARM returns — the write's response or its long-running operation's final body, or a
 * read-back when the write returns no body of the resource (a DELETE, a POST action).
 */
export interface RemediationExecutor {
  execute(action: RemediationAction, options?: ExecuteOptions): Promise<ExecutionResult>;
  /** What `execute` would change, without writing: (re-read,) then `planned` (before -> desired) or `already-compliant`. */
  plan(action: RemediationAction, options?: ExecuteOptions): Promise<ExecutionResult>;
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

  async plan(action: RemediationAction, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    if (!this.supports(action)) return unsupported(action);
    const prepared = await this.prepare(action, options);
    if (!('writer' in prepared)) return prepared;
    return { outcome: 'planned', before: prepared.before, after: prepared.desired, resource: prepared.fresh, wrote: false };
  }

  execute(action: RemediationAction, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    if (!this.supports(action)) return Promise.resolve(unsupported(action));
    return this.run(action, options);
  }

  private async run<K extends RemediationKind>(action: RemediationAction<K>, options: ExecuteOptions): Promise<ExecutionResult> {
    const prepared = await this.prepare(action, options);
    if (!('writer' in prepared)) return prepared;
    const { writer, fresh, before, desired } = prepared;
    const answer = new WireCapture();
    try {
      await captureWrite(answer, () => writer.write(this.clients, action, fresh));
    } catch (error) {
      return { outcome: 'failed', before, error: describeArmError(error), wrote: true };
    }
    // Verified on what ARM answered the write with (its response, or its long-running operation's
    // final body); only a write that returns no body of the resource is read back.
    let after: ArmResource | null | undefined = answer.lastResourceWithId(action.resourceId);
    if (after === undefined) {
      try {
        after = await this.reader.get(action.resourceId);
      } catch (error) {
        return { outcome: 'failed', before, error: `write accepted but read-back failed: ${describeArmError(error)}`, wrote: true };
      }
    }
    const afterValue = after === null ? null : writer.current(action, after);
    if (after !== null && !sameJson(afterValue, desired)) {
      return { outcome: 'failed', before, after: afterValue, error: `write accepted but the value read back is ${JSON.stringify(afterValue)}`, resource: after, wrote: true };
    }
    return { outcome: 'applied', before, after: afterValue, resource: after, wrote: true };
  }

  /** The target as just read (given, or re-read): the result when there is nothing to write, else what the write needs. */
  private async prepare<K extends RemediationKind>(action: RemediationAction<K>, options: ExecuteOptions): Promise<ExecutionResult | Prepared<K>> {
    const writer = WRITERS[action.kind];
    let fresh: ArmResource | null;
    if (options.snapshot !== undefined && (options.snapshot === null || sameId(options.snapshot.id, action.resourceId))) {
      fresh = options.snapshot;
    } else {
      try {
        fresh = await this.reader.get(action.resourceId);
      } catch (error) {
        return { outcome: 'failed', error: `re-read failed: ${describeArmError(error)}`, wrote: false };
      }
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
