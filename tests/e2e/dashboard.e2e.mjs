// The dashboard end to end: Debian's Chromium (driven by playwright-core) loads the dashboard
// from a real mosquitto running the shipped facility configuration, while two real kiosks
// (headless, simulated rollers) run sessions. The grid shows both, a session appears on the
// right card within a second, the feed shows each event once, a class pushed from the coach
// panel starts both stations, staff cannot push, a station that stops greys out. Screenshots
// are kept in the artifacts folder.
//
// usage: node dashboard.e2e.mjs --source DIR --kiosk BINARY --dashboard DIR --artifacts DIR

import path from 'node:path';
import { cleanUp, openPage, reportFailure, requiredArgs, requirePrerequisites, run, scratchFolders, watchConsole } from './lib/browser_test.mjs';
import { check, waitFor } from './lib/wait.mjs';

const args = requiredArgs('dashboard.e2e.mjs', { source: 'DIR', kiosk: 'BINARY', dashboard: 'DIR', artifacts: 'DIR' });
requirePrerequisites(args.dashboard);
const { client, FACILITY, publish, startBroker, startKiosk, stationFile, stationTopic } = await import('./lib/facility.mjs');

const USERS = { 'roller-1': 'pw-roller-1', 'roller-2': 'pw-roller-2', frontdesk: 'pw-frontdesk', coach: 'pw-coach' };
const STATIONS = [{ id: 'roller-1', name: 'Roller 1' }, { id: 'roller-2', name: 'Roller 2' }];
// The first class plays the routine with the longest title, which the top routines must show whole.
const LONG_ROUTINE = { id: 'post-workout-full-body', title: 'Post-workout: full-body recovery' };
const key = (id) => `${FACILITY}/${id}`;
const card = (id) => `article.card[data-station="${key(id)}"]`;

const figures = {};
const started = Date.now();
const dir = scratchFolders('rollstation-e2e-', args.artifacts);
const children = {};
const clients = [];
let page = null;
const consoleProblems = [];

async function signIn(user) {
  const dialog = page.locator('#sign-in');
  await dialog.waitFor({ state: 'visible', timeout: 5000 });
  await dialog.locator('input[name="username"]').fill(user);
  await dialog.locator('input[name="password"]').fill(USERS[user]);
  await dialog.locator('button[type="submit"]').click();
  await page.waitForFunction((u) => document.body.dataset.connection === 'online' && document.getElementById('account').textContent.includes(u), user, { timeout: 5000 });
}

// The events a station published of one type, as the watcher received them.
const events = (watcher, id, type) => watcher.json(stationTopic(id, 'event')).filter((e) => e.type === type);
const results = (watcher, id, commandId, result) => watcher.json(stationTopic(id, 'cmd/result')).filter((r) => r.command_id === commandId && r.result === result);

