// A campaign's cumulative sent / delivered / failed over time, drawn as inline SVG (no chart library).
const SVG = 'http://www.w3.org/2000/svg';
const SERIES = ['sent', 'delivered', 'failed'];
const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 56, right: 16, top: 28, bottom: 28 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Replaces `container`'s content with the chart of `points` (`[{at, sent, delivered, failed}]`,
 * cumulative, oldest first). With fewer than two points it says so instead.
 */
export function drawTimeline(container, points) {
  container.replaceChildren();
  if (points.length < 2) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'Nothing sent yet: the chart starts with the first message.';
    container.append(p);
    return;
  }
  const times = points.map((p) => Date.parse(p.at));
  const t0 = times[0];
  const t1 = Math.max(times[times.length - 1], t0 + 1);
  const top = Math.max(1, ...points.map((p) => Math.max(p.sent, p.delivered, p.failed)));
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (n) => HEIGHT - PAD.bottom - (n / top) * (HEIGHT - PAD.top - PAD.bottom);

  const svg = el('svg', { class: 'timeline', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': 'Sent, delivered and failed over time' });
  svg.append(
    el('line', { class: 'axis', x1: PAD.left, y1: y(0), x2: WIDTH - PAD.right, y2: y(0) }),
    el('line', { class: 'axis', x1: PAD.left, y1: y(0), x2: PAD.left, y2: y(top) }),
    el('line', { class: 'axis', x1: PAD.left, y1: y(top), x2: WIDTH - PAD.right, y2: y(top) }),
    el('text', { x: PAD.left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'),
    el('text', { x: PAD.left - 6, y: y(top) + 4, 'text-anchor': 'end' }, top.toLocaleString()),
    el('text', { x: PAD.left, y: HEIGHT - 8 }, clock(t0)),
    el('text', { x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end' }, clock(t1)),
  );
  SERIES.forEach((series, i) => {
    const line = points.map((p, j) => `${x(times[j]).toFixed(1)},${y(p[series]).toFixed(1)}`).join(' ');
    svg.append(el('polyline', { class: series, points: line, 'data-series': series, 'data-last': points[points.length - 1][series] }));
    const lx = PAD.left + i * 150;
    svg.append(el('rect', { class: series, x: lx, y: 8, width: 10, height: 10 }));
    svg.append(el('text', { x: lx + 14, y: 17 }, `${series} ${points[points.length - 1][series].toLocaleString()}`));
  });
  container.append(svg);
}
