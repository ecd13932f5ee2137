// The recorder's alerts (docs/recorder.md, "Alerts"): retained messages on
// <root>/<facility>/alert/<station>/<kind>, raised with "since" and kept after clearing with
// "cleared_at". Pure: parsed, kept by topic, listed for a facility, aged and told in words of
// the language shown. The recorder's own "detail" is English for its log and Home Assistant,
// so the words here are built from the figures it sends beside it.

import { language, t, tn } from './i18n.js';

const KINDS = new Set(['offline', 'sensor_disconnected', 'outbox_backlog', 'clock_unsynchronised', 'sensor_bad_lines']);
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function alertSubscription(root) {
  return `${root}/+/alert/#`;
}

export function isAlertTopic(topic, root) {
  return topic.startsWith(`${root}/`) && topic.split('/')[2] === 'alert';
}

// {facility, station, kind, active, sinceMs, detail} for a well-formed alert, null otherwise
// (and for the empty retained message that removes one).
export function parseAlert(topic, text, root) {
  const levels = topic.split('/');
  if (levels.length !== 5 || levels[0] !== root || levels[2] !== 'alert') return null;
  const [, facility, , station, kind] = levels;
  if (!NAME.test(facility) || !NAME.test(station) || !KINDS.has(kind)) return null;
  let j;
  try {
    j = JSON.parse(text);
  } catch {
    return null;
  }
  if (!j || typeof j !== 'object' || j.v !== 1 || typeof j.active !== 'boolean') return null;
  const when = Date.parse(j.active ? j.since : j.cleared_at);
  if (!Number.isFinite(when)) return null;
  const detail = typeof j.detail === 'string' ? j.detail.slice(0, 200) : '';
  const count = (value) => (Number.isSafeInteger(value) ? value : null);
  const names = (list) => (Array.isArray(list) ? list.filter((n) => typeof n === 'string' && NAME.test(n)).slice(0, 8) : []);
  return {
    facility, station, kind, active: j.active, sinceMs: when, detail,
    // Present from recorders that send them; without them the words say only since when.
    sensors: names(j.sensors ?? (typeof j.sensor === 'string' ? [j.sensor] : [])),
    outboxDepth: count(j.outbox_depth), badLines: count(j.bad_lines), clockSkewS: count(j.clock_skew_s),
  };
}

// Keeps the latest message per topic; returns whether anything changed.
export function applyAlert(alerts, topic, text, root) {
  const alert = parseAlert(topic, text, root);
  if (!alert) return alerts.delete(topic);
  alerts.set(topic, alert);
  return true;
}

// The raised alerts of one facility ('' or 'all': every facility), the oldest first.
export function activeAlerts(alerts, facility) {
  return [...alerts.values()]
    .filter((a) => a.active && (!facility || facility === 'all' || a.facility === facility))
    .sort((a, b) => a.sinceMs - b.sinceMs || a.station.localeCompare(b.station));
}

// How long, in words a glance takes in: "under a minute", "12 min", "3 h 5 min", "2 d 4 h".
export function ageText(sinceMs, nowMs) {
  const minutes = Math.max(0, Math.floor((nowMs - sinceMs) / 60000));
  if (minutes < 1) return t('alerts.age.now');
  if (minutes < 60) return tn('alerts.age.minutes', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? tn('alerts.age.hoursMinutes', hours, { m: minutes % 60 }) : tn('alerts.age.hours', hours);
  const days = Math.floor(hours / 24);
  return hours % 24 ? tn('alerts.age.daysHours', days, { h: hours % 24 }) : tn('alerts.age.days', days);
}

// The kind's name: "Offline", "Sensor disconnected", …
export function kindText(kind) {
  return KINDS.has(kind) ? t(`alerts.kind.${kind}`) : kind;
}

// "since 17:03" the same day, "since Mon, 30 Nov 17:03" before, in the browser's time zone
// (the age beside it says how long that is).
export function sinceText(sinceMs, nowMs) {
  const when = new Date(sinceMs);
  const time = new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(when);
  const sameDay = new Date(nowMs).toDateString() === when.toDateString();
  if (sameDay) return t('alerts.sinceToday', { time });
  const day = new Intl.DateTimeFormat(language(), { weekday: 'short', day: 'numeric', month: 'short' }).format(when);
  return t('alerts.sinceDay', { day, time });
}

// What is wrong, from the alert's figures: "offline since 17:03", "roller-1-sensor
// disconnected since 17:03", "240 events waiting to be sent", "clock 3 min ahead", …
export function detailText(a, nowMs) {
  const since = sinceText(a.sinceMs, nowMs);
  switch (a.kind) {
    case 'offline':
      return t('alerts.detail.offline', { since });
    case 'sensor_disconnected':
      return a.sensors.length ? tn('alerts.detail.sensorsLost', a.sensors.length, { sensors: a.sensors.join(', '), since }) : t('alerts.detail.sensorLost', { since });
    case 'outbox_backlog':
      return a.outboxDepth === null ? t('alerts.detail.backlogSince', { since }) : tn('alerts.detail.backlog', a.outboxDepth);
    case 'clock_unsynchronised': {
      if (a.clockSkewS === null) return since;
      const off = Math.abs(a.clockSkewS);
      const amount = off >= 120 ? tn('alerts.minutes', Math.round(off / 60)) : tn('alerts.seconds', off);
      return t(a.clockSkewS > 0 ? 'alerts.detail.clockAhead' : 'alerts.detail.clockBehind', { amount });
    }
    case 'sensor_bad_lines':
      return a.badLines === null || !a.sensors.length ? t('alerts.detail.badLinesSince', { since }) : tn('alerts.detail.badLines', a.badLines, { sensor: a.sensors[0] });
    default:
      return since;
  }
}
