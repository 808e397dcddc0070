// What the server hands the map page: the settings and translated strings in #map-app's
// data-config attribute, and the page's language and direction.

const app = document.getElementById("map-app");

export const config = JSON.parse(app.dataset.config);
export const strings = config.strings;
export const language = document.documentElement.lang;
export const direction = document.documentElement.dir;
