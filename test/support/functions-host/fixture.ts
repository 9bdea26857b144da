/**
 * What a Function app worker finds around it, for one test file: the ARM sandbox (its CA in
 * NODE_EXTRA_CA_CERTS), a managed identity endpoint handing out sandbox tokens, the run's Azurite
 * (own tables), a token issuer for the HTTP API, and the app settings pointing at all of them.
 */
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { API_VERSIONS } from '../../../src/resources/api-versions';
import type { ArmResource } from '../../../src/model';
import { startSandbox, USER_PRINCIPAL, type EventGridEvent, type Sandbox } from '../../../src/sandbox';
import { openStore, type GuardStore } from '../../../src/store';
import { startTestIssuer, type TestIssuer } from '../../auth/test-issuer';
import { rgAndName } from '../harness';
import { testConnection, uniqueTablePrefix } from '../store';
import { startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from './managed-identity-endpoint';

export interface HostFixture {
  readonly sandbox: Sandbox;
  readonly identity: ManagedIdentityEndpoint;
  readonly issuer: TestIssuer;
  readonly store: GuardStore;
  readonly env: Record<string, string>;
  readonly queue: string;
  /** A sovereign audience: the endpoint is the sandbox, yet tokens must be asked for this cloud's ARM. */
  readonly audience: string;
  readonly clientId: string;
  /** A data scientist re-opens a workspace; returns the event ARM (the sandbox) emits. */
  userOpens(workspaceId: string): Promise<EventGridEvent>;
  close(): Promise<void>;
}

export async function startHostFixture(estate: readonly ArmResource[], settings: Record<string, string> = {}): Promise<HostFixture> {
  const sandbox = await startSandbox({ estate });
  const identity = await startManagedIdentityEndpoint(sandbox.credential());
  const issuer = await startTestIssuer();
  const tablePrefix = uniqueTablePrefix();
  const conn = testConnection();
  const store = await openStore(conn, { tablePrefix });
  const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'aml-guard-ca-')), 'sandbox-ca.pem');
  writeFileSync(caFile, sandbox.ca);
  const queue = `q${tablePrefix.toLowerCase()}`;
  const audience = 'https://management.usgovcloudapi.net';
  const clientId = '0b1c2d3e-0000-4000-8000-00000000c11d';
  const env: Record<string, string> = {
    ...identity.env,
    NODE_EXTRA_CA_CERTS: caFile,
    AZURE_CLIENT_ID: clientId,
    AMLGUARD_ARM_ENDPOINT: sandbox.endpoint,
    AMLGUARD_ARM_AUDIENCE: audience,
    AMLGUARD_STORAGE_CONNECTION_STRING: conn.kind === 'connection-string' ? conn.connectionString : '',
    AMLGUARD_TABLE_PREFIX: tablePrefix,
    AMLGUARD_EVENTS_QUEUE: queue,
    AMLGUARD_LRO_POLL_MS: '5',
    AMLGUARD_AUTH_ISSUER: issuer.config.issuer[0] ?? '',
    AMLGUARD_AUTH_AUDIENCE: issuer.config.audience[0] ?? '',
    AMLGUARD_AUTH_JWKS_URI: issuer.jwksUri,
    ...(process.env.AMLGUARD_SANDBOX_ENFORCE_ROLE ? { AMLGUARD_SANDBOX_ENFORCE_ROLE: process.env.AMLGUARD_SANDBOX_ENFORCE_ROLE } : {}),
    ...settings,
  };
  return {
    sandbox,
    identity,
    issuer,
    store,
    env,
    queue,
    audience,
    clientId,
    async userOpens(workspaceId) {
      const [rg, name] = rgAndName(workspaceId);
      const sub = workspaceId.split('/')[2] ?? '';
      const ml = new AzureMachineLearningWorkspaces(sandbox.credential(USER_PRINCIPAL), sub, { endpoint: sandbox.endpoint, apiVersion: API_VERSIONS.machineLearning, tlsOptions: { ca: sandbox.ca } });
      const before = sandbox.events.length;
      await ml.workspaces.beginUpdateAndWait(rg, name, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
      const event = sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
      if (!event) throw new Error(`no write event for ${workspaceId}`);
      return event;
    },
    async close() {
      await identity.close();
      await issuer.close();
      await sandbox.close();
    },
  };
}

/** The storage queue trigger's metadata as the Node worker passes it (camelCase). */
export const queueMetadata = (id: string, dequeueCount: number) => ({
  id,
  dequeueCount,
  popReceipt: 'AgAAAAMAAAAAAAAA',
  insertionTime: '2026-11-30T05:00:00.000Z',
  expirationTime: '2026-12-07T05:00:00.000Z',
  nextVisibleTime: '2026-11-30T05:00:30.000Z',
});

/** A Timer as the host passes it. */
export const timer = { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: '2026-11-30T04:00:00Z', next: '2026-11-30T06:00:00Z', lastUpdated: '2026-11-30T04:00:00Z' } };
