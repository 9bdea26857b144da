import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

describe('aml-guard demo', () => {
  it('says what really happens: self-approval refused for separation of duties, the audit count it shows, no intent counted as a remediation', async () => {
    const run = await runCli(['demo'], { COLUMNS: '100' });
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    const prose = out.replace(/\n {3,}/g, ' '); // prose wraps at the terminal's width
    expect(prose).toMatch(/dana \(Requester, Approver\) requests .* pending/);
    expect(prose).toMatch(/dana tries to approve her own request \(separation of duties\) -> HTTP 403 SeparationOfDuties: separation of duties/);
    expect(prose).toMatch(/sam \(Approver\) approves -> approved/);

    const audit = /4\. Audit trail: (\d+) entries(?:, the newest (\d+))? \(newest first\):\n((?:.*\n)*?)\n/.exec(out);
    expect(audit).not.toBeNull();
    const [, total, newest, block] = audit!;
    const rows = block!.split('\n').filter((l) => /^ {3}\d{4}-\d{2}-\d{2}T/.test(l));
    expect(rows).toHaveLength(Number(newest ?? total));
    expect(Number(total)).toBeGreaterThanOrEqual(rows.length);

    const remediations = /Remediations\s+(.*)/.exec(out)![1]!;
    expect(remediations).toMatch(/applied \d+/);
    expect(remediations).not.toMatch(/attempting|planned/);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  }, 60_000);
});
