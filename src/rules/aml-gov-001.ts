import { fail, notApplicable, pass, resourceGroupScope, resourceTypeOf, ResourceTypes, type RemediationAction, type Rule } from '../model';
import { linkingWorkspaces } from './dependencies/linking-workspaces';
import { findTag, uniqueTagNames } from './dependencies/tags';

/**
 * AML-GOV-001: a workspace, or a storage account / key vault / registry a workspace links, lacks
 * one of the configured ownership tags (`requiredTags`, default `owner`; names case-insensitive,
 * a blank value counts as missing). With `copyTagsFromResourceGroup` on and the resource group
 * carrying the tag, the fix merges that one tag from the group (set-tag); otherwise report. The
 * resource group snapshot is gathered only when copying is on.
 */
export const amlGov001: Rule = {
  id: 'AML-GOV-001',
  title: 'Workspace or linked resource is missing an ownership tag',
  severity: 'low',
  rationale: 'Without an owner on record nobody is accountable for an exposure AML Guard finds, and nobody can approve its exceptions.',
  benchmark: 'AM-1',
  defaultMode: 'audit',
  remediation: 'copy the tag from the resource group when enabled (merge one tag), else report',
  appliesTo: [ResourceTypes.workspace, ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry],
  needs: ['linkingWorkspaces', 'resourceGroup'],
  proposes: [{ kind: 'set-tag', on: [ResourceTypes.workspace, ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry] }],
  evaluate({ subject, related, config }) {
    if (resourceTypeOf(subject.id) !== ResourceTypes.workspace && linkingWorkspaces(subject, related).length === 0) return notApplicable;
    const missing = uniqueTagNames(config.requiredTags).filter((name) => findTag(subject, name) === undefined);
    if (missing.length === 0) return pass;
    const groupId = resourceGroupScope(subject.id);
    const group = config.copyTagsFromResourceGroup && groupId ? related.get(groupId) : undefined;
    const actions: RemediationAction[] = [];
    const fromGroup: Record<string, string | null> = {};
    const copied: string[] = [];
    const left: string[] = [];
    for (const tag of missing) {
      const value = group ? findTag(group, tag) : undefined;
      fromGroup[tag] = value ?? null;
      if (value === undefined) left.push(tag);
      else {
        copied.push(tag);
        actions.push({ kind: 'set-tag', resourceId: subject.id, tag, value });
      }
    }
    const parts = [
      ...(copied.length ? [`copy ${copied.join(', ')} from resource group ${group?.name ?? ''}`] : []),
      ...(left.length ? [`report: add ${left.join(', ')}${config.copyTagsFromResourceGroup ? ' (the resource group has no value to copy)' : ''}`] : []),
    ];
    return fail({
      evidence: { missingTags: missing, ...(config.copyTagsFromResourceGroup ? { resourceGroupValues: fromGroup } : {}) },
      actions,
      remediation: parts.join('; '),
    });
  },
};
