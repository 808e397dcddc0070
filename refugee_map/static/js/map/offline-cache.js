// The answers the map page loaded, kept in the browser's cache for when the phone is offline
// (the service worker keeps the page and its files). Each kind of answer (the map's views,
// the list's pages, the offers' details) has a cache of its own holding the last few answers
// and, for views and list pages, the very last one: offline, a URL gets its own answer, else
// the last one of its kind.

const KEPT = { view: 20, page: 20, offer: 50 }; // answers kept per kind
const LAST = new URL("/?offline-last", location.origin).href;
const RETIRED = "refugee-map-offers"; // the whole list, as the page kept it before paging

window.caches?.delete(RETIRED).catch(() => {});

function cacheName(kind) {
  return `refugee-map-${kind}`;
}

async function keep(kind, url, text) {
  const cache = await caches.open(cacheName(kind));
  const headers = { "Content-Type": "application/json", "X-Saved-At": new Date().toISOString() };
  await cache.put(url, new Response(text, { headers }));
  await cache.put(LAST, new Response(text, { headers }));
  const answers = (await cache.keys()).filter((request) => request.url !== LAST); // oldest first
  for (const old of answers.slice(0, Math.max(0, answers.length - KEPT[kind]))) {
    await cache.delete(old);
  }
}

async function kept(kind, url, orLast) {
  const cache = await caches.open(cacheName(kind));
  const saved = (await cache.match(url)) ?? (orLast ? await cache.match(LAST) : undefined);
  if (!saved) return null;
  const body = JSON.parse(await saved.text());
  // "Open now" was true when the answer was loaded, which may be hours ago.
  for (const feature of body.features ?? [body]) {
    delete feature.properties?.open_now;
    delete feature.properties?.opening_state;
  }
  return { body, savedAt: saved.headers.get("X-Saved-At") };
}

/**
 * GET `url` as JSON: { ok, body, savedAt }. A good answer is kept as one of its `kind`
 * ("view", "page" or "offer"); when the network fails, the kept answer for `url` (else,
 * with `orLast`, the last one of that kind) comes back with `savedAt`, the time it was loaded.
 */
export async function getJson(kind, url, { signal, orLast = false } = {}) {
  let response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (error.name === "AbortError" || !window.caches) throw error;
    const saved = await kept(kind, url, orLast).catch(() => null);
    if (!saved) throw error;
    return { ok: true, ...saved };
  }
  const text = await response.text();
  if (response.ok && window.caches) keep(kind, url, text).catch(() => {});
  return { ok: response.ok, body: JSON.parse(text), savedAt: null };
}
