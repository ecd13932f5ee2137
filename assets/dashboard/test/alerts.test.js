import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeAlerts, ageText, alertSubscription, applyAlert, detailText, kindText, parseAlert } from '../src/alerts.js';
import { setLanguage } from '../src/i18n.js';

const topic = (facility, station, kind) => `rollstation/${facility}/alert/${station}/${kind}`;
const raised = (since, detail = 'offline for more than 300 s during opening hours') =>
  JSON.stringify({ v: 1, facility: 'north', station: 'r-1', kind: 'offline', active: true, since, detail, updated_at: since });

test('an alert message is read with its station, kind and start', () => {
  assert.equal(alertSubscription('rollstation'), 'rollstation/+/alert/#');
  assert.deepEqual(parseAlert(topic('north', 'r-1', 'offline'), raised('2026-11-21T17:03:04.123Z'), 'rollstation'), {
    facility: 'north', station: 'r-1', kind: 'offline', active: true, sinceMs: Date.parse('2026-11-21T17:03:04.123Z'),
    detail: 'offline for more than 300 s during opening hours', sensors: [], outboxDepth: null, badLines: null, clockSkewS: null,
  });
  const cleared = JSON.stringify({ v: 1, active: false, cleared_at: '2026-11-21T18:00:00.000Z', detail: 'back online' });
  assert.equal(parseAlert(topic('north', 'r-1', 'offline'), cleared, 'rollstation').active, false);
});

test('hostile or broken alert messages are ignored', () => {
  const good = raised('2026-11-21T17:03:04.123Z');
  for (const [t, text] of [
    [topic('north', 'r-1', 'unknown_kind'), good],
    [topic('north', '<img>', 'offline'), good],
    ['rollstation/north/alert/r-1', good],
    ['other/north/alert/r-1/offline', good],
    [topic('north', 'r-1', 'offline'), 'not json'],
    [topic('north', 'r-1', 'offline'), '{"v":1,"active":"yes"}'],
    [topic('north', 'r-1', 'offline'), '{"v":1,"active":true,"since":"never"}'],
    [topic('north', 'r-1', 'offline'), ''],
  ]) assert.equal(parseAlert(t, text, 'rollstation'), null, `${t} ${text}`);
});

test('raised alerts are listed per facility, oldest first, and cleared ones drop out', () => {
  const alerts = new Map();
  assert.equal(applyAlert(alerts, topic('north', 'r-2', 'offline'), raised('2026-11-21T17:10:00Z'), 'rollstation'), true);
  applyAlert(alerts, topic('north', 'r-1', 'sensor_bad_lines'), raised('2026-11-21T17:00:00Z', '40 bad lines'), 'rollstation');
  applyAlert(alerts, topic('south', 's-1', 'offline'), raised('2026-11-21T16:00:00Z'), 'rollstation');
  assert.deepEqual(activeAlerts(alerts, 'north').map((a) => a.station), ['r-1', 'r-2']);
  assert.deepEqual(activeAlerts(alerts, 'all').map((a) => a.station), ['s-1', 'r-1', 'r-2']);
  applyAlert(alerts, topic('north', 'r-2', 'offline'), JSON.stringify({ v: 1, active: false, cleared_at: '2026-11-21T17:20:00Z' }), 'rollstation');
  assert.deepEqual(activeAlerts(alerts, 'north').map((a) => a.station), ['r-1']);
  // The empty retained message removes it altogether.
  assert.equal(applyAlert(alerts, topic('north', 'r-1', 'sensor_bad_lines'), '', 'rollstation'), true);
  assert.equal(activeAlerts(alerts, 'north').length, 0);
});

test('an alert\'s age reads at a glance', () => {
  const t = Date.parse('2026-11-21T17:00:00Z');
  assert.equal(ageText(t, t + 30_000), 'under a minute');
  assert.equal(ageText(t, t - 5_000), 'under a minute'); // a clock a little behind
  assert.equal(ageText(t, t + 12 * 60_000), '12 min');
  assert.equal(ageText(t, t + 185 * 60_000), '3 h 5 min');
  assert.equal(ageText(t, t + 120 * 60_000), '2 h');
  assert.equal(ageText(t, t + 52 * 3600_000), '2 d 4 h');
});

test('the facility picker offers each facility the stations name, once and sorted', async () => {
  const { facilitiesOf } = await import('../src/view/facility_picker.js');
  assert.deepEqual(facilitiesOf(['south/s-1', 'north/r-2', 'north/r-1', '']), ['north', 'south']);
});

test('an alert\'s words come from its figures, in the language shown', () => {
  const at = Date.parse('2026-11-21T17:00:00Z');
  const alert = (kind, extra) => parseAlert(topic('north', 'r-1', kind), JSON.stringify({ v: 1, active: true, since: new Date(at).toISOString(), ...extra }), 'rollstation');
  const lost = alert('sensor_disconnected', { sensors: ['pad', '<b>x</b>'] });
  assert.deepEqual(lost.sensors, ['pad'], 'names that are not names are dropped');
  assert.match(detailText(lost, at + 60_000), /^pad disconnected since \d\d:\d\d$/);
  assert.equal(detailText(alert('clock_unsynchronised', { clock_skew_s: 45 }), at), 'clock 45 seconds ahead');
  assert.equal(detailText(alert('outbox_backlog', { outbox_depth: 1 }), at), '1 event waiting to be sent, and growing');
  assert.match(detailText(alert('outbox_backlog', {}), at), /^events piling up since /);
  setLanguage('de');
  try {
    assert.equal(kindText('sensor_disconnected'), 'Sensor getrennt');
    assert.equal(ageText(at, at + 52 * 3600_000), '2 Tagen 4 Std.');
    assert.equal(detailText(alert('clock_unsynchronised', { clock_skew_s: -600 }), at), 'Uhr geht 10 Minuten nach');
    assert.equal(detailText(alert('sensor_bad_lines', { sensor: 'pad', bad_lines: 41 }), at), '41 fehlerhafte Zeilen in der letzten Minute von pad');
    assert.match(detailText(alert('offline', {}), at + 3 * 86_400_000), /^offline seit \S+, \d+\. \S+ \d\d:\d\d Uhr$/);
  } finally {
    setLanguage('en');
  }
});
