import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameId } from '../../src/model';
import { RULE_IDS } from '../../src/rules/catalog';
import { parseEstate } from '../../src/sandbox/estate-validation';
import { exposedEstate, IDLE_NOW } from '../../scripts/exposed-estate';
import { runCli } from '../support/cli';

// The acceptance run: `scan --sandbox E --remediate --format json --sandbox-out F` on an
// estate with every exposure of the catalog (examples/exposed-estate.json, documented in
// scripts/exposed-estate.ts), beside look-alikes that must be left alone.

const ESTATE = path.resolve(__dirname, '../../examples/exposed-estate.json');
const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-exposures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;
interface Resource {
  id: string;
  name: string;
  properties?: Json;
  tags?: Record<string, string>;
}
interface Finding {
  ruleId: string;
  resourceId: string;
  severity: string;
  status: string;
  evidence: Json;
}
interface Action {
  ruleId: string;
  resourceId: string;
  action: string;
  outcome: string;
  before?: unknown;
  after?: unknown;
}
interface RunJson {
  findings: Finding[];
  actions: Action[];
}

const INPUT = JSON.parse(readFileSync(ESTATE, 'utf8')) as Resource[];
const readEstate = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Resource[];
const find = (estate: readonly Resource[], id: string) => estate.find((r) => sameId(r.id, id));

/** The id of the (top-level) resource named `name` in the estate file. */
function id(name: string): string {
  const found = INPUT.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`${found.length} resources named ${name}`);
  return found[0]!.id;
}
const VNET_RESEARCH = id('vnet-ml-research');
const SNET_TRAINING = `${VNET_RESEARCH}/subnets/snet-training`;
const computeOf = (ws: string, name: string) => `${id(ws)}/computes/${name}`;
const endpointOf = (ws: string, name: string) => `${id(ws)}/onlineEndpoints/${name}`;
const ALICE = computeOf('ws-research-public', 'ci-research-alice');
const CAROL = computeOf('ws-vision', 'ci-vision-carol');
const DAVE = computeOf('ws-vision', 'ci-vision-dave');
const GPU = computeOf('ws-vision', 'cc-vision-gpu');
const ERIN = computeOf('ws-fraud-private', 'ci-fraud-erin');
const SCORING = endpointOf('ws-vision', 'ep-vision-scoring');
const BLUE = `${SCORING}/deployments/blue`;
const FRAUD_SCORING = endpointOf('ws-fraud-private', 'ep-fraud-scoring');
const RESEARCH_SUB = id('ws-research-public').split('/resourceGroups/')[0]!;
const rgOf = (name: string) => id(name).split('/providers/')[0]!;
/** The GPU cluster's identity as Contributor of the research subscription. */
const GPU_CONTRIBUTOR = INPUT.find((r) => r.properties?.principalType === 'ServicePrincipal' && String(r.properties?.roleDefinitionId).endsWith('b24988ac-6180-42a0-ab88-20f7382dd24c'))!.id;

