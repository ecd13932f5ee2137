// Usage charts as plain SVG: columns for hours and days, bars for stations and routines. Each
// chart says its numbers in words too (its title and every bar's label), for screen readers.

import { h, fill, svg } from './dom.js';
import { minutes } from '../format.js';

const WIDTH = 600;

function niceMax(values) {
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

// Vertical columns, one per bar, labels below (every `labelEvery`-th).
function columns(bars, { labelEvery = 1 } = {}) {
  const height = 220;
  const top = 24;
  const bottom = 30;
  const left = 8;
  const max = niceMax(bars.map((b) => b.value));
  const slot = (WIDTH - left * 2) / Math.max(1, bars.length);
  const plot = height - top - bottom;
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', class: 'chart-svg' },
    svg('line', { x1: left, x2: WIDTH - left, y1: height - bottom, y2: height - bottom, class: 'axis' }),
    bars.map((b, i) => {
      const barHeight = (b.value / max) * plot;
      const x = left + i * slot + slot * 0.15;
      const y = height - bottom - barHeight;
      return svg('g', { class: 'bar', 'data-key': b.key, 'data-value': b.value },
        svg('title', {}, `${b.label}: ${b.value}`),
        svg('rect', { x, y, width: slot * 0.7, height: Math.max(barHeight, b.value > 0 ? 2 : 0), rx: 3 }),
        b.value > 0 ? svg('text', { x: x + slot * 0.35, y: y - 6, class: 'value', 'text-anchor': 'middle' }, String(b.value)) : null,
        i % labelEvery === 0 ? svg('text', { x: x + slot * 0.35, y: height - bottom + 20, class: 'label', 'text-anchor': 'middle' }, b.label) : null);
    }));
}

// Horizontal bars, one row per bar, its label on the left and its value at its end.
function rows(bars, { detail } = {}) {
  const row = 40;
  const labelWidth = 200;
  const height = Math.max(1, bars.length) * row + 8;
  const max = niceMax(bars.map((b) => b.value));
  const room = WIDTH - labelWidth - 70;
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', class: 'chart-svg' },
    bars.map((b, i) => {
      const y = 4 + i * row;
      const width = (b.value / max) * room;
      const shortLabel = b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label;
      return svg('g', { class: 'bar', 'data-key': b.key, 'data-value': b.value },
        svg('title', {}, `${b.label}: ${b.value}${detail ? ` (${detail(b)})` : ''}`),
        svg('text', { x: labelWidth - 10, y: y + row / 2 + 6, class: 'label', 'text-anchor': 'end' }, shortLabel),
        svg('rect', { x: labelWidth, y: y + 6, width: Math.max(width, b.value > 0 ? 2 : 0), height: row - 14, rx: 3 }),
        svg('text', { x: labelWidth + width + 8, y: y + row / 2 + 6, class: 'value' }, String(b.value)));
    }));
}

function figure(id, title, chart, empty) {
  return h('figure', { class: 'chart', id, dataset: { empty: String(empty) } }, h('figcaption', {}, title), empty ? h('p', { class: 'empty' }, 'No sessions yet.') : chart);
}

export function renderCharts(container, summary, charts) {
  const week = charts.range === 'week';
  const none = charts.sessions === 0;
  fill(summary,
    h('span', { class: 'figure' }, h('b', {}, String(charts.sessions)), week ? ' sessions in the last 7 days' : ' sessions today'),
    h('span', { class: 'figure' }, h('b', {}, minutes(charts.activeMinutes)), ' active minutes'),
    charts.today ? h('span', { class: 'figure date' }, week ? `to ${charts.today}` : charts.today) : null);
  fill(container,
    figure('chart-hours', week ? 'Sessions by hour of day, last 7 days' : 'Sessions by hour today', columns(charts.byHour, { labelEvery: 3 }), none),
    figure('chart-stations', week ? 'Sessions per station, last 7 days' : 'Sessions per station today', rows(charts.byStation, { detail: (b) => `${minutes(b.activeMinutes)} active min` }), charts.byStation.length === 0),
    figure('chart-routines', week ? 'Top routines, last 7 days' : 'Top routines today', rows(charts.topRoutines), charts.topRoutines.length === 0),
    week ? figure('chart-days', 'Sessions per day', columns(charts.byDay), none) : null);
}
