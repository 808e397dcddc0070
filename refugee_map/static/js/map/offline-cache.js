// The last offers loaded, kept in the browser's cache to be shown when the phone is offline
// (the service worker keeps the page and its files). Only the answer for the current URL and
// the very last answer (key "?last") are kept.

import { config } from "./settings.js";

const OFFLINE_CACHE = "refugee-map-offers";
const LAST = `${config.offersUrl}?last`;

export async function remember(url, text) {
  if (!window.caches) return;
  const cache = await caches.open(OFFLINE_CACHE);
  for (const key of await cache.keys()) await cache.delete(key);
  const headers = { "Content-Type": "application/json", "X-Saved-At": new Date().toISOString() };
  await cache.put(url, new Response(text, { headers }));
  await cache.put(LAST, new Response(text, { headers }));
}

/** The offers kept for `url` (else the last ones) as { features, savedAt }, or null. */
export async function lastKnown(url) {
  if (!window.caches) return null;
  const cache = await caches.open(OFFLINE_CACHE);
  const saved = (await cache.match(url)) ?? (await cache.match(LAST));
  if (!saved) return null;
  const { features } = JSON.parse(await saved.text());
  // "Open now" was true when the offers were loaded, which may be hours ago.
  for (const feature of features) delete feature.properties.open_now;
  return { features, savedAt: saved.headers.get("X-Saved-At") };
}