/** [rule, resource, status after `scan --remediate`, the action taken (action outcome), or none]. */
const EXPECTED: readonly (readonly [string, string, 'open' | 'resolved', string?])[] = [
  // enforce, fixed in place: resolved, with the write applied
  ['AML-WS-001', id('ws-research-public'), 'resolved', 'set-property applied'],
  ['AML-DEP-001', id('stresearch'), 'resolved', 'set-property applied'],
  ['AML-DEP-001', id('kv-research'), 'resolved', 'set-property applied'],
  ['AML-DEP-003', id('crmlplatform'), 'resolved', 'set-property applied'],
  ['AML-CMP-005', CAROL, 'resolved', 'set-idle-shutdown applied'],
  ['AML-NET-001', id('nsg-training'), 'resolved', 'delete-nsg-rule applied'],
  ['AML-NET-002', id('pip-jumpbox-vision'), 'resolved', 'detach-public-ip applied'],
  ['AML-END-001', SCORING, 'resolved', 'set-property applied'],
  ['AML-SUP-004', id('mlr-research'), 'resolved', 'set-property applied'],
  // enforce, one part fixed: anonymous pull off; the export policy is reported (Premium, registry closed first)
  ['AML-SUP-003', id('crmlplatform'), 'open', 'set-property applied'],
  // enforce, contain only: the instance is stopped, the finding stays open (recreate it)
  ['AML-CMP-001', ALICE, 'open', 'stop-compute applied'],
  ['AML-CMP-002', ALICE, 'open', 'stop-compute already-compliant'],
  // audit / report: open, nothing attempted
  ['AML-WS-002', id('ws-vision'), 'open'],
  ['AML-WS-003', id('ws-research-public'), 'open'],
  ['AML-WS-004', id('ws-research-public'), 'open'],
  ['AML-WS-004', id('ws-vision'), 'open'],
  ['AML-WS-005', id('ws-vision'), 'open'],
  ['AML-DEP-002', id('stresearch'), 'open'],
  ['AML-CMP-003', ALICE, 'open'],
  ['AML-CMP-004', GPU, 'open'],
  ['AML-CMP-006', DAVE, 'open'],
  ['AML-NET-003', SNET_TRAINING, 'open'],
  ['AML-IAM-001', GPU_CONTRIBUTOR, 'open'],
  ['AML-GOV-001', id('kv-vision'), 'open'],
  // issue 12, audit: reported; the opt-in containment and deletion are recorded, not performed
  ['AML-SUP-001', BLUE, 'open', 'zero-deployment-traffic skipped-audit'],
  ['AML-NET-004', id('ws-vision'), 'open', 'delete-outbound-rule skipped-audit'],
  ['AML-SUP-002', BLUE, 'open'],
  ['AML-SUP-002', DAVE, 'open'],
  ['AML-NET-005', id('nsg-training'), 'open'],
  ['AML-END-002', SCORING, 'open'],
  ['AML-END-003', BLUE, 'open'],
  ['AML-END-004', computeOf('ws-vision', 'aks-vision'), 'open'],
  ['AML-WS-006', id('ws-research-public'), 'open'],
  ['AML-WS-006', `${id('ws-vision')}/connections/github-pat`, 'open'],
  ['AML-WS-007', id('ws-research-public'), 'open'],
  ['AML-WS-007', id('ws-vision'), 'open'],
  ['AML-GOV-002', rgOf('ws-research-public'), 'open'],
  ['AML-GOV-003', RESEARCH_SUB, 'open'],
];

/** Resources built to look like exposures (or to sit next to them) on which no rule may fire. */
const COMPLIANT = [
  id('ws-fraud-private'), // private, approved endpoint with a DNS zone group, managed network
  id('stfraud'),
  id('kv-fraud'),
  id('crfraud'),
  id('pe-ws-fraud'),
  ERIN,
  endpointOf('ws-fraud-private', 'ep-fraud-scoring'),
  endpointOf('ws-vision', 'ep-vision-batch'),
  id('stvision'),
  id('nsg-pe'), // VirtualNetwork source only
  id('nsg-fraud-pe'), // AzureMachineLearning / VirtualNetwork sources only
  id('starchive'), // public, shared keys, no owner tag: but no workspace links it
  id('pip-vm-web'), // a public IP on an unrelated VM's NIC
  id('nic-vm-web'),
  id('nsg-web'), // SSH from the internet, on a subnet that is nothing of Azure ML's
  `${VNET_RESEARCH}/subnets/snet-pe`,
  // issue 12's look-alikes
  `${FRAUD_SCORING}/deployments/blue`, // azureml registry model, digest-pinned MCR image, egress Disabled, a Key Vault reference
  `${id('ws-fraud-private')}/environments/sklearn-serving/versions/1`,
  `${id('ws-fraud-private')}/connections/blob-features`, // ManagedIdentity
  computeOf('ws-fraud-private', 'aks-fraud'), // private cluster, internal load balancer
  id('aks-fraud-inference'),
  id('mlr-fraud'), // private, approved private endpoint
  rgOf('ws-vision'), // its own budget
  rgOf('ws-fraud-private'), // the subscription's budget
  id('ws-fraud-private').split('/resourceGroups/')[0]!, // the built-in policy assigned
  `${id('ws-vision')}/environments/tf-serving/versions/3`, // judged through the deployment that runs it
  ...INPUT.filter((r) => r.properties?.principalType === 'User').map((r) => r.id), // a user's Owner at subscription scope
  ...INPUT.filter((r) => String(r.properties?.roleDefinitionId).endsWith('acdd72a7-3385-48ef-bd42-f606fba81ae7')).map((r) => r.id), // ws-vision as Reader
];

