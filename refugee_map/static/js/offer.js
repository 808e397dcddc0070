// The small map on an offer's page: one point, or a circle when the place is approximate.

import { MAX_ZOOM, addTiles } from "./map/tiles.js";

const box = document.getElementById("offer-map");
const config = JSON.parse(box.dataset.config);
const where = [config.lat, config.lng];

const map = L.map(box, { maxZoom: MAX_ZOOM, scrollWheelZoom: false });
map.setView(where, config.approximate ? 14 : 16);
addTiles(map, config.tiles);
const style = { color: config.colour, fillColor: config.colour };
const mark = config.approximate
  ? L.circle(where, { ...style, radius: 800, fillOpacity: 0.15 })
  : L.circleMarker(where, { ...style, radius: 10, weight: 3, fillOpacity: 0.9 });
mark.addTo(map);
document.documentElement.dataset.ready = "1";
