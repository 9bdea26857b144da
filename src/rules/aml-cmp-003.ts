import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { computeView, isInstanceOrCluster } from './compute/compute-view';
import { parentWorkspaceIsolation } from './compute/workspace-isolation';

/**
 * AML-CMP-003: a compute instance or cluster outside any network boundary: no `subnet.id`, and
 * its workspace does not run a managed network (isolationMode AllowInternetOutbound or
 * AllowOnlyApprovedOutbound puts the compute in the managed VNet). A subnet id is taken as given
 * (even one that is not a valid ARM id: it names a subnet). When the parent workspace could not
 * be read the rule fires, and its evidence says the isolation is unknown.
 */
export const amlCmp003: Rule = {
  id: 'AML-CMP-003',
  title: 'Compute is not in a virtual network',
  severity: 'medium',
  rationale: 'Compute outside a customer or managed virtual network cannot be reached privately nor kept from the internet by network controls.',
  benchmark: 'NS-1',
  defaultMode: 'audit',
  remediation: 'report: recreate the compute in a subnet, or enable the workspace managed network',
  appliesTo: [ResourceTypes.compute],
  needs: ['parentWorkspace'],
  proposes: [],
  evaluate({ subject, related }) {
    const view = computeView(subject);
    if (!isInstanceOrCluster(view)) return notApplicable;
    if (view.subnetId !== null) return pass;
    const isolation = parentWorkspaceIsolation(subject.id, related);
    if (isolation.managed) return pass;
    return fail({
      evidence: { computeType: view.computeType, subnet: null, managedNetworkIsolationMode: isolation.isolationMode, workspaceRead: isolation.known },
      actions: [],
      remediation: `recreate ${subject.name} in a subnet, or enable a managed network on its workspace`,
    });
  },
};
