// The History view: a period picker, the period's figures, sessions and active minutes per day,
// the hour-of-week heatmap, utilisation per station and the top routines with their completion
// rate, all in the facility's time zone, and a CSV download of what is shown. The figures come
// from the facility recorder over MQTT request/response.

import { h, fill, svg } from './dom.js';
import { dateText, historyCsv, historyFigures, percentText, PERIODS } from '../history.js';
import { formatNumber, t, tn } from '../i18n.js';

// Read when drawn, so the names are always those of the language shown.
const weekdays = () => [0, 1, 2, 3, 4, 5, 6].map((d) => t(`weekday.${d}`)); // Monday first

function dayColumns(days) {
  const width = 600;
  const height = 200;
  const bottom = 28;
  const top = 20;
  const max = Math.max(1, ...days.map((d) => d.value));
  const maxMinutes = Math.max(1, ...days.map((d) => d.activeMinutes));
  const slot = (width - 16) / Math.max(1, days.length);
  // Labels that never meet, however long the language writes a date ("12. Nov."): about 11
  // units a character at the chart's 18-unit type, the first one starting at its column.
  const labelWidth = 11 * Math.max(0, ...days.map((d) => d.label.length));
  const every = Math.max(1, Math.ceil((1.5 * labelWidth + 16) / slot));
  const plot = height - top - bottom;
  const line = days.map((d, i) => `${8 + i * slot + slot / 2},${height - bottom - (d.activeMinutes / maxMinutes) * plot}`).join(' ');
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart-svg', 'aria-label': t('history.daysTitle') },
    svg('line', { x1: 8, x2: width - 8, y1: height - bottom, y2: height - bottom, class: 'axis' }),
    days.map((d, i) => {
      const size = (d.value / max) * plot;
      const x = 8 + i * slot + slot * 0.15;
      return svg('g', { class: 'bar', 'data-key': d.key, 'data-value': d.value },
        svg('title', {}, tn('history.day', d.value, { day: dateText(d.key, 'title'), minutes: formatNumber(d.activeMinutes, 0) })),
        svg('rect', { x, y: height - bottom - size, width: Math.max(1, slot * 0.7), height: Math.max(size, d.value ? 2 : 0), class: 'completed' }),
        // The first label starts at its column, so it is not cut at the chart's edge.
        i % every === 0 ? svg('text', { x: i === 0 ? x : x + slot * 0.35, y: height - bottom + 18, class: 'label', 'text-anchor': i === 0 ? 'start' : 'middle' }, d.label) : null);
    }),
    days.length > 1 ? svg('polyline', { points: line, class: 'minutes-line' }) : null);
}

