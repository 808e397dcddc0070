// The map page: offers from the API as clustered markers and as a list, both driven by
// the filter form. The form holds the state; it is written to the URL and read back from it.
// Offer text is untrusted: it only ever reaches the page through textContent.
// The last offers loaded are kept in the browser's cache, to be shown when the phone is offline.

const app = document.getElementById("map-app");
const config = JSON.parse(app.dataset.config);
const strings = config.strings;
const form = document.getElementById("filters");
const results = document.getElementById("results");
const status = document.getElementById("status");
const errorBox = document.getElementById("filter-error");
const nearMe = document.getElementById("near-me");
const geoMessage = document.getElementById("geo-message");
const categories = Object.fromEntries(config.categories.map((c) => [c.slug, c]));
const language = document.documentElement.lang;
const direction = document.documentElement.dir;
const OFFLINE_CACHE = "refugee-map-offers";

// Right-to-left pages keep the map itself left-to-right but put the controls on the right.
const map = L.map("map", { maxZoom: 18, zoomControl: false }).fitBounds(config.bounds);
L.control
  .zoom({
    position: direction === "rtl" ? "topright" : "topleft",
    zoomInTitle: strings.zoom_in,
    zoomOutTitle: strings.zoom_out,
  })
  .addTo(map);
map.attributionControl.setPosition(direction === "rtl" ? "bottomleft" : "bottomright");
if (config.tiles.url) {
  L.tileLayer(config.tiles.url, { maxZoom: 18, attribution: config.tiles.attribution }).addTo(map);
}
const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
map.addLayer(cluster);

let offers = []; // [{ feature, marker }]; marker is null for an offer without a place
let here = null; // the visitor's position once "near me" worked
let hereMarker = null;
let pending = null; // AbortController of the request in flight

// --- small DOM helpers -----------------------------------------------------------------

function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function swatch(category) {
  const box = el("span", "swatch");
  box.style.setProperty("--colour", category.colour);
  const icon = el("img");
  icon.src = category.icon;
  icon.alt = "";
  box.append(icon);
  return box;
}

function categoryLine(slug) {
  const category = categories[slug];
  const line = el("p", "category");
  line.append(swatch(category), category.label);
  return line;
}

function offerText(tag, props, text) {
  const node = el(tag, "", text);
  node.lang = props.text_lang;
  node.dir = "auto";
  return node;
}

function address(props) {
  // Street names and postcodes stay readable inside right-to-left text.
  const place = [props.postcode, props.city].filter(Boolean).join(" ");
  const line = el("p", "address", [props.street, place, props.district].filter(Boolean).join(", "));
  line.dir = "auto";
  return line;
}

function notTranslated(props) {
  return props.text_lang === language ? [] : [el("p", "note", strings.not_translated)];
}

function hoursList(props) {
  // Following days with the same times share a row ("Mo–Fr 09:00–12:00"), as on the server.
  const rows = [];
  let row = null; // the row the day before belongs to
  for (const [day, name] of Object.entries(config.days)) {
    const times = (props.opening_hours[day] ?? []).map((slot) => slot.join("–")).join(", ");
    if (!times) row = null;
    else if (row?.times === times) row.last = name;
    else rows.push((row = { first: name, last: name, times }));
  }
  const list = el("ul", "hours");
  for (const { first, last, times } of rows) {
    const item = el("li");
    item.append(el("span", "day", first === last ? first : `${first}–${last}`), " ");
    const slots = el("span", "slot", times);
    slots.dir = "ltr"; // "09:00–12:00" must not turn into "12:00–09:00" in Arabic or Farsi
    item.append(slots);
    list.append(item);
  }
  if (props.by_appointment) list.append(el("li", "", strings.by_appointment));
  return list;
}

