/**
 * Reading and checking the ARM templates in infra/ without Azure: parse the JSON, walk the
 * resources (nested `Microsoft.Resources/deployments` included), and scan template expressions
 * for `parameters('x')` / `variables('x')` references.
 *
 * `remediatorActions()` / `removerActions()` are the one way tests learn what the custom roles
 * grant (the lists live only in `variables.remediatorActions` / `removerActions` of
 * infra/main.json); the suite's role enforcement (test/support/role-global-setup.ts) uses them.
 */
import fs from 'node:fs';
import path from 'node:path';

export const INFRA_DIR = path.resolve(__dirname, '../../infra');
export const MAIN_TEMPLATE = path.join(INFRA_DIR, 'main.json');
export const SUBSCRIPTION_TEMPLATE = path.join(INFRA_DIR, 'subscription.json');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ArmTemplate extends JsonObject {
  $schema: string;
  contentVersion: string;
  parameters: JsonObject;
  variables: JsonObject;
  resources: Json[];
  outputs: JsonObject;
}

const cache = new Map<string, ArmTemplate>();

/** The template at `file` (default infra/main.json), parsed once per test file. */
export function loadTemplate(file: string = MAIN_TEMPLATE): ArmTemplate {
  const cached = cache.get(file);
  if (cached) return cached;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as ArmTemplate;
  cache.set(file, parsed);
  return parsed;
}

/** The custom role "AML Guard Remediator": every ARM action it grants (variables.remediatorActions). */
export function remediatorActions(file: string = MAIN_TEMPLATE): string[] {
  return stringArrayVariable(file, 'remediatorActions');
}

/** The opt-in custom role "AML Guard Role Assignment Remover": every ARM action it grants (variables.removerActions). */
export function removerActions(file: string = MAIN_TEMPLATE): string[] {
  return stringArrayVariable(file, 'removerActions');
}

function stringArrayVariable(file: string, name: string): string[] {
  const value = loadTemplate(file).variables[name];
  if (!Array.isArray(value) || !value.every((a): a is string => typeof a === 'string')) {
    throw new Error(`${path.basename(file)}: variables.${name} must be an array of strings`);
  }
  return [...value];
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A resource with where it sits: the chain of nested deployment names above it (outermost first). */
export interface FoundResource {
  readonly resource: JsonObject;
  readonly type: string;
  readonly deploymentPath: readonly string[];
}

/** Every resource of a template, descending into inline nested deployment templates. */
export function allResources(template: JsonObject, deploymentPath: readonly string[] = []): FoundResource[] {
  const out: FoundResource[] = [];
  const resources = template['resources'];
  if (!Array.isArray(resources)) return out;
  for (const r of resources) {
    if (!isObject(r)) continue;
    const type = str(r['type']) ?? '';
    out.push({ resource: r, type, deploymentPath });
    const nested = nestedTemplate(r);
    if (nested) out.push(...allResources(nested, [...deploymentPath, str(r['name']) ?? '?']));
  }
  return out;
}

export function nestedTemplate(resource: JsonObject): JsonObject | undefined {
  if ((str(resource['type']) ?? '').toLowerCase() !== 'microsoft.resources/deployments') return undefined;
  const props = resource['properties'];
  if (!isObject(props)) return undefined;
  const t = props['template'];
  return isObject(t) ? t : undefined;
}

export function resourcesOfType(template: JsonObject, type: string): JsonObject[] {
  return allResources(template)
    .filter((r) => r.type.toLowerCase() === type.toLowerCase())
    .map((r) => r.resource);
}

export function onlyResourceOfType(template: JsonObject, type: string): JsonObject {
  const found = resourcesOfType(template, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0] as JsonObject;
}

/** Follows a property path; undefined when any step is missing. */
export function at(v: Json | undefined, ...keys: (string | number)[]): Json | undefined {
  let cur: Json | undefined = v;
  for (const k of keys) {
    if (typeof k === 'number') cur = Array.isArray(cur) ? cur[k] : undefined;
    else cur = isObject(cur) ? cur[k] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

// ------------------------------------------------------------------ expressions

/** ARM treats a string as an expression when it starts with `[` and ends with `]`; `[[` escapes a literal. */
export function isExpression(s: string): boolean {
  return s.startsWith('[') && !s.startsWith('[[') && s.endsWith(']');
}

export interface ExpressionRef {
  readonly kind: 'parameters' | 'variables';
  readonly name: string;
}

export class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
}

type Token =
  | { readonly t: 'ident'; readonly v: string }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'number'; readonly v: string }
  | { readonly t: 'punct'; readonly v: string };

/** Tokenises the body of an ARM expression (without the outer brackets). */
export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= body.length) throw new ExpressionSyntaxError(`unterminated string literal in [${body}]`);
        const d = body[i] as string;
        if (d === "'") {
          if (body[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += d;
        i++;
      }
      tokens.push({ t: 'string', v });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
      const v = (m as RegExpExecArray)[0];
      tokens.push({ t: 'ident', v });
      i += v.length;
    } else if (/[0-9-]/.test(c) && /^-?[0-9]/.test(body.slice(i))) {
      const v = (/^-?[0-9]+/.exec(body.slice(i)) as RegExpExecArray)[0];
      tokens.push({ t: 'number', v });
      i += v.length;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else {
      throw new ExpressionSyntaxError(`unexpected character ${JSON.stringify(c)} in [${body}]`);
    }
  }
  let depth = 0;
  for (const tok of tokens) {
    if (tok.t !== 'punct') continue;
    if (tok.v === '(' || tok.v === '[') depth++;
    if (tok.v === ')' || tok.v === ']') depth--;
    if (depth < 0) throw new ExpressionSyntaxError(`unbalanced brackets in [${body}]`);
  }
  if (depth !== 0) throw new ExpressionSyntaxError(`unbalanced brackets in [${body}]`);
  return tokens;
}

