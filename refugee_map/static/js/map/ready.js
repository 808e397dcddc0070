// The page's readiness flag for tests and scripts/bench/page: <html data-ready> is "0" while
// the map's view or the list is loading (or "near me" is moving the map), "1" once all are
// shown. Work that the first view does not need waits until it is shown and the page idle.

const busy = new Set();
const waiting = [];

export function loading(what) {
  busy.add(what);
  document.documentElement.dataset.ready = "0";
}

export function shown(what) {
  busy.delete(what);
  if (busy.size) return;
  document.documentElement.dataset.ready = "1";
  for (const task of waiting.splice(0)) whenIdle(task);
}

/** Run `task` when the browser is idle (at the latest after two seconds). */
export function whenIdle(task) {
  if (window.requestIdleCallback) requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 0);
}

/** Run `task` once the page has first shown its view and list, when the browser is idle. */
export function afterShown(task) {
  if (document.documentElement.dataset.ready === "1") whenIdle(task);
  else waiting.push(task);
}
