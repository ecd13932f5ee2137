// The History view's pure part: which dates a period covers in the facility's time zone, the
// request to the recorder, and what its answer (docs/recorder.md) becomes on screen and in the
// CSV download.

import { has, language, t } from './i18n.js';

// The periods offered; each one's name is its catalogue key history.period.<value>.
export const PERIODS = ['7', '30', '90', '365', 'custom'];

// Today's date (YYYY-MM-DD) in `timeZone` (the browser's when none is known).
export function localDate(now, timeZone) {
  const options = { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (timeZone) options.timeZone = timeZone;
  try {
    return new Intl.DateTimeFormat('en-CA', options).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

function shift(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// A date of the period as the language writes it, read at noon UTC so no zone moves it:
// "Jun 9" / "9. Juni" under a column, "Jun 9, 2026" / "09.06.2026" in the summary, and with
// the weekday in a column's title.
const DATE_STYLES = { column: { day: 'numeric', month: 'short' }, summary: { dateStyle: 'medium' }, title: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } };
export function dateText(date, style = 'summary') {
  if (!DATE.test(date ?? '')) return date ?? '';
  return new Intl.DateTimeFormat(language(), { ...DATE_STYLES[style], timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

// 12.5 -> "12.5%" in English, "12,5 %" in German, Spanish and French.
export function percentText(value) {
  return new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

// A refusal from the recorder in words: by its code when the catalogues know it, else its
// own (English) reason.
export function refusalText(answer) {
  const code = typeof answer?.code === 'string' ? answer.code : '';
  if (code && has(`history.refused.${code}`)) return t(`history.refused.${code}`);
  return t('history.couldNotAnswer', { reason: answer?.error ?? t('history.noReason') });
}

// {from, to} for a period ending today (both included), or the custom dates; null when the
// custom dates are not a period.
export function periodDates(period, today, custom = {}) {
  if (period === 'custom') {
    const { from, to } = custom;
    if (!DATE.test(from ?? '') || !DATE.test(to ?? '') || to < from) return null;
    return { from, to };
  }
  return { from: shift(today, 1 - Number(period)), to: today };
}

// The request topic: one facility, or every facility ('all').
export function requestTopic(root, facility) {
  return `${root}/${facility || 'all'}/report/request`;
}
export function responseTopic(root, facility, clientId) {
  return `${root}/${facility || 'all'}/report/response/${clientId}`;
}

const percent = (part, whole) => (whole > 0 ? Math.round((part / whole) * 100) : null);

// What the charts show, from an answer: days (every date of the period, none left out),
// stations with their utilisation, routines by sessions with their completion rate, and the
// heatmap.
export function historyFigures(answer) {
  const byDay = new Map((answer.by_day ?? []).map((d) => [d.id, d]));
  const days = [];
  for (let d = answer.from; d && d <= answer.to; d = shift(d, 1)) {
    const row = byDay.get(d) ?? {};
    days.push({ key: d, label: dateText(d, 'column'), value: row.sessions ?? 0, completed: row.completed ?? 0, abandoned: row.abandoned ?? 0, activeMinutes: row.active_minutes ?? 0 });
  }
  const stations = (answer.by_station ?? []).map((s) => ({
    key: s.id, label: s.id, value: s.sessions, completed: s.completed, abandoned: s.abandoned,
    activeMinutes: s.active_minutes, utilisation: s.utilisation === undefined ? null : Math.round(s.utilisation * 1000) / 10,
  }));
  const routines = [...(answer.by_routine ?? [])]
    .sort((a, b) => b.sessions - a.sessions || a.id.localeCompare(b.id))
    .slice(0, 10)
    .map((r) => ({ key: r.id, label: r.id, value: r.sessions, completed: r.completed, abandoned: r.abandoned, completion: percent(r.completed, r.completed + r.abandoned) }));
  const total = answer.total ?? {};
  return {
    from: answer.from, to: answer.to, timezone: answer.timezone ?? '',
    sessions: total.sessions ?? 0, completed: total.completed ?? 0, abandoned: total.abandoned ?? 0,
    activeMinutes: total.active_minutes ?? 0, classSessions: total.class_sessions ?? 0,
    easedSteps: total.eased_steps ?? 0,
    utilisation: total.utilisation === undefined ? null : Math.round(total.utilisation * 1000) / 10,
    days, stations, routines, heatmap: answer.heatmap ?? [],
  };
}

function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// What is on screen as CSV: one row per day, station and routine, the section first.
export function historyCsv(f) {
  const lines = [['section', 'id', 'sessions', 'completed', 'abandoned', 'active_minutes', 'utilisation_pct', 'completion_pct']];
  for (const d of f.days) lines.push(['day', d.key, d.value, d.completed, d.abandoned, d.activeMinutes.toFixed(1), '', '']);
  for (const s of f.stations) lines.push(['station', s.key, s.value, s.completed, s.abandoned, s.activeMinutes.toFixed(1), s.utilisation ?? '', '']);
  for (const r of f.routines) lines.push(['routine', r.key, r.value, r.completed, r.abandoned, '', '', r.completion ?? '']);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
