// What every browser test does around its own steps: the command line it needs, the checks that
// what it runs on is there, Chromium with the console watched, the steps printed as they pass,
// the report when one fails and the clean-up however it ends.

import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stopAll } from './processes.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `options` maps each option to what it names (DIR, BINARY), in usage order; every one is
// required and comes back as an absolute path. A missing one ends the test with its usage.
export function requiredArgs(script, options) {
  const names = Object.keys(options);
  const { values: args } = parseArgs({ options: Object.fromEntries(names.map((name) => [name, { type: 'string' }])) });
  const usage = `usage: node ${script} ${names.map((name) => `--${name} ${options[name]}`).join(' ')}`;
  for (const need of names) {
    if (!args[need]) {
      console.error(`${usage} (missing --${need})`);
      process.exit(2);
    }
    args[need] = path.resolve(args[need]);
  }
  return args;
}

// What a browser test needs before it starts, each with what makes it (scripts/test does all
// three); the first one missing ends the test.
export function requirePrerequisites(dashboard) {
  for (const [file, how] of [
    [CHROMIUM, 'bash scripts/deps --tests'],
    [path.join(dashboard, 'index.html'), 'bash scripts/build-dashboard'],
    [new URL('../node_modules/playwright-core/package.json', import.meta.url).pathname, 'bash scripts/npm-deps tests/e2e'],
  ]) {
    if (!existsSync(file)) {
      console.error(`missing ${file}: run ${how}`);
      process.exit(1);
    }
  }
}

// A fresh scratch folder for the test's files, and the artifacts folder made if need be.
export function scratchFolders(prefix, artifacts) {
  mkdirSync(artifacts, { recursive: true });
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

let browser = null;

// Chromium with one page in a context made with `contextOptions`, the page's console watched as
// watchConsole() does; the browser is closed by cleanUp().
export async function openPage(contextOptions, consoleProblems, { pageErrors = false } = {}) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await (await browser.newContext(contextOptions)).newPage();
  watchConsole(page, consoleProblems, { pageErrors });
  return page;
}

// Console errors and warnings (and, with `pageErrors`, uncaught page errors) go to `problems`,
// which the test's last step expects to be empty.
export function watchConsole(page, problems, { pageErrors = false } = {}) {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  if (pageErrors) page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
}

let step = '';

// One step of the test, printed with its time when it passes; a failure names it.
export async function run(name, body) {
  step = name;
  const t0 = Date.now();
  await body();
  console.log(`ok - ${name} (${Date.now() - t0} ms)`);
}

// The failed step and its error, a screenshot of the page as it was, the logs of the processes
// that may explain it and what the console said; the test exits 1.
export async function reportFailure(error, { page, screenshot, logs = [], consoleProblems }) {
  console.error(`not ok - ${step}\n${error.stack ?? error}`);
  if (page) await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  for (const log of logs) console.error(log);
  if (consoleProblems.length) console.error(`console:\n${consoleProblems.join('\n')}`);
  process.exitCode = 1;
}

// However the test ended: MQTT clients ended, the browser closed, every child stopped and the
// scratch folder removed.
export async function cleanUp({ clients, dir }) {
  await Promise.all(clients.map((c) => c.endAsync().catch(() => {})));
  if (browser) await browser.close().catch(() => {});
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
