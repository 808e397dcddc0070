// The map page: the map asks the server for what it shows (clusters and offers of the view),
// the panel lists the matching offers a page at a time; both follow the filter form. On a
// phone the panel is a sheet over the map. The modules in map/ each do one job; this one
// wires them together.

import { STREET_ZOOM, baseMap } from "./map/base-map.js";
import { config, strings } from "./map/settings.js";
import { Districts } from "./map/districts.js";
import { MapView } from "./map/map-view.js";
import { NearMarker, nearMe } from "./map/near-me.js";
import { cardId, linkPopupsToCards, openOffer } from "./map/offer-card.js";
import { keepSearchData } from "./map/offline-search.js";
import { afterShown } from "./map/ready.js";
import { ResultList } from "./map/result-list.js";
import { Sheet } from "./map/sheet.js";
import { followFilters, followView, forgetField } from "./map/url-state.js";

const form = document.getElementById("filters");
const errorBox = document.getElementById("filter-error");
const placeError = document.getElementById("near-error");
const geoMessage = document.getElementById("geo-message");
const { map, cluster, outlines } = baseMap("map");
const sheet = new Sheet(
  document.getElementById("map-app"),
  document.getElementById("panel"),
  document.getElementById("sheet-handle"),
);
const districts = new Districts(map, outlines, document.getElementById("district"), () =>
  sheet.fitOptions(),
);

function showError(text) {
  errorBox.textContent = text;
}

const view = new MapView(map, cluster, showError);
const nearMarker = new NearMarker(map, () => sheet.fitOptions());

/** The place the list is sorted from, as the server found it: marked, the map on it. */
function showPlace(place, nearest) {
  const sortedFrom = place.approximate ? strings.near_centre : strings.near_place;
  geoMessage.textContent = sortedFrom.replace("{place}", `\u2068${place.label}\u2069`); // isolated
  nearMarker.show(L.latLng(place.lat, place.lng), place.label, "place-marker", nearest);
}

function showPlaceError(text) {
  placeError.textContent = text;
  if (text) form.elements.near.setAttribute("aria-invalid", "true");
  else form.elements.near.removeAttribute("aria-invalid");
  if (text) unsorted();
}

function unsorted() {
  nearMarker.clear();
  geoMessage.textContent = "";
}

/**
 * Zoom to the offer at street level and open its popup once that view is drawn; closing the
 * popup brings the focus back to where it was (the card's "show on the map" button).
 */
function showOnMap(feature) {
  const [lng, lat] = feature.geometry.coordinates;
  const opener = document.activeElement;
  sheet.lower();
  document.getElementById("map").scrollIntoView({ block: "nearest" });
  view.whenDrawn(feature.id, (marker) => {
    cluster.zoomToShowLayer(marker, () => openOffer(marker, opener));
  });
  map.setView([lat, lng], Math.max(map.getZoom(), STREET_ZOOM), { animate: false });
}

/** The offer's card, from its popup: the sheet opened, the card in view with focus on it. */
function showInList(id) {
  const card = document.getElementById(cardId(id));
  if (!card) return;
  map.closePopup();
  if (sheet.size === "peek") sheet.set("half");
  card.scrollIntoView({ block: "nearest" });
  card.querySelector("a")?.focus();
}

const list = new ResultList(
  {
    list: document.getElementById("results"),
    status: document.getElementById("status"),
    more: document.getElementById("load-more"),
  },
  {
    onShow: showOnMap,
    onPoint: (id, on) => view.highlight(id, on),
    onCounts: (perDistrict) => districts.showCounts(perDistrict),
    onError: showError,
    onPlace: showPlace,
    onPlaceError: showPlaceError,
  },
);

function load(params) {
  view.setFilters(params);
  list.setFilters(params);
  if (!list.sorted) unsorted();
}

linkPopupsToCards(showInList);
map.on("popupopen", () => sheet.lower());
if (!location.hash) {
  map.fitBounds(config.bounds, { ...sheet.fitOptions(), animate: false }); // clear of the sheet
}
followView(map);
// The view and the list are asked for first: the rest of the set-up runs while they load.
if (errorBox.textContent) {
  document.documentElement.dataset.ready = "1"; // the server refused the filter: nothing to load
} else {
  load(new URLSearchParams(location.search));
}
districts.load(!location.hash);
followFilters(form, load);
nearMe(document.getElementById("near-me"), geoMessage, nearMarker, (at) => {
  forgetField(form, "near"); // one point at a time: the visitor's replaces the place
  return list.setNear(at);
});
for (const button of form.querySelectorAll("[data-without-js]")) button.hidden = true;
afterShown(keepSearchData); // for searching the saved offers offline; not needed before
