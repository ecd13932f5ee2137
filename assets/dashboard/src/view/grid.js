// The station cards: one per station, online or not, each saying at a glance what the station
// is doing; a station that goes offline greys out and says when it was last seen.

import { h, fill } from './dom.js';
import { abandonReason, ago, capitalized, clock, label, minutes, timeOfDay } from '../format.js';
import { modeOf, routineTitle, sensorsOf, sortedStations } from '../model.js';
import { answerState, latestResult } from '../commands.js';
import { stationToday } from '../usage.js';

// How long a card keeps saying that a class was not joined.
const NOT_JOINED_SHOWN_MS = 15 * 60 * 1000;

const MODE_WORDS = { idle: 'Idle', browsing: 'Someone is choosing', session: 'In session', class_countdown: 'Class starting', offline: 'Offline' };

function number(v, digits = 0) {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : null;
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
  return h('span', { class: 'today', title: 'Today' },
    h('b', {}, String(t.sessions)), ' started · ',
    h('b', { class: 'completed' }, String(t.completed)), ' completed · ',
    h('b', { class: 'abandoned' }, String(t.abandoned)), ' abandoned',
    reasons ? h('span', { class: 'reasons' }, ` (${reasons})`) : null,
    ' today · ', h('b', {}, minutes(t.activeMinutes)), ' active min');
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
    h('div', { class: 'routine' }, st.routine_title || st.routine_id || 'A routine', st.source === 'class' ? h('span', { class: 'tag' }, 'Class') : null),
    h('div', { class: 'step' }, step.index ? `Step ${step.index} of ${step.count}` : '', where ? ` · ${where}` : ''),
    h('div', { class: 'countdown' }, h('span', { class: 'left' }, clock(remaining)), h('span', { class: 'phase' }, step.paused ? 'Paused' : label(phase))),
    h('dl', { class: 'live' },
      h('div', {}, h('dt', {}, 'Tempo'), h('dd', {}, tempo ? `${tempo} s/pass` : '–')),
      h('div', {}, h('dt', {}, 'Pressure'), h('dd', {}, force ? `${force} N` : '–')),
      h('div', {}, h('dt', {}, 'Passes'), h('dd', {}, number(t.passes) ?? '–'))),
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
    body.push(h('div', { class: 'routine' }, c ? routineTitle(model, c.routineId) || c.routineTitle : 'A class'));
    const overdue = c && answerState(c.results.get(s.key), c.startAt, now).state === 'overdue';
    const when = overdue ? `Start time ${timeOfDay(c.startAt)} passed, not started` : c?.startAt ? `Starts ${timeOfDay(c.startAt)}` : '';
    if (when) body.push(h('div', { class: `step${overdue ? ' overdue' : ''}` }, `${when}${c.coach ? ` · ${c.coach}` : ''}`));
  } else if (mode === 'offline') {
    body.push(h('div', { class: 'step' }, s.lastSeen ? `Last seen ${timeOfDay(s.lastSeen)} (${ago(s.lastSeen, now)})` : 'Not seen yet'));
  }
  const missed = mode === 'class_countdown' ? null : notJoinedClass(model, s, now);
  if (missed) {
    const title = routineTitle(model, missed.c.routineId) || missed.c.routineTitle;
    body.push(h('div', { class: 'class-note not-joined' }, `${title ? `Class ${title}` : 'A class'}: ${answerState([missed.last], missed.c.startAt, now).text}`));
  }
  return h('article', {
    class: `card mode-${mode}`,
    dataset: { station: s.key, online: String(s.online), mode },
    'aria-label': `${s.name}: ${MODE_WORDS[mode]}`,
  },
  h('header', {}, h('h3', {}, s.name), h('span', { class: `presence ${s.online ? 'on' : 'off'}` }, s.online ? 'Online' : 'Offline')),
  h('div', { class: 'mode' }, MODE_WORDS[mode]),
  ...body,
  h('ul', { class: 'sensors', 'aria-label': 'Sensors' },
    sensors.length === 0 ? h('li', { class: 'none' }, 'No sensor') : sensors.map((x) => h('li', { class: x.connected ? 'ok' : 'lost' }, `${x.id} ${x.connected ? 'connected' : 'lost'}`))),
  h('footer', {}, todayPart(model, s),
    manyFacilities ? h('span', { class: 'facility' }, capitalized(s.facility)) : null));
}

// Draws every card again: a few dozen at most, each a handful of elements.
export function renderGrid(container, model, now = Date.now()) {
  const stations = sortedStations(model);
  const manyFacilities = new Set(stations.map((s) => s.facility)).size > 1;
  if (stations.length === 0) {
    fill(container, h('p', { class: 'empty' }, 'Waiting for stations… they appear here as soon as they say hello.'));
    return;
  }
  fill(container, stations.map((s) => card(model, s, now, manyFacilities)));
}
