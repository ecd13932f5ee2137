import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel } from '../src/model.js';
import { feedMatches } from '../src/view/feed.js';

function model() {
  const m = createModel();
  const send = (topic, body) => apply(m, `rollstation/north/${topic}`, JSON.stringify({ v: 1, ...body }));
  send('station/r-1/status', { online: true, boot_id: 'a', groups: ['team'] });
  send('station/r-2/status', { online: true, boot_id: 'b', groups: [] });
  send('station/r-1/event', { event_id: 'e1', type: 'session_started', ts: '2026-11-21T08:00:00.000Z', routine_id: 'x' });
  send('station/r-2/event', { event_id: 'e2', type: 'sensor_lost', ts: '2026-11-21T08:01:00.000Z', sensor_id: 's' });
  send('group/team/cmd', { command_id: 'c1', type: 'class_warmup', routine_id: 'x', start_at: '2026-11-21T09:00:00Z', coach: 'Sam' });
  send('station/r-1/cmd/result', { command_id: 'c1', result: 'accepted', ts: '2026-11-21T08:02:00.000Z' });
  return m;
}

const shown = (m, filter) => m.feed.filter((e) => feedMatches(m, e, filter)).map((e) => e.type);

test('a station filter keeps its own entries and the classes that reached it', () => {
  const m = model();
  assert.deepEqual(shown(m, { station: 'north/r-1', type: '' }).sort(), ['class_push', 'class_result', 'session_started']);
  // The group push did not reach r-2 (not in the group).
  assert.deepEqual(shown(m, { station: 'north/r-2', type: '' }), ['sensor_lost']);
});

test('a type filter keeps one kind: sessions by type, classes and sensors as families', () => {
  const m = model();
  assert.deepEqual(shown(m, { station: '', type: 'class' }).sort(), ['class_push', 'class_result']);
  assert.deepEqual(shown(m, { station: '', type: 'sensor' }), ['sensor_lost']);
  assert.deepEqual(shown(m, { station: '', type: 'session_started' }), ['session_started']);
  assert.equal(shown(m, { station: '', type: '' }).length, 4);
});
