import { resourceEvent } from '../events';
import { operationUrls } from '../operations';
import type { Reply, RequestContext, SandboxState } from './context';
import type { PollingTypes } from './long-running';

/** A validated write, ready to apply now or when its long-running operation completes. */
export interface PlannedWrite {
  readonly kind: 'write' | 'delete' | 'action';
  /** The resource id as requested: the event's subject. */
  readonly subject: string;
  readonly subscriptionId: string;
  /** Makes the change (re-validating against the current state); throws ArmError. Returns the synchronous reply. */
  readonly apply: () => Reply;
  /** Set for a long-running write: the immediate answer (201 + body for PUT, 202 otherwise) and where the operation lives. */
  readonly longRunning?: { readonly initial: Reply; readonly namespace: string; readonly location: string; readonly polling: PollingTypes };
}

/**
 * Runs a planned write. Synchronous: apply, emit the event, answer. Long-running: start an
 * operation that applies and emits when polled to completion, and answer with ARM's
 * Azure-AsyncOperation / Location headers (an injected `failOperation` fault makes it end Failed).
 */
export function runWrite(state: SandboxState, ctx: RequestContext, plan: PlannedWrite): Reply {
  const emit = (): void => state.emit(resourceEvent(plan.kind, plan.subject, plan.subscriptionId, ctx.origin));
  const lro = plan.longRunning;
  if (!lro) {
    const reply = plan.apply();
    emit();
    return reply;
  }
  const fault = state.faults.take(ctx.method, ctx.url.pathname, 'operation');
  const op = state.operations.start({
    subscriptionId: plan.subscriptionId,
    namespace: lro.namespace,
    location: lro.location,
    polling: lro.polling,
    apiVersion: ctx.apiVersion,
    ...(fault ? { failWith: { status: fault.status, code: fault.code, message: fault.message } } : {}),
    complete: () => {
      const reply = plan.apply();
      emit();
      return ctx.method === 'PUT' || ctx.method === 'PATCH' ? reply.body : undefined;
    },
  });
  const urls = operationUrls(state.endpoint, op);
  return {
    ...lro.initial,
    headers: { ...lro.initial.headers, 'Azure-AsyncOperation': urls.asyncOperation, Location: urls.location },
  };
}

/** The region in an operation URL: `East US 2` -> `eastus2`; `eastus` when the resource has none. */
export function regionOf(location: unknown): string {
  return typeof location === 'string' && location.trim() !== '' ? location.replace(/\s+/g, '').toLowerCase() : 'eastus';
}
