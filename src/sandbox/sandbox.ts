import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ArmResource } from '../model';
import { sandboxCertificate } from './certificate';
import { parseEstate } from './estate-validation';
import type { EventGridEvent, SandboxEventListener } from './events';
import { FaultInjector } from './faults';
import type { SandboxState } from './handlers/context';
import { locate } from './handlers/locate';
import { OperationRegistry } from './operations';
import { GUARD_PRINCIPAL, SANDBOX_TENANT_ID } from './principals';
import { TokenBucket } from './rate-limit';
import { requestHandler } from './request-pipeline';
import { parseRoute } from './route';
import { ResourceStore } from './store';
import { sandboxCredential } from './token';
import type { PublishedCloudEvent } from './topic';
import { roleAuthorizer, roleEnforcementFromEnv } from './role-enforcement';
import type { AuthorizeHook, RecordedRequest, Sandbox, SandboxOptions } from './types';

/** Starts a fake ARM on https://127.0.0.1:<port>, seeded with the estate. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const estate = parseEstate(options.estate, 'SandboxOptions.estate');
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be an integer >= 1');
  const tenantId = options.tenantId ?? SANDBOX_TENANT_ID;
  const certificate = await sandboxCertificate();

  const store = new ResourceStore(estate);
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const events: EventGridEvent[] = [];
  const published: PublishedCloudEvent[] = [];
  const listeners = new Set<SandboxEventListener>();
  let latency = 0;
  let endpoint = '';

  const state: SandboxState = {
    store,
    operations: new OperationRegistry(options.lroPolls ?? 1),
    faults,
    pageSize,
    resourceGraphPageSize: options.resourceGraphPageSize ?? 1000,
    tenantId,
    get endpoint() {
      return endpoint;
    },
    emit(event) {
      events.push(event);
      for (const listener of listeners) setImmediate(() => deliver(listener, event));
    },
  };

  const authorize = combineAuthorizers(roleHook(options.enforceRole), options.authorize);
  const server = createServer(
    { key: certificate.key, cert: certificate.cert },
    requestHandler({
      state,
      faults,
      buckets: {
        ...(options.rateLimit?.reads ? { reads: new TokenBucket(options.rateLimit.reads) } : {}),
        ...(options.rateLimit?.writes ? { writes: new TokenBucket(options.rateLimit.writes) } : {}),
      },
      ...(authorize ? { authorize } : {}),
      published,
      latency: () => latency,
      record: (r) => requests.push(r),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    ca: certificate.cert,
    credential: (principal = GUARD_PRINCIPAL) => sandboxCredential(principal, tenantId),
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    events,
    published,
    topicEndpoint: (name = 'aml-guard') => `${endpoint}/eventgrid/topics/${name}/api/events`,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    estate: () => store.snapshot(),
    getResource: (id) => lookup(store, id),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      if (!(ms >= 0)) throw new RangeError('latency must be >= 0');
      latency = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function roleHook(enforceRole: SandboxOptions['enforceRole']): AuthorizeHook | undefined {
  if (enforceRole === false) return undefined;
  const enforcement = enforceRole ?? roleEnforcementFromEnv();
  return enforcement ? roleAuthorizer(enforcement) : undefined;
}

/** Both hooks must allow; the role decides first, so its decision is recorded even when the other refuses. */
function combineAuthorizers(first: AuthorizeHook | undefined, second: AuthorizeHook | undefined): AuthorizeHook | undefined {
  if (!first || !second) return first ?? second;
  return (oid, action, scope) => {
    const allowed = first(oid, action, scope);
    return second(oid, action, scope) && allowed;
  };
}

function deliver(listener: SandboxEventListener, event: EventGridEvent): void {
  try {
    const result = listener(event);
    if (result instanceof Promise) result.catch((error: unknown) => process.emitWarning(`sandbox event listener failed: ${String(error)}`));
  } catch (error) {
    process.emitWarning(`sandbox event listener failed: ${String(error)}`);
  }
}

/** A stored resource, or an element embedded in its parent (given a `type` when it has none). */
function lookup(store: ResourceStore, id: string): ArmResource | undefined {
  const stored = store.get(id);
  if (stored) return structuredClone(stored);
  let route;
  try {
    route = parseRoute(id);
  } catch {
    return undefined;
  }
  if (route.kind !== 'resource') return undefined;
  const found = locate(store, route.target);
  if (found.kind !== 'embedded') return undefined;
  return { type: `${found.slot.parent.type}/${found.slot.property}`, ...structuredClone(found.element) } as ArmResource;
}
