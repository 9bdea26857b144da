import type { JsonValue, RemediationAction, ArmResource } from '../model';
import { resourceTypeOf, sameId } from '../model';
import { WireCapture } from './wire-body';
import { captureWrite } from './wire-scope';
import { describeArmError } from './arm-error';
import type { ArmReader } from './arm-reader';
import type { ArmClients } from './clients';
import { writers } from './writers';

export interface ExecutionResult {
  readonly outcome: 'applied' | 'already-compliant' | 'failed';
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
  supports(action: RemediationAction): boolean;
}

/** One kind of write: how to see the current value, and how to make the change. */
export interface Writer<K extends RemediationAction['kind'] = RemediationAction['kind']> {
  readonly kind: K;
  supports(action: Extract<RemediationAction, { kind: K }>): boolean;
  /** The value the action would change, from a fresh snapshot of the target. */
  current(action: Extract<RemediationAction, { kind: K }>, resource: ArmResource): JsonValue;
  /** The value after the fix. */
  desired(action: Extract<RemediationAction, { kind: K }>): JsonValue;
  write(clients: ArmClients, action: Extract<RemediationAction, { kind: K }>, resource: ArmResource): Promise<unknown>;
}

export class SdkRemediationExecutor implements RemediationExecutor {
  constructor(
    private readonly clients: ArmClients,
    private readonly reader: ArmReader,
  ) {}

  supports(action: RemediationAction): boolean {
    const writer = writerFor(action);
    return writer !== undefined && writer.supports(action as never) && this.reader.readableTypes.has(resourceTypeOf(action.resourceId));
  }

  async execute(action: RemediationAction, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const writer = writerFor(action);
    if (!writer || !this.supports(action)) {
      return { outcome: 'failed', error: `no writer for ${action.kind} on ${resourceTypeOf(action.resourceId) || action.resourceId}`, wrote: false };
    }
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
    const before = writer.current(action as never, fresh);
    const desired = writer.desired(action as never);
    if (sameJson(before, desired)) return { outcome: 'already-compliant', before, after: before, resource: fresh, wrote: false };
    const answer = new WireCapture();
    try {
      await captureWrite(answer, () => writer.write(this.clients, action as never, fresh));
    } catch (error) {
      return { outcome: 'failed', before, error: describeArmError(error), wrote: true };
    }
    let after: ArmResource | null | undefined = answer.lastResourceWithId(action.resourceId);
    if (after === undefined) {
      try {
        after = await this.reader.get(action.resourceId);
      } catch (error) {
        return { outcome: 'failed', before, error: `write accepted but read-back failed: ${describeArmError(error)}`, wrote: true };
      }
    }
    const afterValue = after === null ? null : writer.current(action as never, after);
    if (after !== null && !sameJson(afterValue, desired)) {
      return { outcome: 'failed', before, after: afterValue, error: `write accepted but the value read back is ${JSON.stringify(afterValue)}`, resource: after, wrote: true };
    }
    return { outcome: 'applied', before, after: afterValue, resource: after, wrote: true };
  }
}

function writerFor(action: RemediationAction): Writer | undefined {
  return writers.find((w) => w.kind === action.kind);
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
