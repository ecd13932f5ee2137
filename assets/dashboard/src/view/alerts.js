// The facility's raised alerts, each with how long it has been so; hidden when there are none.
import { activeAlerts, ageText, KIND_WORDS } from '../alerts.js';
import { fill, h } from './dom.js';

export function renderAlerts(el, alerts, facility, now) {
  const raised = activeAlerts(alerts, facility);
  el.hidden = raised.length === 0;
  fill(
    el,
    h('h2', { id: 'alerts-title' }, raised.length === 1 ? '1 alert' : `${raised.length} alerts`),
    h(
      'ul',
      { class: 'alert-list' },
      raised.map((a) =>
        h(
          'li',
          { class: 'alert', dataset: { kind: a.kind, station: a.station } },
          h('strong', {}, facility === 'all' ? `${a.facility}/${a.station}` : a.station),
          h('span', { class: 'alert-kind' }, KIND_WORDS[a.kind] ?? a.kind),
          h('span', { class: 'alert-age' }, `for ${ageText(a.sinceMs, now)}`),
          a.detail ? h('span', { class: 'alert-detail' }, a.detail) : null,
        ),
      ),
    ),
  );
}
