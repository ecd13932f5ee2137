import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel } from '../src/model.js';
import { stationToday, usageCharts, weekEnding } from '../src/usage.js';
import { abandonReason } from '../src/format.js';
import { parts, reasonWords } from '../src/view/charts.js';

const days = (to, counts) => weekEnding(to).map((date, i) => ({ date, sessions: counts[i], completed: counts[i], abandoned: 0, active_minutes: counts[i] * 5 }));

function stats(date, today, week) {
  return {
    v: 1, date, sessions: today.sessions, active_minutes: today.sessions * 5,
    sessions_by_hour: today.byHour, by_routine: today.byRoutine,
    last_7_days: { from: weekEnding(date)[0], to: date, sessions: week.reduce((a, b) => a + b, 0), days: days(date, week), sessions_by_hour: { 7: 9 }, by_routine: { 'pre-run': { sessions: 9, completed: 9 } } },
  };
}

function model() {
  const m = createModel();
  const put = (id, body) => apply(m, `rollstation/north/station/${id}/stats`, JSON.stringify(body), { retained: true });
  apply(m, 'rollstation/north/station/r-1/status', JSON.stringify({ v: 1, online: true, boot_id: 'a', name: 'Roller 1' }));
  apply(m, 'rollstation/north/station/r-2/status', JSON.stringify({ v: 1, online: true, boot_id: 'b', name: 'Roller 2' }));
  apply(m, 'rollstation/north/station/r-1/routines', JSON.stringify({ v: 1, routines: [{ id: 'pre-run', title: 'Pre-run warm-up' }] }));
  put('r-1', stats('2026-11-21', { sessions: 3, byHour: { 7: 2, 18: 1 }, byRoutine: { 'pre-run': { sessions: 2 }, calves: { sessions: 1 } } }, [0, 0, 0, 1, 0, 2, 3]));
  // Off since yesterday: its "today" is yesterday, which is not the facility's today.
  put('r-2', stats('2026-11-20', { sessions: 4, byHour: { 9: 4 }, byRoutine: { calves: { sessions: 4 } } }, [1, 1, 1, 1, 1, 1, 4]));
  return m;
}

