import { Option, type Command } from 'commander';
import type { CommandEnv } from '../io';
import { DEFAULT_ISSUER_PORT } from '../local-issuer';
import { wholeNumber } from '../options';

interface TokenOptions {
  readonly as: string;
  readonly roles?: string;
  readonly minutes?: number;
  readonly issuer: string;
}

export function registerToken(parent: Command, env: CommandEnv): void {
  parent
    .command('token')
    .summary('mint a token from the local issuer of `aml-guard serve` (local use only)')
    .description('Asks the local issuer started by `aml-guard serve` for a token and prints it on stdout (for AMLGUARD_TOKEN / --token).')
    .requiredOption('--as <name>', 'the user the token is for')
    .option('--roles <roles>', 'app roles, comma-separated: Requester, Approver, Reader')
    .addOption(new Option('--minutes <n>', 'lifetime in minutes').argParser(wholeNumber(1, 'minutes')))
    .option('--issuer <url>', 'the local issuer', `http://127.0.0.1:${DEFAULT_ISSUER_PORT}`)
    .action(async (options: TokenOptions) => env.exit(await mintToken(options, env)));
}

async function mintToken(options: TokenOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  const roles = (options.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const issuer = options.issuer.replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: options.as, roles, ...(options.minutes !== undefined ? { lifetimeMinutes: options.minutes } : {}) }),
    });
  } catch (error) {
    io.stderr(`aml-guard token: cannot reach the local issuer at ${issuer} (is \`aml-guard serve\` running?): ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}\n`);
    return 1;
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: { message?: string } };
  if (!res.ok || !body.access_token) {
    io.stderr(`aml-guard token: ${res.status} ${body.error?.message ?? 'the issuer refused'}\n`);
    return res.status >= 400 && res.status < 500 ? 2 : 1;
  }
  io.stdout(`${body.access_token}\n`);
  return 0;
}
