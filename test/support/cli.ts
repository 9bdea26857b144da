import { main } from '../../src/cli/main';
import { RULE_IDS } from '../../src/rules/catalog';
import { testConnection, uniqueTablePrefix } from './store';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aml-guard` in-process against the test run's Azurite (fresh tables per call); `tty`: as if stdout and stderr were a terminal. */
export async function runCli(argv: readonly string[], env: Record<string, string> = {}, options: { readonly tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const conn = testConnection();
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {
      AMLGUARD_STORAGE_CONNECTION_STRING: conn.kind === 'connection-string' ? conn.connectionString : '',
      AMLGUARD_TABLE_PREFIX: uniqueTablePrefix(),
      AMLGUARD_LRO_POLL_MS: '5',
      ...env,
    },
    ...(options.tty ? { stdoutIsTty: true, stderrIsTty: true, columns: 100 } : {}),
  });
  return { code, stdout, stderr };
}

/** AMLGUARD_RULE_MODES turning every rule off but `ids` (tests of the CLI's mechanics on one rule). */
export function onlyRules(...ids: string[]): Record<string, string> {
  return { AMLGUARD_RULE_MODES: RULE_IDS.filter((id) => !ids.includes(id)).map((id) => `${id}=off`).join(',') };
}
