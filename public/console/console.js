// The live console: signs in with the session cookie, lists the tenant's tasks, campaigns and
// broadcasts through the REST API, and moves their bars with Socket.IO task events.
import { io } from '/console/vendor/socket.io.esm.min.js';
import { drawTimeline } from '/console/chart.js';

const $ = (selector) => document.querySelector(selector);
const fmt = new Intl.NumberFormat();
const ACTIVE = new Set(['pending', 'in_progress']);
const KIND_LABEL = { 'phone-generation': 'Generation', 'phone-validation': 'Validation', 'contact-import': 'Import', campaign: 'Campaign run' };
// The access JWT from this tab's sign-in, for the Socket.IO handshake (REST calls use the cookie).
const TOKENS_KEY = 'switchboard.console.tokens';
const RATE_WINDOW_MS = 10_000;

const state = {
  me: null,
  socket: null,
  tasks: new Map(),
  campaigns: new Map(),
  /** task_id or `campaign:<id>` → recent `{t, n}` samples of its processed count, for the rate. */
  samples: new Map(),
  chartCampaignId: null,
  pollTimer: null,
};

class ApiError extends Error {
  constructor(status, body) {
    super(messageOf(body) ?? `HTTP ${status}`);
    this.status = status;
  }
}

function messageOf(body) {
  if (!body || typeof body !== 'object') return null;
  if (typeof body.detail === 'string') return body.detail;
  if (typeof body.message === 'string' && body.message !== 'Errors') return body.message;
  const errors = body.errors ?? body;
  for (const value of Object.values(errors)) if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return typeof body.error === 'string' ? body.error : null;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed;
}

const tokens = {
  get: () => JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? 'null'),
  set: (value) => (value ? sessionStorage.setItem(TOKENS_KEY, JSON.stringify(value)) : sessionStorage.removeItem(TOKENS_KEY)),
};

function notice(text) {
  $('#notice').textContent = text ?? '';
}

function throttle(fn, ms) {
  let timer = null;
  let again = false;
  return () => {
    if (timer) {
      again = true;
      return;
    }
    fn();
    timer = setTimeout(function tick() {
      timer = null;
      if (again) {
        again = false;
        fn();
        timer = setTimeout(tick, ms);
      }
    }, ms);
  };
}

// ---- sign-in ----

async function boot() {
  try {
    const profile = await api('GET', '/api/auth/profile/');
    state.me = profile.data ?? profile;
  } catch (err) {
    if (err.status === 401) return showSignIn();
    return notice(`The API did not answer: ${err.message}`);
  }
  $('#sign-in').hidden = true;
  $('#board').hidden = false;
  $('#sign-out').hidden = false;
  $('#who').textContent = `${state.me.email}${state.me.active_tenant ? ` · ${state.me.active_tenant.name ?? `tenant ${state.me.active_tenant.id}`}` : ''}`;
  connectSocket();
  await refreshAll();
  schedulePolling();
}

function showSignIn() {
  state.me = null;
  $('#board').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  $('#sign-in').hidden = false;
  $('#sign-in-form [name=login]').focus();
}

async function signIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const login = form.login.value.trim();
  $('#sign-in-error').textContent = '';
  try {
    const answer = await api('POST', '/api/auth/login/', { [login.includes('@') ? 'email' : 'username']: login, password: form.password.value });
    tokens.set({ access: answer.access, refresh: answer.refresh });
    form.password.value = '';
    await boot();
  } catch (err) {
    $('#sign-in-error').textContent = err.message;
  }
}

async function signOut() {
  const held = tokens.get();
  tokens.set(null);
  state.me = null;
  state.socket?.disconnect();
  state.socket = null;
  clearInterval(state.pollTimer);
  setLive('offline');
  await api('POST', '/api/auth/logout/', held?.refresh ? { refresh: held.refresh } : {}).catch(() => undefined);
  showSignIn();
}

// ---- live updates ----

function setLive(mode) {
  const badge = $('#live');
  badge.dataset.state = mode;
  badge.textContent = { live: 'live (Socket.IO)', polling: 'polling every 2 s', offline: 'offline' }[mode];
}

/**
 * Socket.IO with this tab's access token; a refused token is rotated once with the refresh token. A
 * tab without a token tries the handshake bare (the session cookie, where the server accepts it for
 * same-origin pages), and otherwise polls the REST API.
 */