function lastChecked(props) {
  // "Last checked: April 2025", and a gentle notice once the check is too old.
  if (!props.verified_at) return [el("p", "note", strings.stale)];
  const checked = new Date(`${props.verified_at}T12:00:00`);
  const when = checked.toLocaleDateString(language, { month: "long", year: "numeric" });
  const lines = [el("p", "checked", strings.last_checked.replace("{when}", when))];
  // The server's rule: checked before (today - staleDays) is stale; ISO dates compare as text.
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - config.staleDays);
  const pad = (n) => String(n).padStart(2, "0");
  const cutoffDay = `${cutoff.getFullYear()}-${pad(cutoff.getMonth() + 1)}-${pad(cutoff.getDate())}`;
  if (props.verified_at < cutoffDay) lines.push(el("p", "note", strings.stale));
  return lines;
}

function detailUrl(props) {
  const url = new URL(props.url, location.href);
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) url.searchParams.set("lang", lang);
  return url.pathname + url.search;
}

function link(text, href) {
  const anchor = el("a", "", text);
  anchor.href = href;
  return anchor;
}

// --- markers, popups and the list ------------------------------------------------------

function makeMarker(feature) {
  const [lng, lat] = feature.geometry?.coordinates ?? [];
  if (lat == null || lng == null) return null;
  const props = feature.properties;
  const icon = L.divIcon({
    html: swatch(categories[props.category]),
    className: "marker",
    iconSize: [32, 32],
    iconAnchor: [16, 16],
    popupAnchor: [0, -14],
  });
  return L.marker([lat, lng], { icon, title: props.title }).bindPopup(() => popup(props));
}

function popup(props) {
  const box = el("div", "popup");
  box.dir = direction; // the map pane is left-to-right; its popups follow the page
  box.append(offerText("h2", props, props.title), ...notTranslated(props));
  box.append(categoryLine(props.category));
  if (props.organization) box.append(offerText("p", props, props.organization));
  box.append(address(props), hoursList(props), ...lastChecked(props));
  const more = el("p");
  more.append(link(strings.details, detailUrl(props)));
  box.append(more);
  return box;
}

function listItem({ feature, marker }) {
  const props = feature.properties;
  const item = el("li", "result");
  const title = offerText("h2", props, "");
  title.append(link(props.title, detailUrl(props)));
  item.append(title, ...notTranslated(props), categoryLine(props.category));
  if (props.organization) item.append(offerText("p", props, props.organization));
  item.append(address(props));
  if (here && marker) {
    const km = (here.distanceTo(marker.getLatLng()) / 1000).toLocaleString(language, {
      maximumFractionDigits: 1,
    });
    item.append(el("p", "distance", strings.distance.replace("{km}", km)));
  }
  if (marker) {
    const show = el("button", "link-button", strings.show_on_map);
    show.type = "button";
    show.addEventListener("click", () => showOnMap(marker));
    item.append(show);
  }
  return item;
}

function showOnMap(marker) {
  document.getElementById("map").scrollIntoView({ block: "nearest" });
  cluster.zoomToShowLayer(marker, () => {
    marker.openPopup();
    marker.getPopup().getElement().querySelector("a").focus();
  });
}

function distance({ marker }) {
  return marker ? here.distanceTo(marker.getLatLng()) : Infinity;
}

function renderList() {
  const shown = here ? [...offers].sort((a, b) => distance(a) - distance(b)) : offers;
  results.replaceChildren(...shown.map(listItem));
}

function countText(n) {
  if (n === 0) return strings.found_none;
  const key = new Intl.PluralRules(language).select(n) === "one" ? "found_one" : "found_other";
  return strings[key].replace("{n}", n.toLocaleString(language));
}

function render(features) {
  offers = features.map((feature) => ({ feature, marker: makeMarker(feature) }));
  cluster.clearLayers();
  cluster.addLayers(offers.map((offer) => offer.marker).filter(Boolean));
  renderList();
  status.textContent = countText(offers.length);
}

// --- loading ---------------------------------------------------------------------------

// Only the answer for this URL and the very last answer are kept (key "?last").
async function remember(url, text) {
  if (!window.caches) return;
  const cache = await caches.open(OFFLINE_CACHE);
  for (const key of await cache.keys()) await cache.delete(key);
  const headers = { "Content-Type": "application/json", "X-Saved-At": new Date().toISOString() };
  await cache.put(url, new Response(text, { headers }));
  await cache.put(`${config.offersUrl}?last`, new Response(text, { headers }));
}