function heatmap(rows) {
  const max = Math.max(1, ...rows.flat());
  return h('table', { class: 'heatmap', 'aria-label': t('history.heatmapTitle') },
    h('thead', {}, h('tr', {}, h('th', {}, ''), Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col' }, hour % 3 === 0 ? String(hour) : '')))),
    h('tbody', {}, weekdays().map((day, d) => h('tr', {}, h('th', { scope: 'row' }, day),
      Array.from({ length: 24 }, (_, hour) => {
        const n = rows[d]?.[hour] ?? 0;
        return h('td', { title: tn('history.hour', n, { day, hour }), dataset: { n: String(n) }, style: `--heat: ${(n / max).toFixed(3)}` });
      })))));
}

function bars(items, value, text, shown = (item) => String(value(item))) {
  const max = Math.max(1, ...items.map(value));
  return h('div', { class: 'hbars', role: 'list' }, items.map((item) => h('div', { class: 'bar', role: 'listitem', dataset: { key: item.key } },
    h('span', { class: 'name' }, h('span', { class: 'label' }, item.label), h('span', { class: 'how' }, text(item))),
    h('span', { class: 'track' }, h('span', { class: 'seg completed', style: `width: ${(value(item) / max) * 100}%` })),
    h('span', { class: 'value' }, shown(item)))));
}

function figure(id, title, body, empty) {
  return h('figure', { class: 'chart', id }, h('figcaption', {}, title), empty ? h('p', { class: 'empty' }, t('history.none')) : body);
}

// `onPeriod(period, custom)` asks for another period; `render(state)` shows
// {period, custom, status: 'idle'|'waiting'|'ready'|'error', answer, error}.
export function createHistoryView(container, { onPeriod }) {
  let csvUrl = null;
  const render = (state) => {
    const picker = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('history.period') },
      PERIODS.map((value) => h('button', { type: 'button', role: 'tab', dataset: { period: value }, 'aria-selected': String(state.period === value), onclick: () => onPeriod(value, state.custom) }, t(`history.period.${value}`))));
    const custom = state.period === 'custom'
      ? h('form', { class: 'custom-period', onsubmit: (e) => {
        e.preventDefault();
        const data = new FormData(e.target);
        onPeriod('custom', { from: data.get('from'), to: data.get('to') });
      } },
      h('label', {}, t('history.from'), h('input', { type: 'date', name: 'from', value: state.custom?.from ?? '' })),
      h('label', {}, t('history.to'), h('input', { type: 'date', name: 'to', value: state.custom?.to ?? '' })),
      h('button', { type: 'submit' }, t('history.show')))
      : null;
    const parts = [h('div', { class: 'usage-head' }, h('h2', { id: 'history-title' }, t('history.title')), picker), custom];
    if (state.status === 'waiting') parts.push(h('p', { class: 'history-status' }, t('history.asking')));
    if (state.status === 'error') parts.push(h('p', { class: 'history-status error', role: 'alert' }, state.error));
    if (state.status === 'ready') {
      const f = historyFigures(state.answer);
      if (csvUrl) URL.revokeObjectURL(csvUrl);
      csvUrl = URL.createObjectURL(new Blob([historyCsv(f)], { type: 'text/csv' }));
      const none = f.sessions === 0;
      parts.push(
        h('div', { class: 'usage-summary', id: 'history-summary' },
          h('span', { class: 'figure' }, h('b', {}, String(f.sessions)), tn('history.sessions', f.sessions)),
          h('span', { class: 'figure completed' }, h('b', {}, String(f.completed)), tn('history.completed', f.completed)),
          h('span', { class: 'figure abandoned' }, h('b', {}, String(f.abandoned)), tn('history.abandoned', f.abandoned)),
          h('span', { class: 'figure' }, h('b', {}, formatNumber(f.activeMinutes, 0)), tn('history.activeMinutes', Math.round(f.activeMinutes))),
          f.utilisation === null ? null : h('span', { class: 'figure' }, h('b', {}, percentText(f.utilisation)), t('history.inUse')),
          h('span', { class: 'figure' }, h('b', {}, String(f.classSessions)), t('history.inClasses')),
          h('span', { class: 'figure', id: 'history-eased' }, h('b', {}, String(f.easedSteps)), tn('history.easedSteps', f.easedSteps)),
          h('span', { class: 'figure date' }, `${t('history.dates', { from: dateText(f.from), to: dateText(f.to) })}${f.timezone ? ` (${f.timezone})` : ''}`),
          h('a', { class: 'button', id: 'history-csv', href: csvUrl, download: `rollstation-${f.from}-to-${f.to}.csv` }, t('history.csv'))),
        h('div', { class: 'charts' },
          figure('history-days', t('history.daysTitle'), dayColumns(f.days), none),
          figure('history-heatmap', t('history.heatmapTitle'), heatmap(f.heatmap), none),
          figure('history-stations', t('history.stationsTitle'), bars(f.stations, (s) => s.utilisation ?? 0, (s) => tn('history.stationHow', s.value, { minutes: formatNumber(s.activeMinutes, 0) }), (s) => (s.utilisation === null ? '–' : percentText(s.utilisation))), f.stations.length === 0),
          figure('history-routines', t('history.routinesTitle'), bars(f.routines, (r) => r.value, (r) => t('history.routineHow', { completion: r.completion ?? 0, abandoned: r.abandoned })), f.routines.length === 0)));
    }
    fill(container, ...parts);
  };
  return { render };
}
