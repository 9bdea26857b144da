/** No Azure sign-in could be found: exit 1 with what to do, the credential chain's details only with AMLGUARD_DEBUG. */
export class CredentialError extends Error {
  override name = 'CredentialError';
  constructor(
    readonly detail: unknown,
    /** What else the user can do instead of signing in. */
    alternative = 'or try it without Azure: `npx aml-guard scan --sandbox examples/demo-estate.json`.',
  ) {
    super(
      [
        'cannot sign in to Azure: no credential is available (Azure CLI, environment, managed identity, ...).',
        'Sign in with `az login` (or set AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET for a service principal),',
        alternative,
        'AMLGUARD_DEBUG=1 shows why each credential failed.',
      ].join('\n'),
    );
  }
}
