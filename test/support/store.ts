import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { openStore, type GuardStore, type StorageConnection } from '../../src/store';

/** The test run's storage (the Azurite started by azurite-global-setup.ts). */
export function testConnection(): StorageConnection {
  const connectionString = inject('amlguardTestStorage') ?? process.env.AMLGUARD_TEST_STORAGE;
  if (!connectionString) throw new Error('no test storage: is test/support/azurite-global-setup.ts in vitest.config.ts globalSetup?');
  return { kind: 'connection-string', connectionString };
}

/** A unique table prefix, so test files running in parallel never share a table. */
export function uniqueTablePrefix(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A store with its own fresh tables. */
export function testStore(): Promise<GuardStore> {
  return openStore(testConnection(), { tablePrefix: uniqueTablePrefix() });
}
