// The districts on the map: the map zoomed to the one chosen in the filter, and each
// district's count (under the other filters) shown in the district menu. Their outlines are
// the base map's (tiles.js), drawn once under the markers.

import { loading, shown } from "./ready.js";
import { numberFormat } from "./settings.js";

export class Districts {
  /**
   * `outlines`: the promise of the base map's outline layer; `fitOptions()`: Leaflet's options
   * for fitting a district into the visible map.
   */
  constructor(map, outlines, select, fitOptions) {
    Object.assign(this, { map, outlines, select, fitOptions });
    this.bounds = new Map(); // district name -> its bounds, once the outlines are loaded
    select.addEventListener("change", () => this.zoomToChosen());
  }

  /** The districts' bounds, once outlined; `zoom`: also show the chosen one (no view yet). */
  async load(zoom) {
    loading("districts");
    const outlines = await this.outlines;
    if (outlines) this.add(outlines, zoom); // offline: the map works without
    shown("districts");
  }

  add(outlines, zoom) {
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
      const count = numberFormat.format(perDistrict[option.value] ?? 0);
      option.textContent = `${option.value} (${count})`;
    }
  }
}
