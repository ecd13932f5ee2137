// The recorder's alerts (docs/recorder.md, "Alerts"): retained messages on
// <root>/<facility>/alert/<station>/<kind>, raised with "since" and kept after clearing with
// "cleared_at". Pure: parsed, kept by topic, listed for a facility, aged in words.

const KINDS = new Set(['offline', 'sensor_disconnected', 'outbox_backlog', 'clock_unsynchronised', 'sensor_bad_lines']);
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function alertSubscription(root) {
  return `${root}/+/alert/#`;
}

export function isAlertTopic(topic, root) {
  return topic.startsWith(`${root}/`) && topic.split('/')[2] === 'alert';
}

// {facility, station, kind, active, sinceMs, detail} for a well-formed alert, null otherwise
// (and for the empty retained message that removes one).
export function parseAlert(topic, text, root) {
  const levels = topic.split('/');
  if (levels.length !== 5 || levels[0] !== root || levels[2] !== 'alert') return null;
  const [, facility, , station, kind] = levels;
  if (!NAME.test(facility) || !NAME.test(station) || !KINDS.has(kind)) return null;
  let j;
  try {
    j = JSON.parse(text);
  } catch {
    return null;
  }
  if (!j || typeof j !== 'object' || j.v !== 1 || typeof j.active !== 'boolean') return null;
  const when = Date.parse(j.active ? j.since : j.cleared_at);
  if (!Number.isFinite(when)) return null;
  const detail = typeof j.detail === 'string' ? j.detail.slice(0, 200) : '';
  return { facility, station, kind, active: j.active, sinceMs: when, detail };
}

// Keeps the latest message per topic; returns whether anything changed.
export function applyAlert(alerts, topic, text, root) {
  const alert = parseAlert(topic, text, root);
  if (!alert) return alerts.delete(topic);
  alerts.set(topic, alert);
  return true;
}

// The raised alerts of one facility ('' or 'all': every facility), the oldest first.
export function activeAlerts(alerts, facility) {
  return [...alerts.values()]
    .filter((a) => a.active && (!facility || facility === 'all' || a.facility === facility))
    .sort((a, b) => a.sinceMs - b.sinceMs || a.station.localeCompare(b.station));
}

// How long, in words a glance takes in: "under a minute", "12 min", "3 h 5 min", "2 d 4 h".
export function ageText(sinceMs, nowMs) {
  const minutes = Math.max(0, Math.floor((nowMs - sinceMs) / 60000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export const KIND_WORDS = {
  offline: 'Offline',
  sensor_disconnected: 'Sensor disconnected',
  outbox_backlog: 'Events piling up',
  clock_unsynchronised: 'Clock not synchronised',
  sensor_bad_lines: 'Sensor sending bad lines',
};
