import type { ArmResource, Need, ResourceLink } from '../../model';
import type { GuardContext } from '../context';

/** What a gatherer found around a subject. */
export interface Gathered {
  /** Snapshots the subject's rules read (parent workspace, private endpoints, NICs, ...). */
  readonly resources?: readonly ArmResource[];
  /** Links the rules consult (e.g. the workspaces using this storage account). */
  readonly links?: readonly ResourceLink[];
  /**
   * Links whose SOURCE is the subject, as its current state says (workspace -> storage, compute
   * -> subnet). Stored in the link index, replacing what the subject linked before.
   */
  readonly ownLinks?: readonly ResourceLink[];
  /** Ids a sweep should evaluate next because of this subject (its computes, its storage, ...). */
  readonly discovered?: readonly string[];
  /** Discovered resources already read in full (e.g. by a list call): the sweep needs no GET for them. */
  readonly discoveredSnapshots?: readonly ArmResource[];
}

/**
 * Fetches, for a subject type, what its rules need beyond the subject itself. Gatherers do the
 * I/O so rules stay pure. A gatherer must tolerate missing and deleted related resources.
 */
export interface Gatherer {
  readonly name: string;
  /** Lower-case resource types (see ResourceTypes). */
  readonly appliesTo: readonly string[];
  /** The rule needs it serves: it runs when a rule that applies to the subject declares one. */
  readonly serves: readonly Need[];
  /**
   * What it keeps going whatever the rules need, so it runs whenever its type is evaluated:
   * `links`, the subject's own links in the link index (other types' rules read them);
   * `discovery`, what a sweep evaluates next.
   */
  readonly keeps?: 'links' | 'discovery';
  /** Only finds what a sweep should evaluate next: skipped when an event triggered the evaluation. */
  readonly sweepOnly?: boolean;
  /**
   * It reads what only ARM holds (Resource Graph has no diagnostic settings, connections, budgets
   * or policy assignments): one ARM list per subject (policy: plus one GET per set definition
   * assigned). A sweep runs it when the subject's refresh
   * is due (arm-only-refresh.ts); an event, only when the event is about one of `changedBy` (a
   * diagnostic setting written on the workspace). Otherwise it does not run, and the rules that
   * need what it serves are not judged: their findings stand as the last reading left them.
   */
  readonly armOnly?: { readonly changedBy: readonly string[] };
  gather(ctx: GuardContext, subject: ArmResource): Promise<Gathered>;
}
