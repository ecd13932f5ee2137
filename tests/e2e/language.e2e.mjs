// The dashboard in German end to end: the shipped broker configuration and ACL, two stations'
// retained status, state, stats and routines and a few events published as the stations do
// (the routine titles in German, as a station set to German publishes them), and the dashboard
// in Debian's Chromium with a German browser. The page speaks German from the sign-in to the
// coach panel, shows the stations' titles as published, and no text is cut or overlaps on a
// desktop or a tablet; then the language choice in the page switches to French and is
// remembered. Screenshots go to the artifacts folder.
//
// usage: node language.e2e.mjs --source DIR --dashboard DIR --artifacts DIR

import path from 'node:path';
import { cleanUp, openPage, reportFailure, requiredArgs, requirePrerequisites, run, scratchFolders } from './lib/browser_test.mjs';
import { check } from './lib/wait.mjs';

const args = requiredArgs('language.e2e.mjs', { source: 'DIR', dashboard: 'DIR', artifacts: 'DIR' });
requirePrerequisites(args.dashboard);
const { client, publish, startBroker, stationTopic } = await import('./lib/facility.mjs');

const USERS = { 'roller-1': 'pw-roller-1', 'roller-2': 'pw-roller-2', frontdesk: 'pw-frontdesk' };
const ROUTINES = [
  { id: 'pre-run', title: 'Aufwärmen vor dem Laufen', planned_s: 300 },
  { id: 'post-workout-full-body', title: 'Nach dem Training: Ganzkörper-Erholung', planned_s: 750 },
  { id: 'lacrosse-ball-plantar-fascia', title: 'Lacrosse-Ball: Plantarfaszie', planned_s: 300 },
];

const dir = scratchFolders('rollstation-language-', args.artifacts);
let page = null;
const clients = [];
const consoleProblems = [];

// Every element showing text that is cut (wider than its box) or leaves its panel, and any
// two header items or card lines that overlap.
function layoutProblems() {
  const out = [];
  const texts = document.querySelectorAll('header.bar > *, .card h3, .card .mode, .card .routine, .card .step, .card .phase, .card dt, .card dd, .card .cue, .card .today, .card .sensors li, .card .presence,'
    + ' .usage-summary .figure, .legend li, figcaption, .hbars .label, .hbars .how, .feed-list .what, .feed-list .who, .filters label, .tabs button, .coach label, .coach legend, .coach button, .coach .note, .coach h2, .coach h3');
  for (const el of texts) {
    if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue; // hidden
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') out.push(`cut: "${el.textContent.trim().slice(0, 60)}" (${el.scrollWidth}/${el.clientWidth})`);
    const box = el.getBoundingClientRect();
    const panel = el.closest('.card, .panel, header.bar')?.getBoundingClientRect();
    if (panel && (box.right > panel.right + 0.5 || box.left < panel.left - 0.5)) out.push(`outside its panel: "${el.textContent.trim().slice(0, 60)}"`);
  }
  const groups = [[...document.querySelectorAll('header.bar > *:not(.spacer):not([hidden])')]];
  for (const card of document.querySelectorAll('.card')) groups.push([...card.children]);
  groups.push([...document.querySelectorAll('#usage-summary .figure')]);
  for (const group of groups) {
    const boxes = group.filter((e) => e.offsetParent !== null).map((e) => [e, e.getBoundingClientRect()]).filter(([, b]) => b.width > 0 && b.height > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [ea, a] = boxes[i];
        const [eb, b] = boxes[j];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`overlap: "${ea.textContent.trim().slice(0, 30)}" and "${eb.textContent.trim().slice(0, 30)}"`);
      }
    }
  }
  return out;
}

