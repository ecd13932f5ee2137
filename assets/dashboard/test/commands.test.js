import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel } from '../src/model.js';
import { answerState, cancelOf, classWarmup, latestResult, newCommandId, START_GRACE_MS, startTime } from '../src/commands.js';

const now = Date.parse('2026-11-21T17:00:00.000Z');
const random = () => 0.5;

function model() {
  const m = createModel();
  for (const [id, groups] of [['r-1', ['team']], ['r-2', ['team']], ['r-3', []]]) {
    apply(m, `rollstation/north/station/${id}/status`, JSON.stringify({ v: 1, online: true, boot_id: id, groups }));
  }
  return m;
}

test('command ids follow the stations’ alphabet and differ between tablets', () => {
  const id = newCommandId(now, random);
  assert.match(id, /^[A-Za-z0-9_.:-]{1,64}$/);
  assert.equal(id.startsWith('dash-20261121T170000Z-'), true);
  assert.notEqual(newCommandId(now, () => 0.1), newCommandId(now, () => 0.2));
});

test('a start in so many seconds, or at a time of day today or tomorrow', () => {
  assert.equal(startTime({ in: 30 }, now), now + 30000);
  const at = new Date(now);
  at.setHours(at.getHours() + 1, 15, 0, 0);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:15`;
  assert.equal(startTime({ at: hhmm }, now), at.getTime());
  const earlier = new Date(now);
  earlier.setHours(earlier.getHours() - 1, 0, 0, 0);
  const past = `${String(earlier.getHours()).padStart(2, '0')}:00`;
  assert.equal(startTime({ at: past }, now), earlier.getTime() + 24 * 3600 * 1000);
  for (const bad of ['24:00', '7', '18:60', '', 'half past']) assert.equal(startTime({ at: bad }, now), null, bad);
});

test('a class to picked stations goes to each station topic; to a group, once', () => {
  const m = model();
  const picked = classWarmup(m, { facility: 'north', target: { stations: ['r-1', 'r-3'] }, routineId: 'pre-run', start: { in: 60 }, coach: ' Sam ', message: 'Team A' }, now, random);
  assert.deepEqual(picked.topics, ['rollstation/north/station/r-1/cmd', 'rollstation/north/station/r-3/cmd']);
  assert.deepEqual(picked.stations.sort(), ['north/r-1', 'north/r-3']);
  const payload = JSON.parse(picked.payload);
  assert.deepEqual(payload, { v: 1, command_id: picked.commandId, type: 'class_warmup', routine_id: 'pre-run', start_at: '2026-11-21T17:01:00.000Z', coach: 'Sam', message: 'Team A' });
  const group = classWarmup(m, { facility: 'north', target: { group: 'team' }, routineId: 'pre-run', start: { in: 5 }, coach: 'Sam' }, now, random);
  assert.deepEqual(group.topics, ['rollstation/north/group/team/cmd']);
  assert.deepEqual(group.stations.sort(), ['north/r-1', 'north/r-2']);
  assert.equal(JSON.parse(group.payload).message, undefined);
  const all = classWarmup(m, { facility: 'north', target: { all: true }, routineId: 'pre-run', start: { in: 5 }, coach: 'Sam' }, now, random);
  assert.deepEqual(all.topics, ['rollstation/north/all/cmd']);
  assert.equal(all.stations.length, 3);
});

test('a push with a mistake says what to fix and sends nothing', () => {
  const m = model();
  const r = classWarmup(m, { facility: 'north', target: { stations: [] }, routineId: '', start: { at: '25:00' }, coach: '', message: 'x'.repeat(121) }, now, random);
  assert.deepEqual(r.errors, ['Pick at least one station.', 'Pick a routine.', 'The start time should look like 18:30.', 'The message is longer than 120 characters.']);
  assert.equal(r.payload, undefined);
});

test('a cancel names the class and goes where it went', () => {
  const c = cancelOf(model(), { commandId: 'dash-1', topics: ['rollstation/north/group/team/cmd'] }, now, random);
  assert.deepEqual(JSON.parse(c.payload), { v: 1, command_id: c.commandId, type: 'cancel', target: 'dash-1' });
  assert.deepEqual(c.topics, ['rollstation/north/group/team/cmd']);
});

test("a station's latest answer: started after accepted, a refusal over both", () => {
  assert.equal(latestResult([]), null);
  assert.equal(latestResult([{ result: 'accepted', at: 1 }, { result: 'started', at: 2 }]).result, 'started');
  assert.equal(latestResult([{ result: 'started', at: 2 }, { result: 'cancelled', at: 3 }]).result, 'cancelled');
});

test('a push without a name carries no coach at all; a name is trimmed and checked', () => {
  const m = model();
  const unnamed = classWarmup(m, { facility: 'north', target: { all: true }, routineId: 'pre-run', start: { in: 5 }, coach: '   ' }, now, random);
  assert.equal('coach' in JSON.parse(unnamed.payload), false);
  const named = classWarmup(m, { facility: 'north', target: { all: true }, routineId: 'pre-run', start: { in: 5 }, coach: ' Sam ' }, now, random);
  assert.equal(JSON.parse(named.payload).coach, 'Sam');
  const long = classWarmup(m, { facility: 'north', target: { all: true }, routineId: 'pre-run', start: { in: 5 }, coach: 'x'.repeat(41) }, now, random);
  assert.deepEqual(long.errors, ['Your name is longer than 40 characters.']);
});

test('not joined is a final answer, with its reason in words', () => {
  const start = now + 30000;
  assert.equal(latestResult([{ result: 'accepted', at: 1 }, { result: 'not_joined', reason: 'lapsed', at: 2 }]).result, 'not_joined');
  assert.deepEqual(answerState([{ result: 'accepted', at: 1 }, { result: 'not_joined', reason: 'declined', at: 2 }], start, now), { state: 'not_joined', text: 'Not joined (declined)' });
  assert.equal(answerState([{ result: 'not_joined', reason: 'lapsed', at: 2 }], start, now).text, 'Not joined (start passed)');
  assert.equal(answerState([{ result: 'not_joined', at: 2 }], start, now).text, 'Not joined');
  assert.equal(answerState([{ result: 'rejected', reason: "unknown routine 'x'", at: 2 }], start, now).text, "Refused: unknown routine 'x'");
  assert.deepEqual(answerState([], start, now), { state: 'waiting', text: 'Waiting for an answer…' });
});

test('an accepted class stops counting down a few seconds after its start passed unanswered', () => {
  const start = now + 30000;
  const accepted = [{ result: 'accepted', at: now }];
  assert.equal(answerState(accepted, start, now).text, 'Accepted, counting down');
  assert.equal(answerState(accepted, start, start + START_GRACE_MS).state, 'accepted');
  const late = answerState(accepted, start, start + START_GRACE_MS + 1);
  assert.equal(late.state, 'overdue');
  assert.doesNotMatch(late.text, /counting down/);
  // Started in time: started, whenever asked.
  assert.equal(answerState([...accepted, { result: 'started', at: start }], start, start + 60000).state, 'started');
});
