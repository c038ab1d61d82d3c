// The demo page's controls (examples/elements/index.html): the theme of every preview, outlining a
// part, and a real message for <liuyan-message>. A file of its own: the examples' CSP allows no inline script.
const previews = () => document.querySelectorAll('.preview > *');

document.querySelector('#theme').addEventListener('change', (event) => {
  const theme = event.target.value;
  for (const element of previews()) {
    if (theme) element.setAttribute('theme', theme);
    else element.removeAttribute('theme');
  }
});

// The parts pressed, outlined through ::part, in a constructed sheet (no inline style needed).
const outlines = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, outlines];
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-part]');
  if (!button) return;
  button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true'));
  outlines.replaceSync([...document.querySelectorAll('button[data-part][aria-pressed="true"]')]
    .map((b) => `${b.dataset.tag}::part(${b.dataset.part}) { outline: 3px dashed #c026d3; outline-offset: 2px; }`).join('\n'));
});

// <liuyan-message> shows one public message: the newest.
const message = document.querySelector('liuyan-message');
if (message) {
  fetch('/v1/sites/demo/messages?limit=1')
    .then((response) => response.json())
    .then(({ items }) => items[0] && message.setAttribute('message-id', items[0].id))
    .catch(() => {});
}
