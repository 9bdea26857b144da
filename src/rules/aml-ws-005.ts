import { z } from 'zod';
import { fail, notApplicable, parentResourceId, pass, ResourceTypes, sameId, type Rule } from '../model';

const INACTIVE = new Set(['rejected', 'disconnected']);

const workspaceProps = z.looseObject({
  privateEndpointConnections: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        properties: z
          .looseObject({
            privateEndpoint: z.looseObject({ id: z.string().nullish() }).nullish(),
            privateLinkServiceConnectionState: z.looseObject({ status: z.string().nullish() }).nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
});

const zoneGroupProps = z.looseObject({ privateDnsZoneConfigs: z.array(z.unknown()).nullish() });

/**
 * AML-WS-005: a private endpoint of the workspace (an active connection: not Rejected or
 * Disconnected) has no private DNS zone group with at least one zone, so its name resolves to the
 * public address and clients either fail or go over the internet. An endpoint that no longer
 * exists is reported as such. Related: the endpoints and their zone groups (gathered).
 */
export const amlWs005: Rule = {
  id: 'AML-WS-005',
  title: 'Workspace private endpoint has no private DNS zone group',
  severity: 'medium',
  rationale: 'Without a private DNS zone group the workspace name keeps resolving to its public endpoint, defeating the private endpoint.',
  benchmark: 'NS-2',
  defaultMode: 'audit',
  remediation: 'report',
  appliesTo: [ResourceTypes.workspace],
  needs: ['workspacePrivateEndpoints'],
  proposes: [],
  evaluate({ subject, related }) {
    const props = workspaceProps.safeParse(subject.properties ?? {});
    if (!props.success) return notApplicable;
    const endpoints: { id: string; status: string | null }[] = [];
    for (const connection of props.data.privateEndpointConnections ?? []) {
      const id = connection.properties?.privateEndpoint?.id;
      const status = connection.properties?.privateLinkServiceConnectionState?.status ?? null;
      if (!id || (status && INACTIVE.has(status.toLowerCase())) || endpoints.some((e) => sameId(e.id, id))) continue;
      endpoints.push({ id, status });
    }
    if (endpoints.length === 0) return notApplicable;

    const zoneGroups = related.ofType(ResourceTypes.privateDnsZoneGroup);
    const problems: { privateEndpoint: string; connectionStatus: string | null; problem: string }[] = [];
    for (const endpoint of endpoints) {
      if (!related.get(endpoint.id)) {
        problems.push({ privateEndpoint: endpoint.id, connectionStatus: endpoint.status, problem: 'private endpoint not found' });
        continue;
      }
      const groups = zoneGroups.filter((g) => sameId(parentResourceId(g.id), endpoint.id));
      const withZones = groups.filter((g) => (zoneGroupProps.safeParse(g.properties ?? {}).data?.privateDnsZoneConfigs?.length ?? 0) > 0);
      if (withZones.length > 0) continue;
      problems.push({
        privateEndpoint: endpoint.id,
        connectionStatus: endpoint.status,
        problem: groups.length === 0 ? 'no private DNS zone group' : 'private DNS zone group(s) without any DNS zone',
      });
    }
    if (problems.length === 0) return pass;
    return fail({
      evidence: { privateEndpoints: problems },
      actions: [],
      remediation: `report: add a private DNS zone group (privatelink.api.azureml.ms, privatelink.notebooks.azure.net) to ${problems.length} private endpoint(s)`,
    });
  },
};
