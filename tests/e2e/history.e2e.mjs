// The History view end to end: the shipped broker configuration and ACL, a real
// rollstation-recorder on a SQLite file, a month of a station's events published as the
// station does, and the dashboard in Debian's Chromium signed in as the front desk. The view
// asks the recorder over MQTT request/response, shows the period in the facility's time zone,
// changes period, downloads the CSV, and no text is cut. Then a second facility's station
// appears on the broker, as on a chain's central broker: the facility picker lists both, one
// shows only its stations and alerts, and "all" shows every facility's, in the cards and in the
// History view. Screenshots go to the artifacts folder.
//
// usage: node history.e2e.mjs --source DIR --recorder BINARY --dashboard DIR --artifacts DIR

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanUp, openPage, reportFailure, requiredArgs, requirePrerequisites, run, scratchFolders } from './lib/browser_test.mjs';
import { Child } from './lib/processes.mjs';
import { check, waitFor } from './lib/wait.mjs';

const args = requiredArgs('history.e2e.mjs', { source: 'DIR', recorder: 'BINARY', dashboard: 'DIR', artifacts: 'DIR' });
requirePrerequisites(args.dashboard);
const { client, publish, startBroker, stationTopic } = await import('./lib/facility.mjs');

const USERS = { 'roller-1': 'pw-roller-1', 'roller-2': 'pw-roller-2', 'south-1': 'pw-south-1', frontdesk: 'pw-frontdesk', recorder: 'pw-recorder' };
// The shipped ACL, with a second facility's station, and the front desk reading both
// facilities and asking for the chain's reports (mosquitto adds a user's second block to its first).
const SECOND_FACILITY_ACL = ['', 'user south-1', 'topic write rollstation/southside/station/south-1/#',
  'user frontdesk', 'topic read rollstation/southside/#', 'topic read rollstation/all/#',
  'topic write rollstation/southside/report/request', 'topic write rollstation/all/report/request', ''].join('\n');
const ROUTINES = ['pre-run', 'post-workout-full-body', 'calves-and-shins', 'upper-back'];

const dir = scratchFolders('rollstation-history-', args.artifacts);
let page = null;
let recorder = null;
const clients = [];
const consoleProblems = [];

// A session as a station publishes it: started, then completed or abandoned.
function session(station, seq, startMs, routine, { completed = true, fromClass = false } = {}) {
  const id = `${station}-s${seq}`;
  const base = { v: 1, station, session_id: id, routine_id: routine, source: fromClass ? 'class' : 'athlete', planned_s: 300 };
  const end = new Date(startMs + 310_000).toISOString();
  return [
    { ...base, event_id: `${id}-a`, seq, type: 'session_started', ts: new Date(startMs).toISOString(), active_s: 0, steps_total: 6 },
    { ...base, event_id: `${id}-b`, seq: seq + 1, type: completed ? 'session_completed' : 'session_abandoned', ts: end, active_s: 300, elapsed_s: 310,
      steps_completed: completed ? 6 : 2, steps_skipped: 0, steps_total: 6, ...(completed ? {} : { reason: 'user_stopped' }), mean_force_n: 210 },
  ];
}