/** What `scan --remediate` changes, and how, in the estate it writes out. */
const FIXED = [id('ws-research-public'), id('stresearch'), id('kv-research'), id('crmlplatform'), ALICE, CAROL, SCORING, id('nsg-training'), id('nic-jumpbox-vision'), id('pip-jumpbox-vision'), id('mlr-research')];

const triple = (f: { ruleId: string; resourceId: string }, extra: string) => `${f.ruleId} | ${f.resourceId.toLowerCase()} | ${extra}`;
const withProps = (r: Resource, over: Json): Resource => ({ ...r, properties: { ...r.properties, ...over } });
const inner = (r: Resource | undefined) => (r?.properties?.properties ?? {}) as Json;

describe('examples/exposed-estate.json', () => {
  it('is a valid estate, and exactly what scripts/exposed-estate.ts generates', () => {
    expect(() => parseEstate(INPUT, ESTATE)).not.toThrow();
    expect(INPUT).toEqual(exposedEstate());
  });
});

describe('aml-guard scan --sandbox examples/exposed-estate.json --remediate --format json --sandbox-out F', () => {
  const OUT = path.join(dir, 'fixed.json');
  let run: { code: number; stdout: string; stderr: string };
  let json: RunJson;
  let after: Resource[];
  beforeAll(async () => {
    run = await runCli(['scan', '--sandbox', ESTATE, '--remediate', '--format', 'json', '--sandbox-out', OUT]);
    json = JSON.parse(run.stdout) as RunJson;
    after = readEstate(OUT);
  }, 60_000);

  it('exits 0 (ran, no remediation failed), with no read errors', () => {
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.stderr).not.toMatch(/warning:/);
    expect(run.code).toBe(0);
  });

  it('reports every rule of the catalog (but AML-CMP-007, the nightly job’s) on exactly the intended resources, with the status of its design', () => {
    expect(json.findings.map((f) => triple(f, f.status)).sort()).toEqual(EXPECTED.map(([rule, resource, status]) => triple({ ruleId: rule, resourceId: resource }, status)).sort());
    // AML-CMP-007 is the nightly job's; AML-WS-008 is off unless an organisation turns it on
    expect(new Set(json.findings.map((f) => f.ruleId))).toEqual(new Set(RULE_IDS.filter((r) => r !== 'AML-CMP-007' && r !== 'AML-WS-008')));
    const severities = Object.fromEntries(json.findings.map((f) => [f.ruleId, f.severity]));
    expect(severities).toMatchObject({ 'AML-WS-001': 'high', 'AML-NET-003': 'low', 'AML-GOV-001': 'low', 'AML-CMP-006': 'medium', 'AML-IAM-001': 'high' });
  });

  it('acts on the enforce findings only: one write each (NET-002 on the NIC holding the public IP, SUP-001 on the deployment\'s endpoint), the audit ones untouched', () => {
    const nicOf: Record<string, string> = { [id('pip-jumpbox-vision').toLowerCase()]: id('nic-jumpbox-vision'), [BLUE.toLowerCase()]: SCORING };
    const expected = EXPECTED.filter(([, , , action]) => action !== undefined).map(([rule, resource, , action]) =>
      triple({ ruleId: rule, resourceId: nicOf[resource.toLowerCase()] ?? resource }, action!),
    );
    expect(json.actions.map((a) => triple(a, `${a.action} ${a.outcome}`)).sort()).toEqual(expected.sort());
    const action = (rule: string, resource: string) => json.actions.find((a) => a.ruleId === rule && sameId(a.resourceId, resource));
    expect(action('AML-WS-001', id('ws-research-public'))).toMatchObject({ before: 'Enabled', after: 'Disabled' });
    expect(action('AML-DEP-001', id('stresearch'))).toMatchObject({ before: null, after: 'Disabled' }); // not returned = Enabled
    expect(action('AML-DEP-003', id('crmlplatform'))).toMatchObject({ before: true, after: false });
    expect(action('AML-SUP-003', id('crmlplatform'))).toMatchObject({ before: true, after: false });
    expect(action('AML-SUP-004', id('mlr-research'))).toMatchObject({ before: 'Enabled', after: 'Disabled' });
    expect(action('AML-CMP-001', ALICE)).toMatchObject({ before: 'Running', after: 'Stopped' });
    expect(action('AML-CMP-005', CAROL)).toMatchObject({ before: null, after: 'PT4H' });
    expect(action('AML-NET-002', id('nic-jumpbox-vision'))).toMatchObject({ before: id('pip-jumpbox-vision'), after: null });
    expect(action('AML-NET-001', id('nsg-training'))?.before).toMatchObject({ name: 'AllowSshFromInternet', properties: { sourceAddressPrefix: 'Internet', destinationPortRange: '22' } });
  });

  it('no rule fires on the compliant look-alikes', () => {
    for (const resource of COMPLIANT) expect(json.findings.filter((f) => sameId(f.resourceId, resource)), resource).toEqual([]);
  });

  it('the evidence says why, per resource', () => {
    const evidence = (rule: string, resource: string) => json.findings.find((f) => f.ruleId === rule && sameId(f.resourceId, resource))?.evidence;
    expect(evidence('AML-NET-003', SNET_TRAINING)).toMatchObject({ usableAddresses: 11, usedAddresses: 1, freeAddresses: 10, neededAddresses: 18 });
    expect(evidence('AML-IAM-001', GPU_CONTRIBUTOR)).toMatchObject({ role: 'Contributor', scopeLevel: 'subscription', identityOf: [GPU] });
    expect(evidence('AML-WS-005', id('ws-vision'))).toEqual({ privateEndpoints: [{ privateEndpoint: id('pe-ws-vision'), connectionStatus: 'Approved', problem: 'no private DNS zone group' }] });
    expect(evidence('AML-GOV-001', id('kv-vision'))).toEqual({ missingTags: ['owner'] });
    expect(evidence('AML-DEP-002', id('stresearch'))).toMatchObject({ allowSharedKeyAccess: true, linkedBy: [id('ws-research-public')] });
    expect(evidence('AML-DEP-003', id('crmlplatform'))).toMatchObject({ linkedBy: expect.arrayContaining([id('ws-research-public'), id('ws-vision')]) });
    expect(evidence('AML-CMP-001', ALICE)).toMatchObject({ enableNodePublicIp: true, publicIpAddress: '20.61.14.83' });
    expect(evidence('AML-SUP-001', BLUE)).toMatchObject({ registry: 'huggingface', approvedRegistries: ['azureml'], trafficPercent: 100 });
    expect(evidence('AML-SUP-002', BLUE)).toMatchObject({ image: 'docker.io/tensorflow/serving:latest', problems: ['registry docker.io is not approved', 'not pinned by digest (tag latest)'] });
    expect(evidence('AML-NET-005', id('nsg-training'))).toEqual({ blocked: [{ flow: 'outbound TCP 443 to Storage', denyRule: 'DenyStorageOutbound', priority: 140 }], computesWithPublicIp: [] });
    expect(evidence('AML-NET-004', id('ws-vision'))).toMatchObject({ rules: [{ name: 'partner-datalake', problem: expect.stringMatching(/outside the subscriptions in scope/) }] });
    expect(evidence('AML-END-003', BLUE)).toMatchObject({ secretEnvironmentVariables: ['OPENAI_API_KEY'], openEgress: false });
    expect(JSON.stringify(json.findings)).not.toContain('sk-demo-0000-not-a-real-key');
    expect(evidence('AML-SUP-003', id('crmlplatform'))).toMatchObject({ anonymousPullEnabled: true, exportPolicy: 'enabled' });
  });

  it('F: the fixed state of every fixed resource', () => {
    const before = (rid: string) => find(INPUT, rid)!;
    const now = (rid: string) => find(after, rid);
    expect(after).toHaveLength(INPUT.length);
    // PATCHes: exactly one property changed
    expect(now(id('ws-research-public'))).toEqual(withProps(before(id('ws-research-public')), { publicNetworkAccess: 'Disabled' }));
    expect(now(id('stresearch'))).toEqual(withProps(before(id('stresearch')), { publicNetworkAccess: 'Disabled' })); // shared keys (DEP-002, audit) still allowed
    expect(now(id('stresearch'))?.properties?.allowSharedKeyAccess).toBe(true);
    expect(now(id('kv-research'))).toEqual(withProps(before(id('kv-research')), { publicNetworkAccess: 'Disabled' }));
    expect(now(id('crmlplatform'))).toEqual(withProps(before(id('crmlplatform')), { adminUserEnabled: false, anonymousPullEnabled: false }));
    // PUT of the ML registry as read (its PATCH takes only tags, sku and identity), one property changed
    expect(now(id('mlr-research'))).toEqual(withProps(before(id('mlr-research')), { publicNetworkAccess: 'Disabled' }));
    // POST updateIdleShutdownSetting
    expect(now(CAROL)).toEqual(withProps(before(CAROL), { properties: { ...inner(before(CAROL)), idleTimeBeforeShutdown: 'PT4H' } }));
    // POST stop: contained, still public (recreate it)
    expect(inner(now(ALICE))).toMatchObject({ state: 'Stopped', enableNodePublicIp: true, sshSettings: { sshPublicAccess: 'Enabled' }, lastOperation: { operationName: 'Stop' } });
    // DELETE of the one internet-open rule; the service-tag rules stay
    const rules = (r: Resource | undefined) => r?.properties?.securityRules as Resource[];
    expect(rules(now(id('nsg-training')))).toEqual(rules(before(id('nsg-training'))).filter((r) => r.name !== 'AllowSshFromInternet'));
    expect(now(id('nsg-training'))).toEqual(withProps(before(id('nsg-training')), { securityRules: rules(now(id('nsg-training'))) }));
    // PUT of the NIC without the public IP; the public IP resource is kept, unattached
    const config = (now(id('nic-jumpbox-vision'))?.properties?.ipConfigurations as Resource[])[0]!;
    expect(config.properties).not.toHaveProperty('publicIPAddress');
    expect(config.properties).toMatchObject({ subnet: { id: SNET_TRAINING }, privateIPAddress: '10.20.2.4' });
    const { ipConfiguration: _detached, ...pipProps } = before(id('pip-jumpbox-vision')).properties!;
    expect(now(id('pip-jumpbox-vision'))).toEqual({ ...before(id('pip-jumpbox-vision')), properties: pipProps });
    // PUT of the endpoint as read, one property changed
    expect(now(SCORING)).toMatchObject({ kind: 'Managed', tags: { owner: 'carol@contoso.com' }, properties: { publicNetworkAccess: 'Disabled', authMode: 'Key', traffic: { blue: 100 } } });
  });

  it('F: every other resource, the audit findings’ included, is exactly as it was', () => {
    const untouched = INPUT.filter((r) => !FIXED.some((f) => sameId(f, r.id)));
    expect(untouched.length).toBe(INPUT.length - FIXED.length);
    for (const r of untouched) expect(find(after, r.id), r.id).toEqual(r);
  });
});