try {
  const { mqttPort, webPort } = await startBroker({ source: args.source, dir, httpDir: args.dashboard, users: USERS });
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const iso = (ms) => new Date(ms).toISOString();

  await run('two stations publish as a station set to German does', async () => {
    for (const id of ['roller-1', 'roller-2']) {
      const c = await client(mqttPort, id, USERS[id]);
      clients.push(c);
      const retained = (kind, body) => c.publishAsync(stationTopic(id, kind), JSON.stringify({ v: 1, ...body }), { qos: 1, retain: true });
      await retained('status', { online: true, boot_id: `b-${id}`, version: 'e2e', started_at: iso(now - 3_600_000), name: id === 'roller-1' ? 'Rolle am Fenster' : 'Rolle 2', groups: ['weight-room'] });
      await retained('routines', { routines: ROUTINES });
      await retained('stats', {
        date: today, updated_at: iso(now), sessions: id === 'roller-1' ? 5 : 1, completed: id === 'roller-1' ? 3 : 1, abandoned: id === 'roller-1' ? 2 : 0,
        abandoned_by_reason: id === 'roller-1' ? { idle_timeout: 1, power_loss: 1 } : {}, active_minutes: id === 'roller-1' ? 7.5 : 2,
        sessions_by_hour: { 7: 2, 18: 3 }, completed_by_hour: { 7: 2, 18: 1 }, abandoned_by_hour: { 18: 2 },
        by_routine: { 'pre-run': { sessions: 3, completed: 2, abandoned: 1 }, 'post-workout-full-body': { sessions: 2, completed: 1, abandoned: 1 } },
      });
    }
    const [one, two] = clients;
    await one.publishAsync(stationTopic('roller-1', 'state'), JSON.stringify({
      v: 1, mode: 'session', updated_at: iso(now), routine_id: 'pre-run', routine_title: 'Aufwärmen vor dem Laufen', source: 'athlete', remaining_s: 42,
      step: { index: 3, count: 8, area: 'hip-flexors', tool: 'foam-roller', side: 'left', phase: 'active' },
      sensors: [{ id: 'roller-1-roller', connected: true }],
    }), { qos: 1, retain: true });
    await two.publishAsync(stationTopic('roller-2', 'state'), JSON.stringify({ v: 1, mode: 'idle', updated_at: iso(now), sensors: [{ id: 'roller-2-roller', connected: false }] }), { qos: 1, retain: true });
  });

  page = await openPage({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' }, consoleProblems);

  await run('a German browser gets the dashboard in German, from the sign-in on', async () => {
    await page.goto(`http://127.0.0.1:${webPort}/`, { waitUntil: 'load' });
    const dialog = page.locator('#sign-in');
    await dialog.waitFor({ state: 'visible', timeout: 5000 });
    check((await page.locator('html').getAttribute('lang')) === 'de', 'the page says it is German');
    const dialogText = await dialog.innerText();
    check(dialogText.includes('Anmelden') && dialogText.includes('Benutzername') && dialogText.includes('Passwort'), `the sign-in in German: ${dialogText}`);
    await dialog.locator('input[name="username"]').fill('frontdesk');
    await dialog.locator('input[name="password"]').fill(USERS.frontdesk);
    await dialog.locator('button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 2, null, { timeout: 10000 });
    // Telemetry is live only: sent once the page listens, with the cue in the station's language.
    await clients[0].publishAsync(stationTopic('roller-1', 'telemetry'), JSON.stringify({ v: 1, ts: iso(Date.now()), remaining_s: 41, phase: 'active', seconds_per_pass: 3.2, force_n: 180, passes: 12, cue: 'Bauchlage, Rolle knapp unter dem vorderen Beckenknochen' }), { qos: 0 });
    await page.waitForFunction(() => document.querySelector('.card.mode-session .cue'), null, { timeout: 10000 });
    // Events too, as they happen.
    let seq = 1;
    const event = (id, type, routine, extra = {}) => publish(clients[id === 'roller-1' ? 0 : 1], stationTopic(id, 'event'), JSON.stringify({ v: 1, station: id, event_id: `${id}-${seq}`, seq: seq++, type, ts: iso(now - 60_000 * (10 - seq)), session_id: `${id}-s`, routine_id: routine, source: 'athlete', ...extra }));
    await event('roller-2', 'session_started', 'post-workout-full-body');
    await event('roller-2', 'session_abandoned', 'post-workout-full-body', { reason: 'idle_timeout' });
    await event('roller-1', 'session_started', 'pre-run');
    await page.waitForFunction(() => document.querySelectorAll('#feed-list .entry').length === 3, null, { timeout: 10000 });
    check((await page.locator('#connection').innerText()) === 'Live', 'connected');
    check((await page.title()) === 'Rollstation-Dashboard', `the title: ${await page.title()}`);
    check((await page.locator('#language').inputValue()) === 'de', 'the language choice says Deutsch');
  });

  await run('cards, usage and feed in German; routine titles as the stations publish them', async () => {
    const session = await page.locator('.card.mode-session').innerText();
    for (const words of ['In Benutzung', 'Aufwärmen vor dem Laufen', 'Schritt 3 von 8', 'Hüftbeuger · Faszienrolle · Linke Seite', 'Rollen', 'Tempo', 'Druck', '3,2 s/Bahn', 'roller-1-roller verbunden']) {
      check(session.includes(words), `the session card says "${words}": ${session}`);
    }
    check(/5\s+begonnen · 3\s+abgeschlossen · 2\s+abgebrochen \((liegen gelassen, Stromausfall|Stromausfall, liegen gelassen)\) heute · 7,5\s+aktive Min\./.test(session), `today's figures in German: ${session}`);
    const idle = await page.locator('.card.mode-idle').innerText();
    check(idle.includes('Frei') && idle.includes('roller-2-roller verloren'), `the idle card: ${idle}`);
    const summary = await page.locator('#usage-summary').innerText();
    check(/6\s+begonnen/.test(summary) && /9,5\s+aktive Minuten/.test(summary), `the usage summary: ${summary}`);
    const charts = await page.locator('#charts').innerText();
    check(charts.includes('Top-Routinen heute') && charts.includes('Nach dem Training: Ganzkörper-Erholung'), `top routines by their published titles: ${charts}`);
    const feed = await page.locator('#feed-list').innerText();
    check(feed.includes('hat Nach dem Training: Ganzkörper-Erholung abgebrochen: liegen gelassen') && feed.includes('hat Aufwärmen vor dem Laufen begonnen'), `the feed: ${feed}`);
    const types = await page.locator('#feed-type option').allInnerTexts();
    check(types[0] === 'Alles' && types.includes('Kurse und Antworten'), `the feed's filter: ${types}`);
  });

  await run('the coach panel in German', async () => {
    await page.locator('#coach-toggle').click();
    const coach = await page.locator('#coach').innerText();
    for (const words of ['Coach: Aufwärmkurs senden', 'Senden an', 'Alle Stationen', 'Routine', 'Dein Name', 'Kurs senden', 'Von hier gesendet']) {
      check(coach.includes(words), `the coach panel says "${words}": ${coach}`);
    }
    const routines = await page.locator('#coach select[name="routine"] option').allInnerTexts();
    check(routines.includes('Aufwärmen vor dem Laufen (5 Min.)'), `routines by their published titles: ${routines}`);
    await page.locator('#coach button[type="submit"]').click();
    const errors = await page.locator('#coach .errors').innerText();
    check(errors.includes('Wähle mindestens eine Station.') && errors.includes('Wähle eine Routine.'), `the checks in German: ${errors}`);
  });

  await run('nothing is cut or overlaps, on a desktop and on a tablet', async () => {
    for (const [width, height] of [[1440, 900], [800, 1280]]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(100);
      const problems = await page.evaluate(layoutProblems);
      check(problems.length === 0, `at ${width} px: ${problems.join('; ')}`);
      await page.screenshot({ path: path.join(args.artifacts, `language-de-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await run('the choice in the page switches to French and is remembered', async () => {
    await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption('fr')]);
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 2, null, { timeout: 10000 });
    check((await page.locator('html').getAttribute('lang')) === 'fr', 'the page says it is French');
    check((await page.evaluate(() => localStorage.getItem('rollstation.dashboard.language'))) === 'fr', 'the choice is stored');
    const session = await page.locator('.card.mode-session').innerText();
    check(session.includes('En séance') && session.includes('Étape 3 sur 8') && session.includes('Aufwärmen vor dem Laufen'), `French words, the station's own title: ${session}`);
    const problems = await page.evaluate(layoutProblems);
    check(problems.length === 0, `in French: ${problems.join('; ')}`);
    await page.screenshot({ path: path.join(args.artifacts, 'language-fr-1440.png'), fullPage: true });
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#usage-title')?.textContent === 'Utilisation', null, { timeout: 5000 });
  });

  await run('in Spanish too, nothing is cut or overlaps', async () => {
    await page.locator('#coach-toggle').click();
    for (const [width, height] of [[1440, 900], [800, 1280]]) {
      await page.setViewportSize({ width, height });
      await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption(width === 1440 ? 'es' : 'de')]);
      if (width === 800) await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption('es')]);
      await page.waitForFunction(() => document.querySelectorAll('.card').length === 2, null, { timeout: 10000 });
      await page.locator('#coach-toggle').click();
      check((await page.locator('#coach h2').innerText()) === 'Entrenador: enviar un calentamiento de clase', 'the coach panel in Spanish');
      const problems = await page.evaluate(layoutProblems);
      check(problems.length === 0, `in Spanish at ${width} px: ${problems.join('; ')}`);
      await page.screenshot({ path: path.join(args.artifacts, `language-es-${width}.png`), fullPage: true });
    }
  });

  await run('no console errors or warnings', async () => {
    check(consoleProblems.length === 0, `the console said:\n${consoleProblems.join('\n')}`);
  });
  console.log(`screenshots: ${path.join(args.artifacts, 'language-de-1440.png')}, language-de-800.png, language-fr-1440.png, language-es-1440.png, language-es-800.png`);
} catch (error) {
  await reportFailure(error, { page, screenshot: path.join(args.artifacts, 'language-failure.png'), consoleProblems });
} finally {
  await cleanUp({ clients, dir });
}
