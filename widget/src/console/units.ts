import type { UnitNode } from '../../../sdk/src/schemas/site';

export interface UnitOption {
  id: string;
  name: string;
  depth: number;
}

/** The unit tree as one list, parents before children, for a `<select>`. */
export function flattenUnits(tree: UnitNode[], depth = 0): UnitOption[] {
  return tree.flatMap((u) => [{ id: u.id, name: u.name, depth }, ...flattenUnits(u.children, depth + 1)]);
}

/** The subtrees rooted at `ids` (an official's units and everything below them). */
export function subtrees(tree: UnitNode[], ids: readonly string[]): UnitNode[] {
  return tree.flatMap((u) => (ids.includes(u.id) ? [u] : subtrees(u.children, ids)));
}

/** A unit's name indented by its depth; ideographic spaces (as on the public board) survive inside `<option>`. */
export function indented(unit: UnitOption): string {
  return `${'\u3000'.repeat(unit.depth)}${unit.name}`;
}