try {
  const acl = path.join(dir, 'acl');
  writeFileSync(acl, readFileSync(path.join(args.source, 'config/mosquitto/acl'), 'utf8') + SECOND_FACILITY_ACL);
  const { mqttPort, webPort } = await startBroker({ source: args.source, dir, httpDir: args.dashboard, users: USERS, acl });
  await run('the recorder signs in with the shipped ACL', async () => {
    writeFileSync(path.join(dir, 'recorder.password'), `${USERS.recorder}\n`);
    writeFileSync(path.join(dir, 'recorder.yaml'), [
      'recorder:', `  store: sqlite:${path.join(dir, 'recorder.db')}`, '  client_id: e2e-recorder',
      'facilities:', '  northside:', '    timezone: Europe/Berlin', '    opening_hours: {daily: "06:00-22:00"}',
      'mqtt:', '  host: 127.0.0.1', `  port: ${mqttPort}`, '  username: recorder', `  password_file: ${path.join(dir, 'recorder.password')}`, '',
    ].join('\n'));
    recorder = new Child('recorder', args.recorder, ['--config', path.join(dir, 'recorder.yaml')], { dir });
    await waitFor('the recorder subscribed', () => !recorder.alive || readFileSync(recorder.err, 'utf8').includes('subscribed'));
    check(recorder.alive, `the recorder runs\n${recorder.log()}`);
  });

  const stations = {};
  await run('two stations publish a month of sessions', async () => {
    const day = 86_400_000;
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    let sent = 0;
    for (const id of ['roller-1', 'roller-2']) {
      stations[id] = await client(mqttPort, id, USERS[id]);
      clients.push(stations[id]);
      // Retained, as a station says hello: the dashboard learns the facility from it.
      await stations[id].publishAsync(stationTopic(id, 'status'), JSON.stringify({ v: 1, online: true, boot_id: `b-${id}`, version: 'e2e', started_at: new Date().toISOString(), name: id, groups: [] }), { qos: 1, retain: true });
      let seq = 1;
      for (let d = 1; d <= 28; d++) {
        const sessions = id === 'roller-1' ? 1 + (d % 4) : d % 3;
        for (let k = 0; k < sessions; k++) {
          // 07:xx and 18:xx in Berlin (05:xx and 16:xx UTC in summer, 06:xx and 17:xx in winter).
          const start = today - d * day + (k % 2 === 0 ? 5 : 16) * 3_600_000 + k * 600_000;
          for (const e of session(id, seq, start, ROUTINES[(d + k) % ROUTINES.length], { completed: (d + k) % 5 !== 0, fromClass: k === 1 })) {
            await publish(stations[id], stationTopic(id, 'event'), JSON.stringify(e));
            sent++;
          }
          seq += 2;
        }
      }
    }
    console.log(`published ${sent} events`);
  });

  page = await openPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true }, consoleProblems);

  await run('the front desk signs in and sees 30 days of history', async () => {
    await page.goto(`http://127.0.0.1:${webPort}/`, { waitUntil: 'load' });
    const dialog = page.locator('#sign-in');
    await dialog.waitFor({ state: 'visible', timeout: 5000 });
    await dialog.locator('input[name="username"]').fill('frontdesk');
    await dialog.locator('input[name="password"]').fill(USERS.frontdesk);
    await dialog.locator('button[type="submit"]').click();
    await page.locator('#history-summary').waitFor({ timeout: 10000 });
    const summary = await page.locator('#history-summary').innerText();
    check(summary.includes('(Europe/Berlin)'), `the period is in the facility's zone: ${summary}`);
    const days = await page.locator('#history-days .bar').count();
    check(days === 30, `30 days in the chart, not ${days}`);
    const withSessions = await page.locator('#history-days .bar[data-value]:not([data-value="0"])').count();
    check(withSessions >= 20, `most days had sessions (${withSessions})`);
    const heat = await page.evaluate(() => [...document.querySelectorAll('#history-heatmap td')].filter((td) => td.dataset.n !== '0').length);
    check(heat > 0, 'the heatmap has hours with sessions');
    const stationsShown = await page.locator('#history-stations .bar').count();
    check(stationsShown === 2, `two stations (${stationsShown})`);
    const routines = await page.locator('#history-routines .label').allInnerTexts();
    check(routines.includes('post-workout-full-body'), `top routines: ${routines}`);
    const how = await page.locator('#history-routines .how').first().innerText();
    check(/\d+% completed/.test(how), `a completion rate: ${how}`);
  });

  await run('a raised alert shows above the cards with its age, and clears', async () => {
    const recorderClient = await client(mqttPort, 'recorder', USERS.recorder);
    clients.push(recorderClient);
    const topic = 'rollstation/northside/alert/roller-2/sensor_bad_lines';
    const since = new Date(Date.now() - 12 * 60_000 - 5_000).toISOString();
    await recorderClient.publishAsync(topic, JSON.stringify({ v: 1, facility: 'northside', station: 'roller-2', kind: 'sensor_bad_lines', active: true, since,
      detail: '41 bad lines in the last minute from roller-2-sensor', sensor: 'roller-2-sensor', bad_lines: 41, updated_at: new Date().toISOString() }), { qos: 1, retain: true });
    await page.locator('#alerts .alert').waitFor({ timeout: 5000 });
    const text = await page.locator('#alerts').innerText();
    check(/roller-2/.test(text) && /Sensor sending bad lines/.test(text) && /for 12 min/.test(text), `the alert and its age: ${text}`);
    check(text.includes('41 bad lines in the last minute from roller-2-sensor'), `the alert's figures in words: ${text}`);
    for (const width of [1440, 800]) {
      await page.setViewportSize({ width, height: 900 });
      const problems = await page.evaluate(() => {
        const out = [];
        const panel = document.getElementById('alerts').getBoundingClientRect();
        for (const el of document.querySelectorAll('#alerts h2, #alerts .alert > *')) {
          if (el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.textContent}`);
          const box = el.getBoundingClientRect();
          if (box.right > panel.right + 0.5 || box.left < panel.left - 0.5) out.push(`outside the panel: ${el.textContent}`);
        }
        const cards = document.getElementById('stations').getBoundingClientRect();
        if (panel.bottom > cards.top + 0.5) out.push('the alerts overlap the cards');
        return out;
      });
      check(problems.length === 0, `alerts at ${width} px: ${problems.join('; ')}`);
      await page.screenshot({ path: path.join(args.artifacts, `alerts-${width}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await recorderClient.publishAsync(topic, JSON.stringify({ v: 1, facility: 'northside', station: 'roller-2', kind: 'sensor_bad_lines', active: false,
      cleared_at: new Date().toISOString(), detail: 'under 30 bad lines a minute', updated_at: new Date().toISOString() }), { qos: 1, retain: true });
    await page.locator('#alerts').waitFor({ state: 'hidden', timeout: 5000 });
  });

  await run('nothing is cut or overlaps, on a desktop and on a tablet', async () => {
    for (const width of [1440, 800]) {
      await page.setViewportSize({ width, height: 900 });
      const problems = await page.evaluate(() => {
        const out = [];
        // The dates under the day columns: apart from each other and inside the chart.
        const chart = document.querySelector('#history-days svg')?.getBoundingClientRect();
        const labels = [...document.querySelectorAll('#history-days text.label')].map((l) => [l.textContent, l.getBoundingClientRect()]);
        for (const [text, box] of labels) if (chart && (box.left < chart.left - 0.5 || box.right > chart.right + 0.5)) out.push(`date outside the chart: ${text}`);
        for (let i = 1; i < labels.length; i++) if (labels[i][1].left < labels[i - 1][1].right + 4) out.push(`dates meet: ${labels[i - 1][0]} and ${labels[i][0]}`);
        for (const el of document.querySelectorAll('#history .hbars .label, #history .how, #history figcaption, #history .figure, #history button, #history a.button')) {
          if (el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.textContent} (${el.scrollWidth}/${el.clientWidth})`);
          const box = el.getBoundingClientRect();
          const panel = document.getElementById('history').getBoundingClientRect();
          if (box.right > panel.right + 0.5 || box.left < panel.left - 0.5) out.push(`outside the panel: ${el.textContent}`);
        }
        const figures = [...document.querySelectorAll('#history-summary .figure, #history-summary a')].map((e) => e.getBoundingClientRect());
        for (let i = 0; i < figures.length; i++) {
          for (let j = i + 1; j < figures.length; j++) {
            const a = figures[i];
            const b = figures[j];
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`figures ${i} and ${j} overlap`);
          }
        }
        return out;
      });
      check(problems.length === 0, `at ${width} px: ${problems.join('; ')}`);
      const box = await page.evaluate(() => {
        const r = document.getElementById('history').getBoundingClientRect();
        return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
      });
      await page.screenshot({ path: path.join(args.artifacts, `history-${width}.png`), clip: box, fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await run('another period, and a custom one', async () => {
    await page.locator('#history button[data-period="7"]').click();
    await page.waitForFunction(() => document.querySelectorAll('#history-days .bar').length === 7, null, { timeout: 5000 });
    await page.locator('#history button[data-period="custom"]').click();
    await page.locator('#history input[name="from"]').fill('2020-01-01');
    await page.locator('#history input[name="to"]').fill('2020-01-31');
    await page.locator('#history .custom-period button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('#history-summary')?.innerText.includes('Jan 1, 2020 to Jan 31, 2020'), null, { timeout: 5000 });
    check((await page.locator('#history-days .empty').count()) === 1, 'a period without sessions says so');
    await page.locator('#history button[data-period="30"]').click();
    await page.waitForFunction(() => document.querySelectorAll('#history-days .bar').length === 30, null, { timeout: 5000 });
  });

  await run('the CSV download holds what is on screen', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#history-csv').click()]);
    const file = path.join(args.artifacts, 'history.csv');
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8').trim().split('\r\n');
    check(lines[0] === 'section,id,sessions,completed,abandoned,active_minutes,utilisation_pct,completion_pct', `header: ${lines[0]}`);
    check(lines.filter((l) => l.startsWith('day,')).length === 30, 'a row per day');
    check(lines.some((l) => l.startsWith('station,roller-1,')), 'a row per station');
    check(lines.some((l) => l.startsWith('routine,post-workout-full-body,')), 'a row per routine');
  });

  await run('a second facility: the picker lists both, one shows only its own, all shows both', async () => {
    const south = await client(mqttPort, 'south-1', USERS['south-1']);
    clients.push(south);
    const topic = (kind) => stationTopic('south-1', kind, 'southside');
    // Five sessions 40 minutes apart, then the station went away (its alert says since when).
    for (let k = 5, seq = 1; k >= 1; k--, seq += 2) {
      for (const e of session('south-1', seq, Date.now() - 45 * 60_000 - k * 40 * 60_000, 'upper-back')) await publish(south, topic('event'), JSON.stringify(e));
    }
    await south.publishAsync(topic('status'), JSON.stringify({ v: 1, online: false, boot_id: 'b-south-1', version: 'e2e', started_at: new Date(Date.now() - 4 * 3_600_000).toISOString(), name: 'south-1', groups: [] }), { qos: 1, retain: true });
    const alerts = await client(mqttPort, 'recorder', USERS.recorder);
    clients.push(alerts);
    await alerts.publishAsync('rollstation/southside/alert/south-1/offline', JSON.stringify({ v: 1, facility: 'southside', station: 'south-1', kind: 'offline', active: true,
      since: new Date(Date.now() - 40 * 60_000).toISOString(), detail: 'offline for more than 300 s during opening hours', updated_at: new Date().toISOString() }), { qos: 1, retain: true });

    const picker = page.locator('#facility');
    await page.locator('.facility-pick').waitFor({ state: 'visible', timeout: 5000 });
    const options = await picker.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    check(JSON.stringify(options) === JSON.stringify([['all', 'All facilities'], ['northside', 'northside'], ['southside', 'southside']]), `the picker offers both: ${JSON.stringify(options)}`);
    check((await picker.inputValue()) === 'northside', 'the first facility is chosen');
    const shown = () => page.evaluate(() => [...document.querySelectorAll('#stations [data-station]')].filter((c) => !c.hidden).map((c) => c.dataset.station).sort());
    const history = async (wanted) => waitFor(`the History view's stations ${wanted}`, async () => {
      const labels = (await page.locator('#history-stations .label').allInnerTexts()).sort();
      if (JSON.stringify(labels) === JSON.stringify(wanted)) return true;
      // The recorder may still be storing the new facility's events: ask again.
      await page.locator('#history button[data-period="7"]').click();
      await page.waitForTimeout(300);
      return false;
    });
    check(JSON.stringify(await shown()) === JSON.stringify(['northside/roller-1', 'northside/roller-2']), `northside's cards only: ${await shown()}`);
    check((await page.locator('#alerts').isHidden()), 'no alert of the other facility');

    await picker.selectOption('southside');
    await page.waitForFunction(() => [...document.querySelectorAll('#stations [data-station]')].filter((c) => !c.hidden).length === 1, null, { timeout: 5000 });
    check(JSON.stringify(await shown()) === JSON.stringify(['southside/south-1']), `southside's card only: ${await shown()}`);
    const alert = await page.locator('#alerts').innerText();
    check(/south-1/.test(alert) && /for 40 min/.test(alert) && /offline since ([A-Z][a-z]+, [A-Z][a-z]+ \d+, )?\d\d:\d\d/.test(alert), `southside's alert: ${alert}`);
    await history(['south-1']);

    await picker.selectOption('all');
    await page.waitForFunction(() => [...document.querySelectorAll('#stations [data-station]')].filter((c) => !c.hidden).length === 3, null, { timeout: 5000 });
    check(JSON.stringify(await shown()) === JSON.stringify(['northside/roller-1', 'northside/roller-2', 'southside/south-1']), `every card: ${await shown()}`);
    check((await page.locator('#alerts').innerText()).includes('southside/south-1'), 'the alert names its facility');
    await history(['northside/roller-1', 'northside/roller-2', 'southside/south-1']);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const problems = await page.evaluate(() => {
      const out = [];
      const items = [...document.querySelectorAll('header.bar > *:not(.spacer):not([hidden])')];
      const bar = document.querySelector('header.bar').getBoundingClientRect();
      for (const el of [...items, ...document.querySelectorAll('.facility-pick *, #alerts .alert > *')]) {
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') out.push(`cut: ${el.textContent.trim()}`);
      }
      for (const el of items) {
        const box = el.getBoundingClientRect();
        if (box.right > bar.right + 0.5 || box.left < bar.left - 0.5) out.push(`outside the bar: ${el.textContent.trim()}`);
      }
      const select = document.getElementById('facility');
      if (select.scrollWidth > select.clientWidth + 1 || select.getBoundingClientRect().width < 120) out.push('the facility choice is cut');
      const boxes = items.map((e) => [e, e.getBoundingClientRect()]);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [ea, a] = boxes[i];
          const [eb, b] = boxes[j];
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`overlap: ${ea.textContent.trim()} / ${eb.textContent.trim()}`);
        }
      }
      return out;
    });
    check(problems.length === 0, `at 1280 px: ${problems.join('; ')}`);
    await page.screenshot({ path: path.join(args.artifacts, 'facilities-1280.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await run('the History view in German: dates and figures as a German reads them, nothing meets', async () => {
    await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption('de')]);
    await page.locator('#history-summary').waitFor({ timeout: 10000 });
    const summary = await page.locator('#history-summary').innerText();
    check(/\d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}/.test(summary) && /\d+,\d\s%\s+Auslastung/.test(summary), `the summary in German: ${JSON.stringify(summary)}`);
    const problems = await page.evaluate(() => {
      const out = [];
      const labels = [...document.querySelectorAll('#history-days text.label')].map((l) => [l.textContent, l.getBoundingClientRect()]);
      for (let i = 1; i < labels.length; i++) if (labels[i][1].left < labels[i - 1][1].right + 4) out.push(`dates meet: ${labels[i - 1][0]} and ${labels[i][0]}`);
      for (const el of document.querySelectorAll('#history .figure, #history figcaption, #history button, #history .how, .facility-pick *')) {
        if (el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.textContent}`);
      }
      return out;
    });
    check(problems.length === 0, `in German: ${problems.join('; ')}`);
    const box = await page.evaluate(() => {
      const r = document.getElementById('history').getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
    });
    await page.screenshot({ path: path.join(args.artifacts, 'history-de-1440.png'), clip: box, fullPage: true });
  });

  await run('no console errors or warnings', async () => {
    check(consoleProblems.length === 0, `the console said:\n${consoleProblems.join('\n')}`);
  });
  console.log(`screenshots: ${path.join(args.artifacts, 'history-1440.png')}, history-800.png, facilities-1280.png, history-de-1440.png`);
} catch (error) {
  await reportFailure(error, { page, screenshot: path.join(args.artifacts, 'history-failure.png'), logs: recorder ? [recorder.log()] : [], consoleProblems });
} finally {
  await cleanUp({ clients, dir });
}