function connectSocket() {
  state.socket?.disconnect();
  const socket = io({ path: '/socket.io/', auth: (cb) => cb(tokens.get()?.access ? { token: tokens.get().access } : {}) });
  state.socket = socket;
  socket.on('connect', () => {
    setLive('live');
    schedulePolling();
    for (const task of state.tasks.values()) if (ACTIVE.has(task.status)) socket.emit('subscribe', { task_id: task.task_id });
  });
  socket.on('disconnect', () => {
    setLive('polling');
    schedulePolling();
  });
  let rotated = false;
  socket.on('connect_error', async () => {
    setLive('polling');
    schedulePolling();
    if (socket.active) return; // a transport failure: the client retries by itself
    const held = tokens.get();
    if (held?.refresh && !rotated) {
      rotated = true;
      try {
        const rotated = await api('POST', '/api/auth/token/refresh/', { refresh: held.refresh });
        tokens.set({ access: rotated.access, refresh: rotated.refresh });
        return socket.connect();
      } catch {
        tokens.set(null);
      }
    }
    if (held) socket.connect(); // once more, bare
    else socket.close();
  });
  for (const type of ['task_started', 'task_progress', 'task_completed', 'task_failed', 'task_cancelled']) socket.on(type, onTaskEvent);
}

function onTaskEvent(event) {
  const badge = $('#live');
  badge.dataset.events = String(Number(badge.dataset.events) + 1);
  const task = state.tasks.get(event.task_id);
  if (!task) return refreshSoon();
  if (event.type === 'task_progress') {
    Object.assign(task, { status: event.status, progress: event.progress, current_step: event.current_step, processed_items: event.processed_items, total_items: event.total_items });
  } else if (event.type === 'task_started') {
    task.status = 'in_progress';
  } else {
    task.status = event.status;
    task.progress = event.type === 'task_completed' ? 100 : task.progress;
    task.result = event.result_data ?? task.result;
    task.error = event.error_message ?? task.error;
    task.completed_at = event.timestamp;
    refreshSoon();
  }
  sample(task.task_id, task.processed_items);
  if (task.kind === 'campaign') refreshCampaignsSoon();
  else renderTask(task);
}

function schedulePolling() {
  clearInterval(state.pollTimer);
  if (!state.me) return;
  // Live: a slow sweep for what sockets do not carry (other members' new jobs, broadcasts).
  state.pollTimer = setInterval(refreshAll, state.socket?.connected ? 10_000 : 2_000);
}

// ---- rates ----

function sample(key, n) {
  const now = Date.now();
  const list = state.samples.get(key) ?? [];
  if (!list.length || list[list.length - 1].n !== n) list.push({ t: now, n });
  while (list.length > 2 && now - list[0].t > RATE_WINDOW_MS) list.shift();
  state.samples.set(key, list);
}

/** Items per second: over the last seconds while it moves, else the average of the whole run. */
function rateOf(key, processed, startedAt, endedAt) {
  const list = state.samples.get(key) ?? [];
  if (!endedAt && list.length >= 2) {
    const first = list[0];
    const last = list[list.length - 1];
    if (last.t > first.t) return { perSecond: ((last.n - first.n) * 1000) / (last.t - first.t), basis: 'now' };
  }
  if (!startedAt || !processed) return null;
  const seconds = ((endedAt ? Date.parse(endedAt) : Date.now()) - Date.parse(startedAt)) / 1000;
  return seconds > 0 ? { perSecond: processed / seconds, basis: 'average' } : null;
}

function rateText(rate, remaining) {
  if (!rate) return '—';
  const text = `${fmt.format(Math.round(rate.perSecond))}/s${rate.basis === 'average' ? ' avg' : ''}`;
  if (rate.basis !== 'now' || !remaining || rate.perSecond <= 0) return text;
  return `${text} · ~${fmt.format(Math.ceil(remaining / rate.perSecond))} s left`;
}

// ---- data ----

const refreshSoon = throttle(() => void refreshAll(), 1_000);
const refreshCampaignsSoon = throttle(() => void refreshCampaigns(), 1_000);
// The timeline reads the campaign's whole ledger: at most every 5 s.
const refreshChartSoon = throttle(() => void refreshChart().catch((err) => notice(err.message)), 5_000);

async function refreshAll() {
  if (!state.me) return;
  try {
    await Promise.all([refreshTasks(), refreshCampaigns(), refreshBroadcasts()]);
  } catch (err) {
    if (err.status === 401) return signOut();
    notice(`Could not refresh: ${err.message}`);
  }
}

