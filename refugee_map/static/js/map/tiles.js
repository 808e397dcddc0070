// The configured tile layer ({url, attribution} from the server; no url: no tiles), shared
// by every Leaflet map of the site. Needs Leaflet (the global L).

export const MAX_ZOOM = 18;

export function addTiles(map, { url, attribution }) {
  if (url) L.tileLayer(url, { maxZoom: MAX_ZOOM, attribution }).addTo(map);
}
