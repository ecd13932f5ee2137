// The dashboard's languages: every word of the interface comes from a catalogue per language
// (src/strings/*.js), looked up by key. English is complete and the fallback: a key missing in
// another language shows in English, a key missing everywhere shows as itself. The language is
// the one chosen in the page (remembered in local storage), else the first of the browser's
// languages the dashboard speaks, else English. Routine titles are not translated here: they
// come as the stations publish them, in each station's own language.

import en from './strings/en.js';
import de from './strings/de.js';
import es from './strings/es.js';
import fr from './strings/fr.js';

// Each language named in its own words, for the choice in the page.
export const LANGUAGES = [['en', 'English'], ['de', 'Deutsch'], ['es', 'Español'], ['fr', 'Français']];
export const CATALOGUES = { en, de, es, fr };
export const STORAGE_KEY = 'rollstation.dashboard.language';

let current = 'en';

// The language to show: `stored` (the page's choice) when the dashboard speaks it, else the
// first of `preferred` (navigator.languages, such as ["de-AT", "en"]) it speaks, by its
// primary subtag, else English.
export function chooseLanguage({ stored = null, preferred = [] } = {}) {
  if (stored && CATALOGUES[stored]) return stored;
  for (const tag of preferred ?? []) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    if (CATALOGUES[primary]) return primary;
  }
  return 'en';
}

export function setLanguage(code) {
  current = CATALOGUES[code] ? code : 'en';
  return current;
}

export function language() {
  return current;
}

// "Starts {time}" with {time: "18:30"} -> "Starts 18:30"; a placeholder without a value stays.
function filled(text, params) {
  return text.replaceAll(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined || params[name] === null ? whole : String(params[name])));
}

function entry(key, lang = current) {
  return CATALOGUES[lang]?.[key] ?? en[key];
}

// Whether a catalogue has `key` (English has them all).
export function has(key) {
  return entry(key) !== undefined;
}

// The text of `key` in the current language, placeholders filled from `params`.
export function t(key, params = {}) {
  const text = entry(key);
  if (text === undefined) return key;
  if (typeof text === 'object') return tn(key, params.n ?? 0, params);
  return filled(text, params);
}

// A text that depends on a count: the catalogue holds its plural forms ({one, other}, as
// Intl.PluralRules names them; French says "0 séance", English "0 sessions"). `{n}` is the count.
export function tn(key, n, params = {}) {
  const text = entry(key);
  if (text === undefined) return key;
  const values = { ...params, n: typeof n === 'number' ? formatNumber(n) : n };
  if (typeof text === 'string') return filled(text, values);
  const lang = CATALOGUES[current]?.[key] ? current : 'en';
  const form = new Intl.PluralRules(lang).select(Number(n));
  return filled(text[form] ?? text.other, values);
}

// A number as the language writes it: 1.5 in English, 1,5 in German, Spanish and French.
export function formatNumber(value, digits = null) {
  const options = { useGrouping: false };
  if (digits !== null) Object.assign(options, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  else options.maximumFractionDigits = 20;
  return new Intl.NumberFormat(current, options).format(value);
}

// The page's own markup: an element's text from `data-i18n`, and attributes from
// `data-i18n-aria-label`, `data-i18n-title` and `data-i18n-placeholder`.
const ATTRIBUTES = [['aria-label', 'data-i18n-aria-label'], ['title', 'data-i18n-title'], ['placeholder', 'data-i18n-placeholder']];

export function translatePage(doc) {
  doc.documentElement.lang = current;
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [attr, marker] of ATTRIBUTES) {
    for (const el of doc.querySelectorAll(`[${marker}]`)) el.setAttribute(attr, t(el.getAttribute(marker)));
  }
}

// In a browser, the language is settled when this module loads, before any view draws: ?lang=
// in the address, else the stored choice, else the browser's. (Changing it in the page stores
// the choice and loads the page again.)
function storedChoice() {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
if (typeof document !== 'undefined' && typeof navigator !== 'undefined') {
  const asked = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  setLanguage(chooseLanguage({ stored: CATALOGUES[asked] ? asked : storedChoice(), preferred: navigator.languages?.length ? navigator.languages : [navigator.language] }));
}
