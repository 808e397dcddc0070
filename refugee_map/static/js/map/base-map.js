// The map page's base map: the region's bounds, the tiles and one cluster layer for the
// offers' markers (its groups look like the server's clusters). Right-to-left pages keep the
// map itself left-to-right but put its controls on the right.

export const STREET_ZOOM = 17; // from here on every offer is its own symbol, also on a phone

import { groupIcon, zoomOnEnter } from "./count-marker.js";
import { config, direction, strings } from "./settings.js";
import { MAX_ZOOM, addTiles } from "./tiles.js";

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
  addTiles(map, config.tiles);
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: (zoom) => (zoom >= STREET_ZOOM - 2 ? 24 : 40),
    disableClusteringAtZoom: STREET_ZOOM,
    iconCreateFunction: groupIcon,
  });
  map.addLayer(cluster);
  zoomOnEnter(map);
  return { map, cluster };
}
