// The dashboard page: one broker connection feeding the model, the model drawn as station
// cards, the event feed, the usage charts and the coach panel. Parts are redrawn only when a
// message changed them, at most once a frame.

import { brokerUrl, Link } from './connection.js';
import { apply, createModel, sortedStations } from './model.js';
import { subscriptions } from './topics.js';
import { usageCharts } from './usage.js';
import { renderGrid } from './view/grid.js';
import { FEED_TYPES, renderFeed, renderStationFilter } from './view/feed.js';
import { renderCharts } from './view/charts.js';
import { createCoachPanel } from './view/coach.js';
import { fill, h } from './view/dom.js';
import { createHistoryView } from './view/history.js';
import { localDate, periodDates, refusalText, requestTopic, responseTopic } from './history.js';
import { timeOfDay } from './format.js';
import { alertSubscription, applyAlert, isAlertTopic } from './alerts.js';
import { renderAlerts } from './view/alerts.js';
import { createFacilityPicker, facilitiesOf, showFacilityCards } from './view/facility_picker.js';
import { language, LANGUAGES, STORAGE_KEY, t, tn, translatePage } from './i18n.js';

const CREDENTIALS = 'rollstation.dashboard.credentials';
const params = new URLSearchParams(location.search);
const root = params.get('root') || 'rollstation';
const model = createModel(root);
const $ = (id) => document.getElementById(id);

const ui = {
  stations: $('stations'),
  feed: $('feed-list'),
  feedStation: $('feed-station'),
  feedType: $('feed-type'),
  charts: $('charts'),
  usageSummary: $('usage-summary'),
  connection: $('connection'),
  account: $('account'),
  clock: $('clock'),
  signIn: $('sign-in'),
  signInForm: $('sign-in-form'),
  signInWhy: $('sign-in-why'),
  signInError: $('sign-in-error'),
  coach: $('coach'),
  coachToggle: $('coach-toggle'),
  signOut: $('sign-out'),
  duplicates: $('duplicates'),
  language: $('language'),
};

translatePage(document);
let usageRange = 'today';
const alerts = new Map();
const facilityPicker = createFacilityPicker($('facility'), {
  initial: params.get('facility') || '',
  onChange() {
    redraw(['facility']);
    if (historyFacility()) askHistory(historyState.period, historyState.custom);
  },
});
const filter = { station: '', type: '' };
fill(ui.feedType, FEED_TYPES.map(([value, text]) => h('option', { value }, text)));

// Local storage, unless the browser refuses it (private modes, policies): then nothing is kept.
function localStorageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function storedCredentials() {
  try {
    const c = JSON.parse(sessionStorage.getItem(CREDENTIALS) ?? 'null');
    return c && typeof c.username === 'string' && typeof c.password === 'string' ? c : null;
  } catch {
    return null;
  }
}

// Redraws what changed, once per frame however many messages arrived.
const pending = new Set();
let scheduled = false;
function redraw(changed) {
  for (const c of changed) pending.add(c);
  if (scheduled || pending.size === 0) return;
  scheduled = true;
  const run = () => {
    if (!scheduled) return;
    scheduled = false;
    const now = Date.now();
    const parts = new Set(pending);
    pending.clear();
    if (parts.has('stations') || parts.has('classes') || parts.has('facility')) {
      renderGrid(ui.stations, model, now);
      renderStationFilter(ui.feedStation, sortedStations(model));
      facilityPicker.offer(facilitiesOf(model.stations.keys()));
      showFacilityCards(ui.stations, facilityPicker.value());
    }
    if (parts.has('alerts') || parts.has('facility')) renderAlerts($('alerts'), alerts, facilityPicker.value(), now);
    if (parts.has('feed') || parts.has('stations') || parts.has('routines')) renderFeed(ui.feed, model, filter);
    if (parts.has('usage') || parts.has('routines') || parts.has('stations')) renderCharts(ui.charts, ui.usageSummary, usageCharts(model, usageRange));
    coach.update(parts);
    document.body.dataset.duplicates = String(model.duplicates);
    fill(ui.duplicates, tn('footer.duplicates', model.stations.size, { dropped: model.duplicates }));
  };
  requestAnimationFrame(run);
  setTimeout(run, 250); // a tab in the background gets no frames; it still stays current
}

const STATE_WORDS = { connecting: t('connection.connecting'), online: t('connection.online'), offline: t('connection.offline'), refused: t('connection.refused') };

function showSignIn(why, error = '') {
  fill(ui.signInWhy, why);
  fill(ui.signInError, error);
  if (!ui.signIn.open) ui.signIn.showModal();
  ui.signInForm.elements.username.focus();
}

const link = new Link({
  url: brokerUrl(location, params),
  topics: [...subscriptions(root), alertSubscription(root)],
  onMessage(topic, text, retained) {
    if (isAlertTopic(topic, root)) {
      if (applyAlert(alerts, topic, text, root)) redraw(['alerts']);
      return;
    }
    redraw(apply(model, topic, text, { retained }));
    if (historyState.status === 'idle' && historyState.period !== 'custom' && historyFacility()) askHistory(historyState.period, historyState.custom);
  },
  onState({ state, detail }) {
    document.body.dataset.connection = state;
    fill(ui.connection, STATE_WORDS[state] ?? state);
    ui.connection.title = detail ?? '';
    if (state === 'online') {
      // Asked once a station names the facility (or ?facility= does); again after an error.
      if (historyState.status === 'error') historyState.status = 'idle';
      if (historyFacility()) setTimeout(() => askHistory(historyState.period, historyState.custom), 0);
      if (link.credentials) sessionStorage.setItem(CREDENTIALS, JSON.stringify(link.credentials));
      if (ui.signIn.open) ui.signIn.close();
      showAccount();
    } else if (state === 'refused') {
      if (link.credentials) sessionStorage.removeItem(CREDENTIALS);
      showSignIn(t('signIn.why'), detail ?? '');
    }
  },
});

