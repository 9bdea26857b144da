/**
 * What is derived from the resource descriptors and the rule catalog, and written into committed
 * files: the custom role actions and the Event Grid operationName prefixes of the ARM templates,
 * and the README's rule table. `npm run generate` writes them; test/infra/generated.test.ts fails
 * when a committed file differs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { ruleCatalogMarkdown, withRuleTable } from '../src/cli/rule-catalog-markdown';
import { RESOURCE_DESCRIPTORS } from '../src/resources';
import type { Grant } from '../src/resources/descriptor';
import { eventOperationPrefixes } from '../src/resources/event-prefixes';
import { roleGrants } from '../src/resources/role-actions';
import { CATALOG } from '../src/rules/catalog';

export const ROOT = path.resolve(__dirname, '..');

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly file: string;
  readonly content: string;
}

const jsonObject = z.record(z.string(), z.unknown());

/** The template at `file` with `values` set in its `variables` (each must exist already). */
function withVariables(file: string, values: Record<string, readonly string[]>): GeneratedFile {
  const template = jsonObject.parse(JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')));
  const variables = jsonObject.parse(template.variables ?? {});
  template.variables = variables; // same key, same place: the file's order is kept
  for (const [name, value] of Object.entries(values)) {
    if (!(name in variables)) throw new Error(`${file}: variables.${name} is missing; the generator only replaces existing variables`);
    variables[name] = value;
  }
  return { file, content: `${JSON.stringify(template, null, 2)}\n` };
}

const ROLE_BEGIN = '<!-- role:begin (generated from the resource descriptors in src/resources; npm run generate) -->';
const ROLE_END = '<!-- role:end -->';

/** `file` with the text between its `begin` and `end` markers replaced by `block`. */
function withBlock(file: string, begin: string, end: string, block: string): GeneratedFile {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${file} has no ${begin} ... ${end} markers`);
  return { file, content: `${text.slice(0, start + begin.length)}\n${block}\n${text.slice(stop)}` };
}

/** The table of what each granted action is for (infra/README.md). */
function roleTable(grants: readonly Grant[]): string {
  return ['| action | used for |', '|---|---|', ...grants.map((g) => `| \`${g.action}\` | ${g.for.replace(/\|/g, '\\|')} |`)].join('\n');
}

export function generatedFiles(): GeneratedFile[] {
  const roles = roleGrants(RESOURCE_DESCRIPTORS);
  const actions = (grants: readonly Grant[]) => grants.map((g) => g.action);
  const prefixes = eventOperationPrefixes(RESOURCE_DESCRIPTORS);
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [
    withVariables('infra/main.json', { remediatorActions: actions(roles.remediator), removerActions: actions(roles.remover), watchedOperationPrefixes: prefixes }),
    withVariables('infra/subscription.json', { watchedOperationPrefixes: prefixes }),
    withBlock('infra/README.md', ROLE_BEGIN, ROLE_END, roleTable(roles.remediator)),
    { file: 'README.md', content: withRuleTable(readme, ruleCatalogMarkdown(CATALOG)) },
  ];
}
