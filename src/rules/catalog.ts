import { resourceTypeOf, type Rule } from '../model';
import { amlWs001 } from './aml-ws-001';

/** Every rule, in catalog order. Rule ids are a contract: reports, exceptions and outside checks use them. */
export const CATALOG: readonly Rule[] = [amlWs001];

export const RULE_IDS: readonly string[] = CATALOG.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return CATALOG.find((r) => r.id === id);
}

/** Rules that evaluate snapshots of the given resource id's type. */
export function rulesFor(resourceId: string, rules: readonly Rule[] = CATALOG): Rule[] {
  const type = resourceTypeOf(resourceId);
  return rules.filter((r) => r.appliesTo.includes(type));
}

/** Resource types any rule evaluates: what the event router watches. */
export function watchedTypes(rules: readonly Rule[] = CATALOG): ReadonlySet<string> {
  return new Set(rules.flatMap((r) => r.appliesTo));
}
