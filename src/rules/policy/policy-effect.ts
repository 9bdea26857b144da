import { z } from 'zod';

/**
 * The effect an Azure Policy assignment gives one policy definition, directly or inside a policy
 * set definition (an initiative), as Azure Policy resolves it: the member's `effect` parameter in
 * the set (a literal, or `[parameters('name')]` naming a set parameter, whose value comes from the
 * assignment's `parameters`, else the set parameter's `defaultValue`), then the assignment's
 * `overrides` of kind policyEffect (selected by policyDefinitionReferenceId, or for all members).
 */

const text = z.string().nullish().catch(null);
const valueMap = z.record(z.string(), z.looseObject({ value: z.unknown() }).nullish().catch(null)).nullish().catch(null);
const selector = z.looseObject({ kind: text, in: z.array(z.string()).nullish().catch(null), notIn: z.array(z.string()).nullish().catch(null) });
const override = z.looseObject({ kind: text, value: text, selectors: z.array(selector).nullish().catch(null) });

export const assignmentPropsSchema = z.looseObject({
  policyDefinitionId: text,
  scope: text,
  parameters: valueMap,
  overrides: z.array(override).nullish().catch(null),
});
export type AssignmentProps = z.infer<typeof assignmentPropsSchema>;

export const policySetPropsSchema = z.looseObject({
  parameters: z.record(z.string(), z.looseObject({ defaultValue: z.unknown() }).nullish().catch(null)).nullish().catch(null),
  policyDefinitions: z
    .array(z.looseObject({ policyDefinitionId: text, policyDefinitionReferenceId: text, parameters: valueMap }))
    .nullish()
    .catch(null),
});
export type PolicySetProps = z.infer<typeof policySetPropsSchema>;
export type PolicySetMember = NonNullable<PolicySetProps['policyDefinitions']>[number];

/** An effect, `default` (no effect parameter given: the definition's default applies), or why it cannot be told. */
export type ResolvedEffect = { readonly effect: string } | { readonly effect: 'default' } | { readonly unresolved: string };

/** A record's entry by name, exact first, else case-insensitive (ARM parameter names are). */
function entry<T>(record: Readonly<Record<string, T>> | null | undefined, name: string): T | undefined {
  if (!record) return undefined;
  if (Object.hasOwn(record, name)) return record[name];
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

const PARAMETER_REFERENCE = /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/i;

/** A member's effect inside a set assigned with `assignment`'s parameters. */
function memberEffect(member: PolicySetMember, set: PolicySetProps, assignment: AssignmentProps): ResolvedEffect {
  const raw = entry(member.parameters, 'effect')?.value;
  if (raw === undefined || raw === null) return { effect: 'default' };
  if (typeof raw !== 'string') return { unresolved: `effect is not a string: ${JSON.stringify(raw)}` };
  if (raw.startsWith('[[')) return { effect: raw.slice(1) };
  if (!raw.startsWith('[')) return { effect: raw };
  const name = PARAMETER_REFERENCE.exec(raw)?.[1];
  if (name === undefined) return { unresolved: `effect expression ${raw}` };
  const assigned = entry(assignment.parameters, name)?.value;
  const value = assigned !== undefined && assigned !== null ? assigned : entry(set.parameters, name)?.defaultValue;
  if (typeof value === 'string') return { effect: value };
  return { unresolved: `set parameter ${name} has no value` };
}

/** The assignment's policyEffect override for a member (its reference id; none for a direct assignment). */
function overriddenEffect(assignment: AssignmentProps, referenceId: string | null | undefined): string | undefined {
  const ref = referenceId?.toLowerCase();
  const applies = (o: NonNullable<AssignmentProps['overrides']>[number]) =>
    (o.selectors ?? [])
      .filter((s) => s.kind?.toLowerCase() === 'policydefinitionreferenceid')
      .every((s) => (s.in == null || (ref !== undefined && s.in.some((r) => r.toLowerCase() === ref))) && !(ref !== undefined && (s.notIn ?? []).some((r) => r.toLowerCase() === ref)));
  const found = (assignment.overrides ?? []).filter((o) => o.kind?.toLowerCase() === 'policyeffect' && typeof o.value === 'string' && applies(o));
  return found.at(-1)?.value ?? undefined;
}

/** The effect of a definition assigned directly: its `effect` parameter, or an override. */
export function directEffect(assignment: AssignmentProps): ResolvedEffect {
  const over = overriddenEffect(assignment, undefined);
  if (over !== undefined) return { effect: over };
  const value = entry(assignment.parameters, 'effect')?.value;
  if (value === undefined || value === null) return { effect: 'default' };
  return typeof value === 'string' ? { effect: value } : { unresolved: `effect is not a string: ${JSON.stringify(value)}` };
}

/** The effect of a set member under an assignment of the set. */
export function initiativeEffect(member: PolicySetMember, set: PolicySetProps, assignment: AssignmentProps): ResolvedEffect {
  const over = overriddenEffect(assignment, member.policyDefinitionReferenceId);
  return over !== undefined ? { effect: over } : memberEffect(member, set, assignment);
}

/** Whether a resolved effect makes the policy act (audit, deny, ...): anything told but Disabled. */
export function effectActs(resolved: ResolvedEffect): boolean {
  return 'effect' in resolved && resolved.effect.toLowerCase() !== 'disabled';
}
