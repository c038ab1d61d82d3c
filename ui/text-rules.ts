import { html } from 'lit';
import type { FieldErrorParams } from '../sdk/src/error-messages';
import type { FieldErrorCode } from '../sdk/src/schemas/error';
import { textLength, textProblem, visibleLength } from '../sdk/src/text';
import { format } from './localize';

/** What a field's text must be, as the service checks it: lengths in characters (code points). */
export interface TextRule {
  max: number;
  /** 1 for a required field; the site's minimum for a title or body. Absent: the field may be empty. */
  min?: number;
  multiline?: boolean;
}

/**
 * What the service would say about `value` in a field with `rule`, checked in the browser first so a
 * slow network is not spent on a form that will come back: `required`, `invalid_characters`,
 * `too_short` or `too_long` with the numbers its sentence needs, or null.
 */
export function textError(value: string, rule: TextRule): { code: FieldErrorCode; params?: FieldErrorParams } | null {
  const text = value.trim();
  if (text === '') return rule.min ? { code: 'required' } : null;
  const problem = textProblem(text, { multiline: rule.multiline ?? false });
  if (problem) return { code: problem };
  // A minimum counts what shows (as the service does); a maximum counts every character.
  if (rule.min && visibleLength(text) < rule.min) return { code: 'too_short', params: { min: rule.min } };
  if (textLength(text) > rule.max) return { code: 'too_long', params: { max: rule.max } };
  return null;
}

/**
 * A field's counter, `12/50`, counting what the service counts (an emoji or 𠮷 is one character;
 * no `maxlength`, which counts UTF-16 units, limits the field). Past the limit it turns to the
 * error colour (`.over`); `id` lets the control name it in `aria-describedby`.
 */
export function textCounter(value: string, max: number, template: string, id: string) {
  const count = textLength(value.trim());
  return html`<span id=${id} class="counter muted ${count > max ? 'over' : ''}">${format(template, { count, max })}</span>`;
}
