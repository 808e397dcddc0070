// The standalone map (refugee-map export-map): the title box, district outlines, markers,
// popups and the legend, drawn from the JSON block #map-data into the Leaflet map folium
// made. Offer text is untrusted: it only ever reaches the page through textContent and
// attributes, never as HTML. Right-to-left pages get the controls mirrored.
(() => {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const map = window[data.map];
  const categories = Object.fromEntries(data.categories.map((c) => [c.slug, c]));
  const rtl = data.heading.direction === "rtl";
  const start = rtl ? "right" : "left";
  const end = rtl ? "left" : "right";

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
    const title = el("strong", "", offer.title);
    title.lang = offer.text_lang;
    title.dir = "auto";
    box.append(title, el("em", "", categories[offer.category].label));
    const lines = ["description", "organization", "address", "hours", "hours_note", "languages"];
    for (const name of lines) {
      for (const line of [offer[name]].flat()) if (line) box.append(textLine(line, name));
    }
    for (const name of ["phone", "email"]) {
      if (offer[name]) box.append(Object.assign(el("bdi", "", offer[name]), { dir: "ltr" }));
    }
    if (offer.website) box.append(webLink(offer.website));
    if (offer.url) box.append(Object.assign(webLink(offer.url), { className: "details",
      textContent: data.heading.labels.details }));
    return box;
  }

  // Offer text in its own direction (a German title in an Arabic popup stays left to right).
  function textLine(text, name) {
    const line = el("span", name, text);
    line.dir = "auto";
    return line;
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

  const Heading = L.Control.extend({
    onAdd() {
      const box = el("div", "offer-heading leaflet-control");
      box.append(el("h1", "", data.heading.title), el("p", "", data.heading.subtitle));
      if (data.heading.note) box.append(el("p", "", data.heading.note));
      return box;
    },
  });

  function drawOutlines(outlines) {
    const chosen = (feature) => feature.properties.name === outlines.chosen;
    L.geoJSON(outlines.districts, {
      interactive: true,
      style: (feature) => ({ color: chosen(feature) ? "#0a4f96" : "#777",
        weight: chosen(feature) ? 3 : 1.2, fillColor: "#0a4f96",
        fillOpacity: chosen(feature) ? 0.08 : 0 }),
      onEachFeature: (feature, layer) =>
        layer.bindTooltip(el("span", "", feature.properties.name), { sticky: true }),
    }).addTo(map);
    L.geoJSON(outlines.city, { interactive: false,
      style: { color: "#222", weight: 3, fill: false } }).addTo(map);
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
    new Attribution({ position: `bottom${end}` }).addTo(map);
  }
  if (data.outlines) drawOutlines(data.outlines);
  L.control.zoom({ position: `top${start}` }).addTo(map);
  new Heading({ position: `top${end}` }).addTo(map);
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  cluster.addLayers(data.offers.map(marker));
  map.addLayer(cluster);
  new Legend({ position: `bottom${start}` }).addTo(map);
  document.documentElement.dataset.ready = "1";
})();
