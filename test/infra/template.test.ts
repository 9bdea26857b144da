import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResourceTypes } from '../../src/model';
import { RELAY_TYPES } from '../../src/engine/relays';
import { RESOURCE_DESCRIPTORS } from '../../src/resources';
import { eventOperationPrefixes } from '../../src/resources/event-prefixes';
import { roleGrants } from '../../src/resources/role-actions';
import { watchedTypes } from '../../src/rules/catalog';
import {
  allResources,
  allStrings,
  amlguardNamesInSource,
  at,
  expressionRefs,
  functionAppSettings,
  functionsCalled,
  isExpression,
  isObject,
  loadTemplate,
  MAIN_TEMPLATE,
  nestedTemplate,
  onlyResourceOfType,
  remediatorActions,
  removerActions,
  resourcesOfType,
  scanScopes,
  str,
  SUBSCRIPTION_TEMPLATE,
  type Json,
  type JsonObject,
} from './template';

const main = loadTemplate(MAIN_TEMPLATE);
const sub = loadTemplate(SUBSCRIPTION_TEMPLATE);
const TEMPLATES = [
  ['main.json', main],
  ['subscription.json', sub],
] as const;

/** What the templates must hold, derived from the resource descriptors (src/resources). */
const ROLE = roleGrants(RESOURCE_DESCRIPTORS);
const WATCHED_OPERATION_PREFIXES = eventOperationPrefixes(RESOURCE_DESCRIPTORS);

/**
 * AMLGUARD_* names in src/ that are NOT production app settings: local runs, tests, the sandbox.
 * Everything else the code reads must be set on the function app.
 */
const LOCAL_ONLY_SETTINGS = new Set([
  'AMLGUARD_NOW', // pins the clock (tests, reproducible replays)
  'AMLGUARD_HOME', // CLI state directory (local Azurite persistence)
  'AMLGUARD_DEBUG', // CLI stack traces
  'AMLGUARD_STORAGE_CONNECTION_STRING', // Azurite only; production is identity-based
  'AMLGUARD_TABLE_PREFIX', // test isolation in a shared Azurite
  'AMLGUARD_LRO_POLL_MS', // sandbox / demo polling speed
  'AMLGUARD_API_URL', // CLI: where `aml-guard exceptions` finds the API
  'AMLGUARD_TOKEN', // CLI: a bearer token for local use
  'AMLGUARD_SANDBOX_ENFORCE_ROLE', // sandbox: restrict AML Guard's identity to a role file (the test suite)
  'AMLGUARD_SWEEP_CONCURRENCY', // in-process sweeps (CLI scan, serve); in Azure the queue host runs the work items in parallel
]);

const REQUIRED_EVENT_TYPES = [
  'Microsoft.Resources.ResourceWriteSuccess',
  'Microsoft.Resources.ResourceDeleteSuccess',
  'Microsoft.Resources.ResourceActionSuccess',
];

/** Resolves `[parameters('x')]` / `[variables('x')]` (a whole-value reference) to the literal it names. */
function resolveLiteral(template: JsonObject, value: Json | undefined): Json | undefined {
  if (typeof value !== 'string' || !isExpression(value)) return value;
  const m = /^\[(parameters|variables)\('([^']+)'\)\]$/.exec(value);
  if (!m) return undefined;
  if (m[1] === 'variables') return resolveLiteral(template, at(template, 'variables', m[2] as string));
  return at(template, 'parameters', m[2] as string, 'defaultValue');
}

/** The nested resource group deployment that holds the storage account and the function app. */
function coreTemplate(): JsonObject {
  const core = resourcesOfType(main, 'Microsoft.Resources/deployments').find((d) => {
    const t = nestedTemplate(d);
    return t !== undefined && resourcesOfType(t, 'Microsoft.Storage/storageAccounts').length === 1;
  });
  return nestedTemplate(core as JsonObject) as JsonObject;
}

/** The literal value passed (through variables / parameter defaults) to a nested deployment's parameter. */
function passedToNested(outer: JsonObject, deployment: JsonObject, param: string): Json | undefined {
  return resolveLiteral(outer, at(deployment, 'properties', 'parameters', param, 'value'));
}

function eventSubscriptions(template: JsonObject): { sub: JsonObject; resolve: (v: Json | undefined) => Json | undefined }[] {
  const out: { sub: JsonObject; resolve: (v: Json | undefined) => Json | undefined }[] = [];
  const visit = (t: JsonObject, resolve: (v: Json | undefined) => Json | undefined): void => {
    const resources = t['resources'];
    if (!Array.isArray(resources)) return;
    for (const r of resources) {
      if (!isObject(r)) continue;
      if (str(r['type'])?.toLowerCase() === 'microsoft.eventgrid/systemtopics/eventsubscriptions') out.push({ sub: r, resolve });
      const nested = nestedTemplate(r);
      if (nested) {
        visit(nested, (v) => {
          const m = typeof v === 'string' ? /^\[parameters\('([^']+)'\)\]$/.exec(v) : null;
          return m ? resolve(at(r, 'properties', 'parameters', m[1] as string, 'value')) : resolveLiteral(nested, v);
        });
      }
    }
  };
  visit(template, (v) => resolveLiteral(template, v));
  return out;
}

