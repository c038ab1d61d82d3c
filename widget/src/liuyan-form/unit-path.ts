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

/**
 * The select boxes of the cascading picker: the roots, then the children of each chosen unit
 * that has any. `chosen` holds the id picked at each level ('' for "this unit itself").
 */
export function pickerLevels(units: UnitNode[], chosen: string[]): { options: UnitNode[]; parent: UnitNode | null; value: string }[] {
  const levels = [{ options: units, parent: null as UnitNode | null, value: chosen[0] ?? '' }];
  for (let depth = 0; ; depth++) {
    const level = levels[depth]!;
    const picked = level.options.find((u) => u.id === level.value);
    if (!picked || picked.children.length === 0) return levels;
    levels.push({ options: picked.children, parent: picked, value: chosen[depth + 1] ?? '' });
  }
}

/** The unit the message is for: the deepest choice made. */
export function chosenUnit(chosen: string[]): string {
  return [...chosen].reverse().find((id) => id !== '') ?? '';
}
