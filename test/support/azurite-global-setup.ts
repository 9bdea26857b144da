/**
 * vitest globalSetup: ONE in-memory Azurite for the whole run. Tests get its connection string
 * through `inject('amlguardTestStorage')` (see ./store.ts), and through
 * process.env.AMLGUARD_TEST_STORAGE. Set AMLGUARD_TEST_STORAGE yourself to use a storage
 * emulator that is already running instead.
 */
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src/store/azurite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test run's storage (Azurite). */
    amlguardTestStorage: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.AMLGUARD_TEST_STORAGE;
  if (given) {
    project.provide('amlguardTestStorage', given);
    return async () => {};
  }
  const azurite = await startAzurite({ silent: true });
  process.env.AMLGUARD_TEST_STORAGE = azurite.connectionString;
  project.provide('amlguardTestStorage', azurite.connectionString);
  return async () => {
    delete process.env.AMLGUARD_TEST_STORAGE;
    await azurite.stop();
  };
}
