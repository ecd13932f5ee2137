import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel } from '../src/model.js';
import { feedMatches } from '../src/view/feed.js';
import { loadPushes, savePushes } from '../src/view/coach.js';

const base = 'rollstation/north/station';
const event = (id, type, ts, extra = {}) => ({ v: 1, event_id: id, station: 'r-1', seq: 1, type, ts, session_id: 's', routine_id: 'pre-run', source: 'athlete', ...extra });

// What roller 1 keeps retained: a session, a class sent to everyone, and its answers.
function history() {
  return {
    v: 1,
    station: 'r-1',
    updated_at: '2026-11-21T18:31:00.000Z',
    entries: [
      { topic: `${base}/r-1/event`, payload: event('e1', 'session_started', '2026-11-21T18:00:00.000Z') },
      { topic: `${base}/r-1/event`, payload: event('e2', 'session_abandoned', '2026-11-21T18:05:00.000Z', { reason: 'idle_timeout' }) },
      { topic: 'rollstation/north/all/cmd', payload: { v: 1, command_id: 'c1', type: 'class_warmup', routine_id: 'pre-run', start_at: '2026-11-21T18:30:00.000Z', coach: 'Sam', received_at: '2026-11-21T18:29:00.000Z' } },
      { topic: `${base}/r-1/cmd/result`, payload: { v: 1, station: 'r-1', command_id: 'c1', result: 'accepted', ts: '2026-11-21T18:29:00.100Z' } },
      { topic: `${base}/r-1/cmd/result`, payload: { v: 1, station: 'r-1', command_id: 'c1', result: 'not_joined', reason: 'lapsed', ts: '2026-11-21T18:30:05.000Z' } },
    ],
  };
}

test("a station's retained history fills the feed and the classes of a freshly loaded page", () => {
  const m = createModel();
  const changed = apply(m, `${base}/r-1/recent`, JSON.stringify(history()), { retained: true });
  assert.ok(changed.has('feed') && changed.has('classes'));
  assert.deepEqual(m.feed.map((e) => e.type), ['class_result', 'class_result', 'class_push', 'session_abandoned', 'session_started']);
  assert.equal(m.feed.find((e) => e.type === 'session_abandoned').reason, 'idle_timeout');
  const c = m.classes.get('c1');
  assert.equal(c.coach, 'Sam');
  assert.deepEqual(c.targets, [{ all: true, facility: 'north' }]);
  // The push is placed when the station received it, not when the page loaded.
  assert.equal(c.at, Date.parse('2026-11-21T18:29:00.000Z'));
  assert.deepEqual(c.results.get('north/r-1').map((a) => a.result), ['accepted', 'not_joined']);
  assert.equal(m.rejected, 0);
});

test('the same history again, or live messages seen before, add nothing and are not repeats', () => {
  const m = createModel();
  apply(m, `${base}/r-1/event`, JSON.stringify(event('e1', 'session_started', '2026-11-21T18:00:00.000Z')));
  apply(m, `${base}/r-1/recent`, JSON.stringify(history()), { retained: true });
  const size = m.feed.length;
  apply(m, `${base}/r-1/recent`, JSON.stringify(history()));
  // A second station's history with the same class to everyone: one push, answers per station.
  const other = history();
  other.entries = [other.entries[2], { topic: `${base}/r-2/cmd/result`, payload: { v: 1, station: 'r-2', command_id: 'c1', result: 'started', ts: '2026-11-21T18:30:00.000Z' } }];
  apply(m, `${base}/r-2/recent`, JSON.stringify(other), { retained: true });
  assert.equal(m.feed.length, size + 1);
  assert.equal(m.feed.filter((e) => e.type === 'class_push').length, 1);
  assert.equal(m.duplicates, 0);
  assert.equal(m.classes.get('c1').results.get('north/r-2')[0].result, 'started');
});

test("a history cannot speak for another station or facility, and bad entries are skipped", () => {
  const m = createModel();
  const forged = {
    v: 1,
    entries: [
      { topic: `${base}/r-2/event`, payload: event('x1', 'session_started', '2026-11-21T18:00:00.000Z') },
      { topic: 'rollstation/south/all/cmd', payload: { v: 1, command_id: 'c9', type: 'class_warmup' } },
      { topic: `${base}/r-1/state`, payload: { v: 1, mode: 'session' } },
      { topic: `${base}/r-1/event`, payload: 'not an object' },
      { topic: 7, payload: {} },
      null,
      { topic: `${base}/r-1/event`, payload: event('ok', 'session_completed', '2026-11-21T18:00:00.000Z') },
    ],
  };
  apply(m, `${base}/r-1/recent`, JSON.stringify(forged), { retained: true });
  assert.deepEqual(m.feed.map((e) => e.eventId), ['ok']);
  assert.equal(m.rejected, 6);
  assert.equal(m.stations.get('north/r-1').state, null);
  assert.equal(m.stations.has('north/r-2'), false);
  assert.equal(m.classes.has('c9'), false);
  for (const bad of ['{"v":1}', '{"v":1,"entries":{}}', 'nope']) apply(m, `${base}/r-1/recent`, bad, { retained: true });
  assert.equal(m.rejected, 9);
});

test('a restored class to everyone still shows under each station it reached', () => {
  const m = createModel();
  apply(m, `${base}/r-1/status`, JSON.stringify({ v: 1, online: true, boot_id: 'a' }));
  apply(m, `${base}/r-1/recent`, JSON.stringify(history()), { retained: true });
  const push = m.feed.find((e) => e.type === 'class_push');
  assert.ok(feedMatches(m, push, { station: 'north/r-1', type: 'class' }));
});

function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), items };
}

test("the coach's pushes from this browser are remembered for a day, bounded, and survive bad storage", () => {
  const now = Date.parse('2026-11-21T18:00:00.000Z');
  const storage = memoryStorage();
  const pushes = Array.from({ length: 12 }, (_, i) => ({ commandId: `dash-${i}`, topics: ['rollstation/north/all/cmd'], stations: ['north/r-1'], startAt: now - i * 3 * 3600 * 1000, title: `Class ${i}` }));
  savePushes(storage, pushes);
  const loaded = loadPushes(storage, now);
  // Ten kept, and of those the ones whose start is less than a day ago.
  assert.deepEqual(loaded.map((p) => p.commandId), ['dash-0', 'dash-1', 'dash-2', 'dash-3', 'dash-4', 'dash-5', 'dash-6', 'dash-7']);
  assert.equal(loaded[0].title, 'Class 0');
  storage.setItem('rollstation.dashboard.pushes', '{not json');
  assert.deepEqual(loadPushes(storage, now), []);
  storage.setItem('rollstation.dashboard.pushes', JSON.stringify([{ commandId: 1 }, null, { commandId: 'x', topics: 'no', stations: [], startAt: now }]));
  assert.deepEqual(loadPushes(storage, now), []);
  assert.deepEqual(loadPushes(null, now), []);
  savePushes({ setItem() { throw new Error('full'); } }, pushes); // never throws
});

test("a coach's command arriving after the station's history of it is not a repeat", () => {
  const m = createModel();
  apply(m, `${base}/r-1/recent`, JSON.stringify(history()), { retained: true });
  apply(m, 'rollstation/north/all/cmd', JSON.stringify(history().entries[2].payload));
  assert.equal(m.duplicates, 0);
  // A second live copy is.
  apply(m, 'rollstation/north/all/cmd', JSON.stringify(history().entries[2].payload));
  assert.equal(m.duplicates, 1);
});
