// The action row of an offer's card and popup: directions, call, details, share, and the way
// to its twin (the card's marker on the map, the marker's card in the list). Share uses the
// Web Share API where the browser has it, else copies the link and says so.

import { el, link } from "./dom.js";
import { config, strings } from "./settings.js";

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

/**
 * The row of actions for an offer (`props`) at `point` ([lng, lat] or null) whose page is
 * `pageUrl`; `twin` ({text, onClick}, or null) leads to its other half.
 */
export function actionRow(props, point, pageUrl, twin) {
  const row = el("div", "card-actions");
  if (point) {
    const [lng, lat] = point;
    const route = config.directionsUrl.replace("{lat}", lat).replace("{lng}", lng);
    row.append(action(strings.directions, route));
  }
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
