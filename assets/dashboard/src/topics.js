// The Rollstation topic tree as the dashboard reads and writes it (docs/mqtt.md):
// <root>/<facility>/station/<id>/<kind>, <root>/<facility>/group/<group>/cmd, <root>/<facility>/all/cmd.

const STATION_KINDS = new Set(['status', 'state', 'event', 'telemetry', 'stats', 'routines', 'recent', 'cmd', 'cmd/result']);

// What the dashboard follows: everything stations publish and every command sent to them.
export function subscriptions(root) {
  return [`${root}/+/station/+/#`, `${root}/+/group/+/cmd`, `${root}/+/all/cmd`];
}

// A station is known by its facility and id together: two facilities may share a broker.
export function stationKey(facility, id) {
  return `${facility}/${id}`;
}

// {facility, station, kind} for a station topic, {facility, group, kind: 'cmd'} or
// {facility, all: true, kind: 'cmd'} for a command topic, null for anything else.
export function parseTopic(topic, root) {
  const levels = topic.split('/');
  if (levels.length < 4 || levels[0] !== root || !levels[1]) return null;
  const facility = levels[1];
  if (levels[2] === 'all' && levels.length === 4 && levels[3] === 'cmd') return { facility, all: true, kind: 'cmd' };
  if (levels[2] === 'group' && levels.length === 5 && levels[4] === 'cmd' && levels[3]) {
    return { facility, group: levels[3], kind: 'cmd' };
  }
  if (levels[2] !== 'station' || levels.length < 5 || !levels[3]) return null;
  const kind = levels.slice(4).join('/');
  return STATION_KINDS.has(kind) ? { facility, station: levels[3], kind } : null;
}

// Where a command goes: {station: id}, {group: name} or {all: true}, within one facility.
export function commandTopic(root, facility, target) {
  if (target.station) return `${root}/${facility}/station/${target.station}/cmd`;
  if (target.group) return `${root}/${facility}/group/${target.group}/cmd`;
  return `${root}/${facility}/all/cmd`;
}
