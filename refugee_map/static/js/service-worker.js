// The service worker. /sw.js puts VERSION and SHELL (the app's static files) in front of this.
// Static files: from the cache first, kept the first time a page uses them (nothing is
// downloaded just in case: a phone that only opens the list never loads the map's scripts).
// Public pages: from the network, a copy kept for offline use (stamped with the time, for the
// page's note). The map's views, list pages and offer details are kept by the page itself
// (map/offline-cache.js).
/* global VERSION, SHELL */

const SHELL_CACHE = `refugee-map-shell-${VERSION}`;
const PAGES_CACHE = "refugee-map-pages";
const MAX_PAGES = 30;
const KEPT_HEADERS = ["Content-Type", "Content-Security-Policy", "Referrer-Policy"];

function isPublicPage(url) {
  const { pathname } = new URL(url);
  return pathname === "/" || pathname === "/list" || /^\/offers\/\d+$/.test(pathname);
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
}

async function pageFromNetwork(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keepPage(event.request.url, response.clone()));
    return response;
  } catch (error) {
    const cache = await caches.open(PAGES_CACHE);
    const copy =
      (await cache.match(event.request.url)) ??
      (await cache.match(event.request.url, { ignoreSearch: true }));
    if (copy) return copy;
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
