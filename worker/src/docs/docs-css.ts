/**
 * The reference page's stylesheet, served same-origin at /docs/docs.css (the page's CSP allows no
 * inline style). System fonts only: nothing is fetched from another host. Below 40rem a table row becomes
 * a line of name, type and whether it is required, with the description under it, so nothing
 * scrolls sideways on a 390 px phone.
 */
export const DOCS_STYLESHEET = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: var(--fg); }
header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: .75rem max(1rem, calc((100% - 60rem) / 2)); border-bottom: 3px solid var(--accent); }
h1 { font-size: 1.3rem; margin: 0; }
.version { font-size: .8rem; color: var(--muted); font-weight: normal; }
.switch { border: 1px solid var(--line); border-radius: 999px; padding: .35rem .9rem; text-decoration: none; color: var(--fg); white-space: nowrap; min-height: 44px; display: inline-flex; align-items: center; }
main { max-width: 62rem; margin: 0 auto; padding: 0 1rem 3rem; }
a { color: #0b57d0; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
code { overflow-wrap: break-word; }
th, td.in, td.required, td.optional { white-space: nowrap; }
td.type { max-width: 20rem; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.facts { padding-left: 1.2rem; }
nav ol { padding-left: 1.4rem; }
nav li { margin: .3rem 0; }
.count { color: var(--muted); font-size: .85em; }
.tag { border-top: 1px solid var(--line); margin-top: 2rem; }
.tag > h2 { margin-bottom: .25rem; }
.ops { list-style: none; padding: 0; }
.ops li { margin: .25rem 0; }
.ops a { text-decoration: none; }
.op { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin: 1.25rem 0; }
.op h3 { font-size: 1rem; margin: 0 0 .25rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.path { font-size: 1rem; min-width: 0; overflow-wrap: anywhere; }
.summary { margin: .25rem 0; font-weight: 600; }
.description { white-space: pre-line; }
.auth { color: var(--muted); font-size: .9rem; }
.label { font-weight: 600; color: var(--fg); margin-right: .25rem; }
h4 { margin: 1rem 0 .4rem; font-size: .95rem; }
.method { display: inline-block; min-width: 3.6rem; text-align: center; border-radius: 4px; padding: 0 .4rem; font: 600 .8rem/1.6 ui-monospace, Menlo, Consolas, monospace; color: #fff; background: #57606a; }
.method.get { background: #1a7f37; }
.method.post { background: #0b57d0; }
.method.put, .method.patch { background: #9a6700; }
.method.delete { background: #b42318; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
.notes { display: block; color: var(--muted); font-size: .85em; }
/* A long name, pattern or list of values breaks where it must rather than widen the page. */
td, .notes, code { overflow-wrap: anywhere; }
.media { margin: .5rem 0 .25rem; }
.responses dt { margin-top: .5rem; }
.responses dd { margin: 0 0 .5rem 0; padding-left: .75rem; border-left: 3px solid var(--line); }
.responses dd p { margin: .2rem 0; }
.status { font: 600 .85rem ui-monospace, Menlo, Consolas, monospace; padding: 0 .4rem; border-radius: 4px; background: var(--soft); border: 1px solid var(--line); }
.status.s2 { color: #1a7f37; }
.status.s4, .status.s5 { color: #b42318; }
td.required { color: var(--accent); }
.top { text-align: right; font-size: .9rem; }
@media (max-width: 40rem) {
  table, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { border-bottom: 1px solid var(--line); padding: .45rem 0; }
  td { display: inline; border: 0; padding: 0; margin-right: .5rem; }
  td.name code { font-weight: 600; }
  td.type, td.in, td.optional { color: var(--muted); font-size: .85rem; }
  td.desc { display: block; margin-top: .15rem; }
  .op { padding: .6rem .7rem; }
}
`;
