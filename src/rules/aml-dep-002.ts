import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { linkingWorkspaces } from './dependencies/linking-workspaces';
import { workspacePosture } from './dependencies/workspace-posture';

const props = z.looseObject({ allowSharedKeyAccess: z.boolean().nullish().catch(null) });

/**
 * AML-DEP-002: a linked storage account accepts shared keys (`allowSharedKeyAccess` true, or
 * missing: ARM treats null as true). Report only: a workspace whose system datastores use the
 * account key (`systemDatastoresAuthMode` AccessKey, the default) stops working when keys are
 * refused, so the evidence names those workspaces.
 */
export const amlDep002: Rule = {
  id: 'AML-DEP-002',
  title: "Workspace's storage account allows shared key access",
  severity: 'medium',
  rationale: 'Storage account keys are long-lived secrets that bypass Entra ID, RBAC and conditional access.',
  benchmark: 'IM-1',
  defaultMode: 'audit',
  remediation: 'report',
  appliesTo: [ResourceTypes.storageAccount],
  needs: ['linkingWorkspaces'],
  proposes: [],
  evaluate({ subject, related }) {
    const workspaces = linkingWorkspaces(subject, related);
    if (workspaces.length === 0) return notApplicable;
    const value = props.safeParse(subject.properties ?? {}).data?.allowSharedKeyAccess ?? null;
    if (value === false) return pass;
    const postures = workspaces.map(workspacePosture);
    const usingKeys = postures.filter((w) => (w.systemDatastoresAuthMode ?? 'AccessKey').toLowerCase() === 'accesskey');
    return fail({
      evidence: { allowSharedKeyAccess: value, linkedBy: postures.map((w) => w.id), workspacesUsingAccountKey: usingKeys.map((w) => w.id) },
      actions: [],
      remediation: usingKeys.length
        ? `report: switch systemDatastoresAuthMode to Identity on ${usingKeys.map((w) => w.name).join(', ')}, then set allowSharedKeyAccess to false`
        : 'report: set allowSharedKeyAccess to false',
    });
  },
};
