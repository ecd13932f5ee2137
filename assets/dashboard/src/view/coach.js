// The coach panel: pick stations (or a group, or all), a routine, a start time and a message,
// push, and watch each station's answer arrive. Pushing needs a coach account: the broker's
// ACL decides, and a refusal is shown as such. The coach's own name and the classes pushed from
// this browser are remembered in its local storage, so a reload keeps both; the answers come
// back from the stations' retained history.

import { h, fill } from './dom.js';
import { timeOfDay } from '../format.js';
import { sortedStations } from '../model.js';
import { answerState, cancelOf, classWarmup, stationsReached } from '../commands.js';
import { t, tn } from '../i18n.js';

const STARTS = [
  ['5', t('coach.in5s')],
  ['30', t('coach.in30s')],
  ['60', t('coach.in1m')],
  ['120', t('coach.in2m')],
  ['300', t('coach.in5m')],
  ['600', t('coach.in10m')],
  ['at', t('coach.atTime')],
];
const NAME_KEY = 'rollstation.dashboard.coach-name';
const PUSHES_KEY = 'rollstation.dashboard.pushes';
const PUSHES_KEPT = 10;
const DAY_MS = 24 * 3600 * 1000;

// The pushes a storage remembers, as far as they still look like pushes and are from the last day.
export function loadPushes(storage, now = Date.now()) {
  try {
    const list = JSON.parse(storage?.getItem(PUSHES_KEY) ?? '[]');
    if (!Array.isArray(list)) return [];
    return list.filter((p) => p && typeof p.commandId === 'string' && Array.isArray(p.topics) && Array.isArray(p.stations) && typeof p.startAt === 'number' && now - p.startAt < DAY_MS)
      .slice(0, PUSHES_KEPT)
      .map((p) => ({ commandId: p.commandId, topics: p.topics.filter((t) => typeof t === 'string'), stations: p.stations.filter((k) => typeof k === 'string'), startAt: p.startAt, title: typeof p.title === 'string' ? p.title : p.commandId, error: typeof p.error === 'string' ? p.error : undefined, cancelled: p.cancelled === true }));
  } catch {
    return [];
  }
}

export function savePushes(storage, pushes) {
  try {
    storage?.setItem(PUSHES_KEY, JSON.stringify(pushes.slice(0, PUSHES_KEPT)));
  } catch {
    // A full or disabled storage costs only the list after a reload.
  }
}

function minutesOf(r) {
  return r.planned_s ? tn('coach.minutes', Math.round(r.planned_s / 60)) : '';
}

