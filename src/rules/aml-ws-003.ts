import { fail, pass, ResourceTypes, type Rule } from '../model';
import { privateEndpointConnections } from './dependencies/private-endpoint-connections';

/**
 * AML-WS-003: no private endpoint connection of the workspace is Approved (none at all, or only
 * Pending / Rejected / Disconnected ones), so nobody can reach it privately.
 */
export const amlWs003: Rule = {
  id: 'AML-WS-003',
  title: 'Workspace has no approved private endpoint',
  severity: 'medium',
  rationale: 'Without an approved private endpoint the workspace can only be reached over its public endpoint.',
  benchmark: 'NS-2',
  defaultMode: 'audit',
  remediation: 'report',
  appliesTo: [ResourceTypes.workspace],
  needs: [],
  proposes: [],
  evaluate({ subject }) {
    const connections = privateEndpointConnections(subject);
    if (connections.some((c) => c.status?.toLowerCase() === 'approved')) return pass;
    return fail({
      evidence: { privateEndpointConnections: connections.map((c) => ({ name: c.name, status: c.status })) },
      actions: [],
      remediation:
        connections.length === 0 ? 'report: create a private endpoint for the workspace' : 'report: approve a private endpoint connection of the workspace (none is Approved)',
    });
  },
};
