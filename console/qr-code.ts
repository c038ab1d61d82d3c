import { html, svg } from 'lit';
import { encode } from 'uqr';

/**
 * A QR code drawn as SVG rectangles, one per run of dark modules in a row. No image URL: the
 * console's CSP allows no `data:` images, and a secret must not travel to an image service.
 */
export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const runs: { x: number; y: number; width: number }[] = [];
  data.forEach((row, y) => {
    let start = -1;
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x;
      if ((!dark || x === row.length - 1) && start >= 0) {
        runs.push({ x: start, y, width: (dark ? x + 1 : x) - start });
        start = -1;
      }
    });
  });
  return html`<svg part="qr-code" class="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}"
    shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
    <rect width=${size} height=${size} fill="#fff"></rect>
    ${runs.map((r) => svg`<rect x=${r.x} y=${r.y} width=${r.width} height="1" fill="#000"></rect>`)}
  </svg>`;
}
