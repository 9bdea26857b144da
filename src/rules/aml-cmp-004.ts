import { fail, pass, ResourceTypes, type Rule } from '../model';
import { computeView } from './compute/compute-view';

/**
 * AML-CMP-004: a compute (any type: instance, cluster, attached AKS / Kubernetes / VM ...) that
 * accepts local authentication: `properties.disableLocalAuth` is not true (missing = enabled),
 * as the built-in policy "Azure Machine Learning Computes should have local authentication
 * methods disabled" evaluates it.
 */
export const amlCmp004: Rule = {
  id: 'AML-CMP-004',
  title: 'Compute local authentication is not disabled',
  severity: 'medium',
  rationale: 'Local (key based) authentication bypasses Entra ID, conditional access and its audit trail.',
  benchmark: 'IM-1',
  defaultMode: 'audit',
  remediation: 'report: recreate or re-attach the compute with disableLocalAuth=true',
  appliesTo: [ResourceTypes.compute],
  needs: [],
  proposes: [],
  evaluate({ subject }) {
    const view = computeView(subject);
    if (view.disableLocalAuth === true) return pass;
    return fail({
      evidence: { computeType: view.computeType, disableLocalAuth: view.disableLocalAuth },
      actions: [],
      remediation: `recreate or re-attach ${subject.name} with disableLocalAuth=true`,
    });
  },
};
