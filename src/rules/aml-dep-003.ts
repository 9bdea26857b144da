import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { withBreakWarning } from './dependencies/break-risks';
import { linkingWorkspaces } from './dependencies/linking-workspaces';
import { workspacePosture } from './dependencies/workspace-posture';

const props = z.looseObject({ adminUserEnabled: z.boolean().nullish().catch(null) });

/**
 * AML-DEP-003: a linked container registry has its admin user enabled (a shared username and
 * password with push and pull rights). Missing = false, the service default. Workspaces pull with
 * their managed identity; v1-legacy ACI deployments still use the admin user, so the remediation
 * line warns about workspaces in v1 legacy mode.
 */
export const amlDep003: Rule = {
  id: 'AML-DEP-003',
  title: "Workspace's container registry has the admin user enabled",
  severity: 'high',
  rationale: 'The registry admin user is a shared, non-auditable credential that can push images the workspace will run.',
  benchmark: 'IM-1',
  defaultMode: 'enforce',
  remediation: 'PATCH the registry: adminUserEnabled = false',
  appliesTo: [ResourceTypes.containerRegistry],
  needs: ['linkingWorkspaces'],
  proposes: [{ kind: 'set-property', property: 'adminUserEnabled', on: [ResourceTypes.containerRegistry] }],
  evaluate({ subject, related }) {
    const workspaces = linkingWorkspaces(subject, related);
    if (workspaces.length === 0) return notApplicable;
    if (props.safeParse(subject.properties ?? {}).data?.adminUserEnabled !== true) return pass;
    const postures = workspaces.map(workspacePosture);
    const legacy = postures.filter((w) => w.v1LegacyMode).map((w) => `workspace ${w.name} runs in v1 legacy mode, whose ACI deployments pull with the admin user`);
    return fail({
      evidence: { adminUserEnabled: true, linkedBy: postures.map((w) => w.id), breakRisks: legacy },
      actions: [{ kind: 'set-property', resourceId: subject.id, path: ['adminUserEnabled'], value: false }],
      remediation: withBreakWarning('set adminUserEnabled to false', legacy, 'Move those deployments to managed online endpoints first or file an exception.'),
    });
  },
};
