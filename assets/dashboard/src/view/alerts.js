// The facility's raised alerts, each with how long it has been so; hidden when there are none.
import { activeAlerts, ageText, detailText, kindText } from '../alerts.js';
import { t, tn } from '../i18n.js';
import { fill, h } from './dom.js';

export function renderAlerts(el, alerts, facility, now) {
  const raised = activeAlerts(alerts, facility);
  el.hidden = raised.length === 0;
  fill(
    el,
    h('h2', { id: 'alerts-title' }, tn('alerts.title', raised.length)),
    h(
      'ul',
      { class: 'alert-list' },
      raised.map((a) =>
        h(
          'li',
          { class: 'alert', dataset: { kind: a.kind, station: a.station } },
          h('strong', {}, facility === 'all' ? `${a.facility}/${a.station}` : a.station),
          h('span', { class: 'alert-kind' }, kindText(a.kind)),
          h('span', { class: 'alert-age' }, t('alerts.for', { age: ageText(a.sinceMs, now) })),
          h('span', { class: 'alert-detail' }, detailText(a, now)),
        ),
      ),
    ),
  );
}
