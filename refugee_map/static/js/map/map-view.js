// The map asks for what it shows: one /api/map request per settled view (the bounds and zoom
// with the filters), the request before it aborted. The server's clusters are drawn as count
// markers, its offers as category markers in the cluster layer (which still groups nearby
// points). An offer's marker is kept while the offer stays in view, so its open popup stays.
// The map element's data-represented is the number of offers the drawn markers stand for.

import { clusterMarker } from "./count-marker.js";
import { offerMarker } from "./offer-card.js";
import { getJson } from "./offline-cache.js";
import { loading, shown } from "./ready.js";
import { config, language, strings } from "./settings.js";

const SETTLE_MS = 150; // a view counts as settled when the map has not moved for this long

function bbox(map) {
  const bounds = map.getBounds();
  const west = Math.max(-180, bounds.getWest()).toFixed(5);
  const south = Math.max(-90, bounds.getSouth()).toFixed(5);
  const east = Math.min(180, bounds.getEast()).toFixed(5);
  const north = Math.min(90, bounds.getNorth()).toFixed(5);
  return [west, south, east, north].join(",");
}

/** `onError(text)` says why a view could not be loaded ("" once one could). */
export function mapView(map, cluster, onError) {
  const clusters = L.layerGroup().addTo(map);
  const markers = new Map(); // offer id -> its marker
  let filters = null; // none until the page has filters the server accepts
  let timer = 0;
  let pending = null;
  let afterDraw = [];

  function viewUrl() {
    const query = new URLSearchParams(filters);
    if (!query.has("lang")) query.set("lang", language);
    query.set("bbox", bbox(map));
    query.set("zoom", String(Math.round(map.getZoom())));
    return `${config.mapUrl}?${query}`;
  }

  function drawOffers(items) {
    const wanted = new Set(items.map((item) => item.id));
    const gone = [...markers].filter(([id]) => !wanted.has(id));
    cluster.removeLayers(gone.map(([, marker]) => marker));
    for (const [id] of gone) markers.delete(id);
    const added = items.filter((item) => !markers.has(item.id)).map(offerMarker);
    for (const marker of added) markers.set(marker.options.offerId, marker);
    cluster.addLayers(added);
  }

  function draw({ clusters: cells, offers }) {
    clusters.clearLayers();
    for (const cell of cells) clusters.addLayer(clusterMarker(cell, map));
    drawOffers(offers);
    const counted = cells.reduce((sum, cell) => sum + cell.count, 0);
    map.getContainer().dataset.represented = String(counted + offers.length);
    for (const callback of afterDraw.splice(0)) callback();
  }

  async function load() {
    const asked = new AbortController();
    pending = asked;
    try {
      const { ok, body, savedAt } = await getJson("view", viewUrl(), {
        signal: asked.signal,
        orLast: true,
      });
      if (asked.signal.aborted) return;
      onError(ok ? "" : body.error || strings.load_failed);
      if (ok) draw(body);
      if (savedAt) window.showOfflineNote?.(savedAt);
    } catch (error) {
      if (asked.signal.aborted) return;
      onError(strings.load_failed);
    }
    afterDraw = [];
    shown("view");
  }

  /** The view is moving: what was asked for it is no longer wanted. */
  function unsettle() {
    if (!filters) return false;
    loading("view");
    clearTimeout(timer);
    pending?.abort();
    return true;
  }

  function settle() {
    if (unsettle()) timer = setTimeout(load, SETTLE_MS);
  }

  map.on("movestart", unsettle);
  map.on("moveend", settle);

  return {
    /** Show the offers matching `params` (the filters) in this and every later view. */
    setFilters(params) {
      filters = new URLSearchParams(params);
      settle();
    },
    /** Call `callback(marker)` with the offer's marker once the next view is drawn. */
    whenDrawn(id, callback) {
      afterDraw.push(() => markers.has(id) && callback(markers.get(id)));
    },
  };
}
