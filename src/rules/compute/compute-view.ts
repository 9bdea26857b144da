import { z } from 'zod';
import type { ArmResource } from '../../model';

/** A field that is absent, null or of the wrong type reads as null: one odd field never hides the others. */
const str = z.string().nullish().catch(null);
const bool = z.boolean().nullish().catch(null);
const obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape).nullish().catch(null);

const computeProps = z.looseObject({
  computeType: str,
  disableLocalAuth: bool,
  properties: obj({
    enableNodePublicIp: bool,
    subnet: obj({ id: str }),
    connectivityEndpoints: obj({ publicIpAddress: str }),
    sshSettings: obj({ sshPublicAccess: str }),
    remoteLoginPortPublicAccess: str,
    idleTimeBeforeShutdown: str,
    osImageMetadata: obj({ isLatestOsImageVersion: bool, currentImageVersion: str, latestImageVersion: str }),
    state: str,
  }),
});

export const COMPUTE_INSTANCE = 'ComputeInstance';
export const COMPUTE_CLUSTER = 'AmlCompute';

/** What the compute rules read of `Microsoft.MachineLearningServices/workspaces/computes` (wire shape). Missing = null. */
export interface ComputeView {
  /** `properties.computeType`: ComputeInstance, AmlCompute, AKS, Kubernetes, ... */
  readonly computeType: string | null;
  readonly disableLocalAuth: boolean | null;
  /** `properties.properties.enableNodePublicIp` (instance / cluster; the service default is true). */
  readonly enableNodePublicIp: boolean | null;
  /** `properties.properties.subnet.id` as given (may be a placeholder, not always a valid ARM id). */
  readonly subnetId: string | null;
  readonly publicIpAddress: string | null;
  readonly sshPublicAccess: string | null;
  readonly remoteLoginPortPublicAccess: string | null;
  readonly idleTimeBeforeShutdown: string | null;
  readonly isLatestOsImageVersion: boolean | null;
  readonly currentImageVersion: string | null;
  readonly latestImageVersion: string | null;
  readonly state: string | null;
}

export function computeView(compute: ArmResource): ComputeView {
  const parsed = computeProps.safeParse(compute.properties ?? {});
  const p = parsed.success ? parsed.data : undefined;
  const inner = p?.properties;
  const subnetId = inner?.subnet?.id?.trim();
  return {
    computeType: p?.computeType ?? null,
    disableLocalAuth: p?.disableLocalAuth ?? null,
    enableNodePublicIp: inner?.enableNodePublicIp ?? null,
    subnetId: subnetId ? subnetId : null,
    publicIpAddress: inner?.connectivityEndpoints?.publicIpAddress ?? null,
    sshPublicAccess: inner?.sshSettings?.sshPublicAccess ?? null,
    remoteLoginPortPublicAccess: inner?.remoteLoginPortPublicAccess ?? null,
    idleTimeBeforeShutdown: inner?.idleTimeBeforeShutdown ?? null,
    isLatestOsImageVersion: inner?.osImageMetadata?.isLatestOsImageVersion ?? null,
    currentImageVersion: inner?.osImageMetadata?.currentImageVersion ?? null,
    latestImageVersion: inner?.osImageMetadata?.latestImageVersion ?? null,
    state: inner?.state ?? null,
  };
}

/** Compute instances and clusters: the compute types whose nodes AML provisions (public IP, subnet, SSH settings). */
export function isInstanceOrCluster(view: ComputeView): boolean {
  return view.computeType === COMPUTE_INSTANCE || view.computeType === COMPUTE_CLUSTER;
}

/** A compute instance already stopped (or stopping): containment by stop is done, there is nothing to write. */
export function isStoppedInstance(view: ComputeView): boolean {
  return view.computeType === COMPUTE_INSTANCE && (sameWord(view.state, 'Stopped') || sameWord(view.state, 'Stopping'));
}

export function sameWord(value: string | null, word: string): boolean {
  return value !== null && value.toLowerCase() === word.toLowerCase();
}
