// Child processes the test starts (the broker, the kiosks): their output in files, stopped by
// pid however the test ends (SIGTERM, then SIGKILL after 2 s), never by name.

import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './wait.mjs';

const running = new Set();

export class Child {
  constructor(name, command, args, { dir, env = {} }) {
    this.name = name;
    this.out = path.join(dir, `${name}.out`);
    this.err = path.join(dir, `${name}.err`);
    const out = openSync(this.out, 'w');
    const err = openSync(this.err, 'w');
    this.process = spawn(command, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', out, err] });
    closeSync(out);
    closeSync(err);
    this.exit = null;
    this.exited = new Promise((resolve) => {
      this.process.on('error', (error) => {
        this.exit = 127; // could not be started at all
        this.error = error;
        running.delete(this);
        resolve();
      });
      this.process.on('exit', (code, signal) => {
        this.exit = code ?? 128;
        this.signal = signal;
        running.delete(this);
        resolve();
      });
    });
    running.add(this);
  }

  get pid() {
    return this.process.pid;
  }

  get alive() {
    return this.exit === null;
  }

  // The end of what it wrote: enough to see why it failed.
  log(lines = 60) {
    const read = (file) => {
      try {
        return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    };
    if (this.error) return `--- ${this.name}: ${this.error.message}\n`;
    return `--- ${this.name} (pid ${this.pid}) stdout\n${read(this.out)}--- stderr\n${read(this.err)}`;
  }

  async stop() {
    if (!this.alive) return;
    process.kill(this.pid, 'SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(2000).then(() => false)]);
    if (!done && this.alive) {
      process.kill(this.pid, 'SIGKILL');
      await this.exited;
    }
  }
}

export async function stopAll() {
  await Promise.all([...running].map((c) => c.stop().catch(() => {})));
}

// Last resort when the test itself dies: nothing it started outlives it.
process.on('exit', () => {
  for (const c of running) {
    try {
      process.kill(c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
