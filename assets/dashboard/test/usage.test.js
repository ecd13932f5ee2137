import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel } from '../src/model.js';
import { usageCharts, weekEnding } from '../src/usage.js';

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
  assert.deepEqual(c.topRoutines, [{ key: 'pre-run', label: 'Pre-run warm-up', value: 9 }]);
});

test('no stats, no bars', () => {
  const c = usageCharts(createModel(), 'week');
  assert.equal(c.sessions, 0);
  assert.deepEqual(c.byDay, []);
  assert.deepEqual(c.topRoutines, []);
});
