import type { InvocationContext } from '@azure/functions';
import { contextFromSettings, type GuardContext, type Logger } from '../engine';
import { startupSettings } from './startup';

let shared: Promise<GuardContext> | undefined;

/** One engine context per worker process, built on first use; a failed build is retried next time. */
export function hostContext(invocation: InvocationContext): Promise<GuardContext> {
  const building = (shared ??= contextFromSettings(startupSettings(), invocationLogger(invocation)).catch((error: unknown) => {
    shared = undefined;
    throw error;
  }));
  return building.then((ctx) => ({ ...ctx, log: invocationLogger(invocation) }));
}

export function invocationLogger(invocation: InvocationContext): Logger {
  return {
    info: (m) => invocation.log(m),
    warn: (m) => invocation.warn(m),
    error: (m) => invocation.error(m),
  };
}
