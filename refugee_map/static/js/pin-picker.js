// The public suggestion form's map: click to set the offer's pin, drag to move it.
// An enhancement only: without JavaScript the coordinates can be typed, or left empty
// (the server then looks the address up).

const box = document.getElementById("pin-map");
const config = JSON.parse(box.dataset.config);
const form = box.closest("form");
const fields = form.elements;
const status = document.getElementById("pin-status");

const map = L.map(box, { maxZoom: 18 });
if (config.tiles.url) {
  L.tileLayer(config.tiles.url, { maxZoom: 18, attribution: config.tiles.attribution }).addTo(map);
}
map.fitBounds(config.bounds);
let marker = null;

function typedPoint() {
  const lat = Number.parseFloat(fields.lat.value.replace(",", "."));
  const lng = Number.parseFloat(fields.lng.value.replace(",", "."));
  return Number.isFinite(lat) && Number.isFinite(lng) ? L.latLng(lat, lng) : null;
}

function place(latlng, zoom) {
  if (!marker) {
    marker = L.marker(latlng, {
      draggable: true,
      autoPan: true,
      title: config.strings.pin,
      alt: config.strings.pin,
    });
    marker.addTo(map);
    marker.on("dragend", () => chosen(marker.getLatLng()));
  } else {
    marker.setLatLng(latlng);
  }
  if (zoom) map.setView(latlng, zoom);
}

function chosen(latlng) {
  fields.lat.value = latlng.lat.toFixed(6);
  fields.lng.value = latlng.lng.toFixed(6);
  status.textContent = config.strings.pin_set;
}

const start = typedPoint();
if (start) place(start, 16);

map.on("click", (event) => {
  place(event.latlng);
  chosen(event.latlng);
});

for (const input of [fields.lat, fields.lng]) {
  input.addEventListener("change", () => {
    const point = typedPoint();
    if (point) place(point, map.getZoom() < 14 ? 16 : null);
  });
}

document.documentElement.dataset.ready = "1";
