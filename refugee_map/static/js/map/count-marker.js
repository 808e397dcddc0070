// A count of offers on the map: one look for the server's clusters (cells of a grid at city
// zoom) and for the groups MarkerCluster makes of nearby points at street zoom. The number
// sits in a ring of the categories' shares in their colours; screen readers hear
// "12 Angebote: 5 Beratungsangebote, 7 Bildungsangebote". It is not in the Tab order (the
// list is).

import { config, numberFormat, strings } from "./settings.js";

const CountIcon = L.DivIcon.extend({
  createIcon(old) {
    const icon = L.DivIcon.prototype.createIcon.call(this, old);
    icon.setAttribute("role", "img"); // a named picture, not a control: the list is the way in
    icon.setAttribute("aria-label", this.options.label);
    icon.style.background = this.options.ring;
    return icon;
  },
});

function size(count) {
  return 36 + 6 * Math.min(4, String(count).length - 1); // 36 px, larger with each digit
}

function number(n) {
  return numberFormat.format(n);
}

/** The categories of `perCategory` ({slug: count}) with a count, in the site's order. */
function present(perCategory) {
  return config.categories.filter((category) => perCategory[category.slug] > 0);
}

/** A conic gradient: each category's share of the ring in its colour. */
function ring(count, perCategory) {
  let start = 0;
  const stops = present(perCategory).map(({ slug, colour }) => {
    const end = start + (perCategory[slug] / count) * 360;
    const stop = `${colour} ${start.toFixed(2)}deg ${end.toFixed(2)}deg`;
    start = end;
    return stop;
  });
  return stops.length ? `conic-gradient(${stops.join(", ")})` : "";
}

function label(count, perCategory) {
  const parts = present(perCategory).map(({ slug, label: name }) =>
    strings.cluster_part.replace("{n}", number(perCategory[slug])).replace("{category}", name),
  );
  if (!parts.length) return strings.cluster.replace("{n}", number(count));
  return strings.cluster_named.replace("{n}", number(count)).replace("{parts}", parts.join(", "));
}

/** The icon for `count` offers, `perCategory` ({slug: count}) of them in each category. */
export function countIcon(count, perCategory = {}) {
  const side = size(count);
  return new CountIcon({
    html: `<span>${Number(count)}</span>`,
    className: "count-marker",
    iconSize: [side, side],
    label: label(count, perCategory),
    ring: ring(count, perCategory),
  });
}

/** MarkerCluster's group of offer markers as a count icon. */
export function groupIcon(group) {
  const perCategory = {};
  for (const marker of group.getAllChildMarkers()) {
    const { category } = marker.options;
    perCategory[category] = (perCategory[category] ?? 0) + 1;
  }
  return countIcon(group.getChildCount(), perCategory);
}

/** A server cluster: its count at its offers' mean position; a click zooms in towards it. */
export function clusterMarker({ lat, lng, count, categories }, map) {
  const marker = L.marker([lat, lng], { icon: countIcon(count, categories), keyboard: false });
  marker.on("click", () => map.setView([lat, lng], Math.min(map.getZoom() + 2, map.getMaxZoom())));
  return marker;
}
