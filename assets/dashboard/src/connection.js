// The dashboard's one connection to the broker: MQTT 5 over WebSockets on the port that served
// the page, signed in with broker credentials or, where the broker allows it, without. It
// reports its state in words a front desk understands and stops retrying when the broker
// refuses the credentials (retrying would only be refused again).

import mqtt from 'mqtt';
import { t } from './i18n.js';

// The broker that served this page, unless ?broker=ws://host:port says otherwise.
export function brokerUrl(location, params) {
  const given = params.get('broker');
  if (given) return given;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/mqtt`;
}

// MQTT 5 reason codes and 3.1.1 return codes that mean "these credentials will not do".
const REFUSED = new Set([4, 5, 134, 135]);

export class Link {
  // onMessage(topic, text, retained); onState({state, detail}) with state one of 'connecting',
  // 'online', 'offline' (lost, retrying) or 'refused' (needs other credentials).
  constructor({ url, topics, onMessage, onState }) {
    this.url = url;
    this.topics = topics;
    this.onMessage = onMessage;
    this.onState = onState;
    this.client = null;
    this.credentials = null;
    this.decoder = new TextDecoder();
  }

  get username() {
    return this.credentials?.username ?? '';
  }

  // Connects (again) as `credentials` ({username, password}) or without an account (null).
  connect(credentials) {
    this.close();
    this.credentials = credentials;
    const options = {
      protocolVersion: 5,
      clientId: `dashboard-${Math.random().toString(36).slice(2, 10)}`,
      clean: true,
      keepalive: 30,
      reconnectPeriod: 2000,
      connectTimeout: 8000,
      resubscribe: false, // subscribed afresh on every connection, below
    };
    if (credentials) {
      options.username = credentials.username;
      options.password = credentials.password;
    }
    this.onState({ state: 'connecting' });
    const client = mqtt.connect(this.url, options);
    this.client = client;
    client.on('connect', () => {
      if (client !== this.client) return;
      client.subscribe(this.topics, { qos: 1 }, (error) => {
        if (error && client === this.client) this.onState({ state: 'offline', detail: `subscribe failed: ${error.message}` });
      });
      this.onState({ state: 'online' });
    });
    client.on('message', (topic, payload, packet) => {
      if (client !== this.client) return;
      this.onMessage(topic, this.decoder.decode(payload), packet.retain === true);
    });
    client.on('error', (error) => {
      if (client !== this.client) return;
      if (REFUSED.has(error.code)) {
        client.end(true);
        this.onState({ state: 'refused', detail: t(credentials ? 'connection.badPassword' : 'connection.signInNeeded') });
      } else {
        this.onState({ state: 'offline', detail: error.message });
      }
    });
    client.on('offline', () => {
      if (client === this.client) this.onState({ state: 'offline' });
    });
    client.on('reconnect', () => {
      if (client === this.client) this.onState({ state: 'connecting' });
    });
  }

  // Publishes a command (QoS 1, never retained); resolves once the broker took it, rejects
  // with the broker's reason (an account that may not send commands, say).
  publish(topic, payload) {
    return new Promise((resolve, reject) => {
      if (!this.client || !this.client.connected) {
        reject(new Error('not connected to the broker'));
        return;
      }
      this.client.publish(topic, payload, { qos: 1, retain: false }, (error, packet) => {
        const code = error?.code ?? packet?.reasonCode ?? 0;
        if (error || code >= 0x80) {
          reject(Object.assign(new Error(code === 135 ? 'this account may not send commands' : error?.message ?? `refused (${code})`), { code }));
        } else {
          resolve();
        }
      });
    });
  }

  // An MQTT 5 request: published with `responseTopic`, which this connection follows from now
  // on; `onAnswer(text)` hears every message that arrives there.
  request(topic, responseTopic, payload, onAnswer) {
    return new Promise((resolve, reject) => {
      const client = this.client;
      if (!client || !client.connected) {
        reject(new Error('not connected to the broker'));
        return;
      }
      if (client.answerTopic !== responseTopic) {
        client.answerTopic = responseTopic;
        client.subscribe(responseTopic, { qos: 1 });
        client.on('message', (t, bytes) => {
          if (client === this.client && t === client.answerTopic) onAnswer(this.decoder.decode(bytes));
        });
      }
      client.publish(topic, payload, { qos: 1, properties: { responseTopic } }, (error, packet) => {
        const code = error?.code ?? packet?.reasonCode ?? 0;
        if (error || code >= 0x80) reject(Object.assign(new Error(code === 135 ? 'this account may not ask for reports' : error?.message ?? `refused (${code})`), { code }));
        else resolve();
      });
    });
  }

  get clientId() {
    return this.client?.options?.clientId ?? 'dashboard';
  }

  close() {
    if (this.client) {
      const old = this.client;
      this.client = null;
      old.end(true);
    }
  }
}
