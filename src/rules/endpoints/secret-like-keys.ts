/** Words that make an environment variable name look like it holds a credential. */
const SECRET_WORDS = new Set(['key', 'secret', 'password', 'passwd', 'pwd', 'token', 'connectionstring', 'connstr', 'apikey', 'accesskey', 'credential', 'credentials', 'sas', 'pat']);
const SECRET_COMPOUNDS = ['connectionstring', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'password', 'passwd', 'clientsecret'];

/** `OPENAI_API_KEY`, `dbPassword`, `StorageConnectionString` yes; `MODEL_NAME`, `MONKEY_COUNT` no. */
export function looksLikeSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  const joined = words.join('');
  return SECRET_COMPOUNDS.some((c) => joined.includes(c));
}

/** A value that references a secret store instead of holding the secret: `${{...}}`, `@Microsoft.KeyVault(...)`, `keyvaultref:`. */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return /^\$\{\{.*\}\}$/.test(v) || /^@Microsoft\.KeyVault\(/i.test(v) || /^keyvaultref:/i.test(v);
}