export function createCoachPanel(container, { model, link, requestSignIn, storage = null }) {
  const pushes = loadPushes(storage); // classes pushed from this browser, newest first
  const form = h('form', { class: 'coach-form', novalidate: true });
  const note = h('p', { class: 'note' });
  const targetKind = () => form.elements.target.value;
  const picks = h('div', { class: 'station-picks', role: 'group', 'aria-label': t('coach.stations') });
  const facility = h('select', { name: 'facility', 'aria-label': t('coach.facility') });
  const group = h('select', { name: 'group', 'aria-label': t('coach.group') });
  const routine = h('select', { name: 'routine', required: true });
  const start = h('select', { name: 'start' }, STARTS.map(([v, t]) => h('option', { value: v }, t)));
  const at = h('input', { type: 'time', name: 'at', hidden: true, 'aria-label': t('coach.startTime') });
  const coach = h('input', { name: 'coach', maxLength: 40, autocomplete: 'name', placeholder: t('coach.namePlaceholder') });
  try {
    coach.value = storage?.getItem(NAME_KEY) ?? '';
  } catch {
    coach.value = '';
  }
  coach.addEventListener('change', () => {
    try {
      storage?.setItem(NAME_KEY, coach.value.trim());
    } catch {
      // Not remembered; still sent.
    }
  });
  const message = h('input', { name: 'message', maxLength: 120, placeholder: t('coach.messagePlaceholder') });
  const errors = h('ul', { class: 'errors', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('coach.push'));
  const list = h('ol', { class: 'pushes', 'aria-label': t('coach.pushedLabel') });
  start.value = '30';

  fill(form,
    h('fieldset', { class: 'targets' },
      h('legend', {}, t('coach.sendTo')),
      h('div', { class: 'choices' },
        ['stations', 'group', 'all'].map((v, i) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'target', value: v, checked: i === 0 }), t(v === 'stations' ? 'coach.stations' : v === 'group' ? 'coach.aGroup' : 'coach.all')))),
      facility, picks, group),
    h('label', {}, t('coach.routine'), routine),
    h('div', { class: 'row' }, h('label', {}, t('coach.start'), start), h('label', { class: 'at' }, at)),
    h('label', {}, t('coach.name'), coach),
    h('label', {}, t('coach.message'), message),
    errors,
    submit);
  fill(container, h('h2', { id: 'coach-title' }, t('coach.title')), note, form, h('h3', {}, t('coach.pushed')), list);

  function facilities() {
    return [...new Set(sortedStations(model).map((s) => s.facility))];
  }

  function target() {
    const kind = targetKind();
    if (kind === 'group') return { group: group.value };
    if (kind === 'all') return { all: true };
    return { stations: [...picks.querySelectorAll('input:checked')].map((x) => x.value.split('/').pop()) };
  }

  function refreshChoices() {
    const facs = facilities();
    const currentFacility = facs.includes(facility.value) ? facility.value : facs[0] ?? '';
    fill(facility, facs.map((f) => h('option', { value: f }, f)));
    facility.value = currentFacility;
    facility.hidden = facs.length < 2;
    const here = sortedStations(model).filter((s) => s.facility === currentFacility);
    const checked = new Set([...picks.querySelectorAll('input:checked')].map((x) => x.value));
    fill(picks, here.length === 0 ? h('p', { class: 'empty' }, t('coach.noStations')) : here.map((s) =>
      h('label', { class: `pick ${s.online ? '' : 'offline'}` }, h('input', { type: 'checkbox', name: 'station', value: s.key, checked: checked.has(s.key) }), s.name, s.online ? '' : t('coach.offline'))));
    const groups = [...new Set(here.flatMap((s) => s.groups))].sort();
    const currentGroup = group.value;
    fill(group, groups.length ? groups.map((g) => h('option', { value: g }, g)) : h('option', { value: '' }, t('coach.noGroups')));
    if (groups.includes(currentGroup)) group.value = currentGroup;
    const kind = targetKind();
    picks.hidden = kind !== 'stations';
    group.hidden = kind !== 'group';
    refreshRoutines();
  }

  // The routines every reached station offers (a station without one would refuse the class).
  function refreshRoutines() {
    const reached = stationsReached(model, facility.value, target()).map((k) => model.stations.get(k)).filter((s) => s && s.routines.length);
    const pool = reached.length ? reached : [...model.stations.values()].filter((s) => s.routines.length);
    const byId = new Map();
    for (const s of pool) for (const r of s.routines) byId.set(r.id, r);
    const offered = [...byId.values()].filter((r) => reached.length === 0 || reached.every((s) => s.routines.some((x) => x.id === r.id)));
    offered.sort((a, b) => a.title.localeCompare(b.title));
    const current = routine.value;
    fill(routine, h('option', { value: '' }, t(offered.length ? 'coach.pickRoutine' : 'coach.noRoutines')), offered.map((r) => h('option', { value: r.id }, `${r.title}${minutesOf(r)}`)));
    if (offered.some((r) => r.id === current)) routine.value = current;
  }

  // What the list shows of each answer, to redraw it only when that changes.
  let drawnAnswers = '';
  function answersSignature(now) {
    return JSON.stringify(pushes.map((p) => {
      const c = model.classes.get(p.commandId);
      return [...(c ? c.results.values() : [])].map((a) => answerState(a, p.startAt, now).state);
    }));
  }

  function renderPushes(now = Date.now()) {
    drawnAnswers = answersSignature(now);
    fill(list, pushes.map((p) => {
      const c = model.classes.get(p.commandId);
      const keys = [...new Set([...p.stations, ...(c ? c.results.keys() : [])])];
      const states = new Map(keys.map((k) => [k, answerState(c?.results.get(k), p.startAt, now)]));
      const live = [...states.values()].some((a) => ['accepted', 'overdue', 'started'].includes(a.state));
      return h('li', { class: 'push', dataset: { commandId: p.commandId } },
        h('div', { class: 'push-head' }, h('b', {}, p.title), t('coach.at', { time: timeOfDay(p.startAt) }), p.error ? h('span', { class: 'error' }, ` ${p.error}`) : null,
          live && !p.cancelled ? h('button', { type: 'button', class: 'cancel', onclick: () => cancel(p) }, t('coach.cancel')) : null),
        h('ul', { class: 'answers' }, keys.map((k) => {
          const a = states.get(k);
          return h('li', { dataset: { station: k, result: a.state }, class: `answer ${a.state}` },
            h('span', { class: 'who' }, model.stations.get(k)?.name ?? k),
            h('span', { class: 'what' }, a.text));
        })));
    }));
  }

  async function send(topics, payload) {
    for (const topic of topics) await link.publish(topic, payload);
  }

  async function cancel(p) {
    const c = cancelOf(model, p);
    if (!c) return;
    p.cancelled = true;
    try {
      await send(c.topics, c.payload);
    } catch (error) {
      p.cancelled = false;
      p.error = t('coach.notCancelled', { error: error.message });
    }
    savePushes(storage, pushes);
    renderPushes();
  }

  form.addEventListener('change', (e) => {
    if (e.target === start) at.hidden = start.value !== 'at';
    if (e.target.name === 'target' || e.target === facility) refreshChoices();
    else if (e.target.name === 'station' || e.target === group) refreshRoutines();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const startChoice = start.value === 'at' ? { at: at.value } : { in: Number(start.value) };
    const push = classWarmup(model, { facility: facility.value, target: target(), routineId: routine.value, start: startChoice, coach: coach.value, message: message.value });
    if (push.errors) {
      fill(errors, push.errors.map((x) => h('li', {}, x)));
      return;
    }
    fill(errors);
    const title = routine.selectedOptions[0]?.textContent ?? push.routineId;
    const entry = { commandId: push.commandId, topics: push.topics, stations: push.stations, startAt: push.startAt, title };
    pushes.unshift(entry);
    if (pushes.length > PUSHES_KEPT) pushes.pop();
    savePushes(storage, pushes);
    submit.disabled = true;
    try {
      await send(push.topics, push.payload);
    } catch (error) {
      entry.error = t('coach.notSent', { error: error.message });
    } finally {
      submit.disabled = false;
      savePushes(storage, pushes);
      renderPushes();
    }
  });

  function setAccount(username) {
    const signedIn = Boolean(username);
    fill(note, signedIn ? t('coach.signedIn', { name: username }) : t('coach.needsAccount'),
      h('button', { type: 'button', class: 'switch-account', onclick: () => requestSignIn('coach') }, t(signedIn ? 'coach.switchAccount' : 'coach.signInCoach')));
    form.hidden = !signedIn;
  }

  // What the choices depend on; telemetry changes stations every second, and rebuilding the
  // lists then would close a list the coach has open.
  let drawnFrom = '';
  function choicesSignature() {
    return JSON.stringify(sortedStations(model).map((s) => [s.key, s.name, s.online, s.groups, s.routines.map((r) => r.id)]));
  }

  refreshChoices();
  renderPushes();
  return {
    setAccount,
    // Once a second: an answer still "accepted" after its start changes by itself.
    tick(now = Date.now()) {
      if (answersSignature(now) !== drawnAnswers) renderPushes(now);
    },
    update(changed) {
      if (changed.has('stations') || changed.has('routines')) {
        const signature = choicesSignature();
        if (signature !== drawnFrom) {
          drawnFrom = signature;
          refreshChoices();
        }
      }
      if (changed.has('classes')) renderPushes();
    },
  };
}
