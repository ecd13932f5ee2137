// One facility or all: which facility the History view asks about and the cards and alerts
// show. It starts from ?facility= in the address (or the first facility seen) and offers every
// facility the broker has shown so far.
import { t } from '../i18n.js';
import { fill, h } from './dom.js';

export const ALL = 'all';

// The facilities named by station keys ("facility/id"), sorted, each once.
export function facilitiesOf(keys) {
  return [...new Set([...keys].map((k) => k.split('/')[0]).filter(Boolean))].sort();
}

export function createFacilityPicker(select, { initial = '', onChange }) {
  let chosen = initial;
  let offered = [];
  select.addEventListener('change', () => {
    chosen = select.value;
    onChange(chosen);
  });
  return {
    // '' until a facility is known.
    value: () => chosen || offered[0] || '',
    offer(facilities) {
      const list = chosen && chosen !== ALL && !facilities.includes(chosen) ? [...facilities, chosen].sort() : facilities;
      if (list.join('\n') === offered.join('\n')) return false;
      offered = list;
      fill(select, h('option', { value: ALL }, t('facility.all')), list.map((f) => h('option', { value: f }, f)));
      select.value = this.value();
      select.closest('label').hidden = list.length < 2 && chosen !== ALL;
      return true;
    },
  };
}

// Hides the cards of other facilities (a card's data-station is "facility/id").
export function showFacilityCards(container, facility) {
  for (const card of container.querySelectorAll('[data-station]')) {
    card.hidden = Boolean(facility) && facility !== ALL && !card.dataset.station.startsWith(`${facility}/`);
  }
}
