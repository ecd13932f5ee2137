import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel, modeOf, sensorsOf, sortedStations } from '../src/model.js';

const base = 'rollstation/north/station';
const send = (model, topic, payload, options = {}) => apply(model, topic, typeof payload === 'string' ? payload : JSON.stringify(payload), options);

function event(id, type, extra = {}) {
  return { v: 1, event_id: id, station: 'r-1', seq: 1, type, ts: '2026-11-21T17:00:00.000Z', session_id: 's', routine_id: 'pre-run', source: 'athlete', ...extra };
}

test('a station appears with its first retained message and takes its name from its status', () => {
  const model = createModel();
  const changed = send(model, `${base}/r-1/status`, { v: 1, online: true, boot_id: 'b1', version: '1.0', started_at: '2026-11-21T08:00:00.000Z', name: 'Roller 1', groups: ['team'] }, { retained: true });
  assert.ok(changed.has('stations'));
  const s = model.stations.get('north/r-1');
  assert.equal(s.name, 'Roller 1');
  assert.deepEqual(s.groups, ['team']);
  assert.equal(s.online, true);
  assert.equal(s.lastSeen, Date.parse('2026-11-21T08:00:00.000Z'));
  assert.equal(modeOf(s), 'idle');
});

test('state decides the mode; an offline station is offline whatever its last state said', () => {
  const model = createModel();
  send(model, `${base}/r-1/status`, { v: 1, online: true, boot_id: 'b1' });
  send(model, `${base}/r-1/state`, { v: 1, mode: 'session', sensors: [{ id: 'x', connected: true }, { id: 'y', connected: false }], updated_at: '2026-11-21T09:00:00.000Z' });
  const s = model.stations.get('north/r-1');
  assert.equal(modeOf(s), 'session');
  assert.deepEqual(sensorsOf(s), [{ id: 'x', connected: true }, { id: 'y', connected: false }]);
  send(model, `${base}/r-1/status`, { v: 1, online: false, boot_id: 'b1' });
  assert.equal(modeOf(s), 'offline');
});

test('a late will from an earlier run does not take a station that came back offline', () => {
  const model = createModel();
  send(model, `${base}/r-1/status`, { v: 1, online: true, boot_id: 'new' });
  send(model, `${base}/r-1/status`, { v: 1, online: false, boot_id: 'old' });
  assert.equal(model.stations.get('north/r-1').online, true);
  send(model, `${base}/r-1/status`, { v: 1, online: false, boot_id: 'new' });
  assert.equal(model.stations.get('north/r-1').online, false);
});

test('live messages count as signs of life when they arrive; retained ones by their own time', () => {
  const model = createModel();
  const now = Date.parse('2026-11-21T12:00:00.000Z');
  send(model, `${base}/r-1/stats`, { v: 1, date: '2026-11-21', sessions: 1, updated_at: '2026-11-21T10:00:00.000Z' }, { retained: true, now });
  assert.equal(model.stations.get('north/r-1').lastSeen, Date.parse('2026-11-21T10:00:00.000Z'));
  send(model, `${base}/r-1/telemetry`, { v: 1, ts: '2026-11-21T09:00:00.000Z' }, { now });
  assert.equal(model.stations.get('north/r-1').lastSeen, now);
});

test('each event shows once in the feed, however often it is delivered', () => {
  const model = createModel();
  assert.ok(send(model, `${base}/r-1/event`, event('e1', 'session_started')).has('feed'));
  assert.equal(send(model, `${base}/r-1/event`, event('e1', 'session_started')).has('feed'), false);
  assert.equal(model.feed.length, 1);
  assert.equal(model.duplicates, 1);
  assert.equal(model.feed[0].station, 'north/r-1');
  // Steps are not news for the feed.
  send(model, `${base}/r-1/event`, event('e2', 'step_completed'));
  assert.equal(model.feed.length, 1);
});

test('the feed is newest first and bounded', () => {
  const model = createModel();
  for (let i = 0; i < 310; i += 1) {
    const ts = new Date(Date.parse('2026-11-21T08:00:00.000Z') + i * 1000).toISOString();
    send(model, `${base}/r-1/event`, event(`e${i}`, 'session_completed', { ts }));
  }
  assert.equal(model.feed.length, 300);
  assert.equal(model.feed[0].eventId, 'e309');
  assert.equal(model.feed.at(-1).eventId, 'e10');
  // An old event arriving late takes its place in time.
  send(model, `${base}/r-1/event`, event('late', 'session_started', { ts: '2026-11-21T08:02:00.500Z' }));
  const index = model.feed.findIndex((e) => e.eventId === 'late');
  assert.equal(model.feed[index - 1].eventId, 'e121');
});

test('a class pushed to two stations is one feed entry, and each answer is kept per station', () => {
  const model = createModel();
  const push = { v: 1, command_id: 'c1', type: 'class_warmup', routine_id: 'pre-run', start_at: '2026-11-21T18:30:00Z', coach: 'Sam', message: 'Team A' };
  send(model, `${base}/r-1/cmd`, push);
  send(model, `${base}/r-2/cmd`, push);
  send(model, `${base}/r-2/cmd`, push); // repeated delivery
  assert.equal(model.feed.filter((e) => e.type === 'class_push').length, 1);
  const c = model.classes.get('c1');
  assert.deepEqual(c.targets, [{ station: 'r-1', facility: 'north' }, { station: 'r-2', facility: 'north' }]);
  assert.equal(model.duplicates, 1);
  send(model, `${base}/r-1/cmd/result`, { v: 1, station: 'r-1', command_id: 'c1', result: 'accepted', ts: '2026-11-21T18:29:00.000Z' });
  send(model, `${base}/r-1/cmd/result`, { v: 1, station: 'r-1', command_id: 'c1', result: 'started', ts: '2026-11-21T18:30:00.000Z' });
  send(model, `${base}/r-2/cmd/result`, { v: 1, station: 'r-2', command_id: 'c1', result: 'rejected', reason: "unknown routine 'pre-run'", ts: '2026-11-21T18:29:00.000Z' });
  assert.deepEqual(c.results.get('north/r-1').map((a) => a.result), ['accepted', 'started']);
  assert.equal(c.results.get('north/r-2')[0].reason, "unknown routine 'pre-run'");
  assert.equal(model.feed.filter((e) => e.type === 'class_result').length, 3);
});

test('bad payloads are counted and change nothing', () => {
  const model = createModel();
  for (const bad of ['', 'not json', '[]', '{"v":2,"online":true}', 'null', '{"online":true}']) {
    assert.equal(send(model, `${base}/r-1/status`, bad).size, 0, bad);
  }
  assert.equal(model.rejected, 6);
  assert.equal(model.stations.size, 0);
  // A status that says neither online nor offline is ignored too.
  send(model, `${base}/r-1/status`, { v: 1, online: 'yes' });
  assert.equal(model.stations.get('north/r-1').known, false);
});

test('stations sort by facility, then by name with numbers in order', () => {
  const model = createModel();
  for (const id of ['r-10', 'r-2', 'r-1']) send(model, `${base}/${id}/status`, { v: 1, online: true, boot_id: id });
  send(model, 'rollstation/annex/station/a/status', { v: 1, online: true, boot_id: 'a' });
  assert.deepEqual(sortedStations(model).map((s) => s.key), ['annex/a', 'north/r-1', 'north/r-2', 'north/r-10']);
});
