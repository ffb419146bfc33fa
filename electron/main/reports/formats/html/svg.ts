import type { Primitive, Scene } from '../scene/types';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (v: number) => Number(v.toFixed(2));

function data(p: { series?: number; tip?: string }): string {
  return `${p.series === undefined ? '' : ` data-series="${p.series}"`}${p.tip ? ` data-tip="${esc(p.tip)}" tabindex="0"` : ''}`;
}

function slice(p: Extract<Primitive, { kind: 'slice' }>): string {
  const sweep = Math.min(p.end - p.start, Math.PI * 2 - 1e-4);
  const end = p.start + sweep;
  const large = sweep > Math.PI ? 1 : 0;
  const at = (r: number, a: number) => `${n(p.cx + r * Math.cos(a))} ${n(p.cy + r * Math.sin(a))}`;
  return `M ${at(p.r, p.start)} A ${p.r} ${p.r} 0 ${large} 1 ${at(p.r, end)} L ${at(p.inner, end)} A ${p.inner} ${p.inner} 0 ${large} 0 ${at(p.inner, p.start)} Z`;
}

function element(p: Primitive): string {
  switch (p.kind) {
    case 'rect': return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="${p.fill}"${data(p)}/>`;
    case 'line': return `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}" stroke="${p.stroke}" stroke-width="${p.width}"${p.dash ? ' stroke-dasharray="2 2"' : ''}/>`;
    case 'path': {
      const d = p.points.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)} ${n(y)}`).join(' ');
      return p.fill ? `<path d="${d} Z" fill="${p.fill}" fill-opacity="${p.opacity ?? 1}"${data(p)}/>` : `<path d="${d}" fill="none" stroke="${p.stroke}" stroke-width="${p.width}" stroke-linejoin="round"${data(p)}/>`;
    }
    case 'circle': return `<circle cx="${n(p.cx)}" cy="${n(p.cy)}" r="${p.r}" fill="${p.fill}"${data(p)}/>`;
    case 'slice': return `<path d="${slice(p)}" fill="${p.fill}"${data(p)}/>`;
    case 'text': {
      const anchor = p.align === 'right' ? 'end' : p.align === 'center' ? 'middle' : 'start';
      const baseline = p.baseline === 'middle' ? 'central' : p.baseline === 'bottom' ? 'text-after-edge' : 'hanging';
      return `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${p.size}" fill="${p.color}" text-anchor="${anchor}" dominant-baseline="${baseline}"${p.bold ? ' font-weight="700"' : ''}>${esc(p.text)}</text>`;
    }
  }
}

/** A scene as an inline SVG: vector, selectable text, tooltips and legend toggles via data-*. */
export function toSvg(scene: Scene, width: number, height: number, id: string): string {
  const legend = scene.legend.length
    ? `<div class="legend" role="group" aria-label="Series">${scene.legend.map((l, i) => `<button type="button" class="legend-item" data-chart="${id}" data-toggle="${i}" aria-pressed="true"><span class="swatch" style="background:${l.color}"></span>${esc(l.name)}</button>`).join('')}</div>`
    : '';
  return `<svg id="${id}" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(scene.description)}" xmlns="http://www.w3.org/2000/svg">${scene.primitives.map(element).join('')}</svg>${legend}`;
}
