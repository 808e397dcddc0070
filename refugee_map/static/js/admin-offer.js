// The back office's offer form: find an address, place and drag the pin; picking languages
// and adding time slots are modules of offer-form/. Everything here is an enhancement: the
// form works without it.

import { languagePicker } from "./offer-form/language-picker.js";
import { moreTimeSlots } from "./offer-form/time-slots.js";
import { pinMap } from "./pin-map.js";

const form = document.getElementById("offer-form");
const box = document.getElementById("location-map");
const config = JSON.parse(box.dataset.config);
const S = config.strings;
const fields = form.elements;
const status = document.getElementById("geocode-status");
const approximateBox = document.getElementById("approximate-box");
const confirmButton = document.getElementById("confirm-pin");
const TIMEOUT_MS = 12000;

// --- messages ---------------------------------------------------------------------------

function say(text, warning) {
  status.textContent = text;
  status.classList.toggle("warning", Boolean(warning));
}

async function getJSON(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller.signal,
    });
    const type = response.headers.get("Content-Type") || "";
    if (!type.includes("application/json")) {
      // Redirected to the login page: the session ended.
      return { ok: false, body: { error: S.session_ended } };
    }
    return { ok: response.ok, status: response.status, body: await response.json() };
  } finally {
    clearTimeout(timer);
  }
}

// --- the map and the pin ----------------------------------------------------------------

let marker = null;

function showApproximate() {
  const approximate = fields.location_approximate.checked;
  approximateBox.classList.toggle("is-approximate", approximate);
  confirmButton.hidden = !(approximate && marker);
  if (marker) {
    marker.getElement()?.classList.toggle("approximate-pin", approximate);
  }
}

async function locate(latlng) {
  try {
    const url = `${config.locateUrl}?lat=${latlng.lat}&lng=${latlng.lng}`;
    const { ok, body } = await getJSON(url);
    if (ok) {
      fields.district.value = body.district;
      say(S.pin_set.replace("{district}", body.district));
    } else {
      say(body.error || S.outside, true);
    }
  } catch {
    say(S.failed, true);
  }
}

const place = pinMap(box, config, fields, {
  onPlaced(pin) {
    marker = pin;
    showApproximate();
  },
  // The editor put the pin somewhere: that place is meant, so it is no longer approximate.
  onChosen(latlng) {
    fields.location_approximate.checked = false;
    showApproximate();
    locate(latlng);
  },
  onTyped: locate,
});

fields.location_approximate.addEventListener("change", showApproximate);
confirmButton.addEventListener("click", () => {
  fields.location_approximate.checked = false;
  showApproximate();
  say(S.pin_confirmed);
});

// --- "find": the address to a point ----------------------------------------------------

document.getElementById("geocode-button").addEventListener("click", async (event) => {
  event.preventDefault();
  const address = [fields.street.value, `${fields.postcode.value} ${fields.city.value}`]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(", ");
  if (!address) {
    say(S.no_address, true);
    return;
  }
  say(S.searching);
  try {
    const { ok, body } = await getJSON(`${config.geocodeUrl}?q=${encodeURIComponent(address)}`);
    if (!ok) {
      say(body.error || S.failed, true);
      return;
    }
    const latlng = L.latLng(body.lat, body.lng);
    fields.lat.value = body.lat.toFixed(6);
    fields.lng.value = body.lng.toFixed(6);
    fields.location_approximate.checked = body.approximate;
    if (body.district) {
      fields.district.value = body.district;
    }
    place(latlng, body.approximate ? 15 : 17);
    say(body.message, body.approximate);
  } catch {
    say(S.failed, true); // time-out or network: the pin can still be set by hand
  }
});

moreTimeSlots(form);
languagePicker(S.chosen);

document.documentElement.dataset.ready = "1";
