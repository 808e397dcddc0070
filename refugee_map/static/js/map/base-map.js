// The map page's base map: the region's bounds, the tiles and one cluster layer for the
// offers' markers (its groups look like the server's clusters). Right-to-left pages keep the
// map itself left-to-right but put its controls on the right.

import { countIcon, zoomOnEnter } from "./count-marker.js";
import { config, direction, strings } from "./settings.js";
import { MAX_ZOOM, addTiles } from "./tiles.js";

export function baseMap(element) {
  const start = direction === "rtl" ? "right" : "left";
  const end = direction === "rtl" ? "left" : "right";
  const map = L.map(element, { maxZoom: MAX_ZOOM, zoomControl: false }).fitBounds(config.bounds);
  L.control
    .zoom({ position: `top${start}`, zoomInTitle: strings.zoom_in, zoomOutTitle: strings.zoom_out })
    .addTo(map);
  map.attributionControl.setPosition(`bottom${end}`);
  addTiles(map, config.tiles);
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    iconCreateFunction: (group) => countIcon(group.getChildCount()),
  });
  map.addLayer(cluster);
  zoomOnEnter(map);
  return { map, cluster };
}