async function lastKnown(url) {
  if (!window.caches) return null;
  const cache = await caches.open(OFFLINE_CACHE);
  return (await cache.match(url)) ?? (await cache.match(`${config.offersUrl}?last`)) ?? null;
}

async function load(params) {
  pending?.abort();
  pending = new AbortController();
  document.documentElement.dataset.ready = "0";
  status.textContent = strings.loading;
  const query = new URLSearchParams(params);
  if (!query.has("lang")) query.set("lang", language);
  const url = `${config.offersUrl}?${query}`;
  try {
    const response = await fetch(url, { signal: pending.signal });
    const text = await response.text();
    const body = JSON.parse(text);
    errorBox.textContent = response.ok ? "" : body.error || strings.load_failed;
    render(response.ok ? body.features : []);
    if (response.ok) remember(url, text).catch(() => {});
  } catch (error) {
    if (error.name === "AbortError") return;
    const saved = await lastKnown(url).catch(() => null);
    if (saved) {
      render(JSON.parse(await saved.text()).features);
      window.showOfflineNote?.(saved.headers.get("X-Saved-At"));
    } else {
      status.textContent = strings.load_failed;
    }
  }
  document.documentElement.dataset.ready = "1";
}

// --- the form, the URL and the back button ---------------------------------------------

function formParams() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) params.append(name, value);
  const boxes = form.querySelectorAll("input[name=category]");
  const checked = params.getAll("category").length;
  if (checked === 0 || checked === boxes.length) params.delete("category"); // all = none
  return params;
}

function fillForm(params) {
  const chosen = params.getAll("category");
  for (const field of form.elements) {
    if (field.name === "category") field.checked = !chosen.length || chosen.includes(field.value);
    else if (field.type === "checkbox") field.checked = params.get(field.name) === field.value;
    else if (field.name) field.value = params.get(field.name) ?? "";
  }
}

function updateLinks(params) {
  for (const anchor of document.querySelectorAll("a[data-keep-query]")) {
    anchor.search = params.toString();
  }
  for (const anchor of document.querySelectorAll("a[data-lang]")) {
    const withLang = new URLSearchParams(params);
    withLang.set("lang", anchor.dataset.lang);
    anchor.search = withLang.toString();
  }
}

function apply() {
  const params = formParams();
  fillForm(params);
  if (params.toString() !== new URLSearchParams(location.search).toString()) {
    const search = params.toString();
    history.pushState(null, "", search ? `?${search}` : location.pathname);
  }
  updateLinks(params);
  load(params);
}

form.addEventListener("change", (event) => {
  if (event.target.type !== "search") apply();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply();
});
window.addEventListener("popstate", () => {
  const params = new URLSearchParams(location.search);
  fillForm(params);
  updateLinks(params);
  load(params);
});

// --- near me ---------------------------------------------------------------------------

function located(position) {
  here = L.latLng(position.coords.latitude, position.coords.longitude);
  hereMarker?.remove();
  hereMarker = L.circleMarker(here, { radius: 9, weight: 3, color: "#fff", fillOpacity: 1 })
    .bindTooltip(strings.you_are_here)
    .addTo(map);
  map.setView(here, 15);
  renderList();
  geoMessage.textContent = strings.located;
}

function notLocated(error) {
  const denied = error.code === error.PERMISSION_DENIED;
  geoMessage.textContent = denied ? strings.geo_denied : strings.geo_unavailable;
}

nearMe.addEventListener("click", () => {
  if (!navigator.geolocation) {
    geoMessage.textContent = strings.geo_unavailable;
    return;
  }
  geoMessage.textContent = strings.locating;
  navigator.geolocation.getCurrentPosition(located, notLocated, {
    timeout: 15000,
    maximumAge: 300000,
  });
});

// --- start -------------------------------------------------------------------------------

for (const button of form.querySelectorAll("[data-without-js]")) button.hidden = true;
nearMe.hidden = false;
if (errorBox.textContent) {
  document.documentElement.dataset.ready = "1"; // the server refused the filter: nothing to load
} else {
  load(new URLSearchParams(location.search));
}
