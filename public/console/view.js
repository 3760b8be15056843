// Drawing for the console: tables updated in place (a row or button under the pointer is kept, not
// replaced, while events stream in) and the campaign timeline as inline SVG (no chart library).
// Text goes through textContent only: nothing the API says is parsed as HTML.

export const fmt = new Intl.NumberFormat();

function progressOf({ percent, label }) {
  const progress = document.createElement('progress');
  progress.max = 100;
  progress.value = Math.max(0, Math.min(100, percent));
  progress.setAttribute('aria-label', label);
  return progress;
}

function subOf(text) {
  const span = document.createElement('span');
  span.className = 'sub';
  span.textContent = text;
  return span;
}

/** `{label, action, run}` is a button (`run` gets the button); `{label, action, href}` a link. */
function controlOf(control) {
  if (control.href !== undefined) {
    const link = document.createElement('a');
    link.href = control.href;
    link.textContent = control.label;
    if (control.action) link.dataset.action = control.action;
    if (control.className) link.className = control.className;
    if (control.download) link.setAttribute('download', '');
    if (control.run) link.addEventListener('click', () => control.run(link));
    return link;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = control.label;
  button.dataset.action = control.action;
  button.addEventListener('click', () => control.run(button));
  return button;
}

/**
 * A cell from its spec `{text, sub, className, status, bar: {percent, label}, controls: [...]}`,
 * rebuilt only when what it shows changed.
 */
function fillCell(td, spec) {
  const { controls, ...shown } = spec;
  const sig = JSON.stringify({ ...shown, controls: controls?.map((c) => [c.label, c.href]) });
  if (td.dataset.sig === sig) return;
  td.dataset.sig = sig;
  td.className = spec.className ?? '';
  if (spec.status) td.dataset.status = spec.status;
  const nodes = [];
  if (spec.bar) nodes.push(progressOf(spec.bar), ` ${Math.round(spec.bar.percent)} %`);
  if (spec.text !== undefined) nodes.push(spec.text);
  for (const control of controls ?? []) nodes.push(controlOf(control));
  if (spec.sub) nodes.push(subOf(spec.sub));
  td.replaceChildren(...nodes);
}

export const statusSpec = (status) => ({ text: status.replace('_', ' '), className: 'status', status });

/**
 * Makes `tbody` show one row per item, in order, keyed by `data-<key>`: rows are kept and updated,
 * new ones inserted, gone ones removed. Answers the number of rows.
 */
export function syncRows(tbody, items, key, keyOf, cellsOf) {
  const existing = new Map([...tbody.rows].map((row) => [row.dataset[key], row]));
  let cursor = tbody.firstElementChild;
  for (const item of items) {
    const id = String(keyOf(item));
    let row = existing.get(id);
    existing.delete(id);
    if (!row) {
      row = document.createElement('tr');
      row.dataset[key] = id;
    }
    row.dataset.status = item.status;
    const cells = cellsOf(item);
    while (row.cells.length < cells.length) row.insertCell();
    cells.forEach((spec, i) => fillCell(row.cells[i], spec));
    if (row === cursor) cursor = cursor.nextElementSibling;
    else tbody.insertBefore(row, cursor);
  }
  for (const row of existing.values()) row.remove();
  return items.length;
}

// ---- figures ----

const RATE_WINDOW_MS = 10_000;

/** Items per second from the counts seen lately: the rate now while a job moves, its average once it ended. */
export class RateMeter {
  #samples = new Map();

  sample(key, n, now = Date.now()) {
    const list = this.#samples.get(key) ?? [];
    if (!list.length || list[list.length - 1].n !== n) list.push({ t: now, n });
    while (list.length > 2 && now - list[1].t > RATE_WINDOW_MS) list.shift();
    this.#samples.set(key, list);
  }

  rateOf(key, processed, startedAt, endedAt, now = Date.now()) {
    const list = this.#samples.get(key) ?? [];
    if (!endedAt && list.length >= 2) {
      const first = list[0];
      const last = list[list.length - 1];
      // A job that has not moved for the whole window runs at 0/s now, whatever it did before.
      if (now - last.t > RATE_WINDOW_MS) return { perSecond: 0, basis: 'now' };
      if (last.t > first.t) return { perSecond: ((last.n - first.n) * 1000) / (last.t - first.t), basis: 'now' };
    }
    if (!startedAt || !processed) return null;
    const seconds = ((endedAt ? Date.parse(endedAt) : now) - Date.parse(startedAt)) / 1000;
    return seconds > 0 ? { perSecond: processed / seconds, basis: 'average' } : null;
  }
}

/** `5,845/s · ~158 s left` while it moves, `6,078/s avg` once it ended. */
export function rateText(rate, remaining) {
  if (!rate) return '—';
  const text = `${fmt.format(Math.round(rate.perSecond))}/s${rate.basis === 'average' ? ' avg' : ''}`;
  if (rate.basis !== 'now' || !remaining || rate.perSecond <= 0) return text;
  return `${text} · ~${fmt.format(Math.ceil(remaining / rate.perSecond))} s left`;
}

/** The numbers of a task's result, as `created 10 · rejected 2`. */
export function resultSummary(result) {
  if (!result || typeof result !== 'object') return '';
  return Object.entries(result)
    .filter(([, v]) => typeof v === 'number')
    .slice(0, 5)
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${fmt.format(v)}`)
    .join(' · ');
}

// ---- the timeline: cumulative sent / delivered / failed over time ----
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
