// The History view, the alerts and the facility picker drawn in every language the dashboard
// speaks: each text they show comes from the language's catalogue (none is left in English),
// and every key built from a code the recorder sends (an alert's kind, a refusal's code) is in
// every catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { installFakeDom, textsOf } from './fake_dom.js';
import { CATALOGUES, LANGUAGES, setLanguage } from '../src/i18n.js';
import { applyAlert } from '../src/alerts.js';
import { refusalText } from '../src/history.js';
import { renderAlerts } from '../src/view/alerts.js';
import { createHistoryView } from '../src/view/history.js';
import { createFacilityPicker } from '../src/view/facility_picker.js';

const element = installFakeDom();
globalThis.URL.createObjectURL ??= () => 'blob:x';
const recorderSource = (file) => readFileSync(new URL(`../../../src/recorder/${file}`, import.meta.url), 'utf8');

const NOW = Date.parse('2026-11-21T17:15:00Z');
const ROOT = 'rollstation';
const ALERTS = [
  ['offline', { since: '2026-11-21T17:03:00Z' }],
  ['sensor_disconnected', { since: '2026-11-20T09:00:00Z', sensors: ['r-1-roller', 'r-1-gauge'] }],
  ['outbox_backlog', { since: '2026-11-21T16:00:00Z', outbox_depth: 240 }],
  ['clock_unsynchronised', { since: '2026-11-21T17:00:00Z', clock_skew_s: -300 }],
  ['sensor_bad_lines', { since: '2026-11-21T17:14:30Z', sensor: 'r-1-roller', bad_lines: 41 }],
];
const ANSWER = {
  ok: true, from: '2026-11-15', to: '2026-11-21', timezone: 'Europe/Berlin',
  total: { sessions: 12, completed: 9, abandoned: 3, active_minutes: 61.5, utilisation: 0.125, class_sessions: 4 },
  by_day: [{ id: '2026-11-20', sessions: 12, completed: 9, abandoned: 3, active_minutes: 61.5 }],
  by_station: [{ id: 'r-1', sessions: 12, completed: 9, abandoned: 3, active_minutes: 61.5, utilisation: 0.125 }],
  by_routine: [{ id: 'pre-run', sessions: 12, completed: 9, abandoned: 3 }],
  heatmap: [[0, 0, 0, 0, 0, 0, 0, 2]],
};

// Everything the three parts show, drawn in the current language.
function drawn() {
  const alerts = new Map();
  for (const [kind, extra] of ALERTS) {
    const topic = `${ROOT}/north/alert/r-1/${kind}`;
    applyAlert(alerts, topic, JSON.stringify({ v: 1, active: true, detail: 'the recorder says so in English', ...extra }), ROOT);
    // The same kind from a recorder that sends no figures: the words say since when.
    applyAlert(alerts, `${ROOT}/north/alert/r-2/${kind}`, JSON.stringify({ v: 1, active: true, since: extra.since }), ROOT);
  }
  const alertsEl = element('section');
  renderAlerts(alertsEl, alerts, 'all', NOW);
  const texts = textsOf(alertsEl);
  for (const status of ['ready', 'waiting']) {
    const historyEl = element('section');
    createHistoryView(historyEl, { onPeriod() {} }).render({ period: 'custom', custom: { from: ANSWER.from, to: ANSWER.to }, status, answer: ANSWER });
    texts.push(...textsOf(historyEl));
  }
  texts.push(refusalText({ ok: false, code: 'too_long', error: 'a report covers at most 400 days' }));
  const label = element('label');
  const select = element('select');
  label.append(select);
  createFacilityPicker(select, { initial: 'all', onChange() {} }).offer(['north', 'south']);
  texts.push(...textsOf(label));
  return texts;
}

// The English words of every key whose text differs in `code`, as pieces between placeholders.
function englishPieces(code) {
  const forms = (entry) => (typeof entry === 'string' ? [entry] : Object.values(entry ?? {}));
  const own = Object.values(CATALOGUES[code]).flatMap(forms).join('\n');
  return [...new Set(Object.entries(CATALOGUES.en)
    .filter(([key, entry]) => JSON.stringify(entry) !== JSON.stringify(CATALOGUES[code][key]))
    .flatMap(([, entry]) => forms(entry))
    .flatMap((text) => text.split(/\{\w+\}/))
    .map((piece) => piece.trim())
    .filter((piece) => /[a-z]{3}/i.test(piece) && piece.length >= 4 && !own.includes(piece)))];
}

test('the English History view, alerts and facility picker show their catalogue\'s words', () => {
  setLanguage('en');
  const texts = drawn().join('\n');
  for (const words of ['10 alerts', 'for 12 min', 'offline since', 'r-1-roller, r-1-gauge disconnected since Fri, Nov 20, 09:00', '240 events waiting to be sent',
    'clock 5 minutes behind', '41 bad lines in the last minute from r-1-roller', 'Nov 15, 2026 to Nov 21, 2026', '12.5%', 'All facilities', 'at most 400 days']) {
    assert.ok(texts.includes(words), `"${words}" in:\n${texts}`);
  }
  assert.ok(!texts.includes('the recorder says so in English'), 'the recorder\'s English detail is not shown');
});

for (const [code] of LANGUAGES.filter(([c]) => c !== 'en')) {
  test(`${code}: the History view, the alerts and the facility picker show no English`, () => {
    setLanguage(code);
    try {
      const texts = drawn();
      const pieces = englishPieces(code);
      assert.ok(pieces.length > 100, `${pieces.length} English pieces to look for`);
      const leaks = texts.flatMap((text) => pieces.filter((p) => text.includes(p)).map((p) => `"${p}" in "${text}"`));
      assert.deepEqual(leaks, []);
      const all = texts.join('\n');
      for (const [kind] of ALERTS) assert.ok(all.includes(CATALOGUES[code][`alerts.kind.${kind}`]), `${kind} named`);
      assert.ok(all.includes('12,5'), 'the decimal comma');
      assert.ok(all.includes(CATALOGUES[code]['facility.all']), 'the picker\'s "all"');
    } finally {
      setLanguage('en');
    }
  });
}

test('every alert kind and report refusal the recorder sends has its words in every language', () => {
  const kinds = [...recorderSource('alerts.cpp').matchAll(/case AlertKind::(\w+):/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(kinds)].sort(), ['clock_unsynchronised', 'offline', 'outbox_backlog', 'sensor_bad_lines', 'sensor_disconnected']);
  const codes = [...recorderSource('report_requests.cpp').matchAll(/refusal\("(\w+)"/g)].map((m) => m[1]);
  assert.ok(codes.length >= 4, `refusal codes: ${codes}`);
  for (const [code] of LANGUAGES) {
    for (const kind of kinds) assert.ok(CATALOGUES[code][`alerts.kind.${kind}`], `${code}: alerts.kind.${kind}`);
    for (const c of codes) assert.ok(CATALOGUES[code][`history.refused.${c}`], `${code}: history.refused.${c}`);
  }
});
