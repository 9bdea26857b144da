import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings';
import { ConfigError, DEFAULT_GENERIC_DOMAINS } from '../../src/model';

const ids = ['AML-SUP-001'];

describe('issue 12 configuration knobs', () => {
  it('defaults: the azureml registry, MCR, workspace-local models allowed, the generic-domain list', () => {
    const c = readSettings({}, ids).config;
    expect(c).toMatchObject({ approvedRegistries: ['azureml'], requireRegistryModels: false, approvedImageRegistries: ['mcr.microsoft.com'] });
    expect(c.genericDomains).toEqual(DEFAULT_GENERIC_DOMAINS);
    expect(c.genericDomains).toEqual(expect.arrayContaining(['com', 'net', 'blob.core.windows.net']));
    expect(c.genericDomains).not.toContain('pythonhosted.org');
  });

  it('reads AMLGUARD_APPROVED_REGISTRIES, AMLGUARD_REQUIRE_REGISTRY_MODELS, AMLGUARD_APPROVED_IMAGE_REGISTRIES, AMLGUARD_GENERIC_DOMAINS (lower-cased, *. accepted)', () => {
    const c = readSettings(
      {
        AMLGUARD_APPROVED_REGISTRIES: 'azureml, Contoso-Models',
        AMLGUARD_REQUIRE_REGISTRY_MODELS: 'true',
        AMLGUARD_APPROVED_IMAGE_REGISTRIES: 'mcr.microsoft.com;Contoso.azurecr.io;registry.local:5000',
        AMLGUARD_GENERIC_DOMAINS: '*.com,net blob.core.windows.net',
      },
      ids,
    ).config;
    expect(c).toMatchObject({ approvedRegistries: ['azureml', 'contoso-models'], requireRegistryModels: true, approvedImageRegistries: ['mcr.microsoft.com', 'contoso.azurecr.io', 'registry.local:5000'], genericDomains: ['com', 'net', 'blob.core.windows.net'] });
  });

  it.each([
    [{ AMLGUARD_APPROVED_REGISTRIES: 'azureml,bad/name' }, /AMLGUARD_APPROVED_REGISTRIES/],
    [{ AMLGUARD_REQUIRE_REGISTRY_MODELS: 'sometimes' }, /AMLGUARD_REQUIRE_REGISTRY_MODELS/],
    [{ AMLGUARD_APPROVED_IMAGE_REGISTRIES: 'https://mcr.microsoft.com' }, /AMLGUARD_APPROVED_IMAGE_REGISTRIES/],
    [{ AMLGUARD_GENERIC_DOMAINS: 'com,*' }, /AMLGUARD_GENERIC_DOMAINS/],
  ])('%j is a start-up error that names the variable', (env, message) => {
    expect(() => readSettings(env, ids)).toThrow(ConfigError);
    expect(() => readSettings(env, ids)).toThrow(message);
  });
});
