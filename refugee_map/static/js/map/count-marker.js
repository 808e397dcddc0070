// A count of offers on the map: one look for the server's clusters (cells of a grid at city
// zoom) and for the groups MarkerCluster makes of nearby points at street zoom. The icon
// shows the number and is named "12 Angebote"; it is not in the Tab order (the list is).

import { language, strings } from "./settings.js";

const CountIcon = L.DivIcon.extend({
  createIcon(old) {
    const icon = L.DivIcon.prototype.createIcon.call(this, old);
    icon.setAttribute("role", "img"); // a named picture, not a control: the list is the way in
    icon.setAttribute("aria-label", this.options.label);
    return icon;
  },
});

function size(count) {
  return 32 + 6 * Math.min(4, String(count).length - 1); // 32 px, larger with each digit
}

export function countIcon(count) {
  const side = size(count);
  return new CountIcon({
    html: `<span>${Number(count)}</span>`,
    className: "count-marker",
    iconSize: [side, side],
    label: strings.cluster.replace("{n}", count.toLocaleString(language)),
  });
}

/** A server cluster: its count at its offers' mean position; a click zooms in towards it. */
export function clusterMarker({ lat, lng, count }, map) {
  const marker = L.marker([lat, lng], { icon: countIcon(count), keyboard: false });
  marker.on("click", () => map.setView([lat, lng], Math.min(map.getZoom() + 2, map.getMaxZoom())));
  return marker;
}
