import { z } from 'zod';
import { fail, parentResourceId, pass, ResourceTypes, type Rule } from '../model';
import { parseAssetReference } from './supply-chain/asset-reference';
import { deploymentTraffic } from './supply-chain/deployment-traffic';

const deploymentProps = z.looseObject({ model: z.string().nullish().catch(null) });

/**
 * AML-SUP-001: an online deployment serves a model from an Azure ML registry that is not approved
 * (`azureml://registries/{r}/models/...`), or — when `requireRegistryModels` is on — a model that
 * does not come from an approved registry at all (workspace-local). A deployment without a model
 * (a custom container) passes. Containment is opt-in: the deployment's traffic on its endpoint to 0.
 */
export const amlSup001: Rule = {
  id: 'AML-SUP-001',
  title: 'Online deployment serves a model from an unapproved source',
  severity: 'high',
  rationale: 'A model is an opaque binary pulled into production: one from an unvetted registry runs code and answers requests nobody approved.',
  benchmark: 'DS-2',
  defaultMode: 'audit',
  remediation: 'report; opt-in containment (mode enforce): set the deployment\'s traffic on its endpoint to 0',
  appliesTo: [ResourceTypes.onlineDeployment],
  needs: ['parentEndpoint'],
  proposes: [{ kind: 'zero-deployment-traffic', on: [ResourceTypes.onlineEndpoint] }],
  evaluate({ subject, related, config }) {
    const model = deploymentProps.safeParse(subject.properties ?? {}).data?.model?.trim();
    if (!model) return pass;
    const workspaceId = parentResourceId(parentResourceId(subject.id) ?? subject.id) ?? subject.id;
    const ref = parseAssetReference(model, 'models', workspaceId);
    if (ref.source === 'registry' && config.approvedRegistries.includes(ref.registry)) return pass;
    if (ref.source !== 'registry' && !config.requireRegistryModels) return pass;
    const why = ref.source === 'registry' ? `registry ${ref.registry} is not approved` : 'it does not come from an approved registry (requireRegistryModels)';
    const traffic = deploymentTraffic(subject, related);
    const contained = traffic.percent === 0;
    return fail({
      evidence: { model, registry: ref.source === 'registry' ? ref.registry : null, approvedRegistries: [...config.approvedRegistries], trafficPercent: traffic.percent },
      actions: contained ? [] : [{ kind: 'zero-deployment-traffic', resourceId: traffic.endpointId, deploymentName: subject.name }],
      remediation: contained
        ? `model ${model}: ${why}; the deployment already receives no traffic — redeploy from an approved registry or delete it`
        : `model ${model}: ${why}; redeploy from an approved registry (containment: set ${subject.name}'s traffic on its endpoint to 0)`,
    });
  },
};
