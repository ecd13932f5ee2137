// The live event feed: sessions starting, finishing and being abandoned, sensors coming and
// going, classes pushed and each station's answer; filtered by station and by type.

import { h, fill } from './dom.js';
import { abandonReason, label, notJoinedReason, timeOfDay } from '../format.js';
import { routineTitle } from '../model.js';
import { has, t } from '../i18n.js';

export const FEED_TYPES = [
  ['', t('feed.type.all')],
  ['session_started', t('feed.type.session_started')],
  ['session_completed', t('feed.type.session_completed')],
  ['session_abandoned', t('feed.type.session_abandoned')],
  ['class', t('feed.type.class')],
  ['sensor', t('feed.type.sensor')],
];

// A station's answer to a class, in words: the "feed.result." keys.
const result = (code) => (has(`feed.result.${code}`) ? t(`feed.result.${code}`) : code);

// A station's answer with its reason in words: "not_joined" reasons are codes, the others text.
export function resultReason(result, reason) {
  if (!reason) return '';
  return result === 'not_joined' ? notJoinedReason(reason) : reason;
}

function typeMatches(entry, type) {
  if (!type) return true;
  if (type === 'class') return entry.type.startsWith('class_');
  if (type === 'sensor') return entry.type.startsWith('sensor_');
  return entry.type === type;
}

// Whether a class push reached the station: sent to it, to one of its groups or to all.
function reaches(entry, station) {
  const s = station;
  return entry.push.targets.some((t) => t.facility === s.facility && (t.all || t.station === s.id || (t.group && s.groups.includes(t.group))));
}

export function feedMatches(model, entry, filter) {
  if (!typeMatches(entry, filter.type)) return false;
  if (!filter.station) return true;
  if (entry.station === filter.station) return true;
  const s = model.stations.get(filter.station);
  return Boolean(s && entry.push && reaches(entry, s));
}

function stationName(model, key) {
  return model.stations.get(key)?.name ?? key.split('/').pop();
}

function targetWords(model, push) {
  return push.targets.map((x) => (x.all ? t('feed.allTargets') : x.group ? t('feed.group', { name: x.group }) : stationName(model, `${x.facility}/${x.station}`))).join(', ');
}

function describe(model, e) {
  const routine = routineTitle(model, e.routineId);
  switch (e.type) {
    case 'session_started':
      return t(e.source === 'class' ? 'feed.startedClass' : 'feed.started', { routine });
    case 'session_completed':
      return t('feed.completed', { routine });
    case 'session_abandoned':
      return e.reason ? t('feed.abandonedWhy', { routine, reason: abandonReason(e.reason) }) : t('feed.abandoned', { routine });
    case 'sensor_connected':
      return t('feed.sensorConnected', { id: e.sensorId });
    case 'sensor_lost':
      return t('feed.sensorLost', { id: e.sensorId });
    case 'class_result': {
      const c = model.classes.get(e.commandId);
      if (c?.type === 'cancel') return `${has(`feed.cancelResult.${e.result}`) ? t(`feed.cancelResult.${e.result}`) : t('feed.cancelResult.other', { result: e.result })}${e.reason ? `: ${e.reason}` : ''}`;
      const title = c?.routineId ? ` (${routineTitle(model, c.routineId)})` : '';
      const why = resultReason(e.result, e.reason);
      return `${result(e.result)}${title}${why ? `: ${why}` : ''}`;
    }
    case 'class_push': {
      const p = e.push;
      const when = p.startAt ? t('feed.pushFor', { time: timeOfDay(p.startAt) }) : '';
      return `${t('feed.push', { routine: routineTitle(model, p.routineId) || p.routineTitle || t('feed.aClass'), when, targets: targetWords(model, p) })}${p.message ? ` “${p.message}”` : ''}`;
    }
    case 'class_cancel':
      return t('feed.cancel', { targets: targetWords(model, e.push) });
    default:
      return label(e.type);
  }
}

function who(model, e) {
  if (e.type === 'class_push' || e.type === 'class_cancel') return e.push.coach || t('feed.aCoach');
  return stationName(model, e.station);
}

export function renderFeed(list, model, filter, limit = 100) {
  const shown = [];
  for (const e of model.feed) {
    if (shown.length >= limit) break;
    if (feedMatches(model, e, filter)) shown.push(e);
  }
  if (shown.length === 0) {
    fill(list, h('li', { class: 'empty' }, t(model.feed.length ? 'feed.noMatch' : 'feed.empty')));
    return;
  }
  fill(list, shown.map((e) => h('li', { class: `entry ${e.type}`, dataset: { type: e.type, station: e.station, eventId: e.eventId ?? '', commandId: e.commandId ?? '' } },
    h('time', { datetime: new Date(e.at).toISOString() }, timeOfDay(e.at)),
    h('span', { class: 'who' }, who(model, e)),
    h('span', { class: 'what' }, describe(model, e)))));
}

// The station filter's choices: every station the dashboard knows, keeping the current pick.
export function renderStationFilter(select, stations) {
  const current = select.value;
  fill(select, h('option', { value: '' }, t('feed.allStations')), stations.map((s) => h('option', { value: s.key }, s.name)));
  select.value = stations.some((s) => s.key === current) ? current : '';
}
