import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { COMPUTE_INSTANCE, computeView, isInstanceOrCluster, isStoppedInstance } from './compute/compute-view';
import { publicIpEvidence, publicIpReasons } from './compute/public-ip';
import { parentWorkspaceIsolation } from './compute/workspace-isolation';

/**
 * AML-CMP-001: a compute instance or cluster whose nodes have a public IP. `enableNodePublicIp`
 * true or missing (the service default is true), or a public (not private / CGNAT / loopback)
 * address in `connectivityEndpoints.publicIpAddress`. A public IP cannot be removed from an
 * existing compute: an instance is contained by stopping it and reported for re-creation; a
 * cluster is reported. A customer-side public IP on a NIC in the compute's subnet is AML-NET-002.
 *
 * Managed network: the node keeps its public IP inside a workspace-managed VNet too, so the rule
 * still fires, but Azure ML's managed NSG then admits inbound only from the AzureMachineLearning
 * service tag: the instance is reported, not stopped (stopping would interrupt work for a
 * much smaller exposure).
 */
export const amlCmp001: Rule = {
  id: 'AML-CMP-001',
  title: 'Compute nodes have a public IP address',
  severity: 'high',
  rationale: 'A public IP on ML compute nodes makes them addressable from the internet and bypasses the workspace network boundary.',
  benchmark: 'NS-2',
  defaultMode: 'enforce',
  remediation: 'stop a compute instance (containment) and report: recreate without a public IP (enableNodePublicIp=false); a cluster is reported',
  appliesTo: [ResourceTypes.compute],
  needs: ['parentWorkspace'],
  proposes: [{ kind: 'stop-compute', on: [ResourceTypes.compute] }],
  evaluate({ subject, related }) {
    const view = computeView(subject);
    if (!isInstanceOrCluster(view)) return notApplicable;
    const reasons = publicIpReasons(view);
    if (reasons.length === 0) return pass;
    const isolation = parentWorkspaceIsolation(subject.id, related);
    const evidence = { computeType: view.computeType, ...publicIpEvidence(view), reasons, managedNetworkIsolationMode: isolation.isolationMode };
    const recreate = `recreate ${subject.name} with enableNodePublicIp=false`;
    if (view.computeType !== COMPUTE_INSTANCE) return fail({ evidence, actions: [], remediation: `${recreate} (a cluster cannot drop its public IP in place)` });
    if (isolation.managed) return fail({ evidence, actions: [], remediation: `${recreate} (managed network: inbound limited to Azure ML, not stopped)` });
    return fail({
      evidence,
      actions: isStoppedInstance(view) ? [] : [{ kind: 'stop-compute', resourceId: subject.id }],
      remediation: `stop the compute instance to contain it; ${recreate}`,
    });
  },
};
