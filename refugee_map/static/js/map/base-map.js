// The map page's base map: the region's bounds, the tiles and one cluster layer for the
// offers' markers (its groups look like the server's clusters). Right-to-left pages keep the
// map itself left-to-right but put its controls on the right. Markers and counts are not in
// the Tab order: the list is the map's accessible twin, and its "show on the map" buttons
// open the popups.

import { groupIcon } from "./count-marker.js";
import { config, direction, strings } from "./settings.js";
import { MAX_ZOOM, addTiles } from "./tiles.js";

export const STREET_ZOOM = 17; // from here on every offer is its own symbol, also on a phone

L.MarkerCluster.mergeOptions({ keyboard: false });

/** Leaflet names a popup's close button "Close popup" in English: name it in the page's. */
function nameCloseButtons(map) {
  map.on("popupopen", ({ popup }) => {
    const close = popup.getElement()?.querySelector(".leaflet-popup-close-button");
    close?.setAttribute("aria-label", strings.close_popup);
    close?.setAttribute("title", strings.close_popup);
  });
}

/** Escape closes the open popup, wherever in the map the focus is. */
function closeOnEscape(map) {
  map.getContainer().addEventListener("keydown", (event) => {
    if (event.key === "Escape") map.closePopup();
  });
}

const GAP = 8; // px between a popup and what floats over the map

/** What floats over the map: its controls and the page's buttons laid over it. */
function floating(container) {
  const laidOver = [...container.parentElement.children].filter(
    (node) => node !== container && ["absolute", "fixed"].includes(getComputedStyle(node).position),
  );
  return [...container.querySelectorAll(".leaflet-control"), ...laidOver];
}

/** How far popups keep from the map's top and bottom edges to stay clear of `floating`. */
function clearance(container) {
  const map = container.getBoundingClientRect();
  const room = { top: GAP, bottom: GAP };
  for (const node of floating(container)) {
    const box = node.getBoundingClientRect();
    if (!box.width || !box.height) continue; // hidden
    if (box.top + box.bottom < map.top + map.bottom) {
      room.top = Math.max(room.top, box.bottom - map.top + GAP);
    } else {
      room.bottom = Math.max(room.bottom, map.bottom - box.top + GAP);
    }
  }
  return room;
}

/**
 * Popups pan into view clear of the zoom control, the "filters" button and the like,
 * measured whenever Leaflet asks (the controls move with the layout and the language).
 */
function panPopupsClearOfControls(map) {
  const container = map.getContainer();
  const topLeft = L.point(GAP, GAP);
  const bottomRight = L.point(GAP, GAP);
  Object.defineProperty(topLeft, "y", { get: () => clearance(container).top });
  Object.defineProperty(bottomRight, "y", { get: () => clearance(container).bottom });
  L.Popup.mergeOptions({ autoPanPaddingTopLeft: topLeft, autoPanPaddingBottomRight: bottomRight });
}

export function baseMap(element) {
  const start = direction === "rtl" ? "right" : "left";
  const end = direction === "rtl" ? "left" : "right";
  const map = L.map(element, { maxZoom: MAX_ZOOM, zoomControl: false }).fitBounds(config.bounds);
  L.control
    .zoom({ position: `top${start}`, zoomInTitle: strings.zoom_in, zoomOutTitle: strings.zoom_out })
    .addTo(map);
  // on a phone the result sheet covers the map's bottom: the attribution goes to the top
  const phone = window.matchMedia("(max-width: 47.99em)").matches;
  map.attributionControl.setPosition(`${phone ? "top" : "bottom"}${end}`);
  const outlines = addTiles(map, config.tiles, `top${start}`); // under the zoom control
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: (zoom) => (zoom >= STREET_ZOOM - 2 ? 24 : 40),
    disableClusteringAtZoom: STREET_ZOOM,
    iconCreateFunction: groupIcon,
  });
  map.addLayer(cluster);
  closeOnEscape(map);
  nameCloseButtons(map);
  panPopupsClearOfControls(map);
  return { map, cluster, outlines };
}
