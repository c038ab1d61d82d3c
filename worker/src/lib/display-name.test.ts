import { describe, expect, it } from 'vitest';
import { displayName } from './display-name';

describe('displayName', () => {
  it('masks everything after the surname by default', () => {
    expect(displayName('陈明', 'masked')).toBe('陈***');
    expect(displayName('陈小明', 'masked')).toBe('陈***');
  });

  it('shows the surname with 先生 or 女士 when the citizen chooses so', () => {
    expect(displayName('陈明', 'mr')).toBe('陈先生');
    expect(displayName('陈明', 'ms')).toBe('陈女士');
  });

  it('keeps a compound surname whole', () => {
    expect(displayName('欧阳娜', 'masked')).toBe('欧阳***');
    expect(displayName('司马光', 'mr')).toBe('司马先生');
    expect(displayName('上官婉儿', 'ms')).toBe('上官女士');
  });

  it('shows no given name, whatever its length', () => {
    expect(displayName('诸葛孔明', 'masked')).toBe('诸葛***');
    expect(displayName('王', 'masked')).toBe('王***');
    expect(displayName('张三丰', 'ms')).toBe('张女士');
  });

  it('ignores spaces around the name', () => {
    expect(displayName('  陈明 ', 'masked')).toBe('陈***');
  });
});
