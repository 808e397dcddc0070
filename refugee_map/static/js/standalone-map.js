// The standalone map (refugee-map export-map): markers, popups and the legend, drawn from
// the JSON block #map-data into the Leaflet map folium made. Offer text is untrusted: it only
// ever reaches the page through textContent and attributes, never as HTML.
(() => {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const map = window[data.map];
  const categories = Object.fromEntries(data.categories.map((c) => [c.slug, c]));

  function el(tag, className = "", text = "") {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function dot(category) {
    const box = el("span", "offer-dot");
    box.style.background = category.colour;
    const symbol = el("img");
    symbol.src = category.icon;
    symbol.alt = "";
    box.append(symbol);
    return box;
  }

  // Only web addresses become links: a "javascript:" URL must never be clickable.
  function webLink(address) {
    let url;
    try {
      url = new URL(address);
    } catch {
      return el("span", "", address);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return el("span", "", address);
    const anchor = el("a", "", address);
    anchor.href = url.href;
    anchor.rel = "noopener noreferrer";
    anchor.target = "_blank";
    return anchor;
  }

  function popup(offer) {
    const box = el("div", "offer-popup");
    box.dir = "auto";
    box.append(el("strong", "", offer.title), el("em", "", categories[offer.category].label));
    const lines = ["organization", "address", "hours", "hours_note", "languages", "phone", "email"];
    for (const name of lines) if (offer[name]) box.append(el("span", "", offer[name]));
    if (offer.website) box.append(webLink(offer.website));
    return box;
  }

  function marker(offer) {
    const icon = L.divIcon({
      html: dot(categories[offer.category]),
      className: "offer-marker",
      iconSize: [24, 24],
      iconAnchor: [12, 12],
      popupAnchor: [0, -10],
    });
    return L.marker([offer.lat, offer.lng], { icon, title: offer.title }).bindPopup(
      () => popup(offer),
      { maxWidth: 320 },
    );
  }

  const Legend = L.Control.extend({
    onAdd() {
      const list = el("ul", "offer-legend leaflet-control");
      for (const category of data.categories) {
        const item = el("li");
        item.append(dot(category), " ", category.label);
        list.append(item);
      }
      return list;
    },
  });

  // Leaflet shows a layer's attribution as HTML; this one is text.
  const Attribution = L.Control.extend({
    onAdd() {
      return el("div", "leaflet-control-attribution leaflet-control", data.tiles.attribution);
    },
  });

  if (data.tiles) {
    L.tileLayer(data.tiles.url, { maxZoom: data.maxZoom }).addTo(map);
    new Attribution({ position: "bottomright" }).addTo(map);
  }
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  cluster.addLayers(data.offers.map(marker));
  map.addLayer(cluster);
  new Legend({ position: "bottomleft" }).addTo(map);
  document.documentElement.dataset.ready = "1";
})();
