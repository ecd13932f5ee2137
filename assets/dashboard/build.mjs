// Builds the dashboard into one folder the broker can serve (http_dir): index.html and
// dashboard.css as they are, and the JavaScript modules bundled with the mqtt package's
// browser build into one classic script, dashboard.js. (mosquitto 2.0 sends files without a
// Content-Type, and browsers run module scripts only with a JavaScript one.)
//
// usage: node build.mjs OUT_DIR
import { build } from 'esbuild';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
const target = path.resolve(out);
// Built next to its place and swapped in whole, so a broker serving it never sees half of it.
const fresh = `${target}.new`;
await rm(fresh, { recursive: true, force: true });
await mkdir(fresh, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src/main.js')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  outfile: path.join(fresh, 'dashboard.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'dashboard.css']) await copyFile(path.join(here, file), path.join(fresh, file));
const old = `${target}.old`;
await rm(old, { recursive: true, force: true });
await rename(target, old).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(fresh, target);
await rm(old, { recursive: true, force: true });
console.log(`dashboard built in ${target}`);
