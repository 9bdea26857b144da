import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { NetworkManagementClient } from '@azure/arm-network';
import type { ArmResource } from '../../src/model';
import type { Principal, Sandbox } from '../../src/sandbox';
import { FIXTURES as SHARED_FIXTURES } from '../support/fixtures';

export const FIXTURES = join(SHARED_FIXTURES, 'arm-examples');
export const SUB = '00000000-1111-2222-3333-444444444444';
export const RG = 'workspace-1234';
export const WS_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/testworkspace`;
export const CI_ID = `${WS_ID}/computes/compute123`;
export const NET_RG_ID = `/subscriptions/${SUB}/resourceGroups/rg1`;
export const NSG_ID = `${NET_RG_ID}/providers/Microsoft.Network/networkSecurityGroups/testnsg`;
export const VNET_ID = `${NET_RG_ID}/providers/Microsoft.Network/virtualNetworks/test-vnet`;
export const NIC_ID = `${NET_RG_ID}/providers/Microsoft.Network/networkInterfaces/test-nic`;

type Json = Record<string, unknown>;

/** The body of an official example's response, with the spec authors' ids moved into this estate's subscription / groups. */
export function example(relPath: string, status = '200', moves: Readonly<Record<string, string>> = {}): Json {
  const doc = JSON.parse(readFileSync(join(FIXTURES, relPath), 'utf8')) as { responses: Record<string, { body?: unknown }> };
  let text = JSON.stringify(doc.responses[status]?.body);
  for (const [from, to] of Object.entries({ '/subscriptions/subid/': `/subscriptions/${SUB}/`, ...moves })) text = text.split(from).join(to);
  return JSON.parse(text) as Json;
}

const ML = 'machinelearningservices/2025-12-01';
const NET = 'network/2026-01-01';
const FIXTURE_WS = '/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/testrg123/providers/Microsoft.MachineLearningServices/workspaces/workspaces123';

/** An estate built from the official examples: 3 workspaces (2 in workspace-1234), 2 computes (compute123 instance, cluster1 AmlCompute), NSG, VNet, NIC, public IP, a role assignment. */
export function exampleEstate(): ArmResource[] {
  const workspaces = new Map<string, Json>();
  for (const w of [
    example(`${ML}/Workspace/get.json`),
    ...(example(`${ML}/Workspace/listBySubscription.json`).value as Json[]),
    ...(example(`${ML}/Workspace/listByResourceGroup.json`).value as Json[]),
  ]) {
    if (!workspaces.has(String(w.id))) workspaces.set(String(w.id), w);
  }
  const ci = example(`${ML}/Compute/get/ComputeInstance.json`, '200', { [FIXTURE_WS]: WS_ID });
  const aml = example(`${ML}/Compute/get/AmlCompute.json`, '200', { [FIXTURE_WS]: WS_ID, compute123: 'cluster1' });
  const nic = { type: 'Microsoft.Network/networkInterfaces', ...example(`${NET}/NetworkInterfaceGet.json`) };
  const roleAssignments = example('authorization/2022-04-01/RoleAssignments_ListForScope.json', '200', { 'a925f2f7-5c63-4b7b-8799-25a5f97bc3b2': SUB }).value as Json[];
  return [
    ...workspaces.values(),
    ci,
    aml,
    example(`${NET}/NetworkSecurityGroupGet.json`),
    example(`${NET}/VirtualNetworkGet.json`),
    nic,
    example(`${NET}/PublicIpAddressGet.json`),
    ...roleAssignments,
  ] as ArmResource[];
}

export function mlClient(sandbox: Sandbox, principal?: Principal): AzureMachineLearningWorkspaces {
  return new AzureMachineLearningWorkspaces(sandbox.credential(principal), SUB, {
    endpoint: sandbox.endpoint,
    apiVersion: '2025-12-01',
    tlsOptions: { ca: sandbox.ca },
  });
}

export function networkClient(sandbox: Sandbox): NetworkManagementClient {
  return new NetworkManagementClient(sandbox.credential(), SUB, { endpoint: sandbox.endpoint, tlsOptions: { ca: sandbox.ca } });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

/**
 * A plain HTTPS request (for what the SDKs cannot send: no token, no api-version, unknown actions),
 * as `principal` (default AML Guard's identity: outside test/sandbox, set-up writes pass USER_PRINCIPAL,
 * since the suite restricts AML Guard's identity to its role).
 */
export async function raw(
  sandbox: Sandbox,
  method: string,
  path: string,
  opts: {
    readonly token?: string | false;
    readonly principal?: Principal;
    readonly body?: unknown;
    readonly text?: string;
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<RawResponse> {
  const token = opts.token === false ? undefined : (opts.token ?? (await sandbox.credential(opts.principal).getToken('https://management.azure.com/.default'))?.token);
  const payload = opts.text ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, sandbox.endpoint),
      {
        method,
        ca: sandbox.ca,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
