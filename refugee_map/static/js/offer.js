// The small map on an offer's page: one point, or a circle when the place is approximate.

const box = document.getElementById("offer-map");
const config = JSON.parse(box.dataset.config);
const where = [config.lat, config.lng];

const map = L.map(box, { maxZoom: 18, scrollWheelZoom: false });
map.setView(where, config.approximate ? 14 : 16);
if (config.tiles.url) {
  L.tileLayer(config.tiles.url, { maxZoom: 18, attribution: config.tiles.attribution }).addTo(map);
}
const style = { color: config.colour, fillColor: config.colour };
const mark = config.approximate
  ? L.circle(where, { ...style, radius: 800, fillOpacity: 0.15 })
  : L.circleMarker(where, { ...style, radius: 10, weight: 3, fillOpacity: 0.9 });
mark.addTo(map);
document.documentElement.dataset.ready = "1";
