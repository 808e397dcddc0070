// "Near me": the visitor's position, asked of the browser only when the button is pressed,
// shown on the map and handed to `onLocated` (the list then sorts by distance).

import { strings } from "./settings.js";

export function nearMe(button, message, map, onLocated) {
  let hereMarker = null;

  function located(position) {
    const here = L.latLng(position.coords.latitude, position.coords.longitude);
    hereMarker?.remove();
    hereMarker = L.circleMarker(here, { radius: 9, weight: 3, color: "#fff", fillOpacity: 1 })
      .bindTooltip(strings.you_are_here)
      .addTo(map);
    map.setView(here, 15);
    onLocated(here);
    message.textContent = strings.located;
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
