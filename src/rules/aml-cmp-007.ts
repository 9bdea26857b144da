import { fail, notApplicable, pass, resourceTypeOf, ResourceTypes, type ArmResource, type JsonValue, type Rule, type RuleVerdict } from '../model';

export const AML_CMP_007 = 'AML-CMP-007';

/** What ARM says about a compute instance's activity: `properties.properties.{state,lastOperation,idleTimeBeforeShutdown}`. */
export interface InstanceActivity {
  readonly computeType: string | null;
  readonly state: string | null;
  readonly lastOperationName: string | null;
  readonly lastOperationTime: string | null;
  readonly lastOperationStatus: string | null;
  readonly lastOperationTrigger: string | null;
  readonly idleTimeBeforeShutdown: string | null;
}

/** Why an instance is (not) idle: one word for code, the verdict's evidence for people. */
export type IdleDecision =
  | { readonly idle: true; readonly hoursSince: number; readonly activity: InstanceActivity }
  | {
      readonly idle: false;
      readonly reason: 'not-a-compute-instance' | 'not-running' | 'operation-in-progress' | 'no-last-operation' | 'recent-operation';
      readonly hoursSince?: number;
      readonly activity: InstanceActivity;
    };

const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function instanceActivity(subject: ArmResource): InstanceActivity {
  const props = record(subject.properties);
  const inner = record(props.properties);
  const last = record(inner.lastOperation);
  return {
    computeType: text(props.computeType),
    state: text(inner.state),
    lastOperationName: text(last.operationName),
    lastOperationTime: text(last.operationTime),
    lastOperationStatus: text(last.operationStatus),
    lastOperationTrigger: text(last.operationTrigger),
    idleTimeBeforeShutdown: text(inner.idleTimeBeforeShutdown),
  };
}

/**
 * Pure: is the compute instance idle at `now` for a window of `idleHours`?
 *
 * Idle = `state` is exactly `Running` (JobRunning, Starting, Restarting, Stopping, SettingUp, ...
 * are not) AND the last control-plane operation ARM recorded (`lastOperation`: Create, Start,
 * Restart, Reimage, even a failed Stop) happened at least `idleHours` before `now` (the boundary
 * itself counts as idle). Conservative on doubt: no `lastOperation` (or no parsable
 * `operationTime`) = NOT idle, since nothing dates the activity; an operation still `InProgress`
 * = not idle; an operation time in the future (clock skew) = not idle.
 */
export function decideIdle(subject: ArmResource, idleHours: number, now: Date): IdleDecision {
  const activity = instanceActivity(subject);
  if (resourceTypeOf(subject.id) !== ResourceTypes.compute || activity.computeType !== 'ComputeInstance') return { idle: false, reason: 'not-a-compute-instance', activity };
  if (activity.state !== 'Running') return { idle: false, reason: 'not-running', activity };
  if (activity.lastOperationStatus === 'InProgress') return { idle: false, reason: 'operation-in-progress', activity };
  const at = activity.lastOperationTime === null ? Number.NaN : Date.parse(activity.lastOperationTime);
  if (Number.isNaN(at)) return { idle: false, reason: 'no-last-operation', activity };
  const elapsedMs = now.getTime() - at;
  const hoursSince = Math.round((elapsedMs / 3_600_000) * 100) / 100;
  if (elapsedMs < idleHours * 3_600_000) return { idle: false, reason: 'recent-operation', hoursSince, activity };
  return { idle: true, hoursSince, activity };
}

function evidenceOf(d: IdleDecision, idleHours: number): Record<string, JsonValue> {
  const a = d.activity;
  return {
    state: a.state,
    lastOperation: a.lastOperationName,
    lastOperationTime: a.lastOperationTime,
    lastOperationTrigger: a.lastOperationTrigger,
    hoursSinceLastOperation: d.hoursSince ?? null,
    idleWindowHours: idleHours,
    idleTimeBeforeShutdown: a.idleTimeBeforeShutdown,
  };
}

/**
 * AML-CMP-007: a compute instance left running with no start, restart or job within the idle
 * window. Evaluated ONLY by the nightly idle-shutdown run (`appliesTo` is empty on purpose): the
 * event handler and the sweep must not stop an instance mid-day because its last start was
 * long ago, while someone may be working in a notebook (ARM does not expose notebook activity).
 */
export const amlCmp007: Rule = {
  id: AML_CMP_007,
  title: 'Compute instance running idle',
  severity: 'low',
  rationale: 'An idle running compute instance costs money and keeps an attack surface (SSH, Jupyter, public IP) open for nothing.',
  benchmark: 'n/a (FinOps; shortens the exposure window)',
  defaultMode: 'enforce',
  remediation: 'POST computes/{name}/stop (long-running) on idle compute instances, nightly, at most AMLGUARD_IDLE_MAX_STOPS per run',
  appliesTo: [],
  needs: [],
  proposes: [{ kind: 'stop-compute', on: [ResourceTypes.compute] }],
  evaluate({ subject, config, now }): RuleVerdict {
    const d = decideIdle(subject, config.idleHours, now);
    if (!d.idle) return d.reason === 'not-a-compute-instance' ? notApplicable : pass;
    return fail({
      evidence: evidenceOf(d, config.idleHours),
      actions: [{ kind: 'stop-compute', resourceId: subject.id }],
      remediation: `stop the compute instance (no start, restart or job for ${d.hoursSince} h, window ${config.idleHours} h)`,
    });
  },
};
