// The station cards: one per station, online or not, each saying at a glance what the station
// is doing; a station that goes offline greys out and says when it was last seen.

import { h, fill } from './dom.js';
import { abandonReason, ago, capitalized, clock, label, minutes, timeOfDay } from '../format.js';
import { modeOf, routineTitle, sensorsOf, sortedStations } from '../model.js';
import { answerState, latestResult } from '../commands.js';
import { stationToday } from '../usage.js';
import { formatNumber, t as tr, tn } from '../i18n.js'; // `t` is telemetry or today's figures here

// How long a card keeps saying that a class was not joined.
const NOT_JOINED_SHOWN_MS = 15 * 60 * 1000;

const MODE_WORDS = { idle: tr('mode.idle'), browsing: tr('mode.browsing'), session: tr('mode.session'), class_countdown: tr('mode.class_countdown'), offline: tr('mode.offline') };

function number(v, digits = 0) {
  return typeof v === 'number' && Number.isFinite(v) ? formatNumber(v, digits) : null;
}

// The class this station is counting down to, from the answers it sent.
function waitingClass(model, s) {
  let found = null;
  for (const c of model.classes.values()) {
    const last = latestResult(c.results.get(s.key));
    if (last?.result === 'accepted' && (!found || (c.startAt ?? 0) > (found.startAt ?? 0))) found = c;
  }
  return found;
}

// The latest class this station did not join, while it is recent enough to be news.
function notJoinedClass(model, s, now) {
  let found = null;
  for (const c of model.classes.values()) {
    const last = latestResult(c.results.get(s.key));
    if (last?.result === 'not_joined' && now - last.at < NOT_JOINED_SHOWN_MS && (!found || last.at > found.last.at)) found = { c, last };
  }
  return found;
}

// Today's sessions as they went: "3 started · 1 completed · 2 abandoned (left idle, power cut)".
function todayPart(model, s) {
  const t = stationToday(model, s);
  const reasons = t.reasons.map(([code, n]) => (n > 1 ? `${n} ${abandonReason(code)}` : abandonReason(code))).join(', ');
  return h('span', { class: 'today', title: tr('card.today') },
    h('b', {}, String(t.sessions)), tn('card.todayStarted', t.sessions),
    h('b', { class: 'completed' }, String(t.completed)), tn('card.todayCompleted', t.completed),
    h('b', { class: 'abandoned' }, String(t.abandoned)), tn('card.todayAbandoned', t.abandoned),
    reasons ? h('span', { class: 'reasons' }, ` (${reasons})`) : null,
    tr('card.todayEnd'), h('b', {}, minutes(t.activeMinutes)), tr('card.activeMin'));
}

function sessionPart(s) {
  const st = s.state ?? {};
  const t = s.telemetry ?? {};
  const step = st.step ?? {};
  const where = [label(step.area), label(step.tool), step.side && step.side !== 'both' ? label(step.side) : null].filter(Boolean).join(' · ');
  const remaining = typeof t.remaining_s === 'number' ? t.remaining_s : st.remaining_s;
  const phase = t.phase ?? step.phase;
  const tempo = number(t.seconds_per_pass, 1);
  const force = number(t.force_n);
  return [
    h('div', { class: 'routine' }, st.routine_title || st.routine_id || tr('card.aRoutine'), st.source === 'class' ? h('span', { class: 'tag' }, tr('card.classTag')) : null),
    h('div', { class: 'step' }, step.index ? tr('card.step', { index: step.index, count: step.count }) : '', where ? ` · ${where}` : ''),
    h('div', { class: 'countdown' }, h('span', { class: 'left' }, clock(remaining)), h('span', { class: 'phase' }, step.paused ? tr('card.paused') : label(phase))),
    h('dl', { class: 'live' },
      h('div', {}, h('dt', {}, tr('card.tempo')), h('dd', {}, tempo ? tr('card.secondsPerPass', { value: tempo }) : '–')),
      h('div', {}, h('dt', {}, tr('card.pressure')), h('dd', {}, force ? tr('card.newtons', { value: force }) : '–')),
      h('div', {}, h('dt', {}, tr('card.passes')), h('dd', {}, number(t.passes) ?? '–'))),
    t.cue ? h('div', { class: 'cue' }, t.cue) : null,
  ];
}

function card(model, s, now, manyFacilities) {
  const mode = modeOf(s);
  const sensors = sensorsOf(s);
  const body = [];
  if (mode === 'session') {
    body.push(...sessionPart(s));
  } else if (mode === 'class_countdown') {
    const c = waitingClass(model, s);
    body.push(h('div', { class: 'routine' }, c ? routineTitle(model, c.routineId) || c.routineTitle : tr('card.aClass')));
    const overdue = c && answerState(c.results.get(s.key), c.startAt, now).state === 'overdue';
    const when = overdue ? tr('card.startPassed', { time: timeOfDay(c.startAt) }) : c?.startAt ? tr('card.starts', { time: timeOfDay(c.startAt) }) : '';
    if (when) body.push(h('div', { class: `step${overdue ? ' overdue' : ''}` }, `${when}${c.coach ? ` · ${c.coach}` : ''}`));
  } else if (mode === 'offline') {
    body.push(h('div', { class: 'step' }, s.lastSeen ? tr('card.lastSeen', { time: timeOfDay(s.lastSeen), ago: ago(s.lastSeen, now) }) : tr('card.notSeen')));
  }
  const missed = mode === 'class_countdown' ? null : notJoinedClass(model, s, now);
  if (missed) {
    const title = routineTitle(model, missed.c.routineId) || missed.c.routineTitle;
    body.push(h('div', { class: 'class-note not-joined' }, `${title ? tr('card.classNamed', { title }) : tr('card.aClass')}: ${answerState([missed.last], missed.c.startAt, now).text}`));
  }
  return h('article', {
    class: `card mode-${mode}`,
    dataset: { station: s.key, online: String(s.online), mode },
    'aria-label': `${s.name}: ${MODE_WORDS[mode]}`,
  },
  h('header', {}, h('h3', {}, s.name), h('span', { class: `presence ${s.online ? 'on' : 'off'}` }, s.online ? tr('card.online') : tr('card.offline'))),
  h('div', { class: 'mode' }, MODE_WORDS[mode]),
  ...body,
  h('ul', { class: 'sensors', 'aria-label': tr('card.sensors') },
    sensors.length === 0 ? h('li', { class: 'none' }, tr('card.noSensor')) : sensors.map((x) => h('li', { class: x.connected ? 'ok' : 'lost' }, tr(x.connected ? 'card.sensorConnected' : 'card.sensorLost', { id: x.id })))),
  h('footer', {}, todayPart(model, s),
    manyFacilities ? h('span', { class: 'facility' }, capitalized(s.facility)) : null));
}

// Draws every card again: a few dozen at most, each a handful of elements.
export function renderGrid(container, model, now = Date.now()) {
  const stations = sortedStations(model);
  const manyFacilities = new Set(stations.map((s) => s.facility)).size > 1;
  if (stations.length === 0) {
    fill(container, h('p', { class: 'empty' }, tr('stations.waiting')));
    return;
  }
  fill(container, stations.map((s) => card(model, s, now, manyFacilities)));
}
