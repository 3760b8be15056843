// The live console: signs in with the session cookie, lists the tenant's tasks, campaigns and
// broadcasts through the REST API, and moves their bars with Socket.IO task events.
import { io } from '/console/vendor/socket.io.esm.min.js';
import { drawTimeline, fmt, RateMeter, rateText, resultSummary, statusSpec, syncRows } from '/console/view.js';

const $ = (selector) => document.querySelector(selector);
const ACTIVE = new Set(['pending', 'in_progress']);
const KIND_LABEL = { 'phone-generation': 'Generation', 'phone-validation': 'Validation', 'contact-import': 'Import', campaign: 'Campaign run' };
// The access JWT from this tab's sign-in, for the Socket.IO handshake (REST calls use the cookie).
const TOKENS_KEY = 'switchboard.console.tokens';

const state = {
  me: null,
  socket: null,
  tasks: new Map(),
  campaigns: new Map(),
  /** Processed counts by task_id or `campaign:<id>`, for the rates. */
  rates: new RateMeter(),
  chartCampaignId: null,
  chartRestUntil: 0,
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
  dropSocket();
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
function dropSocket() {
  state.socket?.off();
  state.socket?.disconnect();
  state.socket = null;
}

function connectSocket() {
  dropSocket();
  // WebSocket only: no long-polling requests to outlive a refused handshake; the REST polling is the fallback.
  const socket = io({ path: '/socket.io/', transports: ['websocket'], auth: (cb) => cb(tokens.get()?.access ? { token: tokens.get().access } : {}) });
  state.socket = socket;
  socket.on('connect', () => {
    setLive('live');
    schedulePolling();
    for (const task of state.tasks.values()) if (ACTIVE.has(task.status)) socket.emit('subscribe', { task_id: task.task_id });
    refreshSoon(); // after a reconnect: what happened while the socket was down
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
        const fresh = await api('POST', '/api/auth/token/refresh/', { refresh: held.refresh });
        tokens.set({ access: fresh.access, refresh: fresh.refresh });
        return socket.connect();
      } catch {
        // the refresh token is spent too: fall through to the bare handshake
      }
    }
    if (!held) return socket.close(); // the bare handshake was refused: polling it is
    tokens.set(null);
    socket.connect();
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
  state.rates.sample(task.task_id, task.processed_items);
  if (task.kind === 'campaign') refreshCampaignsSoon();
  else renderTasks();
}

function schedulePolling() {
  clearInterval(state.pollTimer);
  if (!state.me) return;
  // Live: a slow sweep for what sockets do not carry (other members' new jobs, broadcasts).
  state.pollTimer = setInterval(refreshAll, state.socket?.connected ? 10_000 : 2_000);
}

// ---- data ----

const refreshSoon = throttle(() => void refreshAll(), 1_000);
const refreshCampaignsSoon = throttle(() => void refreshCampaigns(), 1_000);

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
    state.rates.sample(task.task_id, task.processed_items);
  }
  for (const id of [...state.tasks.keys()]) if (!seen.has(id)) state.tasks.delete(id);
  renderTasks();
}

async function refreshCampaigns() {
  const answer = await api('GET', '/api/messaging/campaigns/?page_size=20');
  state.campaigns = new Map(answer.data.results.map((c) => [c.id, c]));
  for (const c of state.campaigns.values()) state.rates.sample(`campaign:${c.id}`, c.sent_count + c.failed_count);
  renderCampaigns();
  if (state.chartCampaignId !== null) void refreshChart().catch((err) => notice(err.message));
}

async function refreshBroadcasts() {
  const { results } = await api('GET', '/api/console/broadcasts/?limit=20');
  renderBroadcasts(results);
}

/**
 * The timeline reads the campaign's whole ledger, so unless asked for (a click) it is read again only
 * after 5 s, or ten times as long as the last read took, whichever is longer.
 */
