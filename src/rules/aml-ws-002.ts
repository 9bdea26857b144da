import { z } from 'zod';
import { fail, pass, ResourceTypes, type Rule } from '../model';

const workspaceProps = z.looseObject({
  allowPublicAccessWhenBehindVnet: z.boolean().nullish().catch(null),
  publicNetworkAccess: z.string().nullish().catch(null),
});

/**
 * AML-WS-002: `allowPublicAccessWhenBehindVnet` is true (missing = false, the service default).
 * Report only: WorkspacePropertiesUpdateParameters of the 2025-12-01 api (the PATCH contract) has
 * no such property, only a full PUT of the workspace could change it, and a read-modify-write PUT
 * of a whole workspace is not a smallest write. Closing the door it opens is what AML-WS-001
 * (publicNetworkAccess = Disabled, which PATCH does accept) does.
 */
export const amlWs002: Rule = {
  id: 'AML-WS-002',
  title: 'Workspace allows public access when behind a virtual network',
  severity: 'medium',
  rationale: 'A workspace behind a private endpoint that still allows public access is reachable from the internet despite its network isolation.',
  benchmark: 'NS-2',
  defaultMode: 'audit',
  remediation: 'report (the PATCH api does not accept allowPublicAccessWhenBehindVnet; AML-WS-001 disables public access)',
  appliesTo: [ResourceTypes.workspace],
  needs: [],
  proposes: [],
  evaluate({ subject }) {
    const props = workspaceProps.safeParse(subject.properties ?? {}).data;
    if (props?.allowPublicAccessWhenBehindVnet !== true) return pass;
    return fail({
      evidence: { allowPublicAccessWhenBehindVnet: true, publicNetworkAccess: props.publicNetworkAccess ?? null },
      actions: [],
      remediation: 'report: set publicNetworkAccess to Disabled (AML-WS-001); allowPublicAccessWhenBehindVnet can only be changed by a full PUT of the workspace',
    });
  },
};
