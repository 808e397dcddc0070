// One offer on the page: its marker, its popup and its entry in the list. The server sends
// everything ready to show (opening hours as rows, the opening state, stale): nothing is
// worked out here.
// The map's view only has an offer's id, place, category and title: the popup asks for the rest.

import { actionRow, directionsNote } from "./card-actions.js";
import { el, link } from "./dom.js";
import { getJson } from "./offline-cache.js";
import { savedOffer } from "./offline-search.js";
import { config, direction, language, strings } from "./settings.js";

const categories = Object.fromEntries(config.categories.map((c) => [c.slug, c]));
// made once each (see settings.js)
const monthYear = new Intl.DateTimeFormat(language, { month: "long", year: "numeric" });
const kilometres = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
let showInList = null; // (id) => the offer's card, shown and focused; set by the page

function swatch(category) {
  const box = el("span", "swatch");
  box.style.setProperty("--colour", category.colour);
  const icon = el("img");
  icon.src = category.icon;
  icon.alt = "";
  icon.width = icon.height = 16; // as the server's swatches: no shift while it loads
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
  // The address and the district each in a <bdi>, as on the list page: inside right-to-left
  // text a German address keeps its own order and punctuation, and the line its alignment.
  const place = [props.postcode, props.city].filter(Boolean).join(" ");
  const parts = [[props.street, place].filter(Boolean).join(", "), props.district];
  const line = el("p", "address");
  for (const part of parts.filter(Boolean)) {
    if (line.childNodes.length) line.append(" · ");
    line.append(el("bdi", "", part));
  }
  return line;
}

function notTranslated(props) {
  return props.text_lang === language ? [] : [el("p", "note", strings.not_translated)];
}

/** "Jetzt geöffnet, schließt um 17:00", as the server worked it out (none without hours). */
/** "Jetzt geöffnet, schließt um 17:00" (a badge while open), as the server words it. */
function openingState(props) {
  if (!props.opening_state) return [];
  return [el("p", props.open_now ? "opening-state badge-open" : "opening-state", props.opening_state)];
}

function hoursList(props) {
  const list = el("ul", "hours");
  for (const { days, times } of props.opening_hours_rows) {
    const item = el("li");
    const slots = el("span", "slot", times);
    slots.dir = "ltr"; // "09:00–12:00" must not turn into "12:00–09:00" in Arabic or Farsi
    item.append(el("span", "day", days), " ", slots);
    list.append(item);
  }
  if (props.by_appointment) list.append(el("li", "", strings.by_appointment));
  return list;
}

function lastChecked(props) {
  // "Last checked: April 2025", and a gentle notice once the check is too old.
  const lines = [];
  if (props.verified_at) {
    const checked = new Date(`${props.verified_at}T12:00:00`);
    const when = monthYear.format(checked);
    lines.push(el("p", "checked", strings.last_checked.replace("{when}", when)));
  }
  if (props.stale) lines.push(el("p", "note", strings.stale));
  return lines;
}

function detailUrl(props) {
  const url = new URL(props.url, location.href);
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) url.searchParams.set("lang", lang);
  return url.pathname + url.search;
}

/** The popup of an offer (a feature of /api/offers/<id>); it leads to its card when listed. */
function popup({ id, properties: props }) {
  const box = el("div", "popup");
  box.dir = direction; // the map pane is left-to-right; its popups follow the page
  box.append(offerText("h2", props, props.title), ...notTranslated(props));
  box.append(categoryLine(props.category), ...openingState(props));
  if (props.organization) box.append(offerText("p", props, props.organization));
  box.append(address(props), ...directionsNote(props), hoursList(props), ...lastChecked(props));
  const listed = showInList && document.getElementById(cardId(id));
  const twin = listed ? { text: strings.show_in_list, onClick: () => showInList(id) } : null;
  box.append(actionRow(props, detailUrl(props), twin));
  return box;
}

async function details(id) {
  const url = `${config.offersUrl}/${id}?${new URLSearchParams({ lang: language })}`;
  const { ok, body, savedAt } = await getJson("offer", url, { offline: savedOffer });
  if (!ok) throw new Error(body.error);
  if (savedAt) window.showOfflineNote?.(savedAt);
  return popup(body);
}

export function cardId(id) {
  return `offer-${id}`;
}

/** `callback(id)` shows the offer's card in the list: popups then link to their card. */
export function linkPopupsToCards(callback) {
  showInList = callback;
}

function loadDetails(marker) {
  marker.details ??= details(marker.options.offerId).catch(() => {
    marker.details = null; // asked again on the next opening
    return el("p", "", strings.load_failed);
  });
  return marker.details.then((box) => {
    if (marker.isPopupOpen()) marker.setPopupContent(box);
    return box;
  });
}

/**
 * An offer of the map's view ({id, lat, lng, category, title}) as its category's marker; its
 * popup loads the offer's details when it first opens.
 */
export function offerMarker({ id, lat, lng, category, title }) {
  const icon = L.divIcon({
    html: swatch(categories[category]),
    className: "marker",
    iconSize: [32, 32],
    iconAnchor: [16, 16],
    popupAnchor: [0, -14],
  });
  const marker = L.marker([lat, lng], { icon, title, offerId: id, category, keyboard: false });
  marker.bindPopup(() => el("p", "loading", strings.loading_details));
  marker.on("popupopen", () => loadDetails(marker));
  return marker;
}

/** Whether the focus is lost with the popup: on nothing, or on something no longer shown. */
function focusLost(popup) {
  const focused = document.activeElement;
  return !focused || focused === document.body || popup.getElement()?.contains(focused);
}

/**
 * Open the marker's popup; once its details are shown, move the focus to their link. When
 * the popup closes with the focus in it (Escape, its close button), the focus goes back to
 * `opener`.
 */
export async function openOffer(marker, opener) {
  marker.openPopup();
  const popup = marker.getPopup();
  marker.once("popupclose", () => {
    if (focusLost(popup)) opener?.focus();
  });
  const box = await loadDetails(marker);
  if (marker.isPopupOpen()) box.querySelector("[data-action=details]")?.focus();
}

/**
 * The offer's card in the list (a feature of /api/offers); `km` (a number or null) is its
 * distance from the visitor, `onShow` (or null for an offer without a place) shows it on the
 * map, `onPoint(on)` marks its marker while the card is pointed at or focused.
 */
export function offerListItem({ id, properties: props }, { km, onShow, onPoint }) {
  const item = el("li", "result");
  item.id = cardId(id);
  const title = offerText("h2", props, "");
  title.append(link(props.title, detailUrl(props)));
  item.append(title, ...notTranslated(props), categoryLine(props.category), ...openingState(props));
  if (props.organization) item.append(offerText("p", props, props.organization));
  item.append(address(props), ...directionsNote(props));
  if (km != null) {
    const text = kilometres.format(km);
    item.append(el("p", "distance", strings.distance.replace("{km}", text)));
  }
  item.append(...lastChecked(props));
  const twin = onShow ? { text: strings.show_on_map, onClick: onShow } : null;
  item.append(actionRow(props, detailUrl(props), twin));
  const pointing = { mouseenter: true, mouseleave: false, focusin: true, focusout: false };
  for (const [event, on] of Object.entries(pointing)) {
    item.addEventListener(event, () => onPoint(on));
  }
  return item;
}
