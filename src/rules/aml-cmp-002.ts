import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { COMPUTE_CLUSTER, COMPUTE_INSTANCE, computeView, isStoppedInstance, sameWord, type ComputeView } from './compute/compute-view';
import { publicIpReasons } from './compute/public-ip';

/**
 * Whether a cluster's SSH port is public. `Enabled` is; `Disabled` is not; `NotSpecified` (or
 * missing, which is the create-time default) is public unless the cluster is injected into a
 * subnet: "closed on all nodes if a VNet is defined, else open on all public nodes".
 */
function clusterSshPublic(view: ComputeView): boolean {
  if (sameWord(view.remoteLoginPortPublicAccess, 'Disabled')) return false;
  if (sameWord(view.remoteLoginPortPublicAccess, 'Enabled')) return true;
  return view.subnetId === null;
}

/**
 * AML-CMP-002: SSH open to the internet. Instance: `sshSettings.sshPublicAccess` Enabled.
 * Cluster: `remoteLoginPortPublicAccess` not Disabled (NotSpecified counts only without a subnet,
 * see clusterSshPublic). An instance that has a public IP is contained by stopping it; an
 * instance without one (SSH reachable only from its network) and a cluster are reported: the
 * setting can only be changed by re-creating the compute.
 */
export const amlCmp002: Rule = {
  id: 'AML-CMP-002',
  title: 'Compute SSH port is open to the internet',
  severity: 'high',
  rationale: 'A public SSH port invites brute force and credential stuffing against ML nodes that hold data and tokens.',
  benchmark: 'NS-2',
  defaultMode: 'enforce',
  remediation: 'stop a compute instance with a public IP (containment) and report: recreate with SSH public access disabled',
  appliesTo: [ResourceTypes.compute],
  needs: [],
  proposes: [{ kind: 'stop-compute', on: [ResourceTypes.compute] }],
  evaluate({ subject }) {
    const view = computeView(subject);
    if (view.computeType === COMPUTE_INSTANCE) {
      if (!sameWord(view.sshPublicAccess, 'Enabled')) return pass;
      const hasPublicIp = publicIpReasons(view).length > 0;
      const evidence = { computeType: view.computeType, sshPublicAccess: view.sshPublicAccess, hasPublicIp };
      const recreate = `recreate ${subject.name} with sshSettings.sshPublicAccess=Disabled`;
      if (!hasPublicIp) return fail({ evidence, actions: [], remediation: `${recreate} (no public IP: not stopped)` });
      return fail({ evidence, actions: isStoppedInstance(view) ? [] : [{ kind: 'stop-compute', resourceId: subject.id }], remediation: `stop the compute instance to contain it; ${recreate}` });
    }
    if (view.computeType === COMPUTE_CLUSTER) {
      if (!clusterSshPublic(view)) return pass;
      return fail({
        evidence: { computeType: view.computeType, remoteLoginPortPublicAccess: view.remoteLoginPortPublicAccess, subnet: view.subnetId },
        actions: [],
        remediation: `recreate ${subject.name} with remoteLoginPortPublicAccess=Disabled (the update API cannot change it)`,
      });
    }
    return notApplicable;
  },
};
