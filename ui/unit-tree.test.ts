import { describe, expect, it } from 'vitest';
import type { UnitNode } from '../sdk/src/schemas/site';
import { findUnit, flattenUnits, indented, subtrees } from './unit-tree';

const unit = (id: string, children: UnitNode[] = []): UnitNode => ({ id, name: `名${id}`, kind: 'department', children });
const TREE = [unit('head', [unit('edu', [unit('school')]), unit('transport')]), unit('party')];

describe('the unit tree', () => {
  it('lists parents before children, with their depth, indented with ideographic spaces', () => {
    const options = flattenUnits(TREE);
    expect(options.map((u) => [u.id, u.depth])).toEqual([['head', 0], ['edu', 1], ['school', 2], ['transport', 1], ['party', 0]]);
    expect(indented(options[2]!)).toBe('\u3000\u3000名school');
  });

  it('finds a unit anywhere in the tree, and nothing for an unknown id', () => {
    expect(findUnit(TREE, 'school')?.name).toBe('名school');
    expect(findUnit(TREE, 'nobody')).toBeNull();
  });

  it('keeps the subtrees of an official’s units', () => {
    expect(subtrees(TREE, ['edu', 'party']).map((u) => u.id)).toEqual(['edu', 'party']);
    expect(subtrees(TREE, ['school'])[0]!.children).toEqual([]);
  });
});
