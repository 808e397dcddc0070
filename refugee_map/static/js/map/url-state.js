// The filter form holds the map page's state. It is written to the URL, so every view is a
// link and the back button works, and read back from it. The map's view is kept in the URL's
// fragment (#zoom/lat/lng): a reload or a shared link opens the same place.

function formParams(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) params.append(name, value);
  const boxes = form.querySelectorAll("input[name=category]");
  const checked = params.getAll("category").length;
  if (checked === 0 || checked === boxes.length) params.delete("category"); // all = none
  return params;
}

function fillForm(form, params) {
  const chosen = params.getAll("category");
  for (const field of form.elements) {
    if (field.name === "category") field.checked = !chosen.length || chosen.includes(field.value);
    else if (field.type === "checkbox") field.checked = params.get(field.name) === field.value;
    else if (field.name) field.value = params.get(field.name) ?? "";
  }
}

// The links to the list view and to the other languages keep the filters.
function updateLinks(params) {
  for (const anchor of document.querySelectorAll("a[data-keep-query]")) {
    anchor.search = params.toString();
  }
  for (const anchor of document.querySelectorAll("a[data-lang]")) {
    const withLang = new URLSearchParams(params);
    withLang.set("lang", anchor.dataset.lang);
    anchor.search = withLang.toString();
  }
}

/** Empty the form's field `name` and drop it from the URL (no new history entry). */
export function forgetField(form, name) {
  form.elements[name].value = "";
  const params = formParams(form);
  const search = params.toString();
  history.replaceState(history.state, "", `${search ? `?${search}` : location.pathname}${location.hash}`);
  updateLinks(params);
}

/** Call `load(params)` whenever the filters change, in the form or with the back button. */
export function followFilters(form, load) {
  // Offline, the page may be the copy kept for another query: the form shows the URL's.
  fillForm(form, new URLSearchParams(location.search));
  function apply() {
    const params = formParams(form);
    fillForm(form, params);
    if (params.toString() !== new URLSearchParams(location.search).toString()) {
      const search = params.toString();
      history.pushState(null, "", `${search ? `?${search}` : location.pathname}${location.hash}`);
    }
    updateLinks(params);
    load(params);
  }

  form.addEventListener("change", (event) => {
    if (event.target.type !== "search") apply();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(location.search);
    fillForm(form, params);
    updateLinks(params);
    load(params);
  });
}

function viewFromHash() {
  const [zoom, lat, lng] = location.hash.slice(1).split("/").map(Number);
  const valid = [zoom, lat, lng].every(Number.isFinite) && Math.abs(lat) <= 90;
  return valid ? { zoom, center: L.latLng(lat, L.Util.wrapNum(lng, [-180, 180])) } : null;
}

function showHashView(map) {
  const view = viewFromHash();
  if (view) map.setView(view.center, view.zoom, { animate: false });
}

/** Show the view the URL's fragment names (also when it is edited); keep it up to date. */
export function followView(map) {
  showHashView(map);
  window.addEventListener("hashchange", () => showHashView(map));
  map.on("moveend", () => {
    const { lat, lng } = map.getCenter();
    const hash = `#${map.getZoom()}/${lat.toFixed(5)}/${lng.toFixed(5)}`;
    if (hash !== location.hash) history.replaceState(history.state, "", hash);
  });
}
