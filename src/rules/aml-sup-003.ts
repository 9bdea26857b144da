import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, type RemediationAction, type Rule } from '../model';
import { linkingWorkspaces } from './dependencies/linking-workspaces';

const props = z.looseObject({
  anonymousPullEnabled: z.boolean().nullish().catch(null),
  policies: z.looseObject({ exportPolicy: z.looseObject({ status: z.string().nullish().catch(null) }).nullish().catch(null) }).nullish().catch(null),
});

/**
 * AML-SUP-003: a container registry a workspace uses lets anyone pull its images without signing
 * in (`anonymousPullEnabled`, default false), or lets its images be exported to other registries
 * (`policies.exportPolicy.status` enabled — judged only when the registry says so). Anonymous pull
 * is switched off (one-property PATCH); export is reported: disabling it requires Premium and a
 * closed public endpoint.
 */
export const amlSup003: Rule = {
  id: 'AML-SUP-003',
  title: "Workspace's container registry allows anonymous pull or image export",
  severity: 'high',
  rationale: 'Anonymous pull hands every image (model code, weights, baked-in data) to anyone; export lets images leave for registries outside your control.',
  benchmark: 'DS-2',
  defaultMode: 'enforce',
  remediation: 'PATCH the registry: anonymousPullEnabled = false; export policy: report',
  appliesTo: [ResourceTypes.containerRegistry],
  needs: ['linkingWorkspaces'],
  proposes: [{ kind: 'set-property', property: 'anonymousPullEnabled', on: [ResourceTypes.containerRegistry] }],
  evaluate({ subject, related }) {
    const workspaces = linkingWorkspaces(subject, related);
    if (workspaces.length === 0) return notApplicable;
    const p = props.safeParse(subject.properties ?? {}).data;
    const anonymousPull = p?.anonymousPullEnabled === true;
    const exportEnabled = p?.policies?.exportPolicy?.status?.toLowerCase() === 'enabled';
    if (!anonymousPull && !exportEnabled) return pass;
    const actions: RemediationAction[] = anonymousPull ? [{ kind: 'set-property', resourceId: subject.id, path: ['anonymousPullEnabled'], value: false }] : [];
    const lines = [anonymousPull ? 'set anonymousPullEnabled to false' : null, exportEnabled ? 'disable the export policy (Premium, public network access disabled) or file an exception' : null].filter((l) => l !== null);
    return fail({
      evidence: { anonymousPullEnabled: anonymousPull, exportPolicy: exportEnabled ? 'enabled' : (p?.policies?.exportPolicy?.status ?? null), linkedBy: workspaces.map((w) => w.id) },
      actions,
      remediation: lines.join('; '),
    });
  },
};
