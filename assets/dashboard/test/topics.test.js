import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandTopic, parseTopic, subscriptions } from '../src/topics.js';

test('station topics name the facility, the station and what was said', () => {
  assert.deepEqual(parseTopic('rollstation/north/station/r-1/state', 'rollstation'), { facility: 'north', station: 'r-1', kind: 'state' });
  assert.deepEqual(parseTopic('rollstation/north/station/r-1/cmd/result', 'rollstation'), { facility: 'north', station: 'r-1', kind: 'cmd/result' });
  assert.deepEqual(parseTopic('rollstation/north/group/team/cmd', 'rollstation'), { facility: 'north', group: 'team', kind: 'cmd' });
  assert.deepEqual(parseTopic('rollstation/north/all/cmd', 'rollstation'), { facility: 'north', all: true, kind: 'cmd' });
});

test('topics outside the tree, or with unknown parts, are ignored', () => {
  for (const topic of ['other/north/station/r-1/state', 'rollstation/north/station/r-1/secret', 'rollstation/north/station//state', 'rollstation//station/r-1/state', 'rollstation/north/all/cmd/x', 'rollstation/north/group//cmd', 'rollstation']) {
    assert.equal(parseTopic(topic, 'rollstation'), null, topic);
  }
});

test('the dashboard follows station topics and every command topic, and addresses each target', () => {
  assert.deepEqual(subscriptions('gym'), ['gym/+/station/+/#', 'gym/+/group/+/cmd', 'gym/+/all/cmd']);
  assert.equal(commandTopic('gym', 'north', { station: 'r-1' }), 'gym/north/station/r-1/cmd');
  assert.equal(commandTopic('gym', 'north', { group: 'team' }), 'gym/north/group/team/cmd');
  assert.equal(commandTopic('gym', 'north', { all: true }), 'gym/north/all/cmd');
});
