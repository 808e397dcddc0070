// The action row of an offer's card and popup: route, call, details, share, and the way
// to its twin (the card's marker on the map, the marker's card in the list). Share uses the
// Web Share API where the browser has it, else copies the link and says so.

import { el, link } from "./dom.js";
import { strings } from "./settings.js";

function button(text, onClick) {
  const node = el("button", "action", text);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

function action(text, href) {
  const anchor = link(text, href);
  anchor.className = "action";
  return anchor;
}

/** Copy `text` to the clipboard; the old way where the Clipboard API is missing (http). */
async function copy(text) {
  if (navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const box = el("textarea");
  box.value = text;
  document.body.append(box);
  box.select();
  document.execCommand("copy");
  box.remove();
}

async function share(title, url, status) {
  if (navigator.share) {
    await navigator.share({ title, url }).catch(() => {}); // closing the dialog is no error
    return;
  }
  await copy(url);
  status.textContent = strings.link_copied;
}

/** The route planner in a new page that learns nothing of this one. */
function routeAction(url) {
  const route = action(strings.directions, url);
  route.target = "_blank";
  route.rel = "noopener noreferrer";
  route.dataset.action = "route";
  return route;
}

/**
 * What to know before going (the place is approximate, ask for the address), as the server
 * decided in `props.directions`; nothing for an exact point.
 */
export function directionsNote(props) {
  const { kind, note } = wayThere(props);
  if (!note) return [];
  const line = el("p", "note directions-note", note);
  line.dataset.directions = kind;
  return [line];
}

/** The offer's `directions`; an answer saved offline before they existed has none. */
function wayThere(props) {
  return props.directions ?? { kind: "none", osm_url: null, note: "" };
}

/**
 * The row of actions for an offer (`props`) whose page is `pageUrl`: the route the server
 * chose (none without an address or an exact point), call, details, share; `twin`
 * ({text, onClick}, or null) leads to its other half.
 */
export function actionRow(props, pageUrl, twin) {
  const row = el("div", "card-actions");
  const route = wayThere(props).osm_url;
  if (route) row.append(routeAction(route));
  if (props.phone) {
    const call = action(strings.call, `tel:${props.phone.replace(/[^+\d]/g, "")}`);
    call.title = props.phone;
    row.append(call);
  }
  const details = action(strings.details, pageUrl);
  details.dataset.action = "details";
  row.append(details);
  const status = el("span", "share-status");
  status.setAttribute("role", "status");
  const url = new URL(pageUrl, location.href).href;
  row.append(button(strings.share, () => share(props.title, url, status)));
  if (twin) {
    const other = button(twin.text, twin.onClick);
    other.dataset.action = "twin";
    row.append(other);
  }
  row.append(status);
  return row;
}