function showAccount() {
  fill(ui.account, link.username ? t('account.signedIn', { name: link.username }) : t('account.none'));
  ui.signOut.hidden = !link.username;
  coach.setAccount(link.username);
}

const coach = createCoachPanel(ui.coach, {
  model,
  link,
  requestSignIn: () => showSignIn(t('signIn.whyCoach')),
  storage: localStorageOrNull(),
});

ui.signInForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const username = ui.signInForm.elements.username.value.trim();
  const password = ui.signInForm.elements.password.value;
  if (!username) {
    fill(ui.signInError, t('signIn.noUsername'));
    return;
  }
  fill(ui.signInError);
  ui.signInForm.elements.password.value = '';
  link.connect({ username, password });
});
$('sign-in-cancel').addEventListener('click', () => ui.signIn.close());
ui.signOut.addEventListener('click', () => {
  sessionStorage.removeItem(CREDENTIALS);
  link.connect(null);
});
ui.coachToggle.addEventListener('click', () => {
  ui.coach.hidden = !ui.coach.hidden;
  ui.coachToggle.setAttribute('aria-expanded', String(!ui.coach.hidden));
  if (!ui.coach.hidden) ui.coach.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
});
ui.feedStation.addEventListener('change', () => {
  filter.station = ui.feedStation.value;
  renderFeed(ui.feed, model, filter);
});
ui.feedType.addEventListener('change', () => {
  filter.type = ui.feedType.value;
  renderFeed(ui.feed, model, filter);
});
// The language: the page's choice is remembered, and the page drawn again in it.
fill(ui.language, LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code }, name)));
ui.language.value = language();
ui.language.addEventListener('change', () => {
  const url = new URL(location.href);
  try {
    localStorageOrNull().setItem(STORAGE_KEY, ui.language.value);
    url.searchParams.delete('lang');
  } catch {
    url.searchParams.set('lang', ui.language.value); // not remembered: the address says it
  }
  location.assign(url);
});
for (const tab of document.querySelectorAll('[data-range]')) {
  tab.addEventListener('click', () => {
    usageRange = tab.dataset.range;
    for (const t of document.querySelectorAll('[data-range]')) t.setAttribute('aria-selected', String(t === tab));
    renderCharts(ui.charts, ui.usageSummary, usageCharts(model, usageRange));
  });
}

// The clock, and "last seen … ago" on offline cards, move on by themselves.
function tick() {
  fill(ui.clock, timeOfDay(Date.now()));
  coach.tick();
}
tick();
setInterval(tick, 1000);
setInterval(() => redraw(new Set(['stations', 'alerts'])), 30000);

// History: asked of the facility recorder over MQTT request/response (docs/recorder.md).
const historyState = { period: '30', custom: {}, status: 'idle', answer: null, error: '', pending: null };
let historyZone = '';
let historyTimer = null;
const historyView = createHistoryView($('history'), { onPeriod: (period, custom) => askHistory(period, custom) });
function historyFacility() {
  const first = sortedStations(model)[0];
  return facilityPicker.value() || (first ? first.key.split('/')[0] : '');
}
function showHistory(changes) {
  Object.assign(historyState, changes);
  historyView.render(historyState);
}
function onHistoryAnswer(text) {
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    return;
  }
  if (answer?.ok !== true) {
    showHistory({ status: 'error', error: refusalText(answer) });
    return;
  }
  const wanted = historyState.pending;
  if (!wanted || answer.from !== wanted.from || answer.to !== wanted.to) return; // an older request's
  historyZone = answer.timezone || historyZone;
  clearTimeout(historyTimer);
  showHistory({ status: 'ready', answer });
}
function askHistory(period, custom = {}) {
  const today = localDate(new Date(), historyZone || undefined);
  const dates = periodDates(period, today, custom);
  if (!dates) {
    showHistory({ period, custom, status: period === 'custom' && !custom.from ? 'idle' : 'error', error: t('history.badDates') });
    return;
  }
  showHistory({ period, custom, status: 'waiting', pending: dates });
  const facility = historyFacility();
  link.request(requestTopic(root, facility), responseTopic(root, facility, link.clientId), JSON.stringify({ v: 1, ...dates }), onHistoryAnswer)
    .catch((error) => showHistory({ status: 'error', error: t('history.couldNotAsk', { error: error.message }) }));
  clearTimeout(historyTimer);
  historyTimer = setTimeout(() => {
    if (historyState.status === 'waiting') showHistory({ status: 'error', error: t('history.noAnswer') });
  }, 6000);
}
historyView.render(historyState);

redraw(new Set(['stations', 'feed', 'usage']));
link.connect(storedCredentials());
showAccount();
