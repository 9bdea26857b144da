import { readSettings, type Settings } from '../config/settings';
import { ConfigError } from '../model';
import { RULE_IDS } from '../rules/catalog';

/** The app settings as read once when the worker loads the app: usable, or the one problem to fix. */
export type Startup = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problem: string };

/** Reads and checks the app settings; the Function app has no Azurite to fall back on, so storage must be set. */
export function checkStartup(env: Readonly<Record<string, string | undefined>>): Startup {
  try {
    const settings = readSettings(env, RULE_IDS);
    if (!settings.storage.account && !settings.storage.connectionString) {
      return { ok: false, problem: 'invalid configuration: AMLGUARD_STORAGE_ACCOUNT: is not set (the storage account of the tables, reached by managed identity)' };
    }
    return { ok: true, settings };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problem: error.message };
    throw error;
  }
}

/** The queue the Functions host moves a message to after maxDequeueCount failed deliveries. */
export function poisonQueueOf(queue: string): string {
  return `${queue}-poison`;
}

let current: Startup | undefined;

/** This worker's startup, read on first call (the module that registers the functions calls it at load). */
export function startup(): Startup {
  current ??= checkStartup(process.env);
  return current;
}

/** The settings, or the start-up problem as an error (a handler invoked despite it). */
export function startupSettings(): Settings {
  const s = startup();
  if (!s.ok) throw new ConfigError(s.problem);
  return s.settings;
}
