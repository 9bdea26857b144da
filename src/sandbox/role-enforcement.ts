import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { rolesGrant, type RoleDefinition } from './rbac';
import type { AuthorizeHook } from './types';

/**
 * Role enforcement: the sandbox answers 403 (AuthorizationFailed, or LinkedAuthorizationFailed
 * for a linked scope) when one principal asks for an action its roles do not grant. Every other
 * principal stays unrestricted (the simulated data scientist, test set-up).
 *
 * Off unless asked for: `SandboxOptions.enforceRole`, or by default the role file named by
 * AMLGUARD_SANDBOX_ENFORCE_ROLE. The test suite's global setup writes that file from the custom
 * roles of infra/main.json, so every sandbox of the run (in-process, CLI runs, child processes)
 * enforces AML Guard's deployed role. Production never sets it: it talks to real ARM.
 */
export const ENFORCE_ROLE_ENV = 'AMLGUARD_SANDBOX_ENFORCE_ROLE';

export interface RoleEnforcement {
  /** Object id of the principal the roles are assigned to. */
  readonly principalId: string;
  readonly roles: readonly RoleDefinition[];
  /**
   * A directory where each process appends the distinct decisions it made for that principal
   * (`<pid>.jsonl`, one `AuthorizationDecision` a line): what was exercised, what was refused.
   */
  readonly decisionLog?: string;
}

export interface AuthorizationDecision {
  readonly action: string;
  readonly allowed: boolean;
  /** The scope: for an allowed action, the first one it was allowed over (an example for messages). */
  readonly scope: string;
}

const permissionSchema = z.object({ actions: z.array(z.string().min(1)), notActions: z.array(z.string().min(1)).optional() });
const enforcementSchema = z.object({
  principalId: z.string().min(1),
  roles: z.array(z.object({ roleName: z.string(), permissions: z.array(permissionSchema) })).min(1),
  decisionLog: z.string().min(1).optional(),
});

/** Reads and validates a role file (the JSON form of RoleEnforcement). */
export function loadRoleEnforcement(file: string): RoleEnforcement {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${ENFORCE_ROLE_ENV}: cannot read role file ${file}: ${(error as Error).message}`);
  }
  const result = enforcementSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${ENFORCE_ROLE_ENV}: ${file} is not a role file: ${result.error.message}`);
  return result.data;
}

/** The enforcement the environment asks for, if any. */
export function roleEnforcementFromEnv(env: NodeJS.ProcessEnv = process.env): RoleEnforcement | undefined {
  const file = env[ENFORCE_ROLE_ENV];
  return file ? loadRoleEnforcement(file) : undefined;
}

/** Decisions already written by this process (per log directory), so each is written once. */
const written = new Map<string, Set<string>>();

function record(dir: string, decision: AuthorizationDecision): void {
  let seen = written.get(dir);
  if (!seen) {
    seen = new Set();
    written.set(dir, seen);
    mkdirSync(dir, { recursive: true });
  }
  // an allowed action once; a refusal once per scope (refusals are rare, and each may matter)
  const key = decision.allowed ? `+${decision.action.toLowerCase()}` : `-${decision.action.toLowerCase()} ${decision.scope.toLowerCase()}`;
  if (seen.has(key)) return;
  seen.add(key);
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(decision)}\n`);
}

/** An AuthorizeHook granting the principal exactly what its roles grant (and everyone else everything). */
export function roleAuthorizer(enforcement: RoleEnforcement): AuthorizeHook {
  const principal = enforcement.principalId.toLowerCase();
  return (oid, action, scope) => {
    if (oid.toLowerCase() !== principal) return true;
    const allowed = rolesGrant(enforcement.roles, action);
    if (enforcement.decisionLog) record(enforcement.decisionLog, { action, allowed, scope });
    return allowed;
  };
}

/** Every decision written under a log directory, by all processes (none when it does not exist). */
export function readDecisionLog(dir: string): AuthorizationDecision[] {
  if (!existsSync(dir)) return [];
  const out: AuthorizationDecision[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) if (line.trim() !== '') out.push(JSON.parse(line) as AuthorizationDecision);
  }
  return out;
}