test('the week ends with the given day', () => {
  assert.deepEqual(weekEnding('2026-03-01'), ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
});

test("today's charts count only stations that report today", () => {
  const c = usageCharts(model(), 'today');
  assert.equal(c.today, '2026-11-21');
  assert.equal(c.sessions, 3);
  assert.equal(c.byHour[7].value, 2);
  assert.equal(c.byHour[18].value, 1);
  assert.equal(c.byHour[9].value, 0);
  assert.deepEqual(c.byStation.map((s) => [s.label, s.value]), [['Roller 1', 3], ['Roller 2', 0]]);
  assert.deepEqual(c.topRoutines.map((r) => [r.label, r.value]), [['Pre-run warm-up', 2], ['calves', 1]]);
});

test("the week's charts add up the days inside the facility's week", () => {
  const c = usageCharts(model(), 'week');
  assert.deepEqual(c.byDay.map((d) => d.value), [0 + 1, 0 + 1, 0 + 1, 1 + 1, 0 + 1, 2 + 4, 3]);
  assert.equal(c.byDay.at(-1).label, '11-21');
  assert.deepEqual(c.byStation.map((s) => [s.label, s.value]), [['Roller 1', 6], ['Roller 2', 9]]);
  // Hours and routines come only from a week that ends today.
  assert.equal(c.byHour[7].value, 9);
  assert.deepEqual(c.topRoutines, [{ key: 'pre-run', label: 'Pre-run warm-up', value: 9, completed: 9, abandoned: 0 }]);
});

test('no stats, no bars', () => {
  const c = usageCharts(createModel(), 'week');
  assert.equal(c.sessions, 0);
  assert.deepEqual(c.byDay, []);
  assert.deepEqual(c.topRoutines, []);
});

// Nine sessions started today and none completed: five left idle, four replaced by a class.
function unfinishedDay() {
  const m = createModel();
  apply(m, 'rollstation/north/station/r-1/status', JSON.stringify({ v: 1, online: true, boot_id: 'a', name: 'Roller 1' }));
  const day = { sessions: 9, completed: 0, abandoned: 9, abandoned_by_reason: { idle_timeout: 5, preempted: 4 }, active_minutes: 3 };
  apply(m, 'rollstation/north/station/r-1/stats', JSON.stringify({
    v: 1, date: '2026-11-21', ...day,
    sessions_by_hour: { 18: 9 }, completed_by_hour: {}, abandoned_by_hour: { 18: 9 },
    by_routine: { 'pre-run': { sessions: 9, completed: 0, abandoned: 9 } },
    last_7_days: { from: '2026-11-15', to: '2026-11-21', sessions: 11, completed: 2, abandoned: 9, abandoned_by_reason: day.abandoned_by_reason,
      days: [{ date: '2026-11-20', sessions: 2, completed: 2, abandoned: 0, abandoned_by_reason: {} }, { date: '2026-11-21', ...day }],
      sessions_by_hour: { 18: 11 }, completed_by_hour: { 18: 2 }, abandoned_by_hour: { 18: 9 }, by_routine: { 'pre-run': { sessions: 11, completed: 2, abandoned: 9 } } },
  }), { retained: true });
  return m;
}

test('today tells started, completed and abandoned apart, with the reasons in words', () => {
  const c = usageCharts(unfinishedDay(), 'today');
  assert.deepEqual([c.sessions, c.completed, c.abandoned], [9, 0, 9]);
  assert.deepEqual(c.reasons, [['idle_timeout', 5], ['preempted', 4]]);
  assert.equal(reasonWords(c.reasons), '5 left idle, 4 replaced by a class');
  assert.deepEqual(c.byHour[18], { key: '18', label: '18', value: 9, completed: 0, abandoned: 9 });
  assert.deepEqual(c.topRoutines[0], { key: 'pre-run', label: 'pre-run', value: 9, completed: 0, abandoned: 9 });
  assert.deepEqual(c.byStation[0].completed, 0);
  assert.deepEqual(parts(c.byHour[18]), [['abandoned', 9]]);
});

test("the week adds each day's outcomes and reasons", () => {
  const c = usageCharts(unfinishedDay(), 'week');
  assert.deepEqual([c.sessions, c.completed, c.abandoned], [11, 2, 9]);
  assert.deepEqual(c.byDay.at(-2), { key: '2026-11-20', label: '11-20', value: 2, completed: 2, abandoned: 0 });
  assert.deepEqual(c.byHour[18], { key: '18', label: '18', value: 11, completed: 2, abandoned: 9 });
  assert.deepEqual(c.reasons, [['idle_timeout', 5], ['preempted', 4]]);
});

test("a card's figures: today's outcomes; an older station's abandons without reasons are 'not recorded'", () => {
  const m = unfinishedDay();
  const t = stationToday(m, m.stations.get('north/r-1'));
  assert.deepEqual([t.sessions, t.completed, t.abandoned, t.activeMinutes], [9, 0, 9, 3]);
  // A station from before reasons and outcomes by hour: only the counts.
  apply(m, 'rollstation/north/station/r-1/stats', JSON.stringify({ v: 1, date: '2026-11-21', sessions: 4, completed: 1, abandoned: 2, sessions_by_hour: { 7: 4 }, by_routine: { x: { sessions: 4, completed: 1 } } }));
  const c = usageCharts(m, 'today');
  assert.deepEqual(c.reasons, [['unknown', 2]]);
  assert.equal(abandonReason('unknown'), 'reason not recorded');
  // One still running: started, neither completed nor abandoned.
  assert.deepEqual(parts(c.byStation[0]), [['completed', 1], ['abandoned', 2], ['open', 1]]);
  assert.deepEqual(c.byHour[7], { key: '7', label: '07', value: 4, completed: 0, abandoned: 0 });
});

test('every abandon reason the stations send reads as people say it', () => {
  assert.equal(abandonReason('user_stopped'), 'stopped by athlete');
  assert.equal(abandonReason('idle_timeout'), 'left idle');
  assert.equal(abandonReason('preempted'), 'replaced by a class');
  assert.equal(abandonReason('power_loss'), 'power cut');
  assert.equal(abandonReason('some_new_reason'), 'some new reason');
});
