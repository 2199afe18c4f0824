/* global document */
// Charts as inline SVG, drawn here: bars, stacked bars and a line. Every mark carries the figure key
// it shows (`data-key`, `data-read-model`), so a click opens its explanation.

const NS = 'http://www.w3.org/2000/svg';

/** A figure as a chart label: whole, or to one decimal. */
const num = (value) => (Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10));

const el = (name, attributes = {}, text) => {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
};

const svgOf = (width, height, label) => el('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMinYMin meet' });

const mark = (node, { key, readModel, title }) => {
  if (key !== undefined) {
    node.setAttribute('data-key', key);
    node.setAttribute('data-read-model', readModel);
    node.setAttribute('tabindex', '0');
  }
  node.appendChild(el('title', {}, title));
  return node;
};

const empty = (svg, width, height, text) => {
  svg.classList.add('empty');
  svg.appendChild(el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, text));
  return svg;
};

const niceMax = (value) => {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
};

const axis = (svg, { left, top, width, height, max }) => {
  for (const fraction of [0, 0.5, 1]) {
    const y = top + height - fraction * height;
    svg.appendChild(el('line', { class: 'axis', x1: left, x2: left + width, y1: y, y2: y }));
    svg.appendChild(el('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' }, String(Math.round(max * fraction * 10) / 10)));
  }
};

/**
 * Vertical bars, one per item `{ label, value, key, readModel, className, max?, notMeasured? }`; a
 * not-measured item is drawn as an empty dashed bar of its `max` (or the scale's) with its reason.
 */
export const barChart = (items, { title, max } = {}) => {
  const width = Math.max(360, 60 + items.length * (items.length > 10 ? 24 : 56));
  const height = 220;
  const svg = svgOf(width, height, title);
  const measured = items.filter((item) => item.value !== null && item.value !== undefined);
  if (items.length === 0) return empty(svg, width, height, 'no figures for this choice');
  const top = 12;
  const left = 40;
  const plot = { left, top, width: width - left - 10, height: height - top - 48 };
  const scale = max ?? niceMax(Math.max(...measured.map((item) => item.value), ...items.map((item) => item.max ?? 0)));
  axis(svg, { ...plot, max: scale });
  const slot = plot.width / items.length;
  items.forEach((item, i) => {
    const x = plot.left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const isMeasured = item.value !== null && item.value !== undefined;
    const value = isMeasured ? item.value : (item.max ?? scale);
    const h = Math.max(isMeasured && item.value > 0 ? 1 : 0, (value / scale) * plot.height);
    const y = plot.top + plot.height - h;
    if (item.max !== undefined && isMeasured) {
      svg.appendChild(el('rect', { class: 'not-measured', x, y: plot.top + plot.height - (item.max / scale) * plot.height, width: w, height: (item.max / scale) * plot.height, 'stroke-dasharray': '1 3' }));
    }
    const bar = el('rect', { class: `bar ${isMeasured ? item.className ?? 'value' : 'not-measured'}`, x, y, width: w, height: Math.max(h, isMeasured ? 0 : 1) });
    svg.appendChild(mark(bar, { key: item.key, readModel: item.readModel, title: `${item.label}: ${isMeasured ? item.value : `not measured (${item.notMeasured ?? ''})`}` }));
    svg.appendChild(el('text', { x: x + w / 2, y: isMeasured ? y - 3 : plot.top + plot.height - 4, 'text-anchor': 'middle' }, isMeasured ? num(item.value) : 'n/m'));
    svg.appendChild(el('text', { x: x + w / 2, y: height - 30, 'text-anchor': 'middle' }, item.label.length > Math.max(3, Math.floor(slot / 7)) ? `${item.label.slice(0, Math.max(3, Math.floor(slot / 7)) - 1)}…` : item.label));
  });
  return svg;
};