async function refreshChart(asked = false) {
  const id = state.chartCampaignId;
  const campaign = state.campaigns.get(id);
  if (!campaign || (!asked && Date.now() < state.chartRestUntil)) return;
  const began = Date.now();
  state.chartRestUntil = Infinity; // one read at a time
  const { points } = await api('GET', `/api/console/campaigns/${id}/timeline/`).finally(() => {
    state.chartRestUntil = Date.now() + Math.max(5_000, 10 * (Date.now() - began));
  });
  if (id !== state.chartCampaignId) return;
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

// ---- rendering ----

const button = (label, action, run) => ({ label, action, run: (el) => act(el, run) });

function taskCells(task) {
  const active = ACTIVE.has(task.status);
  const rate = state.rates.rateOf(task.task_id, task.processed_items, task.started_at, active ? null : task.completed_at);
  const controls = [];
  if (active) controls.push(button('Cancel', 'cancel', () => cancelTask(task)));
  if (task.kind === 'contact-import' && task.upload_id !== null && !active) {
    controls.push({ label: 'Rejected rows', action: 'rejected-rows', href: `/api/upload/${encodeURIComponent(task.upload_id)}/rejected.csv`, download: true });
  }
  return [
    { text: KIND_LABEL[task.kind] ?? task.kind, sub: task.name },
    statusSpec(task.status),
    { bar: { percent: task.progress, label: `${task.name} progress` }, sub: task.error ?? task.current_step },
    { text: `${fmt.format(task.processed_items)} / ${fmt.format(task.total_items)}`, sub: resultSummary(task.result), className: 'num' },
    { text: rateText(rate, task.total_items - task.processed_items), className: 'num' },
    { controls },
  ];
}

function renderTasks() {
  const shown = [...state.tasks.values()].filter((t) => t.kind !== 'campaign');
  const count = syncRows($('#tasks tbody'), shown, 'taskId', (t) => t.task_id, taskCells);
  document.querySelector('[data-empty-for=tasks]').hidden = count > 0;
}

function campaignCells(c) {
  const running = c.status === 'running';
  const rate = state.rates.rateOf(`campaign:${c.id}`, c.sent_count + c.failed_count, c.started_at, running ? null : (c.completed_at ?? c.updated_at));
  const left = Math.round((c.total_recipients * (100 - (c.progress_percentage ?? 0))) / 100);
  const path = (verb) => `/api/messaging/campaigns/${c.id}/${verb}/`;
  const controls = [];
  if (c.can_start) controls.push(button('Start', 'start', () => api('POST', path('start'))));
  if (c.can_pause) controls.push(button('Pause', 'pause', () => api('POST', path('pause'))));
  if (c.can_resume) controls.push(button('Resume', 'resume', () => api('POST', path('resume'))));
  if (c.can_cancel) controls.push(button('Cancel', 'cancel', () => api('POST', path('cancel'))));
  const showChart = () => {
    state.chartCampaignId = c.id;
    void refreshChart(true).catch((err) => notice(err.message));
  };
  return [
    {
      controls: [{ label: c.name, href: '#chart-panel', className: 'campaign-name', run: showChart }],
      sub: `${c.campaign_type_display ?? c.campaign_type} · ${fmt.format(c.total_recipients)} recipients`,
    },
    statusSpec(c.status),
    { bar: { percent: c.progress_percentage ?? 0, label: `${c.name} progress` } },
    {
      text: `${fmt.format(c.sent_count)} · ${fmt.format(c.delivered_count)} · ${fmt.format(c.failed_count)}`,
      sub: c.unknown_count ? `${fmt.format(c.unknown_count)} unknown` : '',
      className: 'num',
    },
    { text: `delivery ${c.delivery_rate ?? 0} %`, sub: rateText(rate, left), className: 'num' },
    { controls },
  ];
}

function renderCampaigns() {
  const count = syncRows($('#campaigns tbody'), [...state.campaigns.values()], 'campaignId', (c) => c.id, campaignCells);
  document.querySelector('[data-empty-for=campaigns]').hidden = count > 0;
}

function broadcastCells(b) {
  const done = b.sent_count + b.failed_count;
  const percent = b.recipients_count ? (100 * done) / b.recipients_count : b.status === 'completed' ? 100 : 0;
  return [
    { text: b.message.length > 60 ? `${b.message.slice(0, 60)}…` : b.message, sub: b.message_id },
    statusSpec(b.status),
    { bar: { percent, label: `${b.message_id} progress` } },
    { text: `${fmt.format(b.sent_count)} · ${fmt.format(b.failed_count)} · ${fmt.format(b.recipients_count)}`, className: 'num' },
    { text: new Date(b.created_at).toLocaleString() },
  ];
}

function renderBroadcasts(broadcasts) {
  const count = syncRows($('#broadcasts tbody'), broadcasts, 'messageId', (b) => b.message_id, broadcastCells);
  document.querySelector('[data-empty-for=broadcasts]').hidden = count > 0;
}

$('#sign-in-form').addEventListener('submit', signIn);
$('#generate-form').addEventListener('submit', startGeneration);
$('#sign-out').addEventListener('click', () => void signOut());
void boot();
