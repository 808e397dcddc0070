// One draggable pin on a map for a form's "lat" and "lng" fields: click the map to set it,
// drag it to move it, or type the coordinates. Shared by pin-picker.js (the public suggestion
// form) and admin-offer.js (the back office's offer form). Needs Leaflet (the global L).

import { MAX_ZOOM, addTiles } from "./map/tiles.js";

/**
 * Make `box` a map (config.tiles, config.bounds, config.strings.pin) whose pin stands for
 * `fields.lat` and `fields.lng`. A pin clicked or dragged into place is written to the fields
 * and passed to onChosen; typed coordinates move the pin and are passed to onTyped; onPlaced
 * gets the marker whenever the pin is placed. Returns place(latlng, zoom) for other ways in.
 */
export function pinMap(box, config, fields, { onChosen, onTyped = () => {}, onPlaced = () => {} }) {
  const map = L.map(box, { maxZoom: MAX_ZOOM });
  addTiles(map, config.tiles);
  map.fitBounds(config.bounds);
  let marker = null;

  function typedPoint() {
    const lat = Number.parseFloat(fields.lat.value.replace(",", "."));
    const lng = Number.parseFloat(fields.lng.value.replace(",", "."));
    return Number.isFinite(lat) && Number.isFinite(lng) ? L.latLng(lat, lng) : null;
  }

  function choose(latlng) {
    fields.lat.value = latlng.lat.toFixed(6);
    fields.lng.value = latlng.lng.toFixed(6);
    onChosen(latlng);
  }

  function place(latlng, zoom) {
    if (!marker) {
      const pin = config.strings.pin;
      marker = L.marker(latlng, { draggable: true, autoPan: true, title: pin, alt: pin });
      marker.addTo(map);
      marker.on("dragend", () => choose(marker.getLatLng()));
    } else {
      marker.setLatLng(latlng);
    }
    if (zoom) {
      map.setView(latlng, zoom);
    }
    onPlaced(marker);
  }

  const start = typedPoint();
  if (start) {
    place(start, 16);
  }

  map.on("click", (event) => {
    place(event.latlng);
    choose(event.latlng);
  });

  for (const input of [fields.lat, fields.lng]) {
    input.addEventListener("change", () => {
      const point = typedPoint();
      if (point) {
        place(point, map.getZoom() < 14 ? 16 : null);
        onTyped(point);
      }
    });
  }

  return place;
}