async function refreshTasks() {
  const { results } = await api('GET', '/api/console/tasks/?limit=50');
  const seen = new Set();
  for (const task of results) {
    seen.add(task.task_id);
    const known = state.tasks.get(task.task_id);
    // A pushed figure may be newer than the row read a moment ago.
    if (known && ACTIVE.has(task.status) && known.processed_items > task.processed_items) Object.assign(task, { processed_items: known.processed_items, progress: known.progress });
    if (!known && ACTIVE.has(task.status) && state.socket?.connected) state.socket.emit('subscribe', { task_id: task.task_id });
    state.tasks.set(task.task_id, task);
    sample(task.task_id, task.processed_items);
  }
  for (const id of [...state.tasks.keys()]) if (!seen.has(id)) state.tasks.delete(id);
  renderTasks();
}

async function refreshCampaigns() {
  const answer = await api('GET', '/api/messaging/campaigns/?page_size=20');
  state.campaigns = new Map(answer.data.results.map((c) => [c.id, c]));
  for (const c of state.campaigns.values()) sample(`campaign:${c.id}`, c.sent_count + c.failed_count);
  renderCampaigns();
  if (state.chartCampaignId !== null) refreshChartSoon();
}

async function refreshBroadcasts() {
  const { results } = await api('GET', '/api/console/broadcasts/?limit=20');
  renderBroadcasts(results);
}

async function refreshChart() {
  const id = state.chartCampaignId;
  const campaign = state.campaigns.get(id);
  if (!campaign) return;
  const { points } = await api('GET', `/api/console/campaigns/${id}/timeline/`);
  $('#chart-panel').hidden = false;
  $('#chart-title').textContent = `${campaign.name}: sent, delivered and failed over time`;
  drawTimeline($('#chart'), points);
}

// ---- actions ----

async function act(button, run) {
  button.disabled = true;
  notice('');
  try {
    await run();
  } catch (err) {
    notice(err.message);
  } finally {
    button.disabled = false;
    await refreshAll();
  }
}

function cancelTask(task) {
  if (task.kind === 'contact-import') return api('POST', `/api/upload/${encodeURIComponent(task.upload_id)}/cancel/`, {});
  return api('POST', `/api/phone-generator/tasks/${task.task_id}/cancel/`, { user_id: String(state.me.id) });
}

async function startGeneration(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('button');
  await act(button, async () => {
    const answer = await api('POST', '/api/phone-generator/generate-numbers-enhanced/', {
      user_id: String(state.me.id),
      area_code: form.area_code.value.trim(),
      quantity: Number(form.quantity.value),
    });
    notice(`Generation started: task ${answer.data.task_id}.`);
  });
}

// ---- rendering (text through textContent only: nothing the API says is parsed as HTML) ----

function cell(row, text, className) {
  const td = row.insertCell();
  if (className) td.className = className;
  if (text !== undefined) td.textContent = text;
  return td;
}

function sub(td, text) {
  if (!text) return;
  const span = document.createElement('span');
  span.className = 'sub';
  span.textContent = text;
  td.append(span);
}

function bar(td, percent, label) {
  const progress = document.createElement('progress');
  progress.max = 100;
  progress.value = Math.max(0, Math.min(100, percent));
  progress.setAttribute('aria-label', label);
  td.append(progress, ` ${Math.round(percent)} %`);
}

function statusCell(row, status) {
  const td = cell(row, status.replace('_', ' '), 'status');
  td.dataset.status = status;
  return td;
}

function button(td, label, action, run) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  b.addEventListener('click', () => act(b, run));
  td.append(b);
}

function resultSummary(result) {
  if (!result || typeof result !== 'object') return '';
  return Object.entries(result)
    .filter(([, v]) => typeof v === 'number')
    .slice(0, 5)
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${fmt.format(v)}`)
    .join(' · ');
}

function taskRow(task) {
  const row = document.createElement('tr');
  row.dataset.taskId = task.task_id;
  row.dataset.status = task.status;
  const name = cell(row, KIND_LABEL[task.kind] ?? task.kind);
  sub(name, task.name);
  statusCell(row, task.status);
  const progress = cell(row);
  bar(progress, task.progress, `${task.name} progress`);
  sub(progress, task.error ?? task.current_step);
  const counts = cell(row, `${fmt.format(task.processed_items)} / ${fmt.format(task.total_items)}`, 'num');
  sub(counts, resultSummary(task.result));
  const rate = rateOf(task.task_id, task.processed_items, task.started_at, ACTIVE.has(task.status) ? null : task.completed_at);
  cell(row, rateText(rate, task.total_items - task.processed_items), 'num');
  const actions = cell(row);
  if (ACTIVE.has(task.status)) button(actions, 'Cancel', 'cancel', () => cancelTask(task));
  if (task.kind === 'contact-import' && task.upload_id !== null && !ACTIVE.has(task.status)) {
    const link = document.createElement('a');
    link.href = `/api/upload/${encodeURIComponent(task.upload_id)}/rejected.csv`;
    link.textContent = 'Rejected rows';
    link.dataset.action = 'rejected-rows';
    link.setAttribute('download', '');
    actions.append(link);
  }
  return row;
}

function renderTask(task) {
  const existing = document.querySelector(`#tasks tr[data-task-id="${CSS.escape(task.task_id)}"]`);
  if (existing) existing.replaceWith(taskRow(task));
  else renderTasks();
}

