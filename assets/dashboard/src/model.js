// Everything the dashboard knows, built only from MQTT messages: the stations (from their
// retained status, state, stats and routines, and live telemetry), the event feed (each event
// once, by event_id) and the classes coaches pushed with each station's answers. A station's
// retained history (recent) fills the feed and the classes again after a reload. No DOM here:
// apply() takes a message and says which parts of the picture changed.

import { parseTopic, stationKey } from './topics.js';
import { parseTime } from './format.js';

export const FEED_LIMIT = 300;
// At most this many entries of one station's retained history are looked at (it keeps 40).
export const RECENT_LIMIT = 100;
const FEED_EVENTS = new Set(['session_started', 'session_completed', 'session_abandoned', 'sensor_connected', 'sensor_lost']);

export function createModel(root = 'rollstation') {
  return {
    root,
    stations: new Map(), // key -> station
    feed: [], // newest first
    seen: new Set(), // feed entry ids already shown
    duplicates: 0, // repeated deliveries dropped (at-least-once delivery)
    rejected: 0, // messages that were not what they claimed to be
    classes: new Map(), // command_id -> class push with its answers
  };
}

function newStation(facility, id) {
  return {
    key: stationKey(facility, id),
    facility,
    id,
    name: id,
    groups: [],
    online: false,
    known: false, // a status has been seen
    bootId: null,
    version: '',
    lastSeen: null, // unix ms of the latest sign of life
    state: null,
    telemetry: null,
    stats: null,
    routines: [],
  };
}

function station(model, facility, id) {
  const key = stationKey(facility, id);
  let s = model.stations.get(key);
  if (!s) {
    s = newStation(facility, id);
    model.stations.set(key, s);
  }
  return s;
}

function seenAt(s, ms) {
  if (ms !== null && ms !== undefined && (s.lastSeen === null || ms > s.lastSeen)) s.lastSeen = ms;
}

