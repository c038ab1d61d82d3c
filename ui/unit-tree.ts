import type { UnitNode } from '../sdk/src/schemas/site';

// The site's unit tree (leaders and their departments) as the board's filter and the console's
// pickers show it: one list, parents before children, indented by depth.

export interface UnitOption {
  id: string;
  name: string;
  /** How far below the top of the list it sits, for indenting. */
  depth: number;
}

/** The unit tree as one list, parents before children (each leader followed by its departments), for a `<select>`. */
export function flattenUnits(tree: UnitNode[], depth = 0): UnitOption[] {
  return tree.flatMap((u) => [{ id: u.id, name: u.name, depth }, ...flattenUnits(u.children, depth + 1)]);
}

/** The unit `id` and its subtree, or null when the tree has no such unit. */
export function findUnit(tree: UnitNode[], id: string): UnitNode | null {
  for (const unit of tree) {
    if (unit.id === id) return unit;
    const below = findUnit(unit.children, id);
    if (below) return below;
  }
  return null;
}

/** The subtrees rooted at `ids` (an official's units and everything below them). */
export function subtrees(tree: UnitNode[], ids: readonly string[]): UnitNode[] {
  return tree.flatMap((u) => (ids.includes(u.id) ? [u] : subtrees(u.children, ids)));
}

/** A unit's name indented by its depth; ideographic spaces survive inside `<option>`, where other white space collapses. */
export function indented(unit: UnitOption): string {
  return `${'\u3000'.repeat(unit.depth)}${unit.name}`;
}
