// A horizontal bar chart drawn as plain SVG: one row per item, its label on the left, the bar,
// and its value in words at the bar's end. Colours and type come from CSS classes (the page's
// security policy allows no inline style); the sizes are SVG attributes.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const LABEL_WIDTH = 190;
const VALUE_ROOM = 90;
const ROW = 30;
const BAR = 18;
const PAD = 8;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * rows: [{ label, value (a number or null), text (the value in words) }]; max: the value of a
 * full bar. title: the chart's accessible name (the numbers are also in a table beside it);
 * track: draw the full bar's length behind each bar.
 */
export function barChart(rows, { max, title, className, track = false }) {
  const height = PAD * 2 + Math.max(1, rows.length) * ROW;
  const chart = svg('svg', { class: `bar-chart ${className || ''}`.trim(), viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));
  const room = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  chart.append(svg('line', { class: 'chart-axis', x1: LABEL_WIDTH, y1: PAD / 2, x2: LABEL_WIDTH, y2: height - PAD / 2 }));
  rows.forEach((row, i) => {
    const top = PAD + i * ROW;
    const middle = top + ROW / 2;
    const width = row.value === null || max <= 0 ? 0 : Math.max(0, Math.min(1, row.value / max)) * room;
    const group = svg('g', { class: 'chart-row' });
    // A share (of 100 %) reads against the whole: its track is drawn behind the bar.
    if (track && row.value !== null) group.append(svg('rect', { class: 'chart-track', x: LABEL_WIDTH, y: middle - BAR / 2, width: room, height: BAR, rx: 2 }));
    group.append(
      svg('text', { class: 'chart-label', x: LABEL_WIDTH - 8, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, row.label),
      svg('rect', { class: row.value === null ? 'chart-bar chart-bar-none' : 'chart-bar', x: LABEL_WIDTH, y: middle - BAR / 2, width: width.toFixed(1), height: BAR, rx: 2 }),
      svg('text', { class: 'chart-value', x: LABEL_WIDTH + width + 6, y: middle, 'dominant-baseline': 'middle' }, row.text),
    );
    chart.append(group);
  });
  return chart;
}
