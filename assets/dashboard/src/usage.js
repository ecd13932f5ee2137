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

// The figures of one station for the range: {sessions, activeMinutes, byHour, byRoutine, byDay}.
function stationFigures(s, range, today, week) {
  const empty = { sessions: 0, activeMinutes: 0, byHour: {}, byRoutine: {}, byDay: {} };
  const stats = s.stats;
  if (!stats || !today) return empty;
  if (range === 'today') {
    if (dayOf(stats) !== today) return empty;
    return { sessions: count(stats.sessions), activeMinutes: count(stats.active_minutes), byHour: stats.sessions_by_hour ?? {}, byRoutine: stats.by_routine ?? {}, byDay: { [today]: count(stats.sessions) } };
  }
  const last = stats.last_7_days;
  if (!last || !Array.isArray(last.days)) return empty;
  // Only the days inside the facility's week count (a station off for days reports an older one).
  const byDay = {};
  let sessions = 0;
  let activeMinutes = 0;
  for (const d of last.days) {
    if (!d || !week.includes(d.date)) continue;
    byDay[d.date] = count(d.sessions);
    sessions += count(d.sessions);
    activeMinutes += count(d.active_minutes);
  }
  const current = last.to === today;
  return { sessions, activeMinutes, byHour: current ? last.sessions_by_hour ?? {} : {}, byRoutine: current ? last.by_routine ?? {} : {}, byDay };
}

// range: 'today' or 'week'.
export function usageCharts(model, range) {
  const today = latestDate(model);
  const week = weekEnding(today);
  const byHour = Array(24).fill(0);
  const routines = new Map();
  const days = new Map((range === 'today' ? [today] : week).filter(Boolean).map((d) => [d, 0]));
  const byStation = [];
  let sessions = 0;
  let activeMinutes = 0;
  for (const s of sortedStations(model)) {
    const f = stationFigures(s, range, today, week);
    byStation.push({ key: s.key, label: s.name, value: f.sessions, activeMinutes: f.activeMinutes });
    sessions += f.sessions;
    activeMinutes += f.activeMinutes;
    for (const [hour, n] of Object.entries(f.byHour)) {
      const h = Number(hour);
      if (Number.isInteger(h) && h >= 0 && h < 24) byHour[h] += count(n);
    }
    for (const [id, r] of Object.entries(f.byRoutine)) routines.set(id, (routines.get(id) ?? 0) + count(r?.sessions));
    for (const [date, n] of Object.entries(f.byDay)) if (days.has(date)) days.set(date, days.get(date) + n);
  }
  const topRoutines = [...routines.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([id, n]) => ({ key: id, label: routineTitle(model, id), value: n }));
  return {
    range,
    today,
    sessions,
    activeMinutes,
    byHour: byHour.map((value, hour) => ({ key: String(hour), label: String(hour).padStart(2, '0'), value })),
    byStation,
    byDay: [...days.entries()].map(([date, value]) => ({ key: date, label: date.slice(5), value })),
    topRoutines,
  };
}
