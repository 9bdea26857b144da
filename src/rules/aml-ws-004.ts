import { z } from 'zod';
import { fail, pass, ResourceTypes, type Rule } from '../model';

const workspaceProps = z.looseObject({
  managedNetwork: z.looseObject({ isolationMode: z.string().nullish().catch(null) }).nullish().catch(null),
});

/** Weakest to strictest; an unknown value ranks below all of them. */
const ORDER = ['disabled', 'allowinternetoutbound', 'allowonlyapprovedoutbound'];
const rank = (mode: string) => ORDER.indexOf(mode.toLowerCase());

/**
 * AML-WS-004: the workspace's managed network isolation is weaker than the configured target
 * (missing = Disabled). A workspace stricter than the target passes: the change is one-way, so
 * "≠ target" would ask to loosen it. Report only (enabling managed isolation cannot be undone).
 */
export const amlWs004: Rule = {
  id: 'AML-WS-004',
  title: 'Workspace managed network isolation is below the configured target',
  severity: 'medium',
  rationale: 'Without managed network isolation, workspace compute can send data anywhere on the internet.',
  benchmark: 'NS-1',
  defaultMode: 'audit',
  remediation: 'report (the change is one-way)',
  appliesTo: [ResourceTypes.workspace],
  needs: [],
  proposes: [],
  evaluate({ subject, config }) {
    const mode = workspaceProps.safeParse(subject.properties ?? {}).data?.managedNetwork?.isolationMode ?? null;
    const target = config.managedNetworkIsolationTarget;
    if (rank(mode ?? 'Disabled') >= rank(target)) return pass;
    return fail({
      evidence: { isolationMode: mode, target },
      actions: [],
      remediation: `report: set managedNetwork.isolationMode to ${target} (one-way: a managed network cannot be turned off again)`,
    });
  },
};
