// The service worker. /sw.js puts VERSION, SHELL (the app's static files), OFFER_PAGE (the
// offline offer page's address) and map/saved-offers.js in front of this.
// Static files: from the cache first, kept the first time a page uses them (nothing is
// downloaded just in case: a phone that only opens the list never loads the map's scripts).
// Public pages: from the network, a copy kept for offline use (stamped with the time, for the
// page's note). The map's views, list pages and offer details are kept by the page itself
// (map/offline-cache.js).
// Every copy is kept under its URL, and a URL's ?lang= names its language (without it the
// browser's languages chose): offline, a page missing its own copy gets a copy of the same
// path with the same ?lang= (or none), never one in another language. An offer page kept in
// no copy is made from the offline offer page of that language filled with what the saved
// offers know of the offer (escaped text only: offer text is untrusted).
/* global VERSION, SHELL, OFFER_PAGE, answerLanguage, savedOffers */

const SHELL_CACHE = `refugee-map-shell-${VERSION}`;
const PAGES_CACHE = "refugee-map-pages";
const MAX_PAGES = 30;
const KEPT_HEADERS = ["Content-Type", "Content-Security-Policy", "Referrer-Policy"];

function isOfferPage(url) {
  return /^\/offers\/\d+$/.test(new URL(url).pathname);
}

function isPublicPage(url) {
  const { pathname } = new URL(url);
  return pathname === "/" || pathname === "/list" || isOfferPage(url);
}

/** The offline offer page in the language of `url` (its ?lang=, or as the browser's). */
function offerPageFor(url) {
  const lang = answerLanguage(url);
  return new URL(lang ? `${OFFER_PAGE}?lang=${encodeURIComponent(lang)}` : OFFER_PAGE, url).href;
}

async function keepOfferPage(url) {
  const cache = await caches.open(SHELL_CACHE);
  const page = offerPageFor(url);
  if (!(await cache.match(page))) await cache.add(page).catch(() => {});
}

async function keepPage(url, response) {
  if (!response.ok || !response.headers.get("Content-Type")?.startsWith("text/html")) return;
  const stamp = `data-saved-at="${new Date().toISOString()}"`;
  const html = (await response.text()).replace('data-saved-at=""', stamp);
  const headers = {};
  for (const name of KEPT_HEADERS) {
    if (response.headers.has(name)) headers[name] = response.headers.get(name);
  }
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(url, new Response(html, { headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(old);
  await keepOfferPage(url);
}

/** The newest kept copy of `url`'s path in its language: the same ?lang=, or none. */
async function copyInLanguage(url) {
  const cache = await caches.open(PAGES_CACHE);
  const exact = await cache.match(url);
  if (exact) return exact;
  const lang = answerLanguage(url);
  const copies = await cache.keys(url, { ignoreSearch: true }); // oldest first
  const same = copies.filter((request) => answerLanguage(request.url) === lang).at(-1);
  return same ? cache.match(same) : undefined;
}

function escapeHtml(text) {
  const entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return String(text).replace(/[&<>"']/g, (letter) => entities[letter]);
}

/** The offer's parts as escaped HTML, by the names of the offline page's slots. */
function offerParts({ properties: p }) {
  const town = [p.postcode, p.city].filter(Boolean).join(" ");
  const rows = (p.opening_hours_rows ?? []).map(({ days, times }) => {
    const [day, slot] = [escapeHtml(days), escapeHtml(times)];
    return `<li><span class="day">${day}</span> <span class="slot">${slot}</span></li>`;
  });
  return {
    title: escapeHtml(p.title ?? ""),
    organization: escapeHtml(p.organization ?? ""),
    address: escapeHtml([p.street, town].filter(Boolean).join(", ")),
    hours: rows.join(""),
    phone: escapeHtml(p.phone ?? ""),
    tel: escapeHtml((p.phone ?? "").replace(/\s/g, "")),
  };
}

/**
 * Fill the offline page's slots (<!--slot:name-->) with `parts`; a row
 * (<!--row:name-->...<!--/row:name-->) stays only when its part is there. split/join, not
 * replace: a "$&" in offer text stays text.
 */
function fillSlots(html, parts) {
  let filled = html;
  for (const [name, value] of Object.entries(parts)) {
    const [start, end] = [`<!--row:${name}-->`, `<!--/row:${name}-->`];
    const from = filled.indexOf(start);
    const to = filled.indexOf(end);
    if (!value && from >= 0 && to > from) {
      filled = filled.slice(0, from) + filled.slice(to + end.length);
    }
    filled = filled.split(`<!--slot:${name}-->`).join(value);
  }
  return filled;
}

/** The offer page made from the saved offers, when the page itself was never kept. */
async function offerFromSaved(url) {
  const page = await (await caches.open(SHELL_CACHE)).match(offerPageFor(url));
  if (!page) return undefined;
  const html = await page.text();
  const lang = /<html lang="([a-z]{2,3})"/.exec(html)?.[1] ?? ""; // a language code or none
  const id = Number(new URL(url).pathname.split("/").pop());
  const offer = (await savedOffers(answerLanguage(url) || lang)).find((saved) => saved.id === id);
  const parts = offer
    ? { ...offerParts(offer), unknown: "" }
    : { ...offerParts({ properties: {} }), unknown: "1" };
  const stamp = offer ? `data-saved-at="${escapeHtml(offer.savedAt)}"` : 'data-saved-at=""';
  const body = fillSlots(html.replace('data-saved-at=""', stamp), parts);
  return new Response(body, { headers: page.headers });
}

async function pageFromNetwork(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keepPage(event.request.url, response.clone()));
    return response;
  } catch (error) {
    const { url } = event.request;
    const copy = await copyInLanguage(url);
    if (copy) return copy;
    const made = isOfferPage(url) ? await offerFromSaved(url) : undefined;
    if (made) return made;
    throw error;
  }
}

async function fileFromCache(event) {
  const cache = await caches.open(SHELL_CACHE);
  const copy = await cache.match(event.request);
  if (copy) return copy;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

// The page that installed the worker loaded its files before the worker ran: site.js names
// them here, and they come from the browser's HTTP cache (at most a 304 each).
async function keepFiles(urls) {
  const cache = await caches.open(SHELL_CACHE);
  for (const url of urls) {
    const { pathname, origin } = new URL(url);
    if (origin === self.location.origin && SHELL.includes(pathname)) {
      if (!(await cache.match(pathname))) await cache.add(pathname).catch(() => {});
    }
  }
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("message", (event) => {
  if (Array.isArray(event.data?.keep)) event.waitUntil(keepFiles(event.data.keep));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("refugee-map-shell-") && name !== SHELL_CACHE) await caches.delete(name);
      }
      // The page that installed the worker is kept too, so it opens offline straight away.
      const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of open) {
        if (isPublicPage(client.url)) {
          await fetch(client.url)
            .then((response) => keepPage(client.url, response))
            .catch(() => {});
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && isPublicPage(request.url)) {
    event.respondWith(pageFromNetwork(event));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(fileFromCache(event));
  }
});
