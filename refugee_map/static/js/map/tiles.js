// The base of every Leaflet map of the site ({url, attribution, failed, outlines} from the
// server): the tile layer (no url: no tiles) and the district outlines drawn lightly under
// the offers. When no tile loads (a captive Wi-Fi, a blocked tile server) the map says so in
// one line, and the outlines still show where things are. Needs Leaflet (the global L).

export const MAX_ZOOM = 18;

/** A line on the map for screen readers and eyes, empty until there is news. */
function statusLine(map, position) {
  const line = L.DomUtil.create("p", "tiles-failed");
  line.setAttribute("role", "status");
  line.dir = document.documentElement.dir; // the map pane is left-to-right; its words are not
  const control = L.control({ position });
  control.onAdd = () => line;
  control.addTo(map);
  return line;
}

function sayWhenTilesFail(map, layer, text, position) {
  const line = statusLine(map, position);
  layer.on("tileerror", () => {
    line.textContent = text;
  });
  layer.on("tileload", () => {
    line.textContent = "";
  });
}

/** The district outlines, drawn lightly; resolves to their layer (null: not drawn). */
async function drawOutlines(map, url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return null; // the map works without them
    const districts = await response.json();
    const style = { color: "#0a4f96", weight: 1.5, opacity: 0.6, fillOpacity: 0.04 };
    const className = "district-outline";
    return L.geoJSON(districts, { interactive: false, className, style }).addTo(map);
  } catch {
    return null; // offline and not kept: the map works without them
  }
}

/**
 * The tiles and outlines for `map`; the line about failed tiles goes to `noticeAt`. Returns
 * the promise of the outlines' layer, for a page that does more with the districts.
 */
export function addTiles(map, { url, attribution, failed, outlines }, noticeAt = "topleft") {
  const drawn = outlines ? drawOutlines(map, outlines) : Promise.resolve(null);
  if (url) {
    const layer = L.tileLayer(url, { maxZoom: MAX_ZOOM, attribution }).addTo(map);
    sayWhenTilesFail(map, layer, failed, noticeAt);
  }
  return drawn;
}
