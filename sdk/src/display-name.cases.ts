import type { DisplayAs } from './schemas/common';

/**
 * Names and the display names they are published as: the one table the service's tests and the
 * form's browser tests both check, so the preview and the board can never disagree.
 */
export const DISPLAY_NAME_CASES: [name: string, displayAs: DisplayAs, shown: string][] = [
  ['陈明', 'masked', '陈***'],
  ['陈小明', 'masked', '陈***'],
  ['陈明', 'mr', '陈先生'],
  ['陈明', 'ms', '陈女士'],
  ['欧阳明', 'masked', '欧阳***'],
  ['欧阳明', 'mr', '欧阳先生'],
  ['欧阳娜', 'ms', '欧阳女士'],
  ['司马光', 'mr', '司马先生'],
  ['诸葛孔明', 'masked', '诸葛***'],
  ['上官婉儿', 'ms', '上官女士'],
  ['东方朔', 'mr', '东方先生'],
  ['王', 'masked', '王***'],
  ['张三丰', 'ms', '张女士'],
  ['  陈明 ', 'masked', '陈***'],
  ['\u200b欧阳明', 'mr', '欧阳先生'],
  ['\u3000王\u200d芳', 'ms', '王女士'],
  ['John Smith', 'masked', 'J***'],
  ['john smith', 'mr', 'Mr J.'],
  ['Chen Ming', 'ms', 'Ms C.'],
  ['Élodie Martin', 'ms', 'Ms É.'],
  ['E\u0301lodie', 'masked', 'É***'],
  ['Иван Петров', 'mr', 'Mr И.'],
  ['김민수', 'masked', '김***'],
  ['\u{1F600}Bob', 'mr', 'Mr B.'],
  ['007 Bond', 'masked', 'B***'],
  ["'O'Brien", 'ms', 'Ms O.'],
  ['(John)', 'mr', 'Mr J.'],
  ['ß', 'masked', 'ß***'],
  ['Ｊｏｈｎ', 'mr', 'Mr J.'],
  ['\u{1F1E8}\u{1F1F3}李明', 'ms', '李女士'],
  ['007', 'mr', '***'],
];
