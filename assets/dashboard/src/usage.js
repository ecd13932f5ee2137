// Chart data from the stations' retained stats: today (the latest facility day any station
// reports) or the last seven days, as sessions per hour, per station, per day and top routines.

import { routineTitle, sortedStations } from './model.js';

function dayOf(stats) {
  return typeof stats?.date === 'string' ? stats.date : '';
}

// The facility's "today": the newest date in any station's stats. A station whose stats are
// older (it has been off since before midnight) had no sessions today.
export function latestDate(model) {
  let latest = '';
  for (const s of model.stations.values()) if (dayOf(s.stats) > latest) latest = dayOf(s.stats);
  return latest;
}

// The seven dates ending with `date` (YYYY-MM-DD), oldest first.
export function weekEnding(date) {
  if (!date) return [];
  const end = Date.parse(`${date}T00:00:00Z`);
  return Array.from({ length: 7 }, (_, i) => new Date(end - (6 - i) * 86400000).toISOString().slice(0, 10));
}

const count = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

// How sessions went: started, completed, abandoned. Started is what `sessions` always counted;
// a session still running (or ended after the range) is started without being either of the
// other two.
const outcomes = (o) => ({ sessions: count(o?.sessions), completed: count(o?.completed), abandoned: count(o?.abandoned) });

function addOutcomes(into, o) {
  into.sessions += o.sessions;
  into.completed += o.completed;
  into.abandoned += o.abandoned;
  return into;
}

// Abandons by reason; those a station did not give a reason for (older stations) as "unknown".
function reasonsOf(o) {
  const out = {};
  let given = 0;
  const reasons = o?.abandoned_by_reason;
  if (reasons && typeof reasons === 'object') {
    for (const [code, n] of Object.entries(reasons)) {
      if (count(n) === 0) continue;
      out[code] = count(n);
      given += count(n);
    }
  }
  const missing = count(o?.abandoned) - given;
  if (missing > 0) out.unknown = (out.unknown ?? 0) + missing;
  return out;
}

function addReasons(into, reasons) {
  for (const [code, n] of Object.entries(reasons)) into[code] = (into[code] ?? 0) + n;
  return into;
}

// {hour: {sessions, completed, abandoned}} from a stats object's per-hour maps.
function hoursOf(o) {
  const out = {};
  const put = (map, field) => {
    for (const [hour, n] of Object.entries(map && typeof map === 'object' ? map : {})) {
      const h = Number(hour);
      if (!Number.isInteger(h) || h < 0 || h > 23) continue;
      out[h] = out[h] ?? { sessions: 0, completed: 0, abandoned: 0 };
      out[h][field] += count(n);
    }
  };
  put(o?.sessions_by_hour, 'sessions');
  put(o?.completed_by_hour, 'completed');
  put(o?.abandoned_by_hour, 'abandoned');
  return out;
}

function routinesOf(o) {
  const out = {};
  for (const [id, r] of Object.entries(o?.by_routine && typeof o.by_routine === 'object' ? o.by_routine : {})) out[id] = outcomes(r);
  return out;
}

const none = () => ({ sessions: 0, completed: 0, abandoned: 0 });

// The figures of one station for the range: its outcomes, reasons, active minutes, and the
// same by hour, routine and day.
function stationFigures(s, range, today, week) {
  const empty = { ...none(), reasons: {}, activeMinutes: 0, byHour: {}, byRoutine: {}, byDay: {} };
  const stats = s.stats;
  if (!stats || !today) return empty;
  if (range === 'today') {
    if (dayOf(stats) !== today) return empty;
    const o = outcomes(stats);
    return { ...o, reasons: reasonsOf(stats), activeMinutes: count(stats.active_minutes), byHour: hoursOf(stats), byRoutine: routinesOf(stats), byDay: { [today]: o } };
  }
  const last = stats.last_7_days;
  if (!last || !Array.isArray(last.days)) return empty;
  // Only the days inside the facility's week count (a station off for days reports an older one).
  const figures = { ...empty, byDay: {}, reasons: {} };
  for (const d of last.days) {
    if (!d || !week.includes(d.date)) continue;
    const o = outcomes(d);
    figures.byDay[d.date] = o;
    addOutcomes(figures, o);
    addReasons(figures.reasons, reasonsOf(d));
    figures.activeMinutes += count(d.active_minutes);
  }
  if (last.to === today) {
    figures.byHour = hoursOf(last);
    figures.byRoutine = routinesOf(last);
  }
  return figures;
}

const bar = (key, label, o) => ({ key, label, value: o.sessions, completed: o.completed, abandoned: o.abandoned });

// range: 'today' or 'week'.
export function usageCharts(model, range) {
  const today = latestDate(model);
  const week = weekEnding(today);
  const byHour = Array.from({ length: 24 }, none);
  const routines = new Map();
  const days = new Map((range === 'today' ? [today] : week).filter(Boolean).map((d) => [d, none()]));
  const byStation = [];
  const total = { ...none(), reasons: {}, activeMinutes: 0 };
  for (const s of sortedStations(model)) {
    const f = stationFigures(s, range, today, week);
    byStation.push({ ...bar(s.key, s.name, f), activeMinutes: f.activeMinutes });
    addOutcomes(total, f);
    addReasons(total.reasons, f.reasons);
    total.activeMinutes += f.activeMinutes;
    for (const [hour, o] of Object.entries(f.byHour)) addOutcomes(byHour[Number(hour)], o);
    for (const [id, o] of Object.entries(f.byRoutine)) routines.set(id, addOutcomes(routines.get(id) ?? none(), o));
    for (const [date, o] of Object.entries(f.byDay)) if (days.has(date)) addOutcomes(days.get(date), o);
  }
  const topRoutines = [...routines.entries()]
    .filter(([, o]) => o.sessions > 0)
    .sort((a, b) => b[1].sessions - a[1].sessions || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([id, o]) => bar(id, routineTitle(model, id), o));
  return {
    range,
    today,
    sessions: total.sessions,
    completed: total.completed,
    abandoned: total.abandoned,
    // Most common first: [[code, n], ...].
    reasons: Object.entries(total.reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    activeMinutes: total.activeMinutes,
    byHour: byHour.map((o, hour) => bar(String(hour), String(hour).padStart(2, '0'), o)),
    byStation,
    byDay: [...days.entries()].map(([date, o]) => bar(date, date.slice(5), o)),
    topRoutines,
  };
}

// The figures of one station's card: today's sessions as they went, from its retained stats.
export function stationToday(model, s) {
  const today = latestDate(model);
  const f = stationFigures(s, 'today', today, weekEnding(today));
  return { ...outcomes(f), reasons: Object.entries(f.reasons).sort((a, b) => b[1] - a[1]), activeMinutes: f.activeMinutes };
}
