import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { WireCapture } from './wire-body';

/**
 * Wire capture for the new-style ("modular") SDKs such as @azure/arm-network v39. Their
 * operation options do take `onResponse`, but their paging helper requests every page after
 * the first WITHOUT the caller's options, so `onResponse` never sees page 2+. This policy sits in
 * the client's pipeline and records every GET response body into the capture of the async
 * scope that issued it (`captureWire`), whichever page or retry it belongs to.
 */
const scope = new AsyncLocalStorage<Recorder>();

interface Recorder {
  readonly capture: WireCapture;
  readonly transform: (bodyAsText: string) => string;
  /** 'reads': GET bodies. 'write': what ARM answers a write with — PUT / PATCH bodies and the GETs after them (a long-running operation's polls and final result). */
  readonly mode: 'reads' | 'write';
  written?: boolean;
}

export const wireCapturePolicy: PipelinePolicy = {
  name: 'amlGuardWireCapture',
  async sendRequest(request, next) {
    const response = await next(request);
    const recorder = scope.getStore();
    if (!recorder || response.status < 200 || response.status >= 300 || typeof response.bodyAsText !== 'string') return response;
    const resourceBody = request.method === 'PUT' || request.method === 'PATCH';
    if (resourceBody) recorder.written = true;
    if (recorder.mode === 'reads' ? request.method === 'GET' : resourceBody || (request.method === 'GET' && recorder.written)) {
      recorder.capture.record(recorder.transform(response.bodyAsText));
    }
    return response;
  },
};

/** Runs `read` so that the bodies of the GETs it makes land in `capture` (optionally rewritten by `transform`). */
export function captureWire<T>(capture: WireCapture, read: () => Promise<T>, transform: (bodyAsText: string) => string = (t) => t): Promise<T> {
  return scope.run({ capture, transform, mode: 'reads' }, read);
}

/**
 * Runs a write so that what ARM answers it with lands in `capture`: the PUT / PATCH response and
 * the GETs that follow it (an LRO's polls and final result), not the reads before it. A DELETE's
 * body (the deleted resource) and a POST action's are not the state after the write: not kept.
 */
export function captureWrite<T>(capture: WireCapture, write: () => Promise<T>): Promise<T> {
  return scope.run({ capture, transform: (t) => t, mode: 'write' }, write);
}
