// "Near me": the visitor's position, asked of the browser only when the button is pressed,
// marked on the map and handed to `onLocated`, which answers with the places of the nearest
// offers (the list, sorted by distance); the map then zooms to show them around the visitor.

import { loading, shown } from "./ready.js";
import { strings } from "./settings.js";

const NEAREST_SHOWN = 3; // offers the map zooms out to show around the visitor
const HERE_COLOUR = "#c3002f"; // apart from the categories' colours and the count markers

/** A dot with a light ring around it: seen at once, on tiles or without them. */
function hereMarker(here) {
  const ring = L.circleMarker(here, {
    radius: 22,
    stroke: false,
    fillColor: HERE_COLOUR,
    fillOpacity: 0.2,
    interactive: false,
  });
  const dot = L.circleMarker(here, {
    radius: 10,
    weight: 4,
    color: "#fff",
    fillColor: HERE_COLOUR,
    fillOpacity: 1,
    className: "you-are-here",
  }).bindTooltip(strings.you_are_here);
  return L.layerGroup([ring, dot]);
}

export function nearMe(button, message, map, onLocated) {
  let marked = null;

  async function located(position) {
    loading("near");
    const here = L.latLng(position.coords.latitude, position.coords.longitude);
    marked?.remove();
    marked = hereMarker(here).addTo(map);
    // Without animation the view has moved (and asked for its offers) before "near" is
    // shown, so the page is not ready in between.
    map.setView(here, 15, { animate: false });
    message.textContent = strings.located;
    const nearest = (await onLocated(here)).slice(0, NEAREST_SHOWN);
    if (nearest.length) {
      const around = L.latLngBounds([here, ...nearest]);
      map.fitBounds(around, { padding: [48, 48], maxZoom: 16, animate: false });
    }
    shown("near");
  }

  function notLocated(error) {
    const denied = error.code === error.PERMISSION_DENIED;
    message.textContent = denied ? strings.geo_denied : strings.geo_unavailable;
  }

  button.addEventListener("click", () => {
    if (!navigator.geolocation) {
      message.textContent = strings.geo_unavailable;
      return;
    }
    message.textContent = strings.locating;
    navigator.geolocation.getCurrentPosition(located, notLocated, {
      timeout: 15000,
      maximumAge: 300000,
    });
  });
  button.hidden = false;
}
