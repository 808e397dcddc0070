// What the server hands the map page: the settings and translated strings in #map-app's
// data-config attribute, and the page's language and direction.

const app = document.getElementById("map-app");

export const config = JSON.parse(app.dataset.config);
export const strings = config.strings;
export const language = document.documentElement.lang;
export const direction = document.documentElement.dir;
// Made once: a formatter is costly to make on a phone's slow CPU, and a view of the map
// writes dozens of numbers (toLocaleString makes one per call).
export const numberFormat = new Intl.NumberFormat(language);
