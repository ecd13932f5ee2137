// Usage charts: columns (SVG) for hours and days, bars (HTML, so long routine and station names
// wrap instead of being cut) for stations and routines. Every bar is split into sessions
// completed, abandoned, and started but not (yet) finished, with the legend above; each chart
// says its numbers in words too (its title and every bar's title), for screen readers.

import { h, fill, svg } from './dom.js';
import { abandonReason, minutes } from '../format.js';
import { t, tn } from '../i18n.js';

const WIDTH = 600;

function niceMax(values) {
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

// A bar's parts, in the order they are drawn: completed, abandoned, the rest of those started.
// A session that started before the range and ended in it counts as an end without a start,
// so the parts may add up to more than the sessions started; the bar is then that long.
export function parts(b) {
  const open = Math.max(0, b.value - b.completed - b.abandoned);
  return [['completed', b.completed], ['abandoned', b.abandoned], ['open', open]].filter(([, n]) => n > 0);
}
const length = (b) => Math.max(b.value, (b.completed ?? 0) + (b.abandoned ?? 0));

export function words(b) {
  return t('usage.bar', { label: b.label, value: b.value, completed: b.completed, abandoned: b.abandoned });
}

// Vertical columns, one per bar, labels below (every `labelEvery`-th).
function columns(bars, { labelEvery = 1 } = {}) {
  const height = 220;
  const top = 24;
  const bottom = 30;
  const left = 8;
  const max = niceMax(bars.map(length));
  const slot = (WIDTH - left * 2) / Math.max(1, bars.length);
  const plot = height - top - bottom;
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', class: 'chart-svg' },
    svg('line', { x1: left, x2: WIDTH - left, y1: height - bottom, y2: height - bottom, class: 'axis' }),
    bars.map((b, i) => {
      const x = left + i * slot + slot * 0.15;
      let y = height - bottom;
      const segments = parts(b).map(([kind, n]) => {
        const size = (n / max) * plot;
        y -= size;
        return svg('rect', { x, y, width: slot * 0.7, height: Math.max(size, 2), class: kind });
      });
      return svg('g', { class: 'bar', 'data-key': b.key, 'data-value': b.value, 'data-completed': b.completed, 'data-abandoned': b.abandoned },
        svg('title', {}, words(b)),
        segments,
        length(b) > 0 ? svg('text', { x: x + slot * 0.35, y: y - 6, class: 'value', 'text-anchor': 'middle' }, String(b.value)) : null,
        i % labelEvery === 0 ? svg('text', { x: x + slot * 0.35, y: height - bottom + 20, class: 'label', 'text-anchor': 'middle' }, b.label) : null);
    }));
}

// Horizontal bars, one row per bar: the name (wrapping onto a second line when long) with how
// the sessions went under it, then the bar and the number started.
function rows(bars, { detail } = {}) {
  const max = niceMax(bars.map(length));
  return h('div', { class: 'hbars', role: 'list' }, bars.map((b) => {
    const extra = detail ? ` (${detail(b)})` : '';
    return h('div', { class: 'bar', role: 'listitem', title: `${words(b)}${extra}`, dataset: { key: b.key, value: String(b.value), completed: String(b.completed), abandoned: String(b.abandoned) } },
      h('span', { class: 'name' }, h('span', { class: 'label' }, b.label), h('span', { class: 'how' }, `${t('usage.how', { completed: b.completed, abandoned: b.abandoned })}${extra}`)),
      h('span', { class: 'track' }, parts(b).map(([kind, n]) => h('span', { class: `seg ${kind}`, style: `width: ${(n / max) * 100}%` }))),
      h('span', { class: 'value' }, String(b.value)));
  }));
}

function figure(id, title, chart, empty) {
  return h('figure', { class: 'chart', id, dataset: { empty: String(empty) } }, h('figcaption', {}, title), empty ? h('p', { class: 'empty' }, t('usage.noSessions')) : chart);
}

// "5 left idle, 4 replaced by a class".
export function reasonWords(reasons) {
  return reasons.map(([code, n]) => `${n} ${abandonReason(code)}`).join(', ');
}

const LEGEND = [['completed', t('usage.legendCompleted')], ['abandoned', t('usage.legendAbandoned')], ['open', t('usage.legendOpen')]];

export function renderCharts(container, summary, charts) {
  const week = charts.range === 'week';
  const none = charts.sessions === 0 && charts.completed === 0 && charts.abandoned === 0;
  fill(summary,
    h('span', { class: 'figure', id: 'usage-started' }, h('b', {}, String(charts.sessions)), tn('usage.started', charts.sessions)),
    h('span', { class: 'figure completed', id: 'usage-completed' }, h('b', {}, String(charts.completed)), tn('usage.completed', charts.completed)),
    h('span', { class: 'figure abandoned', id: 'usage-abandoned' }, h('b', {}, String(charts.abandoned)), tn('usage.abandoned', charts.abandoned),
      charts.reasons.length ? h('span', { class: 'reasons' }, ` (${reasonWords(charts.reasons)})`) : null),
    h('span', { class: 'figure' }, h('b', {}, minutes(charts.activeMinutes)), tn('usage.activeMinutes', Math.round(charts.activeMinutes * 10) / 10)),
    h('span', { class: 'figure date' }, week ? t(charts.today ? 'usage.lastWeekTo' : 'usage.lastWeek', { date: charts.today }) : charts.today || t('usage.todayWord')));
  fill(container,
    h('ul', { class: 'legend', 'aria-label': t('usage.colours') }, LEGEND.map(([kind, text]) => h('li', {}, h('span', { class: `swatch ${kind}` }), text))),
    figure('chart-hours', t(week ? 'usage.hoursWeek' : 'usage.hoursToday'), columns(charts.byHour, { labelEvery: 3 }), none),
    figure('chart-stations', t(week ? 'usage.stationsWeek' : 'usage.stationsToday'), rows(charts.byStation, { detail: (b) => t('usage.activeMin', { value: minutes(b.activeMinutes) }) }), charts.byStation.length === 0),
    figure('chart-routines', t(week ? 'usage.routinesWeek' : 'usage.routinesToday'), rows(charts.topRoutines), charts.topRoutines.length === 0),
    week ? figure('chart-days', t('usage.days'), columns(charts.byDay), none) : null);
}
