/**
 * vitest globalSetup: least privilege, proven by the whole test suite.
 *
 * Setup writes a role file holding AML Guard's custom roles exactly as infra/main.json defines
 * them ("AML Guard Remediator" = variables.remediatorActions, plus the opt-in "Role Assignment
 * Remover" = variables.removerActions, granted too because the tests of deletion run with
 * allowRoleAssignmentDeletion) and points AMLGUARD_SANDBOX_ENFORCE_ROLE at it. Every sandbox of
 * the run (workers inherit the variable; see src/sandbox/role-enforcement.ts) then answers
 * 403 AuthorizationFailed / LinkedAuthorizationFailed to GUARD_PRINCIPAL for anything those roles
 * do not grant, and logs each distinct decision it made for that principal.
 *
 * Teardown reads the decisions of all workers and fails the run when
 * - AML Guard's identity was refused an action (the code calls something the role lacks; the 403
 *   usually fails a test as well, but code that tolerates a 403 would hide it), or
 * - on a full run, the roles grant an action no test exercised (remove it, or add a test).
 * vitest only logs an error thrown by a global teardown ("error during close"), so the teardown
 * also sets process.exitCode.
 *
 * A sandbox opts out with `startSandbox({ enforceRole: false })` (tests of the sandbox itself).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { actionMatches, ENFORCE_ROLE_ENV, GUARD_PRINCIPAL, readDecisionLog, type RoleEnforcement } from '../../src/sandbox';
import { remediatorActions, removerActions } from '../infra/template';

/**
 * Granted actions no test can exercise in the sandbox (only real Azure needs them), each with
 * the reason. Keep it minimal: prefer removing the grant or adding a test.
 */
export const NOT_EXERCISABLE_IN_SANDBOX: Readonly<Record<string, string>> = {};

/**
 * Refusals a test provokes on purpose, each narrowed to its scope, with the reason. Any other
 * refusal of AML Guard's identity fails the run.
 */
export const EXPECTED_REFUSALS: ReadonlyArray<{ readonly action: string; readonly scope: RegExp; readonly why: string }> = [
  {
    action: 'Microsoft.Network/publicIPAddresses/join/action',
    scope: /\/publicIPAddresses\/kept-ip$/i,
    why: 'test/azure/public-ip-detach-writer.test.ts: the role deliberately cannot attach public IPs, so it cannot PUT a NIC that keeps one',
  },
  {
    action: 'Microsoft.MachineLearningServices/workspaces/computes/start/action',
    scope: /\/workspaces\/testworkspace\/computes\/compute123$/i,
    why: 'test/sandbox/role-enforcement.test.ts: proves that a sandbox started with no options enforces the role',
  },
];

export function enforcedRoles(): RoleEnforcement['roles'] {
  return [
    { roleName: 'AML Guard Remediator', permissions: [{ actions: remediatorActions(), notActions: [] }] },
    { roleName: 'AML Guard Role Assignment Remover', permissions: [{ actions: removerActions(), notActions: [] }] },
  ];
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'amlguard-role-'));
  const decisionLog = join(dir, 'decisions');
  const roles = enforcedRoles();
  const enforcement: RoleEnforcement = { principalId: GUARD_PRINCIPAL.oid, roles, decisionLog };
  const roleFile = join(dir, 'role.json');
  writeFileSync(roleFile, JSON.stringify(enforcement, null, 2));
  const previous = process.env[ENFORCE_ROLE_ENV];
  process.env[ENFORCE_ROLE_ENV] = roleFile;

  return async () => {
    if (previous === undefined) delete process.env[ENFORCE_ROLE_ENV];
    else process.env[ENFORCE_ROLE_ENV] = previous;
    try {
      const problems = await roleProblems(project, roles, decisionLog);
      if (problems.length > 0) {
        process.exitCode = 1;
        throw new Error(`Least privilege (infra/main.json custom roles vs. what the code did in the sandbox):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function roleProblems(project: TestProject, roles: RoleEnforcement['roles'], decisionLog: string): Promise<string[]> {
  const decisions = readDecisionLog(decisionLog);
  const problems: string[] = [];
  const refused = new Map<string, string>();
  for (const d of decisions) {
    if (d.allowed || refused.has(d.action.toLowerCase())) continue;
    if (EXPECTED_REFUSALS.some((e) => e.action.toLowerCase() === d.action.toLowerCase() && e.scope.test(d.scope))) continue;
    refused.set(d.action.toLowerCase(), `${d.action} (e.g. over ${d.scope})`);
  }
  for (const r of refused.values()) problems.push(`the code called ${r}, which the role does not grant: declare it in the rbac of its resource descriptor (src/resources) and run npm run generate, or stop calling it`);

  const fullRun = await isFullRun(project);
  if (!fullRun.ok) {
    project.vitest.logger.log(`role coverage: not checked (${fullRun.why}); AML Guard's identity was refused ${refused.size} action(s)`);
    return problems;
  }
  const exercised = [...new Set(decisions.filter((d) => d.allowed).map((d) => d.action))];
  const granted = roles.flatMap((r) => r.permissions.flatMap((p) => p.actions.map((a) => ({ role: r.roleName, action: a }))));
  let unused = 0;
  for (const { role, action } of granted) {
    if (action in NOT_EXERCISABLE_IN_SANDBOX) continue;
    if (exercised.some((e) => actionMatches(action, e))) continue;
    unused++;
    problems.push(`role "${role}" grants ${action} but no test exercised it: remove it or add a test`);
  }
  project.vitest.logger.log(
    `role coverage: ${granted.length - unused - Object.keys(NOT_EXERCISABLE_IN_SANDBOX).length} of ${granted.length} granted actions exercised by AML Guard's identity, ${unused} not; ${refused.size} unexpected refusal(s)`,
  );
  for (const action of Object.keys(NOT_EXERCISABLE_IN_SANDBOX)) {
    if (!granted.some((g) => g.action.toLowerCase() === action.toLowerCase())) problems.push(`NOT_EXERCISABLE_IN_SANDBOX lists ${action}, which no role grants: drop it from the list`);
  }
  return problems;
}

/** Whether every test file ran with no name filter or shard: only then must every grant be exercised. */
async function isFullRun(project: TestProject): Promise<{ ok: true } | { ok: false; why: string }> {
  const config = project.vitest.config;
  if (config.testNamePattern) return { ok: false, why: `test name filter ${String(config.testNamePattern)}` };
  if (config.shard) return { ok: false, why: 'sharded run' };
  const { testFiles } = await project.globTestFiles();
  const ran = new Set(project.vitest.state.getFiles().map((f) => resolve(f.filepath)));
  const missing = testFiles.filter((f) => !ran.has(resolve(f)));
  if (missing.length > 0) return { ok: false, why: `${missing.length} of ${testFiles.length} test files did not run, e.g. ${relative(process.cwd(), missing[0]!)}` };
  return { ok: true };
}
