import { z } from 'zod';
import { nameOf, ResourceTypes, type GuardConfig, type RelatedResources } from '../../model';
import { isPinned, parseImageReference } from './image-reference';

const workspaceProps = z.looseObject({ containerRegistry: z.string().nullish().catch(null) });
const registryProps = z.looseObject({ loginServer: z.string().nullish().catch(null) });

/**
 * Where images may come from: the configured hosts (default `mcr.microsoft.com`) and the container
 * registries linked to workspaces in scope — every workspace and registry snapshot the gatherer
 * provided (an ACR name is globally unique, so `{name}.azurecr.{cloud suffix}` is that registry).
 */
export interface ApprovedImageHosts {
  readonly hosts: ReadonlySet<string>;
  readonly acrNames: ReadonlySet<string>;
}

export function approvedImageHosts(config: GuardConfig, related: RelatedResources): ApprovedImageHosts {
  const hosts = new Set(config.approvedImageRegistries.map((h) => h.toLowerCase()));
  const acrNames = new Set<string>();
  for (const ws of related.ofType(ResourceTypes.workspace)) {
    const acr = workspaceProps.safeParse(ws.properties ?? {}).data?.containerRegistry;
    if (acr) acrNames.add(nameOf(acr).toLowerCase());
  }
  for (const acr of related.ofType(ResourceTypes.containerRegistry)) {
    acrNames.add(acr.name.toLowerCase());
    const login = registryProps.safeParse(acr.properties ?? {}).data?.loginServer;
    if (login) hosts.add(login.toLowerCase());
  }
  return { hosts, acrNames };
}

function isApproved(host: string, approved: ApprovedImageHosts): boolean {
  if (approved.hosts.has(host)) return true;
  const acr = /^([a-z0-9]+)\.azurecr\.[a-z.]+$/.exec(host);
  return acr !== null && approved.acrNames.has(acr[1]!);
}

/** Why an image reference is a supply-chain risk: one short sentence per reason; empty = fine. */
export function imageProblems(reference: string, approved: ApprovedImageHosts): string[] {
  const image = parseImageReference(reference);
  if (!image) return ['unreadable image reference'];
  const problems: string[] = [];
  if (!isApproved(image.host, approved)) problems.push(`registry ${image.host} is not approved`);
  if (!isPinned(image)) problems.push(`not pinned by digest (${image.tag ? `tag ${image.tag}` : 'no tag: latest'})`);
  return problems;
}
