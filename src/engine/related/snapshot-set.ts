import { idKey, subjectTypeOf, type ArmResource, type RelatedResources, type ResourceLink } from '../../model';

/** RelatedResources over a fixed set of snapshots. */
export class SnapshotSet implements RelatedResources {
  private readonly byId = new Map<string, ArmResource>();

  constructor(
    resources: readonly ArmResource[] = [],
    private readonly links: readonly ResourceLink[] = [],
  ) {
    for (const r of resources) this.byId.set(idKey(r.id), r);
  }

  get(id: string): ArmResource | undefined {
    return this.byId.get(idKey(id));
  }

  ofType(type: string): readonly ArmResource[] {
    const t = type.toLowerCase();
    return [...this.byId.values()].filter((r) => subjectTypeOf(r.id) === t);
  }

  linksTo(id: string): readonly ResourceLink[] {
    const key = idKey(id);
    return this.links.filter((l) => idKey(l.targetId) === key);
  }
}