describe.each(TEMPLATES)('%s: well-formed subscription deployment template', (_name, template) => {
  it('has the subscription deployment $schema and a contentVersion', () => {
    expect(template.$schema).toBe('https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#');
    expect(template.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('every expression parses, and every parameters()/variables() reference resolves in its scope', () => {
    const scopes = scanScopes(template);
    expect(scopes.length).toBeGreaterThan(1); // the nested resource group deployments are scanned too
    for (const s of scopes) {
      const missing = s.refs.filter((r) => !(r.kind === 'parameters' ? s.declaredParameters : s.declaredVariables).has(r.name));
      expect(missing.map((r) => `${s.scope}: ${r.kind}('${r.name}') at ${r.where}`)).toEqual([]);
    }
  });

  it('declares no parameter or variable it never uses', () => {
    for (const s of scanScopes(template)) {
      const usedParams = new Set(s.refs.filter((r) => r.kind === 'parameters').map((r) => r.name));
      const usedVars = new Set(s.refs.filter((r) => r.kind === 'variables').map((r) => r.name));
      expect([...s.declaredParameters].filter((p) => !usedParams.has(p)).map((p) => `${s.scope}: parameter ${p}`)).toEqual([]);
      expect([...s.declaredVariables].filter((v) => !usedVars.has(v)).map((v) => `${s.scope}: variable ${v}`)).toEqual([]);
    }
  });

  it('nested deployments evaluate in inner scope and pass exactly the parameters their template declares', () => {
    const deployments = allResources(template).filter((r) => r.type === 'Microsoft.Resources/deployments');
    expect(deployments.length).toBeGreaterThan(0);
    for (const { resource } of deployments) {
      expect(at(resource, 'properties', 'expressionEvaluationOptions', 'scope')).toBe('inner');
      expect(typeof resource['resourceGroup']).toBe('string');
      const inner = nestedTemplate(resource) as JsonObject;
      const declared = Object.keys((inner['parameters'] as JsonObject | undefined) ?? {});
      const passed = Object.keys((at(resource, 'properties', 'parameters') as JsonObject | undefined) ?? {});
      expect(passed.sort()).toEqual(declared.sort());
    }
  });

  it('uses no key-based access anywhere: no listKeys, listConnectionStrings, account keys or SAS keys', () => {
    const strings = allStrings(template);
    for (const s of strings) {
      expect(s).not.toMatch(/listKeys|listConnectionStrings|listAccountSas|listServiceSas|AccountKey=|SharedAccessKey/i);
      if (isExpression(s)) expect(functionsCalled(s).filter((f) => f.startsWith('list'))).toEqual([]);
    }
  });

  it('every resource has a literal apiVersion', () => {
    for (const { resource, type } of allResources(template)) {
      expect(str(resource['apiVersion']), type).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
  });
});

describe('expression scanner', () => {
  it('finds parameters() and variables() references and ignores escaped literals', () => {
    expect(expressionRefs("[format('{0}-{1}', parameters('a'), variables('b')[copyIndex()].id)]")).toEqual([
      { kind: 'parameters', name: 'a' },
      { kind: 'variables', name: 'b' },
    ]);
    expect(expressionRefs("[[parameters('effect')]")).toEqual([]);
    expect(expressionRefs("[reference(x).parameters]")).toEqual([]);
    expect(expressionRefs("[concat('it''s ', parameters('x'))]")).toEqual([{ kind: 'parameters', name: 'x' }]);
  });

  it('rejects non-literal names and malformed expressions', () => {
    expect(() => expressionRefs("[parameters(variables('n'))]")).toThrow(/string literal/);
    expect(() => expressionRefs("[format('{0}', parameters('a')]")).toThrow(/unbalanced/);
    expect(() => expressionRefs("[concat('open]")).toThrow(/unterminated/);
  });
});

describe('custom role "AML Guard Remediator"', () => {
  const actions = remediatorActions();
  const roleDefs = resourcesOfType(main, 'Microsoft.Authorization/roleDefinitions');
  const remediator = roleDefs.find((r) => at(r, 'properties', 'permissions', 0, 'actions') === "[variables('remediatorActions')]") as JsonObject;

  it('takes its actions from variables.remediatorActions, the only list', () => {
    expect(remediator).toBeDefined();
    expect(at(remediator, 'properties', 'roleName')).toBe("[variables('remediatorRoleName')]");
    expect(str(main.variables['remediatorRoleName'])).toContain('AML Guard Remediator');
    expect(at(remediator, 'properties', 'type')).toBe('customRole');
    expect(at(remediator, 'properties', 'permissions', 0, 'notActions')).toEqual([]);
    expect(at(remediator, 'properties', 'permissions', 0, 'dataActions')).toEqual([]);
  });

  it('grants exactly the reads and writes the code needs', () => {
    expect(new Set(actions).size).toBe(actions.length);
    // that these are exactly what the code does is proven by the whole suite: every sandbox enforces
    // these roles for AML Guard's identity and the run fails when a grant goes unused (test/support/role-global-setup.ts)
    expect(actions).toEqual(ROLE.remediator.map((g) => g.action));
    expect(removerActions()).toEqual(ROLE.remover.map((g) => g.action));
  });

  it('never lets the identity attach a public IP (no publicIPAddresses/join/action)', () => {
    expect(actions.map((a) => a.toLowerCase())).not.toContain('microsoft.network/publicipaddresses/join/action');
  });

  it('has no wildcard, no role assignment write or delete, no key listing', () => {
    for (const a of actions) {
      expect(a).not.toContain('*');
      expect(a).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z]+(\/[A-Za-z]+)*\/(read|write|delete|action)$/);
    }
    expect(actions).not.toContain('Microsoft.Authorization/roleAssignments/write');
    expect(actions).not.toContain('Microsoft.Authorization/roleAssignments/delete');
    expect(actions.filter((a) => /\/list[A-Za-z]*\/action$/i.test(a))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('Microsoft.Authorization/') && !a.endsWith('/read'))).toEqual([]);
  });

  it('is assignable at the deployment subscription (plus any additional watched subscription) and assigned there', () => {
    expect(at(remediator, 'properties', 'assignableScopes')).toBe("[variables('assignableScopes')]");
    const copy = (main.variables['copy'] as JsonObject[]).find((c) => c['name'] === 'assignableScopes');
    expect(str(copy?.['input'])).toContain("format('/subscriptions/{0}'");
    expect(main.variables['monitoredSubscriptionIds']).toBe("[union(createArray(subscription().subscriptionId), parameters('additionalSubscriptionIds'))]");
    const assignment = resourcesOfType(main, 'Microsoft.Authorization/roleAssignments').find((r) =>
      str(at(r, 'properties', 'roleDefinitionId'))?.includes("variables('remediatorRoleDefinitionGuid')"),
    ) as JsonObject;
    expect(assignment).toBeDefined();
    expect(assignment['scope']).toBeUndefined(); // a subscription-level resource: the subscription scope
    expect(assignment['condition']).toBeUndefined();
    expect(at(assignment, 'properties', 'principalType')).toBe('ServicePrincipal');
    expect(str(at(assignment, 'properties', 'principalId'))).toContain('outputs.identityPrincipalId.value');
  });
});

describe('role assignment deletion is opt-in', () => {
  const remover = resourcesOfType(main, 'Microsoft.Authorization/roleDefinitions').find(
    (r) => at(r, 'properties', 'permissions', 0, 'actions') === "[variables('removerActions')]",
  ) as JsonObject;

  it('lives in a separate role with only roleAssignments/delete', () => {
    expect(remover).toBeDefined();
    expect(main.variables['removerActions']).toEqual(['Microsoft.Authorization/roleAssignments/delete']);
    expect(at(remover, 'properties', 'roleName')).toBe("[variables('removerRoleName')]");
    expect(str(main.variables['removerRoleName'])).toContain('AML Guard Role Assignment Remover');
  });

  it('the role, its assignment and the app setting all follow allowRoleAssignmentDeletion (default false)', () => {
    expect(at(main.parameters, 'allowRoleAssignmentDeletion', 'type')).toBe('bool');
    expect(at(main.parameters, 'allowRoleAssignmentDeletion', 'defaultValue')).toBe(false);
    expect(remover['condition']).toBe("[parameters('allowRoleAssignmentDeletion')]");
    const assignment = resourcesOfType(main, 'Microsoft.Authorization/roleAssignments').find((r) =>
      str(at(r, 'properties', 'roleDefinitionId'))?.includes("variables('removerRoleDefinitionGuid')"),
    ) as JsonObject;
    expect(assignment['condition']).toBe("[parameters('allowRoleAssignmentDeletion')]");
    expect(functionAppSettings(main).get('AMLGUARD_ALLOW_ROLE_ASSIGNMENT_DELETION')).toBe("[toLower(string(parameters('allowRoleAssignmentDeletion')))]");
    const extra = resourcesOfType(sub, 'Microsoft.Authorization/roleAssignments').find((r) =>
      str(at(r, 'properties', 'roleDefinitionId'))?.includes("variables('removerRoleGuid')"),
    ) as JsonObject;
    expect(extra['condition']).toBe("[not(empty(parameters('removerRoleDefinitionId')))]");
    expect(at(sub.parameters, 'removerRoleDefinitionId', 'defaultValue')).toBe('');
  });

  it('no other role grants anything on Microsoft.Authorization beyond reads', () => {
    for (const t of [main, sub]) {
      for (const def of resourcesOfType(t, 'Microsoft.Authorization/roleDefinitions')) {
        if (def === remover) continue;
        const list = resolveLiteral(t, at(def, 'properties', 'permissions', 0, 'actions'));
        expect(Array.isArray(list)).toBe(true);
        for (const a of list as string[]) if (a.startsWith('Microsoft.Authorization/')) expect(a).toMatch(/\/read$/);
      }
    }
  });
});

describe('storage account', () => {
  const storage = onlyResourceOfType(main, 'Microsoft.Storage/storageAccounts');
  const props = storage['properties'] as JsonObject;

  it('is identity-only, TLS 1.2, HTTPS only, no anonymous blob access', () => {
    expect(props['allowSharedKeyAccess']).toBe(false);
    expect(props['defaultToOAuthAuthentication']).toBe(true);
    expect(props['minimumTlsVersion']).toBe('TLS1_2');
    expect(props['supportsHttpsTrafficOnly']).toBe(true);
    expect(props['allowBlobPublicAccess']).toBe(false);
    expect(props['allowCrossTenantReplication']).toBe(false);
  });

  it('when isolated, the public endpoint admits only trusted Azure services (Event Grid) and private endpoints cover blob, queue, table', () => {
    expect(at(props, 'networkAcls', 'defaultAction')).toBe("[if(parameters('isolated'), 'Deny', 'Allow')]");
    expect(at(props, 'networkAcls', 'bypass')).toBe('AzureServices');
    expect(at(props, 'networkAcls', 'ipRules')).toEqual([]);
    expect(at(props, 'networkAcls', 'virtualNetworkRules')).toEqual([]);
    expect(at(coreTemplate(), 'variables', 'storageGroups')).toEqual(['blob', 'queue', 'table']);
    for (const type of ['Microsoft.Network/privateEndpoints', 'Microsoft.Network/privateDnsZones', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', 'Microsoft.Network/virtualNetworks']) {
      const r = onlyResourceOfType(main, type);
      expect(r['condition'], type).toBe("[parameters('isolated')]");
    }
    const vnet = onlyResourceOfType(main, 'Microsoft.Network/virtualNetworks');
    expect(at(vnet, 'properties', 'subnets', 0, 'properties', 'delegations', 0, 'properties', 'serviceName')).toBe('Microsoft.App/environments');
  });

  it('holds the events queue, its poison queue (read by onPoisonMessage) and the dead-letter container', () => {
    expect(main.variables['queueName']).toBe('aml-guard-events');
    const queues = resourcesOfType(main, 'Microsoft.Storage/storageAccounts/queueServices/queues');
    expect(queues.map((q) => q['name'])).toEqual([
      "[format('{0}/default/{1}', parameters('storageAccountName'), parameters('queueName'))]",
      "[format('{0}/default/{1}-poison', parameters('storageAccountName'), parameters('queueName'))]",
    ]);
    const containers = resourcesOfType(main, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(containers.map((c) => str(c['name']))).toContain("[format('{0}/default/{1}', parameters('storageAccountName'), parameters('deadLetterContainerName'))]");
    for (const c of containers) expect(at(c, 'properties', 'publicAccess')).toBe('None');
  });

  it('grants the function identity Table Data Contributor, Queue Data Contributor and Blob Data Owner on the account', () => {
    const ids = (at(coreTemplate(), 'variables', 'identityStorageRoles') as JsonObject[]).map((r) => r['id']);
    // Storage Table Data Contributor, Storage Queue Data Contributor, Storage Blob Data Owner
    expect(ids.sort()).toEqual(['0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', '974c5e8b-45b9-4653-ba55-5f855dd0fb88', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'].sort());
    const loop = resourcesOfType(main, 'Microsoft.Authorization/roleAssignments').find((r) => at(r, 'copy', 'name') === 'identityStorageRoleAssignments') as JsonObject;
    expect(loop['scope']).toBe("[format('Microsoft.Storage/storageAccounts/{0}', parameters('storageAccountName'))]");
  });
});

describe('function app', () => {
  const site = onlyResourceOfType(main, 'Microsoft.Web/sites');
  const plan = onlyResourceOfType(main, 'Microsoft.Web/serverfarms');
  const settings = functionAppSettings(main);

  it('runs on Flex Consumption, Node 22, from a package in identity-authenticated deployment storage', () => {
    expect(plan['sku']).toEqual({ tier: 'FlexConsumption', name: 'FC1' });
    expect(site['kind']).toBe('functionapp,linux');
    expect(at(site, 'properties', 'functionAppConfig', 'runtime')).toEqual({ name: 'node', version: '22' });
    expect(at(site, 'properties', 'functionAppConfig', 'deployment', 'storage', 'type')).toBe('blobContainer');
    expect(at(site, 'properties', 'functionAppConfig', 'deployment', 'storage', 'authentication', 'type')).toBe('UserAssignedIdentity');
    expect(settings.has('WEBSITE_RUN_FROM_PACKAGE')).toBe(false); // Flex runs from its package; the setting is not supported
    expect(settings.has('FUNCTIONS_WORKER_RUNTIME')).toBe(false); // Flex: functionAppConfig.runtime instead
  });

  it('is HTTPS only, TLS 1.2, no FTP, no basic publishing credentials', () => {
    expect(at(site, 'properties', 'httpsOnly')).toBe(true);
    expect(at(site, 'properties', 'siteConfig', 'minTlsVersion')).toBe('1.2');
    expect(at(site, 'properties', 'siteConfig', 'ftpsState')).toBe('Disabled');
    const policies = resourcesOfType(main, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(policies.map((p) => str(p['name'])?.match(/\/(ftp|scm)'/)?.[1]).sort()).toEqual(['ftp', 'scm']);
    for (const p of policies) expect(at(p, 'properties', 'allow')).toBe(false);
  });

  it('runs as the user-assigned identity only', () => {
    expect(at(site, 'identity', 'type')).toBe('UserAssigned');
    const ids = Object.keys(at(site, 'identity', 'userAssignedIdentities') as JsonObject);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toContain('Microsoft.ManagedIdentity/userAssignedIdentities');
  });

  it('reaches its storage by identity: AzureWebJobsStorage__* and no AzureWebJobsStorage connection string', () => {
    // Service URIs from the cloud's storage suffix, not __accountName (which the host resolves to core.windows.net).
    for (const svc of ['blob', 'queue', 'table']) {
      expect(settings.get(`AzureWebJobsStorage__${svc}ServiceUri`)).toBe(`[format('https://{0}.${svc}.{1}', parameters('storageAccountName'), variables('storageSuffix'))]`);
    }
    expect(settings.has('AzureWebJobsStorage__accountName')).toBe(false);
    expect(settings.get('AzureWebJobsStorage__credential')).toBe('managedidentity');
    expect(str(settings.get('AzureWebJobsStorage__clientId'))).toContain('.clientId');
    expect(settings.has('AzureWebJobsStorage')).toBe(false);
    expect([...settings.keys()].filter((k) => /connection_?string/i.test(k) && k !== 'APPLICATIONINSIGHTS_CONNECTION_STRING')).toEqual([]);
    expect(str(settings.get('AZURE_CLIENT_ID'))).toContain('.clientId');
  });

  it("passes the cloud's endpoints (environment()): ARM endpoint and audience, Entra authority, storage endpoints", () => {
    expect(settings.get('AMLGUARD_ARM_ENDPOINT')).toBe('[environment().resourceManager]');
    expect(settings.get('AMLGUARD_ARM_AUDIENCE')).toBe('[environment().authentication.audiences[0]]');
    expect(settings.get('AZURE_AUTHORITY_HOST')).toBe('[environment().authentication.loginEndpoint]');
    expect(str(settings.get('AMLGUARD_STORAGE_TABLE_ENDPOINT'))).toContain("variables('storageSuffix')");
    expect(str(settings.get('AMLGUARD_STORAGE_QUEUE_ENDPOINT'))).toContain("variables('storageSuffix')");
    expect(at(coreTemplate(), 'variables', 'storageSuffix')).toBe('[environment().suffixes.storage]');
  });

  it('sends telemetry with Entra ID only (App Insights local auth off, Monitoring Metrics Publisher)', () => {
    const ai = onlyResourceOfType(main, 'Microsoft.Insights/components');
    expect(at(ai, 'properties', 'DisableLocalAuth')).toBe(true);
    expect(str(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING'))).toMatch(/^\[format\('ClientId=\{0\};Authorization=AAD'/);
    expect(str(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING'))).toContain('.ConnectionString');
    const publisher = resourcesOfType(main, 'Microsoft.Authorization/roleAssignments').filter((r) =>
      str(at(r, 'properties', 'roleDefinitionId'))?.includes('3913510d-42f4-4e42-8a64-420c390055eb'),
    );
    expect(publisher).toHaveLength(1);
  });

  it('sets every AMLGUARD_* value the code reads (local/test knobs excluded explicitly)', () => {
    const inSource = amlguardNamesInSource(path.resolve(__dirname, '../../src'));
    expect(inSource.size).toBeGreaterThan(5);
    const needed = [...inSource].filter((n) => !LOCAL_ONLY_SETTINGS.has(n)).sort();
    expect(needed.filter((n) => !settings.has(n))).toEqual([]);
    for (const n of LOCAL_ONLY_SETTINGS) expect(settings.has(n), `${n} is local-only and must not be set in Azure`).toBe(false);
  });

  it('sets the AMLGUARD_* values the issue lists, with safe defaults', () => {
    for (const n of [
      'AMLGUARD_MODE',
      'AMLGUARD_SUBSCRIPTIONS',
      'AMLGUARD_STORAGE_ACCOUNT',
      'AMLGUARD_EVENTS_QUEUE',
      'AMLGUARD_SWEEP_SCHEDULE',
      'AMLGUARD_IDLE_SCHEDULE',
      'AMLGUARD_EXPIRY_SCHEDULE',
      'AMLGUARD_MAX_WRITES_PER_RUN',
      'AMLGUARD_IDLE_HOURS',
      'AMLGUARD_IDLE_MAX_STOPS',
      'AMLGUARD_EXCEPTION_MAX_HOURS',
      'AMLGUARD_REQUIRED_TAGS',
      'AMLGUARD_AUTH_ISSUER',
      'AMLGUARD_AUTH_AUDIENCE',
      'AMLGUARD_AUTH_JWKS_URI',
    ]) {
      expect(settings.has(n), n).toBe(true);
    }
    expect(at(main.parameters, 'mode', 'defaultValue')).toBe('audit');
    expect(at(main.parameters, 'mode', 'allowedValues')).toEqual(['audit', 'enforce']);
    expect(at(main.parameters, 'sweepSchedule', 'defaultValue')).toBe('0 0 */6 * * *');
    expect(at(main.parameters, 'idleSchedule', 'defaultValue')).toBe('0 0 1 * * *');
    expect(at(main.parameters, 'expirySchedule', 'defaultValue')).toBe('0 */15 * * * *');
    expect(main.variables['queueName']).toBe('aml-guard-events');
  });
});

describe('event grid: ARM events to the storage queue', () => {
  const subscriptions = [...eventSubscriptions(main), ...eventSubscriptions(sub)];

  it('has a Microsoft.Resources.Subscriptions system topic with a system-assigned identity in each template', () => {
    for (const t of [main, sub]) {
      const topic = onlyResourceOfType(t, 'Microsoft.EventGrid/systemTopics');
      expect(topic['location']).toBe('global');
      expect(at(topic, 'identity', 'type')).toBe('SystemAssigned');
      expect(at(topic, 'properties', 'topicType')).toBe('Microsoft.Resources.Subscriptions');
      expect(at(topic, 'properties', 'source')).toBe('[subscription().id]');
    }
    expect(subscriptions).toHaveLength(2);
  });

  it.each([0, 1])('event subscription %i: the three success event types', (i) => {
    const { sub: es, resolve } = subscriptions[i] as (typeof subscriptions)[number];
    const types = resolve(at(es, 'properties', 'filter', 'includedEventTypes'));
    expect([...(types as string[])].sort()).toEqual([...REQUIRED_EVENT_TYPES].sort());
  });

  it.each([0, 1])('event subscription %i: delivered with the topic identity to the storage queue, no keys', (i) => {
    const { sub: es, resolve } = subscriptions[i] as (typeof subscriptions)[number];
    expect(at(es, 'properties', 'destination')).toBeUndefined();
    expect(at(es, 'properties', 'deliveryWithResourceIdentity', 'identity', 'type')).toBe('SystemAssigned');
    expect(at(es, 'properties', 'deliveryWithResourceIdentity', 'destination', 'endpointType')).toBe('StorageQueue');
    expect(resolve(at(es, 'properties', 'deliveryWithResourceIdentity', 'destination', 'properties', 'queueName'))).toBe('aml-guard-events');
  });

  it.each([0, 1])('event subscription %i: retry policy and identity dead-lettering to blob', (i) => {
    const { sub: es, resolve } = subscriptions[i] as (typeof subscriptions)[number];
    expect(at(es, 'properties', 'retryPolicy')).toEqual({ maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 });
    expect(at(es, 'properties', 'deadLetterDestination')).toBeUndefined();
    expect(at(es, 'properties', 'deadLetterWithResourceIdentity', 'identity', 'type')).toBe('SystemAssigned');
    expect(at(es, 'properties', 'deadLetterWithResourceIdentity', 'deadLetterDestination', 'endpointType')).toBe('StorageBlob');
    expect(resolve(at(es, 'properties', 'deadLetterWithResourceIdentity', 'deadLetterDestination', 'properties', 'blobContainerName'))).toBe('aml-guard-deadletter');
  });

  it.each([0, 1])('event subscription %i: data.operationName filter covers every watched provider, within Event Grid limits', (i) => {
    const { sub: es, resolve } = subscriptions[i] as (typeof subscriptions)[number];
    const filters = at(es, 'properties', 'filter', 'advancedFilters') as JsonObject[];
    expect(filters.length).toBeLessThanOrEqual(25);
    const values = filters.map((f) => resolve(f['values']) as string[]);
    // Event Grid: at most 25 filter values across all advanced filters, 512 characters per string value.
    expect(values.flat().length).toBeLessThanOrEqual(25);
    for (const v of values.flat()) expect(v.length).toBeLessThanOrEqual(512);
    const beginsWith = filters
      .map((f, j) => ({ f, v: values[j] as string[] }))
      .filter(({ f }) => f['operatorType'] === 'StringBeginsWith' && str(f['key'])?.toLowerCase() === 'data.operationname')
      .flatMap(({ v }) => v);
    expect([...beginsWith].sort()).toEqual([...WATCHED_OPERATION_PREFIXES].sort());
  });

  it.each([0, 1])('event subscription %i: the filter covers every type the router watches (rule types, relay types, tags, every known type) and holds no needless value', (i) => {
    const { sub: es, resolve } = subscriptions[i] as (typeof subscriptions)[number];
    const filters = at(es, 'properties', 'filter', 'advancedFilters') as JsonObject[];
    const prefixes = filters
      .filter((f) => f['operatorType'] === 'StringBeginsWith' && str(f['key'])?.toLowerCase() === 'data.operationname')
      .flatMap((f) => resolve(f['values']) as string[])
      .map((p) => p.toLowerCase());
    // data.operationName is `{type}/write|delete|{action}/action`: a prefix covers a type and its children
    const covers = (p: string, type: string): boolean => type === p || type.startsWith(`${p}/`);
    const routed = new Set([
      ...[...watchedTypes()].map((t) => t.toLowerCase()), // what the rules evaluate
      ...RELAY_TYPES, // what relays to them (NIC, private endpoint, VNet, subnet)
      'microsoft.resources/tags', // Tags API writes, routed to the tagged resource
      ...Object.values(ResourceTypes), // every type the code reads
    ]);
    // resource groups and subscriptions are judged (AML-GOV-002/003) on their budgets' and policy assignments' events, not on their own writes
    for (const scope of ['microsoft.resources/resourcegroups', 'microsoft.resources/subscriptions']) routed.delete(scope);
    expect([...routed].filter((t) => !prefixes.some((p) => covers(p, t)))).toEqual([]);
    expect(prefixes.filter((p) => ![...routed].some((t) => covers(p, t)))).toEqual([]);
  });

  it('the topic identity may send to the queue and write dead letters, and nothing broader', () => {
    for (const t of [main, sub]) {
      const assignments = resourcesOfType(t, 'Microsoft.Authorization/roleAssignments').filter((r) => {
        const role = str(at(r, 'properties', 'roleDefinitionId')) ?? '';
        return role.includes('c6a89b2d-59bc-44d0-9896-0f6e12d7b80a') || role.includes('ba92f5b4-2d11-453d-a403-e96b0029c9fe');
      });
      expect(assignments).toHaveLength(2);
      const sender = assignments.find((a) => str(at(a, 'properties', 'roleDefinitionId'))?.includes('c6a89b2d')) as JsonObject;
      const dead = assignments.find((a) => str(at(a, 'properties', 'roleDefinitionId'))?.includes('ba92f5b4')) as JsonObject;
      expect(str(sender['scope'])).toContain('/queueServices/default/queues/');
      expect(str(dead['scope'])).toContain('/blobServices/default/containers/');
    }
  });
});

describe('Azure Policy guardrails', () => {
  const definitions = resourcesOfType(main, 'Microsoft.Authorization/policyDefinitions');
  const assignments = resourcesOfType(main, 'Microsoft.Authorization/policyAssignments');

  it('are off by default and every policy resource is conditional on enablePolicyAssignments', () => {
    expect(at(main.parameters, 'enablePolicyAssignments', 'defaultValue')).toBe(false);
    expect(assignments).toHaveLength(2);
    for (const r of [...definitions, ...assignments]) expect(r['condition']).toBe("[parameters('enablePolicyAssignments')]");
  });

  it('assign the workspace public-network-access built-in and a compute public-IP definition, effect Audit unless told', () => {
    expect(at(main.parameters, 'workspacePublicNetworkAccessPolicyDefinitionId', 'defaultValue')).toBe('438c38d2-3772-465a-a9cc-7a6666a275ce');
    expect(at(main.parameters, 'policyEffect', 'defaultValue')).toBe('Audit');
    const ids = assignments.map((a) => str(at(a, 'properties', 'policyDefinitionId')));
    expect(ids).toContain("[tenantResourceId('Microsoft.Authorization/policyDefinitions', parameters('workspacePublicNetworkAccessPolicyDefinitionId'))]");
    expect(ids).toContain("[subscriptionResourceId('Microsoft.Authorization/policyDefinitions', variables('computePublicIpPolicyName'))]");
    for (const a of assignments) expect(at(a, 'properties', 'parameters', 'effect', 'value')).toBe("[parameters('policyEffect')]");
    const custom = definitions[0] as JsonObject;
    expect(JSON.stringify(at(custom, 'properties', 'policyRule'))).toContain('computes/enableNodePublicIP');
    expect(at(custom, 'properties', 'policyRule', 'then', 'effect')).toBe("[[parameters('effect')]"); // escaped: evaluated by Policy, not ARM
  });
});

describe('outputs', () => {
  it('name the function app, identity, storage, queue and system topic', () => {
    for (const o of ['functionAppName', 'identityPrincipalId', 'identityClientId', 'storageAccountName', 'queueName', 'systemTopicName', 'remediatorRoleDefinitionId', 'storageAccountId']) {
      expect(at(main.outputs, o, 'type'), o).toBe('string');
    }
  });

  it('feed infra/subscription.json, whose required parameters are main outputs', () => {
    const required = Object.entries(sub.parameters)
      .filter(([, p]) => isObject(p) && !('defaultValue' in p))
      .map(([k]) => k);
    for (const p of required) expect(Object.keys(main.outputs), p).toContain(p);
    const mainDefault = at(main.parameters, 'namePrefix', 'defaultValue');
    expect(at(sub.parameters, 'namePrefix', 'defaultValue')).toBe(mainDefault);
  });
});

describe('nested deployment parameter passing', () => {
  it('hands the outer values through (spot check)', () => {
    const core = resourcesOfType(main, 'Microsoft.Resources/deployments').find((d) => nestedTemplate(d) === coreTemplate()) as JsonObject;
    expect(passedToNested(main, core, 'queueName')).toBe('aml-guard-events');
    expect(passedToNested(main, core, 'mode')).toBe('audit');
  });
});

describe('notifications: the optional Event Grid custom topic', () => {
  const topic = onlyResourceOfType(main, 'Microsoft.EventGrid/topics');
  const settings = functionAppSettings(main);

  it('is off by default and, when on, takes CloudEvents 1.0 with Entra ID only (no access keys) over TLS 1.2', () => {
    expect(at(main.parameters, 'notificationTopic', 'defaultValue')).toBe(false);
    expect(topic['condition']).toBe("[parameters('notificationTopic')]");
    expect(at(topic, 'properties', 'inputSchema')).toBe('CloudEventSchemaV1_0');
    expect(at(topic, 'properties', 'disableLocalAuth')).toBe(true);
    expect(at(topic, 'properties', 'minimumTlsVersionAllowed')).toBe('1.2');
  });

  it('lets the function identity publish (EventGrid Data Sender on the topic only), and tells the app where', () => {
    const senders = resourcesOfType(main, 'Microsoft.Authorization/roleAssignments').filter((r) => String(at(r, 'properties', 'roleDefinitionId')).includes('d5a91429-5739-47e2-a06b-3470a27159e7'));
    expect(senders).toHaveLength(1);
    expect(senders[0]!['condition']).toBe("[parameters('notificationTopic')]");
    expect(String(senders[0]!['scope'])).toMatch(/^\[format\('Microsoft\.EventGrid\/topics\/\{0\}'/);
    expect(String(at(senders[0]!, 'properties', 'principalId'))).toContain('userAssignedIdentities');
    expect(String(settings.get('AMLGUARD_NOTIFY_TOPIC_ENDPOINT'))).toMatch(/^\[if\(parameters\('notificationTopic'\), reference\(resourceId\('Microsoft\.EventGrid\/topics'.*\.endpoint, ''\)\]$/);
  });

  it('passes the console sign-in settings (no secret: a public client id, an authority, a scope)', () => {
    for (const n of ['AMLGUARD_CONSOLE_CLIENT_ID', 'AMLGUARD_CONSOLE_AUTHORITY', 'AMLGUARD_CONSOLE_API_SCOPE']) expect(settings.has(n), n).toBe(true);
    expect(at(main.parameters, 'consoleClientId', 'defaultValue')).toBe('');
  });
});
