// The page's readiness flag for tests and scripts/bench/page: <html data-ready> is "0" while
// the map's view or the list is loading (or "near me" is moving the map), "1" once all are
// shown.

const busy = new Set();

export function loading(what) {
  busy.add(what);
  document.documentElement.dataset.ready = "0";
}

export function shown(what) {
  busy.delete(what);
  if (!busy.size) document.documentElement.dataset.ready = "1";
}
