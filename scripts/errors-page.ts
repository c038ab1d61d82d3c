// /docs/errors: what each problem `type` (/docs/errors#code) and each field error code means,
// in both languages, made from the catalogs the service itself answers with.
import { FieldErrorCodeSchema, ProblemCodeSchema } from '../sdk/src/schemas/error';
import { errorCatalogs } from '../sdk/src/locales';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's only style, inline: its CSP names it by hash (scripts/build-widget.ts). */
// Below 40rem a row becomes a block (the code, then each language's sentence under it) and a long code
// or sentence breaks where it must: nothing scrolls sideways on a 390 px phone.
export const ERRORS_PAGE_STYLE = 'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}table{border-collapse:collapse}code,td{overflow-wrap:anywhere}'
  + '@media (max-width:40rem){table,tbody,tr,td{display:block}tr:first-child{display:none}tr{border-bottom:1px solid #ddd;padding:.4rem 0}td{border:0;padding:.1rem 0}}';

export function errorsPage(): string {
  const { 'zh-CN': zh, en } = errorCatalogs;
  const problems = ProblemCodeSchema.options.map((code) =>
    `<tr id="${code}"><td><code>${code}</code></td><td>${escape(zh.problems[code])}</td><td lang="en">${escape(en.problems[code])}</td></tr>`);
  const fields = FieldErrorCodeSchema.options.map((code) =>
    `<tr id="field-${code}"><td><code>${code}</code></td><td>${escape(zh.fields.fieldErrors[code](zh.fields.fields.title!, { max: 50, min: 1 }))}</td><td lang="en">${escape(en.fields.fieldErrors[code](en.fields.fields.title!, { max: 50, min: 1 }))}</td></tr>`);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>留言 API 错误代码 · Liuyan API errors</title>
<style>${ERRORS_PAGE_STYLE}</style></head>
<body>
<h1>错误代码 <span lang="en">· Errors</span></h1>
<p lang="en">Every error is <code>application/problem+json</code>: <code>{"type": "/docs/errors#code", "title", "status", "code", "errors": [{"field", "code", "message"}]}</code>.
Titles and messages follow <code>Accept-Language</code> (Chinese by default); clients should act on <code>code</code>.</p>
<h2 lang="en">Problem codes</h2>
<table><tr><th>code</th><th>中文</th><th lang="en">English</th></tr>${problems.join('')}</table>
<h2 lang="en">Field error codes</h2>
<p lang="en">Examples for the field <code>title</code>.</p>
<table><tr><th>code</th><th>中文</th><th lang="en">English</th></tr>${fields.join('')}</table>
</body></html>
`;
}
