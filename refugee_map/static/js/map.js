// The map page: offers from the API as clustered markers and as a list, both driven by the
// filter form. The modules in map/ each do one job (base map and tiles, offer card and popup,
// URL state, offline cache, near me); this one wires them together.

import { baseMap } from "./map/base-map.js";
import { nearMe } from "./map/near-me.js";
import { offerListItem, offerMarker } from "./map/offer-card.js";
import { lastKnown, remember } from "./map/offline-cache.js";
import { config, language, strings } from "./map/settings.js";
import { followFilters } from "./map/url-state.js";

const form = document.getElementById("filters");
const results = document.getElementById("results");
const status = document.getElementById("status");
const errorBox = document.getElementById("filter-error");
const { map, cluster } = baseMap("map");

let offers = []; // [{ feature, marker }]; marker is null for an offer without a place
let here = null; // the visitor's position once "near me" worked
let pending = null; // AbortController of the request in flight

function distance(marker) {
  return here && marker ? here.distanceTo(marker.getLatLng()) : Infinity;
}

function showOnMap(marker) {
  document.getElementById("map").scrollIntoView({ block: "nearest" });
  cluster.zoomToShowLayer(marker, () => {
    marker.openPopup();
    marker.getPopup().getElement().querySelector("a").focus();
  });
}

function listItem({ feature, marker }) {
  const km = here && marker ? distance(marker) / 1000 : null;
  const onShow = marker ? () => showOnMap(marker) : null;
  return offerListItem(feature.properties, { km, onShow });
}

function renderList() {
  const shown = here ? [...offers].sort((a, b) => distance(a.marker) - distance(b.marker)) : offers;
  results.replaceChildren(...shown.map(listItem));
}

function countText(n) {
  if (n === 0) return strings.found_none;
  const key = new Intl.PluralRules(language).select(n) === "one" ? "found_one" : "found_other";
  return strings[key].replace("{n}", n.toLocaleString(language));
}

function render(features) {
  offers = features.map((feature) => ({ feature, marker: offerMarker(feature) }));
  cluster.clearLayers();
  cluster.addLayers(offers.map((offer) => offer.marker).filter(Boolean));
  renderList();
  status.textContent = countText(offers.length);
}

async function load(params) {
  pending?.abort();
  pending = new AbortController();
  document.documentElement.dataset.ready = "0";
  status.textContent = strings.loading;
  const query = new URLSearchParams(params);
  if (!query.has("lang")) query.set("lang", language);
  const url = `${config.offersUrl}?${query}`;
  try {
    const response = await fetch(url, { signal: pending.signal });
    const text = await response.text();
    const body = JSON.parse(text);
    errorBox.textContent = response.ok ? "" : body.error || strings.load_failed;
    render(response.ok ? body.features : []);
    if (response.ok) remember(url, text).catch(() => {});
  } catch (error) {
    if (error.name === "AbortError") return;
    const saved = await lastKnown(url).catch(() => null);
    if (saved) {
      render(saved.features);
      window.showOfflineNote?.(saved.savedAt);
    } else {
      status.textContent = strings.load_failed;
    }
  }
  document.documentElement.dataset.ready = "1";
}

followFilters(form, load);
nearMe(document.getElementById("near-me"), document.getElementById("geo-message"), map, (at) => {
  here = at;
  renderList();
});
for (const button of form.querySelectorAll("[data-without-js]")) button.hidden = true;
if (errorBox.textContent) {
  document.documentElement.dataset.ready = "1"; // the server refused the filter: nothing to load
} else {
  load(new URLSearchParams(location.search));
}