/** Every `parameters('x')` / `variables('x')` in one expression string; throws on a non-literal name. */
export function expressionRefs(expression: string): ExpressionRef[] {
  if (!isExpression(expression)) return [];
  const tokens = tokenize(expression.slice(1, -1));
  const refs: ExpressionRef[] = [];
  tokens.forEach((tok, i) => {
    if (tok.t !== 'ident' || (tok.v !== 'parameters' && tok.v !== 'variables')) return;
    const open = tokens[i + 1];
    const name = tokens[i + 2];
    const close = tokens[i + 3];
    if (open?.t !== 'punct' || open.v !== '(') return; // a property called `parameters`, e.g. `.parameters`
    if (name?.t !== 'string' || close?.t !== 'punct' || close.v !== ')') {
      throw new ExpressionSyntaxError(`${tok.v}() must take one string literal: ${expression}`);
    }
    refs.push({ kind: tok.v, name: name.v });
  });
  return refs;
}

/** Names of the functions called in an expression (lower case). */
export function functionsCalled(expression: string): string[] {
  if (!isExpression(expression)) return [];
  const tokens = tokenize(expression.slice(1, -1));
  return tokens
    .filter((tok, i) => tok.t === 'ident' && tokens[i + 1]?.t === 'punct' && tokens[i + 1]?.v === '(' && tokens[i - 1]?.v !== '.')
    .map((tok) => tok.v.toLowerCase());
}

export interface ScopeReport {
  /** Where the scope is: `main` or `main > deploymentName`. */
  readonly scope: string;
  readonly declaredParameters: ReadonlySet<string>;
  readonly declaredVariables: ReadonlySet<string>;
  readonly refs: readonly (ExpressionRef & { readonly where: string })[];
}

/**
 * One report per expression scope: the template itself, and every nested deployment that
 * evaluates in `inner` scope (its `parameters` values are evaluated in the enclosing scope).
 */
export function scanScopes(template: JsonObject, scope = 'main'): ScopeReport[] {
  const reports: ScopeReport[] = [];
  const refs: (ExpressionRef & { where: string })[] = [];
  const declaredParameters = new Set(Object.keys(isObject(template['parameters']) ? template['parameters'] : {}));
  const vars = isObject(template['variables']) ? template['variables'] : {};
  const declaredVariables = new Set(Object.keys(vars).filter((k) => k !== 'copy'));
  const copies = vars['copy'];
  if (Array.isArray(copies)) for (const c of copies) if (isObject(c) && typeof c['name'] === 'string') declaredVariables.add(c['name']);

  const visit = (v: Json | undefined, where: string): void => {
    if (typeof v === 'string') {
      for (const r of expressionRefs(v)) refs.push({ ...r, where });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${where}[${i}]`));
    } else if (isObject(v)) {
      const nested = nestedTemplate(v);
      const inner = nested && at(v, 'properties', 'expressionEvaluationOptions', 'scope') === 'inner';
      for (const [k, x] of Object.entries(v)) {
        for (const r of expressionRefs(k)) refs.push({ ...r, where: `${where}.<key ${k}>` });
        if (inner && k === 'properties' && isObject(x)) {
          for (const [pk, px] of Object.entries(x)) {
            if (pk === 'template') continue;
            visit(px, `${where}.properties.${pk}`);
          }
          reports.push(...scanScopes(nested, `${scope} > ${str(v['name']) ?? '?'}`));
        } else {
          visit(x, `${where}.${k}`);
        }
      }
    }
  };
  for (const [k, v] of Object.entries(template)) {
    if (k === '$schema' || k === 'contentVersion' || k === 'metadata') continue;
    visit(v, k);
  }
  return [{ scope, declaredParameters, declaredVariables, refs }, ...reports];
}

/** Every string anywhere in the template, keys included. */
export function allStrings(v: Json | undefined, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => allStrings(x, out));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) {
    out.push(k);
    allStrings(x, out);
  }
  return out;
}

// ------------------------------------------------------------------ app settings

/** The function app's settings, name -> value expression, from siteConfig.appSettings (and any sites/config appsettings). */
export function functionAppSettings(template: JsonObject): Map<string, Json> {
  const settings = new Map<string, Json>();
  for (const site of resourcesOfType(template, 'Microsoft.Web/sites')) {
    const list = at(site, 'properties', 'siteConfig', 'appSettings');
    if (Array.isArray(list)) {
      for (const s of list) if (isObject(s) && typeof s['name'] === 'string') settings.set(s['name'], s['value'] ?? null);
    }
  }
  for (const cfg of resourcesOfType(template, 'Microsoft.Web/sites/config')) {
    const props = cfg['properties'];
    if (/\/appsettings'?\)?\]?$/i.test(str(cfg['name']) ?? '') && isObject(props)) {
      for (const [k, v] of Object.entries(props)) settings.set(k, v);
    }
  }
  return settings;
}

// ------------------------------------------------------------------ source scan

/** Every distinct `AMLGUARD_*` name in the TypeScript under `dir`. */
export function amlguardNamesInSource(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bAMLGUARD_[A-Z0-9]+(?:_[A-Z0-9]+)*\b/g)) names.add(m[0]);
      }
    }
  };
  walk(dir);
  return names;
}
