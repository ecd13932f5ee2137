import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyCsv, historyFigures, localDate, periodDates, requestTopic } from '../src/history.js';

test('periods end today in the facility time zone', () => {
  // 23:30 UTC on 28 March is already the 29th in Berlin.
  const now = new Date('2026-03-28T23:30:00Z');
  assert.equal(localDate(now, 'Europe/Berlin'), '2026-03-29');
  assert.equal(localDate(now, 'America/New_York'), '2026-03-28');
  assert.deepEqual(periodDates('7', '2026-03-29'), { from: '2026-03-23', to: '2026-03-29' });
  assert.deepEqual(periodDates('365', '2026-03-29'), { from: '2025-03-30', to: '2026-03-29' });
  assert.deepEqual(periodDates('custom', '', { from: '2026-01-01', to: '2026-01-31' }), { from: '2026-01-01', to: '2026-01-31' });
  assert.equal(periodDates('custom', '', { from: '2026-02-01', to: '2026-01-31' }), null);
  assert.equal(periodDates('custom', '', { from: 'x', to: '2026-01-31' }), null);
  assert.equal(requestTopic('rollstation', 'northside'), 'rollstation/northside/report/request');
  assert.equal(requestTopic('rollstation', ''), 'rollstation/all/report/request');
});

test('an answer becomes every day of the period, stations, routines and a CSV', () => {
  const f = historyFigures({
    from: '2026-06-08', to: '2026-06-10', timezone: 'Europe/Berlin',
    total: { sessions: 5, completed: 4, abandoned: 1, active_minutes: 30, utilisation: 0.0123, eased_steps: 2 },
    by_day: [{ id: '2026-06-09', sessions: 5, completed: 4, abandoned: 1, active_minutes: 30 }],
    by_station: [{ id: 'roller-1', sessions: 5, completed: 4, abandoned: 1, active_minutes: 30, utilisation: 0.0123 }],
    by_routine: [{ id: 'a', sessions: 1, completed: 1, abandoned: 0 }, { id: 'b, "quoted"', sessions: 4, completed: 3, abandoned: 1 }],
    heatmap: [[0]],
  });
  assert.deepEqual(f.days.map((d) => [d.key, d.value]), [['2026-06-08', 0], ['2026-06-09', 5], ['2026-06-10', 0]]);
  assert.equal(f.stations[0].utilisation, 1.2);
  assert.equal(f.easedSteps, 2);  // steps eased off ("Too intense")
  assert.equal(historyFigures({}).easedSteps, 0);  // a recorder from before it
  assert.deepEqual(f.routines.map((r) => [r.key, r.completion]), [['b, "quoted"', 75], ['a', 100]]);
  const csv = historyCsv(f).split('\r\n');
  assert.equal(csv[0], 'section,id,sessions,completed,abandoned,active_minutes,utilisation_pct,completion_pct');
  assert.equal(csv[2], 'day,2026-06-09,5,4,1,30.0,,');
  assert.equal(csv[4], 'station,roller-1,5,4,1,30.0,1.2,');
  assert.equal(csv[5], 'routine,"b, ""quoted""",4,3,1,,,75');
});