function renderTasks() {
  const shown = [...state.tasks.values()].filter((t) => t.kind !== 'campaign');
  $('#tasks tbody').replaceChildren(...shown.map(taskRow));
  document.querySelector('[data-empty-for=tasks]').hidden = shown.length > 0;
}

function campaignRow(c) {
  const row = document.createElement('tr');
  row.dataset.campaignId = String(c.id);
  row.dataset.status = c.status;
  const name = cell(row);
  const link = document.createElement('a');
  link.className = 'campaign-name';
  link.textContent = c.name;
  link.addEventListener('click', () => {
    state.chartCampaignId = c.id;
    void refreshChart().catch((err) => notice(err.message));
  });
  name.append(link);
  sub(name, `${c.campaign_type_display ?? c.campaign_type} · ${fmt.format(c.total_recipients)} recipients`);
  statusCell(row, c.status);
  bar(cell(row), c.progress_percentage ?? 0, `${c.name} progress`);
  const counts = cell(row, `${fmt.format(c.sent_count)} · ${fmt.format(c.delivered_count)} · ${fmt.format(c.failed_count)}`, 'num');
  if (c.unknown_count) sub(counts, `${fmt.format(c.unknown_count)} unknown`);
  const rates = cell(row, `delivery ${c.delivery_rate ?? 0} %`, 'num');
  const running = c.status === 'running';
  const rate = rateOf(`campaign:${c.id}`, c.sent_count + c.failed_count, c.started_at, running ? null : (c.completed_at ?? c.updated_at));
  sub(rates, rateText(rate, Math.round((c.total_recipients * (100 - (c.progress_percentage ?? 0))) / 100)));
  const actions = cell(row);
  const path = (verb) => `/api/messaging/campaigns/${c.id}/${verb}/`;
  if (c.can_start) button(actions, 'Start', 'start', () => api('POST', path('start')));
  if (c.can_pause) button(actions, 'Pause', 'pause', () => api('POST', path('pause')));
  if (c.can_resume) button(actions, 'Resume', 'resume', () => api('POST', path('resume')));
  if (c.can_cancel) button(actions, 'Cancel', 'cancel', () => api('POST', path('cancel')));
  return row;
}

function renderCampaigns() {
  const rows = [...state.campaigns.values()].map(campaignRow);
  $('#campaigns tbody').replaceChildren(...rows);
  document.querySelector('[data-empty-for=campaigns]').hidden = rows.length > 0;
}

function renderBroadcasts(broadcasts) {
  const rows = broadcasts.map((b) => {
    const row = document.createElement('tr');
    row.dataset.messageId = b.message_id;
    const message = cell(row, b.message.length > 60 ? `${b.message.slice(0, 60)}…` : b.message);
    sub(message, b.message_id);
    statusCell(row, b.status);
    const done = b.sent_count + b.failed_count;
    bar(cell(row), b.recipients_count ? (100 * done) / b.recipients_count : b.status === 'completed' ? 100 : 0, `${b.message_id} progress`);
    cell(row, `${fmt.format(b.sent_count)} · ${fmt.format(b.failed_count)} · ${fmt.format(b.recipients_count)}`, 'num');
    cell(row, new Date(b.created_at).toLocaleString());
    return row;
  });
  $('#broadcasts tbody').replaceChildren(...rows);
  document.querySelector('[data-empty-for=broadcasts]').hidden = rows.length > 0;
}

$('#sign-in-form').addEventListener('submit', signIn);
$('#generate-form').addEventListener('submit', startGeneration);
$('#sign-out').addEventListener('click', () => void signOut());
void boot();