try {
  const { broker, mqttPort, webPort } = await startBroker({ source: args.source, dir, httpDir: path.resolve(args.dashboard), users: USERS });
  children.broker = broker;
  const watcher = await client(mqttPort, 'frontdesk', USERS.frontdesk, ['rollstation/#']);
  const coach = await client(mqttPort, 'coach', USERS.coach);
  clients.push(watcher, coach);

  await run('two kiosks sign in to the broker and say they are online', async () => {
    for (const s of STATIONS) {
      const file = stationFile({ source: args.source, dir, id: s.id, name: s.name, port: mqttPort, password: USERS[s.id] });
      children[s.id] = startKiosk({ binary: args.kiosk, dir, id: s.id, file });
    }
    await waitFor('both stations online', () => STATIONS.every((s) => watcher.json(stationTopic(s.id, 'status')).some((m) => m.online)), { timeout: 15000 });
  });

  page = await openPage({ viewport: { width: 1440, height: 900 } }, consoleProblems, { pageErrors: true });

  await run('the broker serves the dashboard and asks for a sign-in', async () => {
    const t0 = Date.now();
    const response = await page.goto(`http://127.0.0.1:${webPort}/`, { waitUntil: 'load' });
    check(response.ok(), `the page answered ${response.status()}`);
    figures.pageLoadMs = Date.now() - t0;
    // The browser's own measure: navigation start to the load event (page, styles, bundle).
    figures.loadEventMs = Math.round(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    await page.locator('#sign-in').waitFor({ state: 'visible', timeout: 5000 });
    check(await page.locator('body[data-connection="refused"]').count() === 1, 'an anonymous visitor is refused by the shipped configuration');
  });

  await run('signed in as staff, the grid shows both stations online', async () => {
    const t0 = Date.now();
    await signIn('frontdesk');
    for (const s of STATIONS) await page.locator(`${card(s.id)}[data-online="true"]`).waitFor({ timeout: 5000 });
    figures.stationsShownMs = Date.now() - t0;
    for (const s of STATIONS) {
      const text = await page.locator(card(s.id)).innerText();
      check(text.includes(s.name), `the card of ${s.id} names it "${s.name}": ${text}`);
      check(text.includes('connected'), `the card of ${s.id} shows its sensor: ${text}`);
    }
  });

  let firstClass = '';
  let firstStart = null;
  await run('a session shows on the right card within a second', async () => {
    // Notes the moment roller-1's card first says "session", from inside the page.
    await page.evaluate((selector) => {
      const note = () => {
        const el = document.querySelector(selector);
        if (el && el.dataset.mode === 'session' && !window.sessionShownAt) window.sessionShownAt = Date.now();
      };
      new MutationObserver(note).observe(document.getElementById('stations'), { subtree: true, childList: true, attributes: true });
    }, card('roller-1'));
    firstClass = `e2e-one-${Date.now()}`;
    const startAt = new Date(Date.now() + 1500).toISOString();
    await publish(coach, `rollstation/${FACILITY}/station/roller-1/cmd`, JSON.stringify({ v: 1, command_id: firstClass, type: 'class_warmup', routine_id: LONG_ROUTINE.id, start_at: startAt, coach: 'E2E', message: 'One station' }));
    firstStart = await waitFor('roller-1 to start the session', () => events(watcher, 'roller-1', 'session_started')[0], { timeout: 10000 });
    const shownAt = await waitFor('the session on the card', () => page.evaluate(() => window.sessionShownAt), { timeout: 5000 });
    figures.sessionToCardMs = shownAt - Date.parse(firstStart.ts);
    check(figures.sessionToCardMs < 1000, `the card showed the session ${figures.sessionToCardMs} ms after it started`);
    const text = await page.locator(card('roller-1')).innerText();
    check(text.includes(LONG_ROUTINE.title), `the card names the routine: ${text}`);
    check(/Step \d+ of \d+/.test(text), `the card shows the step: ${text}`);
    check((await page.locator(card('roller-2')).getAttribute('data-mode')) !== 'session', 'the other station is not shown in a session');
    // Live figures from telemetry: the simulated roller's tempo and pressure.
    await page.waitForFunction((selector) => /\d+(\.\d)? s\/pass/.test(document.querySelector(selector).innerText) && /\d+ N/.test(document.querySelector(selector).innerText), card('roller-1'), { timeout: 10000 });
  });

  await run('the feed shows the event once, even when it is delivered twice', async () => {
    const id = firstStart.event_id;
    const entry = page.locator(`#feed-list li[data-event-id="${id}"]`);
    await entry.waitFor({ timeout: 5000 });
    const before = Number(await page.locator('body').getAttribute('data-duplicates'));
    // At-least-once delivery: the station itself sends the same event again.
    const station = await client(watcher.options.port, 'roller-1', USERS['roller-1']);
    clients.push(station);
    const { topic, at, ...payload } = firstStart;
    await publish(station, stationTopic('roller-1', 'event'), JSON.stringify(payload));
    await page.waitForFunction((n) => Number(document.body.dataset.duplicates) > n, before, { timeout: 5000 });
    check((await entry.count()) === 1, `the event is in the feed ${await entry.count()} times`);
    check((await entry.innerText()).includes('Roller 1'), 'the feed names the station');
  });

  await run('a cancel ends the one-station class', async () => {
    await publish(coach, `rollstation/${FACILITY}/station/roller-1/cmd`, JSON.stringify({ v: 1, command_id: `${firstClass}-stop`, type: 'cancel', target: firstClass }));
    await waitFor('the session abandoned', () => events(watcher, 'roller-1', 'session_abandoned').length === 1);
    await page.locator(`${card('roller-1')}:not([data-mode="session"])`).waitFor({ timeout: 5000 });
    await page.locator('#feed-list li[data-type="session_abandoned"]').waitFor({ timeout: 5000 });
  });

  let panelClass = '';
  await run('a class pushed from the coach panel starts both stations', async () => {
    await page.locator('#coach-toggle').click();
    await page.locator('#coach button.switch-account').click();
    await signIn('coach');
    const panel = page.locator('#coach');
    await panel.locator('form').waitFor({ state: 'visible' });
    for (const s of STATIONS) await panel.locator(`input[name="station"][value="${key(s.id)}"]`).check();
    await panel.locator('select[name="routine"]').selectOption('pre-run');
    await panel.locator('select[name="start"]').selectOption('5');
    await panel.locator('input[name="message"]').fill('Everyone: warm-up');
    check((await panel.locator('input[name="coach"]').inputValue()) === '', "the coach's name does not default to the account name");
    await panel.locator('input[name="coach"]').fill('Sam E2E');
    await panel.locator('input[name="coach"]').dispatchEvent('change');
    const t0 = Date.now();
    await panel.locator('button[type="submit"]').click();
    const push = panel.locator('li.push').first();
    panelClass = await push.getAttribute('data-command-id');
    check(panelClass && panelClass.startsWith('dash-'), `the panel lists the push: ${panelClass}`);
    for (const s of STATIONS) await push.locator(`li.answer[data-station="${key(s.id)}"][data-result="accepted"]`).waitFor({ timeout: 5000 });
    figures.pushToAcceptedMs = Date.now() - t0;
    for (const s of STATIONS) await push.locator(`li.answer[data-station="${key(s.id)}"][data-result="started"]`).waitFor({ timeout: 15000 });
    for (const s of STATIONS) {
      const start = events(watcher, s.id, 'session_started').find((e) => e.command_id === panelClass);
      check(start && start.source === 'class', `${s.id} started the pushed class`);
      await page.locator(`${card(s.id)}[data-mode="session"]`).waitFor({ timeout: 2000 });
    }
    const pushes = page.locator(`#feed-list li[data-type="class_push"][data-command-id="${panelClass}"]`);
    check((await pushes.count()) === 1, 'the feed shows the push once');
    check((await pushes.innerText()).includes('Everyone: warm-up'), 'the feed shows the message');
    check((await pushes.innerText()).includes('Sam E2E'), 'the feed names the coach by the name typed');
    const sent = watcher.json(`rollstation/${FACILITY}/station/roller-1/cmd`).find((c) => c.command_id === panelClass);
    check(sent && sent.coach === 'Sam E2E', `the command carries the display name: ${JSON.stringify(sent)}`);
  });

  await run('the feed filters by station and by type', async () => {
    await page.locator('#feed-type').selectOption('class');
    const types = await page.locator('#feed-list li.entry').evaluateAll((els) => els.map((e) => e.dataset.type));
    check(types.length > 0 && types.every((t) => t.startsWith('class_')), `only class entries: ${types}`);
    await page.locator('#feed-type').selectOption('');
    await page.locator('#feed-station').selectOption(key('roller-2'));
    const stations = await page.locator('#feed-list li.entry').evaluateAll((els) => els.map((e) => e.dataset.station));
    check(stations.length > 0 && stations.every((s) => s === '' || s === 'northside/roller-2'), `only roller-2 entries: ${stations}`);
    check((await page.locator('#feed-list li[data-type="session_abandoned"]').count()) === 0, "roller-1's abandoned session is filtered out");
    await page.locator('#feed-station').selectOption('');
  });

  await run("the charts count today's sessions per station and the last seven days", async () => {
    const bar = (id) => page.locator(`#chart-stations .bar[data-key="${key(id)}"]`);
    await waitFor('the stats of both sessions on roller-1', async () => Number(await bar('roller-1').getAttribute('data-value')) >= 2, { timeout: 5000 });
    check(Number(await bar('roller-2').getAttribute('data-value')) >= 1, 'roller-2 has its session');
    // roller-1: the cancelled class (abandoned) and the running one (started, not finished).
    await page.waitForFunction((selector) => /\b1\s+abandoned/.test(document.querySelector(selector).innerText), card('roller-1'), { timeout: 5000 });
    const text = await page.locator(card('roller-1')).innerText();
    check(/\b2\s+started · 0\s+completed · 1\s+abandoned \([a-z ]+\) today/.test(text), `the card tells started, completed and abandoned apart, with the reason in words: ${text}`);
    check(!/user_stopped|idle_timeout|preempted|power_loss/.test(text), `no raw reason codes on the card: ${text}`);
    const summary = await page.locator('#usage-summary').innerText();
    check(/\b3\s+started/.test(summary) && /\b0\s+completed/.test(summary) && /\b1\s+abandoned \(1 [a-z ]+\)/.test(summary), `the summary counts outcomes: ${summary}`);
    const abandoned = await page.locator('#feed-list li[data-type="session_abandoned"]').first().innerText();
    check(!/_/.test(abandoned), `the feed gives the reason in words: ${abandoned}`);
    check(Number(await bar('roller-1').getAttribute('data-abandoned')) === 1, 'the station bar has its abandoned part');
    await page.locator('[data-range="week"]').click();
    const days = page.locator('#chart-days .bar');
    check((await days.count()) === 7, `seven days: ${await days.count()}`);
    check(Number(await days.last().getAttribute('data-value')) >= 3, 'today has the three sessions');
    await page.locator('[data-range="today"]').click();
  });

  await run('screenshots of the dashboard, on a desktop and on a tablet', async () => {
    await page.screenshot({ path: path.join(args.artifacts, 'dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('#coach-toggle').click(); // the panel folds away again
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `nothing sticks out sideways on a tablet (${overflow} px)`);
    await page.screenshot({ path: path.join(args.artifacts, 'dashboard-tablet.png'), fullPage: false });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await run("after a reload the feed, the coach's pushes and their answers come back", async () => {
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.connection === 'online', null, { timeout: 5000 });
    await page.locator(`#feed-list li[data-event-id="${firstStart.event_id}"]`).waitFor({ timeout: 5000 });
    await page.locator('#feed-list li[data-type="session_abandoned"]').waitFor({ timeout: 5000 });
    await page.locator(`#feed-list li[data-type="class_push"][data-command-id="${panelClass}"]`).waitFor({ timeout: 5000 });
    await page.locator('#coach-toggle').click();
    const push = page.locator(`#coach li.push[data-command-id="${panelClass}"]`);
    for (const s of STATIONS) await push.locator(`li.answer[data-station="${key(s.id)}"][data-result="started"]`).waitFor({ timeout: 5000 });
    check((await page.locator('#coach input[name="coach"]').inputValue()) === 'Sam E2E', "the coach's name is remembered");
  });

  await run('a class not joined says why; one whose start passed unanswered stops counting down', async () => {
    // Two classes this browser pushed earlier (as the list remembers them), answered by roller-1.
    const now = Date.now();
    await page.evaluate(({ station, now }) => {
      const list = JSON.parse(localStorage.getItem('rollstation.dashboard.pushes'));
      for (const [id, title] of [['e2e-lapsed', 'Lapsed class'], ['e2e-overdue', 'Overdue class']]) list.unshift({ commandId: id, topics: [], stations: [station], startAt: now - 10000, title });
      localStorage.setItem('rollstation.dashboard.pushes', JSON.stringify(list));
    }, { station: key('roller-1'), now });
    await page.reload({ waitUntil: 'load' });
    // The retained history has arrived: the page is subscribed and hears live answers.
    await page.locator(`#feed-list li[data-event-id="${firstStart.event_id}"]`).waitFor({ timeout: 5000 });
    const station = await client(watcher.options.port, 'roller-1', USERS['roller-1']);
    clients.push(station);
    const answer = (id, result, reason) => publish(station, stationTopic('roller-1', 'cmd/result'), JSON.stringify({ v: 1, station: 'roller-1', command_id: id, result, ...(reason ? { reason } : {}), ts: new Date().toISOString() }));
    await answer('e2e-lapsed', 'accepted');
    await answer('e2e-lapsed', 'not_joined', 'lapsed');
    await answer('e2e-overdue', 'accepted');
    await page.locator('#coach-toggle').click();
    const lapsed = page.locator('#coach li.push[data-command-id="e2e-lapsed"] li.answer');
    await lapsed.locator('xpath=self::*[@data-result="not_joined"]').waitFor({ timeout: 5000 });
    check((await lapsed.innerText()).includes('Not joined (start passed)'), `the panel says why: ${await lapsed.innerText()}`);
    const overdue = page.locator('#coach li.push[data-command-id="e2e-overdue"] li.answer');
    await overdue.locator('xpath=self::*[@data-result="overdue"]').waitFor({ timeout: 5000 });
    check(!(await overdue.innerText()).includes('counting down'), `no countdown after the start: ${await overdue.innerText()}`);
    await page.waitForFunction((selector) => document.querySelector(selector).innerText.includes('Not joined (start passed)'), card('roller-1'), { timeout: 5000 });
    await page.locator('#coach-toggle').click(); // folded away, as the steps after expect
  });

  await run('top routines and stations keep their whole names at typical widths', async () => {
    for (const width of [1920, 1440, 1024, 800, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const clipped = await page.evaluate(() => [...document.querySelectorAll('.hbars .label')].filter((el) => {
        const box = el.getBoundingClientRect();
        const chart = el.closest('.chart').getBoundingClientRect();
        return el.scrollWidth > el.clientWidth + 1 || box.left < chart.left - 0.5 || box.right > chart.right + 0.5;
      }).map((el) => {
        const box = el.getBoundingClientRect();
        const chart = el.closest('.chart').getBoundingClientRect();
        return `${el.textContent} (${el.scrollWidth}/${el.clientWidth} px, ${box.left}-${box.right} in ${chart.left}-${chart.right})`;
      }));
      check(clipped.length === 0, `at ${width} px these names are cut: ${clipped}`);
      const shown = await page.locator('#chart-routines .hbars .label').allInnerTexts();
      check(shown.some((t) => t.replace(/\s+/g, ' ') === LONG_ROUTINE.title), `the long title is there whole: ${shown}`);
      if (width === 1440 || width === 800) {
        // By its place on the page: the charts are drawn again with each station update.
        const box = await page.evaluate(() => {
          const r = document.getElementById('chart-routines').getBoundingClientRect();
          return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
        });
        await page.screenshot({ path: path.join(args.artifacts, `top-routines-${width}.png`), clip: box, fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await run('staff may not push: the panel says so and no station hears of it', async () => {
    await page.locator('#sign-out').click();
    await signIn('frontdesk');
    await page.locator('#coach-toggle').click();
    const panel = page.locator('#coach');
    await panel.locator(`input[name="station"][value="${key('roller-2')}"]`).check();
    await panel.locator('select[name="routine"]').selectOption('pre-run');
    await panel.locator('button[type="submit"]').click();
    const push = panel.locator('li.push').first();
    await push.locator('.error', { hasText: 'may not send commands' }).waitFor({ timeout: 5000 });
    const refused = await push.getAttribute('data-command-id');
    check(!watcher.received.some((m) => m.text.includes(refused)), 'the refused command reached nobody');
  });

  await run('a station that stops greys out and says when it was last seen', async () => {
    await children['roller-2'].stop();
    const offline = page.locator(`${card('roller-2')}[data-online="false"]`);
    await offline.waitFor({ timeout: 5000 });
    const opacity = await offline.evaluate((el) => Number(getComputedStyle(el).opacity));
    check(opacity < 1, `the card is greyed (opacity ${opacity})`);
    check((await offline.innerText()).includes('Last seen'), 'the card says when it was last seen');
  });

  await run("on the demo broker anyone on the machine watches without signing in", async () => {
    const demo = await startBroker({ source: args.source, dir, httpDir: args.dashboard, users: { 'demo-1': 'pw-demo', coach: 'pw-coach' }, config: 'demo.conf', acl: 'demo.acl', name: 'demo-broker' });
    children.demoBroker = demo.broker;
    const file = stationFile({ source: args.source, dir, id: 'demo-1', name: 'Demo station', port: demo.mqttPort, password: 'pw-demo', facility: 'demo-gym', group: 'demo' });
    children.demo = startKiosk({ binary: args.kiosk, dir, id: 'demo-1', file });
    const visitor = await page.context().newPage();
    watchConsole(visitor, consoleProblems, { pageErrors: true });
    await visitor.goto(`http://127.0.0.1:${demo.webPort}/`);
    await visitor.locator('article.card[data-station="demo-gym/demo-1"][data-online="true"]').waitFor({ timeout: 10000 });
    check(!(await visitor.evaluate(() => document.getElementById('sign-in').open)), 'no sign-in asked');
    check((await visitor.locator('#account').innerText()).includes('without an account'), 'watching without an account');
    await visitor.close();
  });

  await run('no console errors or warnings', async () => {
    check(consoleProblems.length === 0, `the console said:\n${consoleProblems.join('\n')}`);
  });

  figures.totalMs = Date.now() - started;
  console.log(`figures: ${JSON.stringify(figures)}`);
  console.log(`screenshots: ${path.join(args.artifacts, 'dashboard.png')}, dashboard-tablet.png`);
} catch (error) {
  await reportFailure(error, { page, screenshot: path.join(args.artifacts, 'dashboard-failure.png'), logs: Object.values(children).map((c) => c.log()), consoleProblems });
} finally {
  await cleanUp({ clients, dir });
}
