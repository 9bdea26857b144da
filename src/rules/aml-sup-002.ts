import { z } from 'zod';
import { fail, notApplicable, parentResourceId, pass, ResourceTypes, resourceTypeOf, type ArmResource, type JsonValue, type RuleInput, type Rule, type RuleVerdict } from '../model';
import { COMPUTE_INSTANCE, computeView } from './compute/compute-view';
import { parseAssetReference } from './supply-chain/asset-reference';
import { approvedImageHosts, imageProblems, type ApprovedImageHosts } from './supply-chain/approved-images';

const text = z.string().nullish().catch(null);
const deploymentProps = z.looseObject({ environmentId: text });
const environmentProps = z.looseObject({ image: text, autoRebuild: text });
const customService = z.looseObject({
  name: text,
  docker: z.looseObject({ privileged: z.boolean().nullish().catch(null) }).nullish().catch(null),
  image: z.looseObject({ type: text, reference: text }).nullish().catch(null),
});
const instanceProps = z.looseObject({ properties: z.looseObject({ customServices: z.array(z.unknown()).nullish().catch(null) }).nullish().catch(null) });

/**
 * AML-SUP-002: the container images Azure ML runs come from an approved registry and are pinned.
 * For an online deployment: its environment (`properties.environmentId`) — from an ML registry
 * that is not approved, or a workspace environment version whose `image` is from an unapproved
 * registry (approved: `approvedImageRegistries` and the registries linked to workspaces in scope),
 * not pinned by `@sha256:` digest, or with `autoRebuild: OnBaseImageUpdate` (the image changes
 * under the deployment). For a compute instance: each custom service image, and
 * `docker.privileged: true`. An environment built from a Docker context has no image to judge.
 */
export const amlSup002: Rule = {
  id: 'AML-SUP-002',
  title: 'Container image from an unapproved registry, unpinned or privileged',
  severity: 'medium',
  rationale: 'Images are opaque: pulled by tag from an unvetted registry they can change under a running model, and a privileged container owns its host.',
  benchmark: 'DS-2',
  defaultMode: 'audit',
  remediation: 'report: pin the image by digest from an approved registry, set autoRebuild Disabled, drop docker.privileged',
  appliesTo: [ResourceTypes.onlineDeployment, ResourceTypes.compute],
  needs: ['parentWorkspace', 'deploymentEnvironment'],
  proposes: [],
  evaluate(input) {
    return resourceTypeOf(input.subject.id) === ResourceTypes.compute ? judgeInstance(input) : judgeDeployment(input);
  },
};

function judgeDeployment({ subject, related, config }: RuleInput): RuleVerdict {
  const environmentId = deploymentProps.safeParse(subject.properties ?? {}).data?.environmentId?.trim();
  if (!environmentId) return pass;
  const workspaceId = parentResourceId(parentResourceId(subject.id) ?? subject.id) ?? subject.id;
  const ref = parseAssetReference(environmentId, 'environments', workspaceId);
  if (ref.source === 'registry') {
    if (config.approvedRegistries.includes(ref.registry)) return pass;
    return fail({
      evidence: { environmentId, registry: ref.registry, problems: [`ML registry ${ref.registry} is not approved`] },
      actions: [],
      remediation: `use an environment from an approved registry (${config.approvedRegistries.join(', ')}) or the workspace`,
    });
  }
  if (ref.source !== 'workspace' || ref.armId === null) return pass;
  const environment = related.get(ref.armId);
  if (!environment) return pass;
  const problems = environmentProblems(environment, approvedImageHosts(config, related));
  if (problems.length === 0) return pass;
  return fail({
    evidence: { environmentId, environment: environment.id, image: imageOf(environment), problems },
    actions: [],
    remediation: `environment ${ref.name}:${ref.version ?? ''}: ${problems.join('; ')} — publish a new version pinned by digest from an approved registry, with autoRebuild Disabled`,
  });
}

function judgeInstance({ subject, related, config }: RuleInput): RuleVerdict {
  if (computeView(subject).computeType !== COMPUTE_INSTANCE) return notApplicable;
  const services = instanceProps.safeParse(subject.properties ?? {}).data?.properties?.customServices ?? [];
  const approved = approvedImageHosts(config, related);
  const findings: { service: string; image: string | null; problems: string[] }[] = [];
  services.forEach((raw, i) => {
    const s = customService.safeParse(raw).data;
    const problems: string[] = [];
    const reference = s?.image?.type?.toLowerCase() !== 'azureml' ? (s?.image?.reference?.trim() ?? null) : null;
    if (reference) problems.push(...imageProblems(reference, approved));
    if (s?.docker?.privileged === true) problems.push('runs privileged (docker.privileged: true)');
    if (problems.length) findings.push({ service: s?.name ?? `customServices[${i}]`, image: reference, problems });
  });
  if (findings.length === 0) return pass;
  return fail({
    evidence: { customServices: findings as JsonValue },
    actions: [],
    remediation: `custom service(s) ${findings.map((f) => `${f.service}: ${f.problems.join(', ')}`).join('; ')} — recreate the instance with pinned images from an approved registry, unprivileged`,
  });
}

function imageOf(environment: ArmResource): string | null {
  return environmentProps.safeParse(environment.properties ?? {}).data?.image ?? null;
}

function environmentProblems(environment: ArmResource, approved: ApprovedImageHosts): string[] {
  const p = environmentProps.safeParse(environment.properties ?? {}).data;
  const problems = p?.image ? imageProblems(p.image, approved) : [];
  if (p?.autoRebuild?.toLowerCase() === 'onbaseimageupdate') problems.push('autoRebuild OnBaseImageUpdate (the image changes under the deployment)');
  return problems;
}
