// Words and numbers as the dashboard shows them.

// The kiosk's own screen labels for the names in payloads (src/core/routine.cpp).
const LABELS = {
  'calves': 'Calves', 'shins': 'Shins', 'hamstrings': 'Hamstrings', 'quadriceps': 'Quadriceps',
  'adductors': 'Inner thighs', 'lateral-thigh': 'Outer thigh', 'glutes': 'Glutes',
  'hip-flexors': 'Hip flexors', 'thoracic-spine': 'Upper back', 'lats': 'Lats', 'pecs': 'Chest',
  'upper-traps': 'Upper traps', 'rhomboids': 'Between the shoulder blades',
  'posterior-shoulder': 'Back of the shoulder', 'triceps': 'Triceps', 'forearms': 'Forearms',
  'feet': 'Soles of the feet',
  'foam-roller': 'Foam roller', 'tennis-ball': 'Tennis ball', 'lacrosse-ball': 'Lacrosse ball',
  'peanut-ball': 'Peanut ball',
  'both': 'Both sides', 'left': 'Left side', 'right': 'Right side',
  'get_ready': 'Get ready', 'active': 'Rolling', 'rest': 'Rest', 'switch_side': 'Switch side',
  'next_step': 'Next step',
};

// A name from the payloads as the kiosk labels it ("thoracic-spine" -> "Upper back"), or as
// plain words when it is new to the dashboard.
export function label(name) {
  if (!name) return '';
  return LABELS[name] ?? capitalized(String(name).replaceAll(/[-_]/g, ' '));
}

export function capitalized(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

// 75 -> "1:15", 5 -> "0:05"; negative or missing -> "–".
export function clock(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '–';
  const whole = Math.ceil(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

// A time of day in the browser's time zone, 24-hour: "18:30".
export function timeOfDay(ms) {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

// How long ago, in words: "just now", "5 min ago", "3 h ago", "2 days ago".
export function ago(ms, now) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

export function minutes(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '0';
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

// ISO-8601 text to unix milliseconds, or null when it is not a time.
export function parseTime(text) {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

// Why a session was abandoned, in words (docs/mqtt.md, session_abandoned); "unknown" is what the
// stats call abandons recorded before stations kept reasons.
const ABANDON_REASONS = {
  user_stopped: 'stopped by athlete',
  idle_timeout: 'left idle',
  preempted: 'replaced by a class',
  power_loss: 'power cut',
  unknown: 'reason not recorded',
};

export function abandonReason(code) {
  if (!code) return '';
  return ABANDON_REASONS[code] ?? String(code).replaceAll(/[-_]/g, ' ');
}

// Why a station did not join a class (cmd/result not_joined).
const NOT_JOINED_REASONS = { declined: 'declined', lapsed: 'start passed' };

export function notJoinedReason(code) {
  if (!code) return '';
  return NOT_JOINED_REASONS[code] ?? String(code).replaceAll(/[-_]/g, ' ');
}

// "1 session", "2 sessions".
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
