// The answers the map page loaded, kept in the browser's cache for when the phone is offline
// (the service worker keeps the page and its files). Each kind of answer (the map's views,
// the list's pages, the offers' details, the search data) has a cache of its own holding the
// last few answers. Offline, a URL gets its own answer, or what the caller's `offline`
// function makes of the kept ones (offline-search.js: the saved offers that match). Every
// answer is kept under its URL, which names its language (?lang=): no answer ever stands in
// for another language's.

import { whenIdle } from "./ready.js";
import { withoutTheMoment } from "./saved-offers.js";

const KEPT = { view: 20, page: 20, offer: 50, topics: 2 }; // answers kept per kind
const RETIRED = "refugee-map-offers"; // the whole list, as the page kept it before paging

// when idle: the first use of the browser's cache storage is slow on a phone
whenIdle(() => window.caches?.delete(RETIRED).catch(() => {}));

function cacheName(kind) {
  return `refugee-map-${kind}`;
}

async function keep(kind, url, text) {
  const cache = await caches.open(cacheName(kind));
  const headers = { "Content-Type": "application/json", "X-Saved-At": new Date().toISOString() };
  await cache.put(url, new Response(text, { headers }));
  const answers = await cache.keys(); // oldest first (a new copy goes to the end)
  for (const old of answers.slice(0, Math.max(0, answers.length - KEPT[kind]))) {
    await cache.delete(old);
  }
}

async function kept(kind, url) {
  const saved = await (await caches.open(cacheName(kind))).match(url);
  if (!saved) return null;
  const [body, savedAt] = [JSON.parse(await saved.text()), saved.headers.get("X-Saved-At")];
  return { body: body.type === "Feature" ? withoutTheMoment(body, savedAt) : body, savedAt };
}

/**
 * GET `url` as JSON: { ok, body, savedAt }. A good answer is kept as one of its `kind`
 * ("view", "page", "offer" or "topics"); when the network fails, the answer kept for `url`
 * (or, given, `offline(url)`'s) comes back with `savedAt`, the time its data were loaded.
 */
export async function getJson(kind, url, { signal, offline } = {}) {
  let response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (error.name === "AbortError" || !window.caches) throw error;
    const saved = await (offline ?? ((asked) => kept(kind, asked)))(url).catch(() => null);
    if (!saved) throw error;
    return { ok: true, ...saved };
  }
  const text = await response.text();
  // kept when the page is idle: the answer is shown first
  if (response.ok && window.caches) whenIdle(() => keep(kind, url, text).catch(() => {}));
  return { ok: response.ok, body: JSON.parse(text), savedAt: null };
}
