import { parseCommandArgs, single } from '../args';
import type { CliIo } from '../io';
import { DEFAULT_ISSUER_PORT } from '../local-issuer';
import { UsageError } from '../usage-error';

export const tokenUsage = 'aml-guard token --as NAME [--roles Requester,Approver,Reader] [--minutes N] [--issuer URL]   (local issuer of `aml-guard serve` only)';

/** Asks the local issuer started by `aml-guard serve` for a token and prints it (stdout), for AMLGUARD_TOKEN / --token. */
export async function tokenCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { as: { type: 'string' }, roles: { type: 'string' }, minutes: { type: 'string' }, issuer: { type: 'string' } }, tokenUsage);
  if (args.positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}\nusage: ${tokenUsage}`);
  const user = single(args, 'as');
  if (!user) throw new UsageError(`--as NAME is required\nusage: ${tokenUsage}`);
  const roles = (single(args, 'roles') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const minutesText = single(args, 'minutes');
  const minutes = minutesText === undefined ? undefined : Number(minutesText);
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes > 0)) throw new UsageError(`--minutes: ${JSON.stringify(minutesText)} is not a whole number of minutes`);
  const issuer = (single(args, 'issuer') ?? `http://127.0.0.1:${DEFAULT_ISSUER_PORT}`).replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, roles, ...(minutes !== undefined ? { lifetimeMinutes: minutes } : {}) }),
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
