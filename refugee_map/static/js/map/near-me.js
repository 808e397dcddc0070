// Sorting by distance from a point: the visitor's position ("near me", asked of the browser
// only when the button is pressed) or a place typed in the filter form (looked up by the
// server, see result-list.js). Both take one path: the list is asked for `near`, the point
// gets the one marker (named for screen readers) and the map zooms to show it with the
// nearest offers around it.

import { loading, shown } from "./ready.js";
import { strings } from "./settings.js";

const NEAREST_SHOWN = 3; // offers the map zooms out to show around the point
const HERE_COLOUR = "#c3002f"; // apart from the categories' colours and the count markers

/** A dot with a light ring around it: seen at once, on tiles or without them. */
function hereMarker(here, name, className) {
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
    className,
  }).bindTooltip(name);
  return { layer: L.layerGroup([ring, dot]), dot };
}

/** The marker of the point the list is sorted from; one at a time. `fitOptions()`: the
 * padding that keeps what is shown clear of the panel. */
export class NearMarker {
  constructor(map, fitOptions) {
    this.map = map;
    this.fitOptions = fitOptions;
    this.marked = null;
  }

  clear() {
    this.marked?.remove();
    this.marked = null;
  }

  /** Mark `here` (a LatLng) as `name`; zoom to it and its `nearest` offers ([lat, lng]). */
  show(here, name, className, nearest) {
    this.marked?.remove();
    const { layer, dot } = hereMarker(here, name, className);
    this.marked = layer.addTo(this.map);
    const element = dot.getElement();
    element.setAttribute("role", "img");
    element.setAttribute("aria-label", name);
    const shownNearest = nearest.slice(0, NEAREST_SHOWN);
    if (shownNearest.length) {
      const around = L.latLngBounds([here, ...shownNearest]);
      const fit = { padding: [48, 48], maxZoom: 16, ...this.fitOptions(), animate: false };
      this.map.fitBounds(around, fit);
    } else {
      this.map.setView(here, 15, { animate: false });
    }
  }
}

/** "Near me": `onLocated(latlng)` sorts the list and answers its first offers' places. */
export function nearMe(button, message, marker, onLocated) {
  async function located(position) {
    loading("near");
    const here = L.latLng(position.coords.latitude, position.coords.longitude);
    message.textContent = strings.located;
    // The view moves (and asks for its offers) before "near" is shown, so the page is
    // not ready in between.
    const nearest = await onLocated(here);
    marker.show(here, strings.you_are_here, "you-are-here", nearest);
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
