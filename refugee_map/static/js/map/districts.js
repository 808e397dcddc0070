// The districts on the map: their outlines drawn lightly under the markers, the map zoomed to
// the one chosen in the filter, and each district's count (under the other filters) shown in
// the district menu.

import { loading, shown } from "./ready.js";
import { config, language } from "./settings.js";

const OUTLINE = { color: "#3b3b3b", weight: 1.5, opacity: 0.55, dashArray: "5 4", fill: false };

export class Districts {
  /** `fitOptions()`: Leaflet's options for fitting a district into the visible map. */
  constructor(map, select, fitOptions) {
    Object.assign(this, { map, select, fitOptions });
    this.bounds = new Map(); // district name -> its bounds, once the outlines are loaded
    select.addEventListener("change", () => this.zoomToChosen());
  }

  /** Draw the outlines; `zoom`: also show the chosen district (a page opened without a view). */
  async draw(zoom) {
    loading("districts");
    const response = await fetch(config.districtsUrl).catch(() => null);
    if (response?.ok) this.add(await response.json(), zoom); // offline: the map works without
    shown("districts");
  }

  add(collection, zoom) {
    const outlines = L.geoJSON(collection, {
      style: OUTLINE,
      interactive: false,
      className: "district-outline",
    });
    outlines.addTo(this.map);
    for (const layer of outlines.getLayers()) {
      this.bounds.set(layer.feature.properties.name, layer.getBounds());
    }
    if (zoom) this.zoomToChosen();
  }

  zoomToChosen() {
    const bounds = this.bounds.get(this.select.value);
    if (bounds) this.map.fitBounds(bounds, this.fitOptions());
  }

  /** Name each district with its number of matching offers: "Hörde (12)". */
  showCounts(perDistrict) {
    for (const option of this.select.options) {
      if (!option.value) continue;
      const count = (perDistrict[option.value] ?? 0).toLocaleString(language);
      option.textContent = `${option.value} (${count})`;
    }
  }
}