/**
 * Stacked bars per category (`categories`: labels), series `{ name, className, values: [{ value, key, readModel }] }`
 * stacked in order; `overlay` (optional) a series drawn as dots on top, e.g. dossiers overdue.
 */
export const stackedBarChart = (categories, series, { title, overlay } = {}) => {
  const width = Math.max(360, 50 + categories.length * 22);
  const height = 240;
  const svg = svgOf(width, height, title);
  if (categories.length === 0) return empty(svg, width, height, 'no figures for this choice');
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i]?.value ?? 0), 0));
  const overlayMax = overlay === undefined ? 0 : Math.max(...overlay.values.map((v) => v?.value ?? 0));
  const scale = niceMax(Math.max(...totals, overlayMax));
  const plot = { left: 36, top: 10, width: width - 46, height: height - 50 };
  axis(svg, { ...plot, max: scale });
  const slot = plot.width / categories.length;
  categories.forEach((label, i) => {
    let base = plot.top + plot.height;
    const x = plot.left + i * slot + slot * 0.12;
    const w = slot * 0.76;
    for (const s of series) {
      const point = s.values[i];
      const value = point?.value ?? 0;
      if (value <= 0) continue;
      const h = (value / scale) * plot.height;
      base -= h;
      svg.appendChild(mark(el('rect', { class: `bar ${s.className}`, x, y: base, width: w, height: h }), { key: point.key, readModel: point.readModel, title: `${label} · ${s.name}: ${value}` }));
    }
    if (overlay !== undefined) {
      const point = overlay.values[i];
      if (point !== undefined && point.value !== null && point.value !== undefined) {
        const cy = plot.top + plot.height - (point.value / scale) * plot.height;
        svg.appendChild(mark(el('circle', { class: `dot ${overlay.className}`, cx: x + w / 2, cy, r: 3.5 }), { key: point.key, readModel: point.readModel, title: `${label} · ${overlay.name}: ${point.value}` }));
      }
    }
    if (categories.length <= 12 || i % Math.ceil(categories.length / 12) === 0) {
      svg.appendChild(el('text', { x: x + w / 2, y: height - 24, 'text-anchor': 'middle' }, label));
    }
  });
  return svg;
};

/** A line over points `{ label, value, key, readModel }` (a gap where not measured), on 0..max. */
export const lineChart = (points, { title, max = 100 } = {}) => {
  const width = Math.max(360, 60 + points.length * 60);
  const height = 220;
  const svg = svgOf(width, height, title);
  if (points.every((p) => p.value === null || p.value === undefined)) return empty(svg, width, height, 'no figures for this choice');
  const plot = { left: 40, top: 12, width: width - 60, height: height - 52 };
  axis(svg, { ...plot, max });
  const step = points.length > 1 ? plot.width / (points.length - 1) : 0;
  const xy = points.map((p, i) => [plot.left + (points.length > 1 ? i * step : plot.width / 2), p.value === null || p.value === undefined ? null : plot.top + plot.height - (p.value / max) * plot.height]);
  let d = '';
  xy.forEach(([x, y], i) => {
    if (y === null) return;
    d += `${d === '' || xy[i - 1]?.[1] === null ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  svg.appendChild(el('path', { class: 'line', d }));
  points.forEach((p, i) => {
    const [x, y] = xy[i];
    if (y !== null) {
      svg.appendChild(mark(el('circle', { class: 'dot value', cx: x, cy: y, r: 4 }), { key: p.key, readModel: p.readModel, title: `${p.label}: ${p.value}` }));
      svg.appendChild(el('text', { x, y: y - 8, 'text-anchor': 'middle' }, num(p.value)));
    }
    svg.appendChild(el('text', { x, y: height - 24, 'text-anchor': 'middle' }, p.label));
  });
  return svg;
};

export const legend = (entries) => {
  const div = document.createElement('div');
  div.className = 'legend';
  for (const [className, text] of entries) {
    const span = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.className = className;
    span.append(swatch, text);
    div.append(span);
  }
  return div;
};
