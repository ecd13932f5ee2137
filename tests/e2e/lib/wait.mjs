// Waiting on conditions, never on the clock alone: every wait has a deadline and says, when it
// gives up, what it was waiting for.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `condition` (sync or async) until it returns something truthy, which it returns.
export async function waitFor(what, condition, { timeout = 10000, every = 20 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= until) throw new Error(`gave up after ${timeout} ms waiting for ${what}`);
    await sleep(every);
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}
