import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULT_GENERIC_DOMAINS, parseConfig } from '../../src/model';

const ids = ['AML-SUP-001'];

describe('issue 12 configuration knobs', () => {
  it('defaults: the azureml registry, MCR, workspace-local models allowed, the generic-domain list', () => {
    const c = parseConfig({}, ids);
    expect(c).toMatchObject({ approvedRegistries: ['azureml'], requireRegistryModels: false, approvedImageRegistries: ['mcr.microsoft.com'] });
    expect(c.genericDomains).toEqual(DEFAULT_GENERIC_DOMAINS);
    expect(c.genericDomains).toEqual(expect.arrayContaining(['com', 'net', 'blob.core.windows.net']));
    expect(c.genericDomains).not.toContain('pythonhosted.org');
  });

  it('maps AMLGUARD_APPROVED_REGISTRIES, AMLGUARD_REQUIRE_REGISTRY_MODELS, AMLGUARD_APPROVED_IMAGE_REGISTRIES, AMLGUARD_GENERIC_DOMAINS (lower-cased, *. accepted)', () => {
    const c = parseConfig(
      configFromEnv({
        AMLGUARD_APPROVED_REGISTRIES: 'azureml, Contoso-Models',
        AMLGUARD_REQUIRE_REGISTRY_MODELS: 'yes',
        AMLGUARD_APPROVED_IMAGE_REGISTRIES: 'mcr.microsoft.com;Contoso.azurecr.io;registry.local:5000',
        AMLGUARD_GENERIC_DOMAINS: '*.com,net blob.core.windows.net',
      }),
      ids,
      'env',
    );
    expect(c).toMatchObject({ approvedRegistries: ['azureml', 'contoso-models'], requireRegistryModels: true, approvedImageRegistries: ['mcr.microsoft.com', 'contoso.azurecr.io', 'registry.local:5000'], genericDomains: ['com', 'net', 'blob.core.windows.net'] });
  });

  it.each([
    [{ AMLGUARD_APPROVED_REGISTRIES: 'azureml,bad/name' }, /approvedRegistries\.1/],
    [{ AMLGUARD_REQUIRE_REGISTRY_MODELS: 'sometimes' }, /requireRegistryModels/],
    [{ AMLGUARD_APPROVED_IMAGE_REGISTRIES: 'https://mcr.microsoft.com' }, /approvedImageRegistries\.0/],
    [{ AMLGUARD_GENERIC_DOMAINS: 'com,*' }, /genericDomains\.1/],
  ])('%j is a startup error that names the setting', (env, message) => {
    expect(() => parseConfig(configFromEnv(env), ids, 'env')).toThrow(ConfigError);
    expect(() => parseConfig(configFromEnv(env), ids, 'env')).toThrow(message);
  });
});
