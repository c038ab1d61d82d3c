import type { UnitNode } from '../../../sdk/src/schemas/site';

export interface UnitOption {
  id: string;
  name: string;
  /** How far below the top of the select it sits, for indenting. */
  depth: number;
}

export function findUnit(units: UnitNode[], id: string): UnitNode | null {
  for (const unit of units) {
    if (unit.id === id) return unit;
    const below = findUnit(unit.children, id);
    if (below) return below;
  }
  return null;
}

/** The units of a tree in reading order (each leader followed by its departments), with their depth. */
export function unitOptions(units: UnitNode[], depth = 0): UnitOption[] {
  return units.flatMap((u) => [{ id: u.id, name: u.name, depth }, ...unitOptions(u.children, depth + 1)]);
}
