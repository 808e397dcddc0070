// The map asks for what it shows: one /api/map request per settled view (the bounds and zoom
// with the filters), the request before it aborted. The server's clusters are drawn as count
// markers, its offers as category markers in the cluster layer (which still groups nearby
// points). An offer's marker is kept while the offer stays in view, so its open popup stays.
// The map element's data-represented is the number of offers the drawn markers stand for.
// Offline, the view shows every saved offer that matches (offline-search.js), with a note
// saying so and the map element's data-saved-at.

import { clusterMarker } from "./count-marker.js";
import { offerMarker } from "./offer-card.js";
import { getJson } from "./offline-cache.js";
import { savedNote, savedView } from "./offline-search.js";
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

/** The offers of the map's view; `onError(text)` says why a view could not be loaded. */
export class MapView {
  constructor(map, cluster, onError) {
    this.map = map;
    this.cluster = cluster; // the offers' markers
    this.clusters = L.layerGroup().addTo(map); // the server's clusters
    this.markers = new Map(); // offer id -> its marker
    this.onError = onError;
    this.filters = null; // none until the page has filters the server accepts
    this.timer = 0;
    this.pending = null;
    this.afterDraw = [];
    map.on("movestart", () => this.unsettle());
    map.on("moveend", () => this.settle());
  }

  /** Show the offers matching `params` (the filters) in this and every later view. */
  setFilters(params) {
    this.filters = new URLSearchParams(params);
    if (this.unsettle()) this.load(); // the view did not move: nothing to wait for
  }

  /** Call `callback(marker)` with the offer's marker once the next view is drawn. */
  whenDrawn(id, callback) {
    this.afterDraw.push(() => this.markers.has(id) && callback(this.markers.get(id)));
  }

  /** Mark the offer's symbol (or the group holding it) while its card is pointed at. */
  highlight(id, on) {
    const marker = this.markers.get(id);
    const shown = marker && this.cluster.getVisibleParent(marker);
    shown?.getElement()?.classList.toggle("is-highlighted", on);
  }

  /** The view is moving: what was asked for it is no longer wanted. */
  unsettle() {
    if (!this.filters) return false;
    loading("view");
    clearTimeout(this.timer);
    this.pending?.abort();
    return true;
  }

  settle() {
    if (this.unsettle()) this.timer = setTimeout(() => this.load(), SETTLE_MS);
  }

  viewUrl() {
    const query = new URLSearchParams(this.filters);
    query.delete("near"); // the list's order: the map's view is the same without it
    if (!query.has("lang")) query.set("lang", language);
    query.set("bbox", bbox(this.map));
    query.set("zoom", String(Math.round(this.map.getZoom())));
    return `${config.mapUrl}?${query}`;
  }

  async load() {
    const asked = new AbortController();
    this.pending = asked;
    try {
      const { ok, body, savedAt } = await getJson("view", this.viewUrl(), {
        signal: asked.signal,
        offline: savedView,
      });
      if (asked.signal.aborted) return;
      this.onError(ok ? "" : body.error || strings.load_failed);
      if (ok) this.draw(body);
      this.sayWhetherSaved(savedAt);
      if (savedAt) window.showOfflineNote?.(savedAt);
    } catch (error) {
      if (asked.signal.aborted) return;
      this.onError(strings.load_failed);
    }
    this.afterDraw = [];
    shown("view");
  }

  /** Offline, a note on the map: its markers are the saved offers, loaded at `savedAt`. */
  sayWhetherSaved(savedAt) {
    const container = this.map.getContainer();
    if (savedAt) container.dataset.savedAt = savedAt;
    else delete container.dataset.savedAt;
    if (!savedAt) {
      this.savedNote?.remove();
      return;
    }
    this.savedNote ??= L.control({ position: "topright" });
    this.savedNote.onAdd = () => L.DomUtil.create("p", "map-saved-note");
    this.savedNote.addTo(this.map).getContainer().textContent = savedNote(savedAt);
  }

  draw({ clusters, offers }) {
    this.clusters.clearLayers();
    for (const cell of clusters) this.clusters.addLayer(clusterMarker(cell, this.map));
    this.drawOffers(offers);
    const counted = clusters.reduce((sum, cell) => sum + cell.count, 0);
    this.map.getContainer().dataset.represented = String(counted + offers.length);
    for (const callback of this.afterDraw.splice(0)) callback();
  }

  /** Markers for the offers not drawn yet; those no longer in the answer go. */
  drawOffers(items) {
    const wanted = new Set(items.map((item) => item.id));
    const gone = [...this.markers].filter(([id]) => !wanted.has(id));
    this.cluster.removeLayers(gone.map(([, marker]) => marker));
    for (const [id] of gone) this.markers.delete(id);
    const added = items.filter((item) => !this.markers.has(item.id)).map(offerMarker);
    for (const marker of added) this.markers.set(marker.options.offerId, marker);
    this.cluster.addLayers(added);
  }
}
