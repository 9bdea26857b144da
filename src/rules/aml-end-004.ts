import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';

const text = z.string().nullish().catch(null);
const computeProps = z.looseObject({
  computeType: text,
  resourceId: text,
  properties: z.looseObject({ loadBalancerType: text }).nullish().catch(null),
});
const clusterProps = z.looseObject({
  apiServerAccessProfile: z
    .looseObject({ enablePrivateCluster: z.boolean().nullish().catch(null), authorizedIPRanges: z.array(z.string()).nullish().catch(null) })
    .nullish()
    .catch(null),
});

const KUBERNETES_TYPES = new Set(['aks', 'kubernetes']);

/**
 * AML-END-004: Kubernetes compute attached to a workspace (computeType AKS or Kubernetes) serves
 * inference from a cluster reachable from the internet: the AKS cluster named by
 * `properties.resourceId` has a public API server (not a private cluster, no authorized IP
 * ranges), or an AKS compute's inference load balancer is public (`loadBalancerType` PublicIp,
 * the default). A cluster that could not be read is not judged on its API server.
 */
export const amlEnd004: Rule = {
  id: 'AML-END-004',
  title: 'Kubernetes inference compute is reachable from the internet',
  severity: 'high',
  rationale: 'Production inference on AKS is often overlooked: a public API server or scoring load balancer exposes the models and the cluster that runs them.',
  benchmark: 'NS-2',
  defaultMode: 'audit',
  remediation: 'report: make the cluster private (or restrict authorized IP ranges) and use an internal load balancer for inference',
  appliesTo: [ResourceTypes.compute],
  needs: ['kubernetesCluster'],
  proposes: [],
  evaluate({ subject, related }) {
    const p = computeProps.safeParse(subject.properties ?? {}).data;
    const computeType = p?.computeType ?? null;
    if (!computeType || !KUBERNETES_TYPES.has(computeType.toLowerCase())) return notApplicable;
    const problems: string[] = [];
    const cluster = p?.resourceId ? related.get(p.resourceId) : undefined;
    let apiServer: string | null = null;
    if (cluster) {
      const access = clusterProps.safeParse(cluster.properties ?? {}).data?.apiServerAccessProfile;
      const isPrivate = access?.enablePrivateCluster === true;
      const ranges = access?.authorizedIPRanges ?? [];
      apiServer = isPrivate ? 'private' : ranges.length ? 'public, authorized IP ranges' : 'public';
      if (!isPrivate && ranges.length === 0) problems.push(`the API server of ${cluster.name} is public with no authorized IP ranges`);
    }
    const loadBalancerType = computeType.toLowerCase() === 'aks' ? (p?.properties?.loadBalancerType ?? 'PublicIp') : null;
    if (loadBalancerType !== null && loadBalancerType.toLowerCase() !== 'internalloadbalancer') problems.push(`the inference load balancer is public (loadBalancerType ${loadBalancerType})`);
    if (problems.length === 0) return pass;
    return fail({
      evidence: { computeType, cluster: p?.resourceId ?? null, clusterRead: cluster !== undefined, apiServer, loadBalancerType },
      actions: [],
      remediation: `${problems.join('; ')} — make the cluster private or restrict its authorized IP ranges, and attach it with an internal load balancer`,
    });
  },
};