function parseJson(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

const text = (v, fallback = '') => (typeof v === 'string' ? v : fallback);
const number = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

// Adds a feed entry unless its id was shown already; keeps the feed newest first and bounded.
function addToFeed(model, entry) {
  if (model.seen.has(entry.id)) {
    model.duplicates += 1;
    return false;
  }
  model.seen.add(entry.id);
  let at = 0;
  while (at < model.feed.length && model.feed[at].at > entry.at) at += 1;
  model.feed.splice(at, 0, entry);
  if (model.feed.length > FEED_LIMIT) {
    for (const gone of model.feed.splice(FEED_LIMIT)) model.seen.delete(gone.id);
    // Ids that scrolled out stay remembered a while longer: a late repeat is still a repeat.
    if (model.seen.size > FEED_LIMIT * 4) model.seen = new Set(model.feed.map((e) => e.id));
  }
  return true;
}

function applyStatus(s, j, received) {
  if (j.online === true) {
    s.online = true;
    s.bootId = text(j.boot_id, null);
    s.version = text(j.version);
    if (typeof j.name === 'string' && j.name) s.name = j.name;
    if (Array.isArray(j.groups)) s.groups = j.groups.filter((g) => typeof g === 'string');
    seenAt(s, parseTime(j.started_at));
  } else if (j.online === false) {
    // A will from an earlier run arriving after the station came back says nothing about now.
    if (s.online && s.bootId && j.boot_id && j.boot_id !== s.bootId) return false;
    s.online = false;
    s.telemetry = null;
  } else {
    return false;
  }
  s.known = true;
  if (received !== null) seenAt(s, received);
  return true;
}

function applyEvent(model, s, j, changed) {
  const type = text(j.type);
  const id = text(j.event_id);
  seenAt(s, parseTime(j.ts));
  if (!id || !FEED_EVENTS.has(type)) return;
  const entry = {
    id: `event:${id}`,
    eventId: id,
    at: parseTime(j.ts) ?? Date.now(),
    station: s.key,
    type,
    routineId: text(j.routine_id),
    source: text(j.source),
    commandId: text(j.command_id),
    reason: text(j.reason),
    sensorId: text(j.sensor_id),
    stepsCompleted: number(j.steps_completed),
    stepsTotal: number(j.steps_total),
    activeS: number(j.active_s),
  };
  if (addToFeed(model, entry)) changed.add('feed');
}

function classFor(model, commandId) {
  let c = model.classes.get(commandId);
  if (!c) {
    c = { commandId, type: '', routineId: '', routineTitle: '', startAt: null, coach: '', message: '', targets: [], at: null, results: new Map(), mine: false, fromHistory: new Set() };
    model.classes.set(commandId, c);
  }
  return c;
}

function describeTarget(parsed) {
  if (parsed.all) return { all: true, facility: parsed.facility };
  if (parsed.group) return { group: parsed.group, facility: parsed.facility };
  return { station: parsed.station, facility: parsed.facility };
}

function applyCommand(model, parsed, j, received, changed) {
  const commandId = text(j.command_id);
  if (!commandId || (j.type !== 'class_warmup' && j.type !== 'cancel')) return;
  const c = classFor(model, commandId);
  c.type = j.type;
  c.routineId = text(j.routine_id, j.routine && typeof j.routine === 'object' ? text(j.routine.id) : '');
  c.routineTitle = j.routine && typeof j.routine === 'object' ? text(j.routine.title) : '';
  c.startAt = parseTime(j.start_at);
  c.coach = text(j.coach);
  c.message = text(j.message);
  c.cancels = text(j.target);
  // From a station's history the command says when the station received it.
  c.at = c.at ?? received ?? parseTime(j.received_at) ?? Date.now();
  const target = describeTarget(parsed);
  const targetId = JSON.stringify(target);
  if (c.targets.some((t) => JSON.stringify(t) === targetId)) {
    // The same command on the same topic again; unless it was first known from a station's
    // history, which may well reach the page before the coach's own message does.
    if (received !== null && c.fromHistory.delete(targetId)) return;
    model.duplicates += 1;
    return;
  }
  c.targets.push(target);
  if (received === null) c.fromHistory.add(targetId);
  changed.add('classes');
  if (model.seen.has(`push:${commandId}`)) {
    changed.add('feed'); // one class sent to several targets: one entry lists them all
    return;
  }
  // A push may reach many stations: the feed's station filter asks its targets (c.targets).
  addToFeed(model, { id: `push:${commandId}`, at: c.at, station: '', type: j.type === 'cancel' ? 'class_cancel' : 'class_push', commandId, push: c });
  changed.add('feed');
}

function applyResult(model, s, j, changed) {
  const commandId = text(j.command_id);
  const result = text(j.result);
  if (!commandId || !result) return;
  const at = parseTime(j.ts) ?? Date.now();
  seenAt(s, at);
  const c = classFor(model, commandId);
  const answers = c.results.get(s.key) ?? [];
  if (!answers.some((a) => a.result === result)) answers.push({ result, reason: text(j.reason), at });
  c.results.set(s.key, answers);
  changed.add('classes');
  const entry = { id: `result:${s.key}:${commandId}:${result}`, at, station: s.key, type: 'class_result', commandId, result, reason: text(j.reason) };
  if (addToFeed(model, entry)) changed.add('feed');
}

// A station's retained history: each entry is replayed as the message it was, as long as it is
// one this station may have sent or received (its own event and cmd/result topics, command
// topics of its facility); anything else in it is counted as rejected and skipped.
function applyRecent(model, parsed, j, changed) {
  if (!Array.isArray(j.entries)) {
    model.rejected += 1;
    return;
  }
  const duplicates = model.duplicates; // replays of what was seen live are not repeats
  for (const entry of j.entries.slice(-RECENT_LIMIT)) {
    const inner = entry && typeof entry.topic === 'string' ? parseTopic(entry.topic, model.root) : null;
    const own = inner && inner.facility === parsed.facility && (inner.kind === 'cmd' ? !inner.station || inner.station === parsed.station : inner.station === parsed.station && (inner.kind === 'event' || inner.kind === 'cmd/result'));
    if (!own || !entry.payload || typeof entry.payload !== 'object') {
      model.rejected += 1;
      continue;
    }
    for (const c of apply(model, entry.topic, JSON.stringify(entry.payload), { retained: true })) changed.add(c);
  }
  model.duplicates = duplicates;
}

// Applies one message. `retained` says whether the broker kept it for us (its time is then
// the payload's own, not the moment it arrived). Returns the set of parts that changed:
// 'stations', 'feed', 'usage', 'classes', 'routines'.
export function apply(model, topic, payloadText, { retained = false, now = Date.now() } = {}) {
  const changed = new Set();
  const parsed = parseTopic(topic, model.root);
  if (!parsed) return changed;
  if (payloadText === '' && retained) return changed; // a cleared retained message
  const j = parseJson(payloadText);
  if (!j || j.v !== 1) {
    model.rejected += 1;
    return changed;
  }
  const received = retained ? null : now;
  if (parsed.kind === 'cmd') {
    applyCommand(model, parsed, j, received, changed);
    return changed;
  }
  const s = station(model, parsed.facility, parsed.station);
  const isNew = !s.known && !s.state && !s.stats;
  switch (parsed.kind) {
    case 'status':
      if (applyStatus(s, j, received)) changed.add('stations');
      break;
    case 'state':
      s.state = j;
      if (j.mode !== 'session') s.telemetry = null;
      seenAt(s, parseTime(j.updated_at));
      changed.add('stations');
      break;
    case 'telemetry':
      s.telemetry = j;
      seenAt(s, parseTime(j.ts));
      changed.add('stations');
      break;
    case 'stats':
      s.stats = j;
      seenAt(s, parseTime(j.updated_at));
      changed.add('stations');
      changed.add('usage');
      break;
    case 'routines':
      s.routines = Array.isArray(j.routines) ? j.routines.filter((r) => r && typeof r.id === 'string') : [];
      changed.add('routines');
      changed.add('usage');
      break;
    case 'event':
      applyEvent(model, s, j, changed);
      break;
    case 'cmd/result':
      applyResult(model, s, j, changed);
      break;
    case 'recent':
      applyRecent(model, parsed, j, changed);
      break;
    default:
      break;
  }
  if (received !== null) seenAt(s, received);
  if (isNew) changed.add('stations');
  return changed;
}

// Stations in a stable order: by facility, then name.
export function sortedStations(model) {
  return [...model.stations.values()].sort((a, b) => a.facility.localeCompare(b.facility) || a.name.localeCompare(b.name, undefined, { numeric: true }));
}

// What a station is doing, for its card: 'offline', 'idle', 'browsing', 'session' or 'class_countdown'.
export function modeOf(s) {
  if (!s.online) return 'offline';
  const mode = s.state?.mode;
  return ['idle', 'browsing', 'session', 'class_countdown'].includes(mode) ? mode : 'idle';
}

// The routine's title as any station names it, else its id.
export function routineTitle(model, id) {
  if (!id) return '';
  for (const s of model.stations.values()) {
    const r = s.routines.find((x) => x.id === id);
    if (r && r.title) return r.title;
  }
  return id;
}

// Sensors and whether each is connected, from the latest state.
export function sensorsOf(s) {
  const list = Array.isArray(s.state?.sensors) ? s.state.sensors : [];
  return list.filter((x) => x && typeof x.id === 'string').map((x) => ({ id: x.id, connected: x.connected === true }));
}
