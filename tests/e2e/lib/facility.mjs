// A facility on this machine: the broker with the shipped configuration (config/mosquitto:
// rollstation.conf and its ACL, passwords made by mosquitto_passwd), kiosks with station files
// of their own, and MQTT clients signed in as any of the facility's accounts.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import { Child } from './processes.mjs';
import { accepts, freePort } from './network.mjs';
import { waitFor } from './wait.mjs';

export const FACILITY = 'northside'; // the facility the shipped ACL describes
export const GROUP = 'weight-room';

// `config` and `acl` name files in config/mosquitto (an absolute `acl` is a test's own);
// `name` tells two brokers' files apart.
export async function startBroker({ source, dir, httpDir, users, config: shipped = 'rollstation.conf', acl = 'acl', name = 'broker' }) {
  const passwords = path.join(dir, `${name}.passwords`);
  writeFileSync(passwords, '', { mode: 0o600 });
  for (const [user, password] of Object.entries(users)) execFileSync('mosquitto_passwd', ['-b', passwords, user, password]);
  const mqttPort = await freePort();
  const webPort = await freePort();
  const config = execFileSync('bash', [
    path.join(source, 'scripts/broker-config'), path.join(source, 'config/mosquitto', shipped), String(mqttPort), String(webPort),
    `password_file=${passwords}`, `acl_file=${path.isAbsolute(acl) ? acl : path.join(source, 'config/mosquitto', acl)}`, `http_dir=${httpDir}`,
    'persistence=false', 'log_dest=stderr', 'log_type=all',
  ], { encoding: 'utf8' });
  const file = path.join(dir, `${name}.conf`);
  writeFileSync(file, config);
  const broker = new Child(name, '/usr/sbin/mosquitto', ['-c', file], { dir });
  await waitFor('the broker to listen', async () => !broker.alive || ((await accepts(mqttPort)) && (await accepts(webPort))), { timeout: 5000 });
  if (!broker.alive) throw new Error(`the broker did not start\n${broker.log()}`);
  return { broker, mqttPort, webPort };
}

export function stationFile({ source, dir, id, name, port, password, facility = FACILITY, group = GROUP }) {
  const secret = path.join(dir, `${id}.password`);
  writeFileSync(secret, `${password}\n`, { mode: 0o600 });
  const file = path.join(dir, `${id}.yaml`);
  writeFileSync(file, [
    `station: {id: ${id}, name: "${name}", facility: ${facility}, groups: [${group}], timezone: UTC}`,
    'display: {fullscreen: false, width: 800, height: 480, sound: false}',
    // Headless kiosks: nobody is there to tap "I'm ready" before a class.
    'session: {class_confirmation: false}',
    `routines: {dirs: [${path.join(source, 'config/routines')}]}`,
    `safety_notice: ${path.join(source, 'config/safety.yaml')}`,
    'sensors:',
    `  - {id: ${id}-roller, kind: roller, source: "sim:steady", circumference_mm: 471}`,
    `mqtt: {host: 127.0.0.1, port: ${port}, username: ${id}, password_file: ${secret}}`,
    `storage: {path: ${path.join(dir, `${id}.db`)}}`,
    '',
  ].join('\n'));
  return file;
}

// The real kiosk on SDL's dummy drivers.
export function startKiosk({ binary, dir, id, file }) {
  return new Child(id, binary, ['--config', file], {
    dir,
    env: { SDL_VIDEODRIVER: 'dummy', SDL_AUDIODRIVER: 'dummy', SDL_RENDER_DRIVER: 'software' },
  });
}

// An MQTT 5 client signed in as `user`, keeping every message it receives.
export async function client(port, user, password, subscribe = []) {
  const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 5, username: user, password, clientId: `e2e-${user}-${Math.random().toString(36).slice(2, 8)}`, reconnectPeriod: 0 });
  c.received = [];
  c.on('message', (topic, payload, packet) => c.received.push({ topic, text: payload.toString(), retain: packet.retain, at: Date.now() }));
  await new Promise((resolve, reject) => {
    c.once('connect', resolve);
    c.once('error', reject);
  });
  if (subscribe.length) await c.subscribeAsync(subscribe, { qos: 1 });
  c.json = (suffix) => c.received.filter((m) => m.topic.endsWith(suffix)).map((m) => ({ ...JSON.parse(m.text), topic: m.topic, at: m.at }));
  return c;
}

// Publishes at QoS 1 and resolves once the broker accepted it; rejects with its reason if not.
export function publish(c, topic, payload) {
  return new Promise((resolve, reject) => {
    c.publish(topic, payload, { qos: 1 }, (error, packet) => {
      if (error || (packet?.reasonCode ?? 0) >= 0x80) reject(error ?? new Error(`refused: ${packet.reasonCode}`));
      else resolve();
    });
  });
}

export function stationTopic(id, kind, facility = FACILITY) {
  return `rollstation/${facility}/station/${id}/${kind}`;
}
