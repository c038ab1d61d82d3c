import type { Domain, MessageType } from '../../../sdk/src/schemas/common';
import type { UnitNode } from '../../../sdk/src/schemas/site';

/** The chain of units from a root down to `unitId`, or [] when it is not in the tree. */
export function pathTo(units: UnitNode[], unitId: string): UnitNode[] {
  for (const unit of units) {
    if (unit.id === unitId) return [unit];
    const below = pathTo(unit.children, unitId);
    if (below.length > 0) return [unit, ...below];
  }
  return [];
}

/** One `<optgroup>` of the picker: a unit that has units below it, itself first, then those of its children that have none. */
export interface UnitGroup {
  /** The names from the root down to the group's unit: the group's label, e.g. ['示范县县长']. */
  path: string[];
  units: UnitNode[];
}

/**
 * The whole tree as one list a citizen reads top to bottom: units without children at the top level
 * stand alone, every unit with children heads a group of itself and its childless children, and a
 * child with children of its own heads the next group (labelled with its whole path). So 县教育局 is
 * one choice in the group 县长, not a second list that appears only once 县长 is chosen.
 */
export function unitGroups(units: UnitNode[]): { loose: UnitNode[]; groups: UnitGroup[] } {
  const loose = units.filter((u) => u.children.length === 0);
  const groups: UnitGroup[] = [];
  const walk = (unit: UnitNode, above: string[]) => {
    const path = [...above, unit.name];
    groups.push({ path, units: [unit, ...unit.children.filter((c) => c.children.length === 0)] });
    for (const child of unit.children) if (child.children.length > 0) walk(child, path);
  };
  for (const unit of units) if (unit.children.length > 0) walk(unit, []);
  return { loose, groups };
}

/** The unit the message is for: the deepest choice made (drafts kept before the one-list picker hold a chain). */
export function chosenUnit(chosen: string[]): string {
  return [...chosen].reverse().find((id) => id !== '') ?? '';
}

/** What a form offers to choose from: the units to write to, the types and the domains. */
export interface FormChoices {
  units: UnitNode[];
  types: MessageType[];
  domains: Domain[];
}

/**
 * A site's choices narrowed to a suggestion drive's (the element's and the service's write pages' one
 * rule): its target units (each with the units below it) become the roots of the list, and its types
 * and domains, when it lists any, replace the site's. A target not in `choices.units` is left out.
 */
export function narrowedChoices(choices: FormChoices, drive: { unitIds: readonly string[]; types: readonly string[]; domains: readonly string[] }): FormChoices {
  return {
    units: drive.unitIds.length > 0 ? drive.unitIds.map((id) => pathTo(choices.units, id).at(-1)).filter((u): u is UnitNode => u !== undefined) : choices.units,
    types: drive.types.length > 0 ? choices.types.filter((t) => drive.types.includes(t)) : choices.types,
    domains: drive.domains.length > 0 ? choices.domains.filter((d) => drive.domains.includes(d)) : choices.domains,
  };
}
