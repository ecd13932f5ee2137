// Class warm-ups and cancels as the coach panel sends them (docs/mqtt.md, "Coach commands"),
// checked here first so a coach sees a mistake before any station does.

import { commandTopic, stationKey } from './topics.js';
import { notJoinedReason } from './format.js';
import { has, t } from './i18n.js';

export const COACH_MAX = 40;
export const MESSAGE_MAX = 120;
const COMMAND_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

// A fresh command id: "dash-" and the UTC time, plus a random tail so two tablets never clash.
export function newCommandId(now = Date.now(), random = Math.random) {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const tail = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `dash-${stamp}-${tail}`;
}

// When the class starts: {in: seconds} from now, or {at: "HH:MM"} local time, today or, if that
// has passed, tomorrow. Returns unix ms, or null when the time cannot be read.
export function startTime(choice, now = Date.now()) {
  if (choice && Number.isFinite(choice.in) && choice.in >= 0) return now + choice.in * 1000;
  const m = /^(\d{1,2}):(\d{2})$/.exec(choice?.at ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const at = new Date(now);
  at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

// The stations a target reaches, among those the dashboard knows.
export function stationsReached(model, facility, target) {
  const out = [];
  for (const s of model.stations.values()) {
    if (s.facility !== facility) continue;
    if (target.all || (target.group && s.groups.includes(target.group)) || (target.stations && target.stations.includes(s.id))) out.push(s.key);
  }
  return out;
}

// The publishes a push needs: one per picked station, or one to the group or to all.
export function topicsFor(root, facility, target) {
  if (target.stations) return target.stations.map((id) => commandTopic(root, facility, { station: id }));
  return [commandTopic(root, facility, target)];
}

// Checks a push from the panel; returns {errors: [...]} or {payload, topics, commandId, stations}.
export function classWarmup(model, form, now = Date.now(), random = Math.random) {
  const errors = [];
  const { facility, target = {}, routineId, start, coach = '', message = '' } = form;
  if (!facility) errors.push(t('push.pickFacility'));
  if (target.stations && target.stations.length === 0) errors.push(t('push.pickStation'));
  if (!target.stations && !target.group && !target.all) errors.push(t('push.pickTarget'));
  if (!routineId) errors.push(t('push.pickRoutine'));
  const startAt = startTime(start, now);
  if (startAt === null) errors.push(t('push.badTime'));
  else if (startAt - now > 24 * 3600 * 1000) errors.push(t('push.tooFar'));
  // The name is optional: without one the stations show an unnamed class, never an account name.
  if (coach.trim().length > COACH_MAX) errors.push(t('push.nameTooLong', { max: COACH_MAX }));
  if (message.trim().length > MESSAGE_MAX) errors.push(t('push.messageTooLong', { max: MESSAGE_MAX }));
  if (errors.length) return { errors };
  const commandId = newCommandId(now, random);
  const command = { v: 1, command_id: commandId, type: 'class_warmup', routine_id: routineId, start_at: new Date(startAt).toISOString() };
  if (coach.trim()) command.coach = coach.trim();
  if (message.trim()) command.message = message.trim();
  return { payload: JSON.stringify(command), topics: topicsFor(model.root, facility, target), commandId, startAt, stations: stationsReached(model, facility, target) };
}

// A cancel of an earlier class, sent where the class went.
export function cancelOf(model, push, now = Date.now(), random = Math.random) {
  if (!COMMAND_ID.test(push.commandId)) return null;
  const commandId = newCommandId(now, random);
  return {
    commandId,
    payload: JSON.stringify({ v: 1, command_id: commandId, type: 'cancel', target: push.commandId }),
    topics: push.topics,
  };
}

// Where a station's answers stand: the latest of accepted, started, completed, or the refusal.
export function latestResult(answers) {
  if (!answers || answers.length === 0) return null;
  const order = ['accepted', 'started', 'completed', 'not_joined', 'rejected', 'cancelled', 'expired'];
  return [...answers].sort((a, b) => order.indexOf(b.result) - order.indexOf(a.result) || b.at - a.at)[0];
}

// A moment after a class's start the station has said started or not_joined; an answer still
// at "accepted" then no longer means counting down.
export const START_GRACE_MS = 5000;

// What a station's answers say about a class at `now`: {state, text, reason} where state is
// the latest answer, 'waiting' before any, or 'overdue' when it was accepted, its start passed
// more than START_GRACE_MS ago and the station said nothing since.
export function answerState(answers, startAt, now = Date.now()) {
  const last = latestResult(answers);
  if (!last) return { state: 'waiting', text: t('answer.waiting') };
  if (last.result === 'accepted' && startAt && now > startAt + START_GRACE_MS) {
    return { state: 'overdue', text: t('answer.overdue') };
  }
  const why = last.result === 'not_joined' ? notJoinedReason(last.reason) : last.reason;
  const answer = has(`answer.${last.result}`) ? t(`answer.${last.result}`) : last.result;
  const text = last.result === 'not_joined' ? (why ? t('answer.notJoinedWhy', { reason: why }) : t('answer.notJoined')) : `${answer}${why ? `: ${why}` : ''}`;
  return { state: last.result, text };
}

export { stationKey };
