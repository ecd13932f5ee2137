// Words and numbers as the dashboard shows them.

import { formatNumber, has, t, tn } from './i18n.js';

// A name from the payloads as the kiosk labels it ("thoracic-spine" -> "Upper back"; the
// catalogues' "label." keys, after src/core/routine.cpp), or as plain words when it is new to
// the dashboard.
export function label(name) {
  if (!name) return '';
  return has(`label.${name}`) ? t(`label.${name}`) : capitalized(String(name).replaceAll(/[-_]/g, ' '));
}

export function capitalized(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

// 75 -> "1:15", 5 -> "0:05"; negative or missing -> "–".
export function clock(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '–';
  const whole = Math.ceil(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

// A time of day in the browser's time zone, 24-hour: "18:30".
export function timeOfDay(ms) {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

// How long ago, in words: "just now", "5 min ago", "3 h ago", "2 days ago".
export function ago(ms, now) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return t('ago.now');
  const m = Math.floor(s / 60);
  if (m < 60) return tn('ago.minutes', m);
  const h = Math.floor(m / 60);
  if (h < 48) return tn('ago.hours', h);
  return tn('ago.days', Math.floor(h / 24));
}

export function minutes(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '0';
  return formatNumber(value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
}

// ISO-8601 text to unix milliseconds, or null when it is not a time.
export function parseTime(text) {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

// Why a session was abandoned, in words (docs/mqtt.md, session_abandoned); "unknown" is what the
// stats call abandons recorded before stations kept reasons. Their words are the catalogues'
// "reason." keys.
export function abandonReason(code) {
  if (!code) return '';
  return has(`reason.${code}`) ? t(`reason.${code}`) : String(code).replaceAll(/[-_]/g, ' ');
}

// Why a station did not join a class (cmd/result not_joined): the "notJoined." keys.
export function notJoinedReason(code) {
  if (!code) return '';
  return has(`notJoined.${code}`) ? t(`notJoined.${code}`) : String(code).replaceAll(/[-_]/g, ' ');
}

// "1 session", "2 sessions".
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
