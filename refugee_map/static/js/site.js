// Every page: register the service worker (offline copy of the app and the last offers)
// and, when this page came from that copy, say since when.

function showOfflineNote(savedAt) {
  const note = document.getElementById("offline-note");
  const when = new Date(savedAt);
  if (!note || Number.isNaN(when.getTime())) return;
  const text = new Intl.DateTimeFormat(document.documentElement.lang, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(when);
  note.textContent = note.dataset.text.replace("{when}", text);
  note.hidden = false;
}
window.showOfflineNote = showOfflineNote;

const savedAt = document.getElementById("offline-note")?.dataset.savedAt;
if (savedAt) showOfflineNote(savedAt);

const worker = document.currentScript?.dataset.serviceWorker;
if (worker && "serviceWorker" in navigator) {
  navigator.serviceWorker.register(worker, { scope: "/" }).catch(() => {});
  // Hand the worker the files this page loaded, so it can keep them for offline use: once
  // the page has loaded, so the ES modules that scripts import are among them.
  const loaded = new Promise((done) => {
    if (document.readyState === "complete") done();
    else window.addEventListener("load", done, { once: true });
  });
  Promise.all([navigator.serviceWorker.ready, loaded]).then(([registration]) => {
    const files = performance.getEntriesByType("resource").map((entry) => entry.name);
    registration.active?.postMessage({ keep: [location.href, ...files] });
  });
}
