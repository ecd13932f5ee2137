import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { CATALOGUES, chooseLanguage, formatNumber, LANGUAGES, language, setLanguage, t, tn } from '../src/i18n.js';
import { abandonReason, ago, label, minutes } from '../src/format.js';
import { answerState } from '../src/commands.js';

const en = CATALOGUES.en;
const placeholders = (entry) => [...new Set((typeof entry === 'string' ? [entry] : Object.values(entry)).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
const source = (dir) => readdirSync(new URL(dir, import.meta.url), { recursive: true })
  .filter((f) => f.endsWith('.js') && !f.startsWith('strings') && f !== 'i18n.js') // the users of the catalogues
  .map((f) => readFileSync(new URL(`${dir}/${f}`, import.meta.url), 'utf8'))
  .join('\n');

// Every test leaves the dashboard in English, as the other test files expect it.
function inLanguage(code, body) {
  setLanguage(code);
  try {
    body();
  } finally {
    setLanguage('en');
  }
}

test('the dashboard speaks English, German, Spanish and French, each named in its own words', () => {
  assert.deepEqual(LANGUAGES, [['en', 'English'], ['de', 'Deutsch'], ['es', 'Español'], ['fr', 'Français']]);
  assert.deepEqual(Object.keys(CATALOGUES).sort(), ['de', 'en', 'es', 'fr']);
});

for (const [code] of LANGUAGES.filter(([c]) => c !== 'en')) {
  test(`${code}: every key of English, no other, each with the same placeholders and a text`, () => {
    const catalogue = CATALOGUES[code];
    assert.deepEqual(Object.keys(en).filter((k) => !(k in catalogue)), [], 'missing keys');
    assert.deepEqual(Object.keys(catalogue).filter((k) => !(k in en)), [], 'keys English does not have');
    for (const [key, entry] of Object.entries(catalogue)) {
      assert.deepEqual(placeholders(entry), placeholders(en[key]), `${key}: placeholders`);
      const forms = typeof entry === 'string' ? [entry] : Object.values(entry);
      for (const form of forms) assert.ok(form.trim().length > 0, `${key}: empty`);
      if (typeof entry === 'object') assert.ok(typeof entry.other === 'string', `${key}: a plural needs its "other" form`);
      // The pieces beside a number keep their spaces, so "3 begonnen · 1 abgeschlossen" reads as a sentence.
      const en0 = typeof en[key] === 'string' ? en[key] : en[key].other;
      const text = typeof entry === 'string' ? entry : entry.other;
      assert.equal(text.startsWith(' '), en0.startsWith(' '), `${key}: leading space`);
      assert.equal(text.endsWith(' '), en0.endsWith(' '), `${key}: trailing space`);
    }
  });
}

test('English plural texts give both forms', () => {
  for (const [key, entry] of Object.entries(en)) {
    if (typeof entry === 'object') assert.deepEqual(Object.keys(entry).sort(), ['one', 'other'], key);
  }
});

test('every key the code and the page use is in the English catalogue', () => {
  const code = source('../src');
  const used = [...code.matchAll(/\b(?:t|tn|tr)\('([\w.-]+)'/g)].map((m) => m[1]);
  const page = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
  used.push(...[...page.matchAll(/data-i18n(?:-[\w-]+)?="([\w.-]+)"/g)].map((m) => m[1]));
  assert.ok(used.length > 150, `found ${used.length} uses`);
  assert.deepEqual([...new Set(used)].filter((k) => !(k in en)), []);
  // Keys built from a code, such as `label.${name}`: their prefixes exist.
  for (const prefix of ['label.', 'reason.', 'notJoined.', 'feed.result.', 'feed.cancelResult.', 'answer.', 'weekday.']) {
    assert.ok(Object.keys(en).some((k) => k.startsWith(prefix)), prefix);
  }
});

test('a key missing in a language shows in English; one missing everywhere shows as itself', () => {
  const saved = CATALOGUES.de['card.paused'];
  delete CATALOGUES.de['card.paused'];
  try {
    inLanguage('de', () => {
      assert.equal(t('card.paused'), 'Paused');
      assert.equal(t('card.tempo'), 'Tempo');
      assert.equal(t('card.pressure'), 'Druck');
      assert.equal(t('card.step', { index: 2, count: 6 }), 'Schritt 2 von 6');
      assert.equal(t('no.such.key'), 'no.such.key');
    });
  } finally {
    CATALOGUES.de['card.paused'] = saved;
  }
});

test('an unknown language is English', () => {
  assert.equal(setLanguage('it'), 'en');
  assert.equal(language(), 'en');
  assert.equal(t('card.paused'), 'Paused');
});

test('placeholders are filled once: what a station sends is never read as a placeholder', () => {
  assert.equal(t('feed.started', { routine: 'Pre-run {routine}' }), 'started Pre-run {routine}');
  assert.equal(t('card.starts', {}), 'Starts {time}');
});

test('plural forms follow each language: French counts 0 as one, German and Spanish do not', () => {
  assert.equal(tn('history.sessions', 1), ' session');
  assert.equal(tn('history.sessions', 2), ' sessions');
  assert.equal(tn('history.sessions', 0), ' sessions');
  inLanguage('de', () => {
    assert.equal(tn('history.sessions', 1), ' Einheit');
    assert.equal(tn('history.sessions', 0), ' Einheiten');
    assert.equal(tn('history.day', 3, { day: '2026-12-01', minutes: 15 }), '2026-12-01: 3 Einheiten, 15 aktive Minuten');
  });
  inLanguage('es', () => {
    assert.equal(tn('card.todayCompleted', 1), ' completada · ');
    assert.equal(tn('card.todayCompleted', 0), ' completadas · ');
  });
  inLanguage('fr', () => {
    assert.equal(tn('history.sessions', 0), ' séance');
    assert.equal(tn('history.sessions', 1), ' séance');
    assert.equal(tn('history.sessions', 2), ' séances');
    assert.equal(tn('ago.days', 2), 'il y a 2 jours');
  });
});

test('a plural missing in a language takes the English forms', () => {
  const saved = CATALOGUES.fr['history.sessions'];
  delete CATALOGUES.fr['history.sessions'];
  try {
    inLanguage('fr', () => {
      assert.equal(tn('history.sessions', 1), ' session');
      assert.equal(tn('history.sessions', 0), ' sessions'); // English's rule, not French's
    });
  } finally {
    CATALOGUES.fr['history.sessions'] = saved;
  }
});

test('numbers take the language\'s decimal separator', () => {
  assert.equal(formatNumber(1.5), '1.5');
  assert.equal(minutes(2.25), '2.3');
  assert.equal(formatNumber(1234), '1234');
  for (const code of ['de', 'es', 'fr']) {
    inLanguage(code, () => {
      assert.equal(formatNumber(1.5), '1,5', code);
      assert.equal(formatNumber(3, 1), '3,0', code);
      assert.equal(minutes(12.4), '12', code);
      assert.equal(formatNumber(1234), '1234', code);
    });
  }
});

test('the language: the page\'s choice, else the browser\'s first one the dashboard speaks, else English', () => {
  assert.equal(chooseLanguage({ stored: 'fr', preferred: ['de-DE', 'en'] }), 'fr');
  assert.equal(chooseLanguage({ stored: 'it', preferred: ['de-DE', 'en'] }), 'de');
  assert.equal(chooseLanguage({ preferred: ['pt-BR', 'es-419', 'en'] }), 'es');
  assert.equal(chooseLanguage({ preferred: ['FR_ca'] }), 'fr');
  assert.equal(chooseLanguage({ preferred: ['ja', 'zh-CN'] }), 'en');
  assert.equal(chooseLanguage({}), 'en');
  assert.equal(chooseLanguage({ stored: null, preferred: null }), 'en');
});

test('the words the views take from the format helpers come in the language shown', () => {
  inLanguage('de', () => {
    assert.equal(label('thoracic-spine'), 'Oberer Rücken');
    assert.equal(label('foam-roller'), 'Faszienrolle');
    assert.equal(label('a-new-area'), 'A new area'); // not in any catalogue: as plain words
    assert.equal(abandonReason('power_loss'), 'Stromausfall');
    assert.equal(ago(0, 5 * 60_000), 'vor 5 Min.');
    assert.equal(answerState([{ result: 'not_joined', reason: 'lapsed', at: 1 }], 0, 2).text, 'Nicht teilgenommen (Start verpasst)');
  });
  inLanguage('es', () => assert.equal(label('peanut-ball'), 'Pelota doble'));
  inLanguage('fr', () => {
    assert.equal(label('lacrosse-ball'), 'Balle de lacrosse');
    assert.equal(answerState([{ result: 'accepted', at: 1 }], 10_000, 2).text, 'Accepté, compte à rebours');
  });
});
