import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { COMPUTE_INSTANCE, computeView } from './compute/compute-view';

/**
 * AML-CMP-006: a compute instance not on the latest OS image (`osImageMetadata.isLatestOsImageVersion`
 * false). Missing metadata says nothing either way: pass. Instances are patched by re-creation.
 */
export const amlCmp006: Rule = {
  id: 'AML-CMP-006',
  title: 'Compute instance OS image is out of date',
  severity: 'medium',
  rationale: 'An instance on an old OS image lacks the security fixes of the current image; only re-creation applies them.',
  benchmark: 'PV-6',
  defaultMode: 'audit',
  remediation: 'report: recreate the compute instance to get the latest OS image',
  appliesTo: [ResourceTypes.compute],
  needs: [],
  proposes: [],
  evaluate({ subject }) {
    const view = computeView(subject);
    if (view.computeType !== COMPUTE_INSTANCE) return notApplicable;
    if (view.isLatestOsImageVersion !== false) return pass;
    return fail({
      evidence: { isLatestOsImageVersion: false, currentImageVersion: view.currentImageVersion, latestImageVersion: view.latestImageVersion },
      actions: [],
      remediation: `recreate ${subject.name} to get the latest OS image`,
    });
  },
};
