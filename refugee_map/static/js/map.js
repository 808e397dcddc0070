// The map page: the map asks the server for what it shows (clusters and offers of the view),
// the panel lists the matching offers a page at a time; both follow the filter form. The
// modules in map/ each do one job; this one wires them together.

import { baseMap } from "./map/base-map.js";
import { MapView } from "./map/map-view.js";
import { nearMe } from "./map/near-me.js";
import { openOffer } from "./map/offer-card.js";
import { ResultList } from "./map/result-list.js";
import { followFilters, followView } from "./map/url-state.js";

const STREET_ZOOM = 17;

const form = document.getElementById("filters");
const errorBox = document.getElementById("filter-error");
const { map, cluster } = baseMap("map");

function showError(text) {
  errorBox.textContent = text;
}

const view = new MapView(map, cluster, showError);

/**
 * Zoom to the offer at street level and open its popup once that view is drawn; closing the
 * popup brings the focus back to where it was (the card's "show on the map" button).
 */
function showOnMap(feature) {
  const [lng, lat] = feature.geometry.coordinates;
  const opener = document.activeElement;
  document.getElementById("map").scrollIntoView({ block: "nearest" });
  view.whenDrawn(feature.id, (marker) => {
    cluster.zoomToShowLayer(marker, () => openOffer(marker, opener));
  });
  map.setView([lat, lng], Math.max(map.getZoom(), STREET_ZOOM), { animate: false });
}

const list = new ResultList(
  {
    list: document.getElementById("results"),
    status: document.getElementById("status"),
    more: document.getElementById("load-more"),
  },
  { onShow: showOnMap, onError: showError },
);

function load(params) {
  view.setFilters(params);
  list.setFilters(params);
}

followView(map);
followFilters(form, load);
nearMe(document.getElementById("near-me"), document.getElementById("geo-message"), map, (at) =>
  list.setNear(at),
);
for (const button of form.querySelectorAll("[data-without-js]")) button.hidden = true;
if (errorBox.textContent) {
  document.documentElement.dataset.ready = "1"; // the server refused the filter: nothing to load
} else {
  load(new URLSearchParams(location.search));
}
