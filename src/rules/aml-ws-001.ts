import { z } from 'zod';
import { fail, pass, ResourceTypes, type Rule } from '../model';

const workspaceProps = z.looseObject({ publicNetworkAccess: z.string().nullish() });

/** AML-WS-001: a workspace reachable from the internet. A missing property counts as exposed, as Azure Policy treats it. */
export const amlWs001: Rule = {
  id: 'AML-WS-001',
  title: 'Workspace public network access is not disabled',
  severity: 'high',
  rationale: 'A workspace reachable from the internet exposes data, models and credentials to anyone holding a token.',
  benchmark: 'NS-2',
  defaultMode: 'enforce',
  remediation: 'PATCH the workspace: publicNetworkAccess = Disabled',
  appliesTo: [ResourceTypes.workspace],
  needs: [],
  proposes: [{ kind: 'set-property', property: 'publicNetworkAccess', on: [ResourceTypes.workspace] }],
  evaluate({ subject }) {
    const props = workspaceProps.safeParse(subject.properties ?? {});
    const value = props.success ? (props.data.publicNetworkAccess ?? null) : null;
    if (typeof value === 'string' && value.toLowerCase() === 'disabled') return pass;
    return fail({
      evidence: { publicNetworkAccess: value },
      actions: [{ kind: 'set-property', resourceId: subject.id, path: ['publicNetworkAccess'], value: 'Disabled' }],
      remediation: 'set publicNetworkAccess to Disabled',
    });
  },
};