describe('the same estate, read-only and through the other commands', () => {
  it('scan without --remediate: the same findings, all open, every fix planned with its change, and F equals the input', async () => {
    const out = path.join(dir, 'read-only.json');
    const run = await runCli(['scan', '--sandbox', ESTATE, '--format', 'json', '--sandbox-out', out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as RunJson;
    expect(json.findings.map((f) => triple(f, f.status)).sort()).toEqual(EXPECTED.map(([rule, resource]) => triple({ ruleId: rule, resourceId: resource }, 'open')).sort());
    // the 12 enforce writes are planned; the two opt-in (audit) ones are recorded as skipped
    expect(json.actions.filter((a) => a.outcome === 'planned')).toHaveLength(12);
    expect(json.actions.filter((a) => a.outcome !== 'planned').map((a) => `${a.ruleId} ${a.outcome}`).sort()).toEqual(['AML-NET-004 skipped-audit', 'AML-SUP-001 skipped-audit']);
    // each planned write says exactly what the --remediate run changes
    const planned = (rule: string, resource: string) => json.actions.find((a) => a.ruleId === rule && sameId(a.resourceId, resource));
    expect(planned('AML-WS-001', id('ws-research-public'))).toMatchObject({ action: 'set-property', before: 'Enabled', after: 'Disabled' });
    expect(planned('AML-DEP-001', id('stresearch'))).toMatchObject({ before: null, after: 'Disabled' });
    expect(planned('AML-CMP-001', ALICE)).toMatchObject({ action: 'stop-compute', before: 'Running', after: 'Stopped' });
    expect(planned('AML-CMP-005', CAROL)).toMatchObject({ before: null, after: 'PT4H' });
    expect(planned('AML-NET-002', id('nic-jumpbox-vision'))).toMatchObject({ before: id('pip-jumpbox-vision'), after: null });
    expect(readEstate(out)).toEqual(INPUT);
  }, 60_000);

  it(`idle-shutdown --now ${IDLE_NOW}: stops exactly ci-vision-carol (running 10.5 h without an operation); the others are busy, recent or stopped`, async () => {
    const out = path.join(dir, 'idle.json');
    const run = await runCli(['idle-shutdown', '--remediate', '--sandbox', ESTATE, '--now', IDLE_NOW, '--format', 'json', '--sandbox-out', out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as RunJson;
    expect(json.actions.map((a) => [a.ruleId, a.resourceId, a.action, a.outcome, a.before, a.after])).toEqual([['AML-CMP-007', CAROL, 'stop-compute', 'applied', 'Running', 'Stopped']]);
    expect(json.findings.map((f) => [f.ruleId, f.resourceId, f.status])).toEqual([['AML-CMP-007', CAROL, 'resolved']]);
    expect(json.findings[0]?.evidence).toMatchObject({ hoursSinceLastOperation: 10.5, idleWindowHours: 4 });
    const estate = readEstate(out);
    const state = (rid: string) => inner(find(estate, rid)).state;
    expect([ALICE, CAROL, DAVE, GPU, ERIN].map(state)).toEqual(['Running', 'Stopped', 'JobRunning', undefined, 'Stopped']);
    for (const r of INPUT.filter((x) => !sameId(x.id, CAROL))) expect(find(estate, r.id), r.id).toEqual(r);
  }, 60_000);

  it('report: the KPIs of the estate, counted by hand', async () => {
    const run = await runCli(['report', '--sandbox', ESTATE, '--format', 'json']);
    expect(run.code).toBe(0);
    const kpis = JSON.parse(run.stdout) as Json;
    expect(kpis).toMatchObject({
      workspacesTotal: 3, // ws-research-public, ws-vision, ws-fraud-private
      workspacesPublicAccessDisabledPct: 66.7, // 2 of 3: the report's sweep is read-only
      computeTotal: 7, // alice, carol, dave, gpu, erin, aks-vision, aks-fraud
      computeWithPublicIp: 1, // alice
      // high: WS-001, DEP-001 x2, DEP-003, CMP-001, CMP-002, NET-001, NET-002, END-001, IAM-001, SUP-001, SUP-003, SUP-004, NET-004, END-004
      // medium: WS-002, WS-003, WS-004 x2, WS-005, DEP-002, CMP-003, CMP-004, CMP-006, SUP-002 x2, NET-005, END-002, END-003, WS-006 x2, WS-007 x2, GOV-003
      // low: CMP-005, NET-003, GOV-001, GOV-002
      openFindingsBySeverity: { critical: 0, high: 15, medium: 19, low: 4 },
      mttrHours: null,
      // the report's sweep plans (outcome planned), and a plan is not a remediation
      remediationsByOutcome: {},
      activeExceptions: 0,
      exceptedFindings: 0,
      findingsResolvedInWindow: 0,
    });
    const twice = ['AML-DEP-001', 'AML-WS-004', 'AML-SUP-002', 'AML-WS-006', 'AML-WS-007'];
    const byRule = Object.fromEntries(RULE_IDS.filter((r) => r !== 'AML-CMP-007' && r !== 'AML-WS-008').map((r) => [r, twice.includes(r) ? 2 : 1]));
    expect(kpis.openFindingsByRule).toEqual(byRule);
  }, 60_000);
});
