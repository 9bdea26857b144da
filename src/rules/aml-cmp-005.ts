import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { COMPUTE_INSTANCE, computeView } from './compute/compute-view';
import { parseIsoDuration } from '../model/iso-duration';

/**
 * AML-CMP-005: a compute instance with no idle shutdown, or one longer than the configured maximum
 * (`idleShutdownMax`, default PT4H). A value that is not a `PnDTnHnMnS` duration counts as
 * missing. The fix sets the configured maximum through `updateIdleShutdownSetting`.
 */
export const amlCmp005: Rule = {
  id: 'AML-CMP-005',
  title: 'Compute instance idle shutdown missing or too long',
  severity: 'low',
  rationale: 'An instance that never shuts down when idle keeps its attack surface open, and costs, around the clock.',
  benchmark: 'n/a (FinOps; shortens the exposure window)',
  defaultMode: 'enforce',
  remediation: 'POST computes/{name}/updateIdleShutdownSetting with idleTimeBeforeShutdown = the configured maximum',
  appliesTo: [ResourceTypes.compute],
  needs: [],
  proposes: [{ kind: 'set-idle-shutdown', on: [ResourceTypes.compute] }],
  evaluate({ subject, config }) {
    const view = computeView(subject);
    if (view.computeType !== COMPUTE_INSTANCE) return notApplicable;
    const max = parseIsoDuration(config.idleShutdownMax);
    if (max === undefined) throw new Error(`idleShutdownMax ${JSON.stringify(config.idleShutdownMax)} is not a PnDTnHnMnS duration`);
    const current = view.idleTimeBeforeShutdown === null ? undefined : parseIsoDuration(view.idleTimeBeforeShutdown);
    if (current !== undefined && current <= max) return pass;
    return fail({
      evidence: { idleTimeBeforeShutdown: view.idleTimeBeforeShutdown, maximum: config.idleShutdownMax },
      actions: [{ kind: 'set-idle-shutdown', resourceId: subject.id, idleTimeBeforeShutdown: config.idleShutdownMax }],
      remediation: `set idleTimeBeforeShutdown to ${config.idleShutdownMax}`,
    });
  },
};
