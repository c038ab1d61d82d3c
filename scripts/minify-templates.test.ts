import { describe, expect, it } from 'vitest';
import { minifyTemplates } from './minify-templates';

describe('minifyTemplates', () => {
  it('takes the indentation out of html templates, and leaves their expressions and other strings alone', () => {
    const source = "const a = html`<p>\n      ${x ? html`<b>\n  yes</b>` : 'a\\n  b'}\n    </p>`;\nconst s = `keep\n   this`;";
    expect(minifyTemplates(source, 'a.ts')).toBe("const a = html`<p> ${x ? html`<b> yes</b>` : 'a\\n  b'} </p>`;\nconst s = `keep\n   this`;");
  });

  it('shrinks css without joining a descendant combinator to a pseudo-class', () => {
    const source = 'const s = css`\n  /* why */\n  .a :focus { color: red; }\n  .b, .c {\n    margin: 0 auto;\n  }\n`;';
    expect(minifyTemplates(source, 'a.ts')).toBe('const s = css` .a :focus{color:red}.b,.c{margin:0 auto}`;');
  });
});
