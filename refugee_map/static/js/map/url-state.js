// The filter form holds the map page's state. It is written to the URL, so every view is a
// link and the back button works, and read back from it.

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

/** Call `load(params)` whenever the filters change, in the form or with the back button. */
export function followFilters(form, load) {
  function apply() {
    const params = formParams(form);
    fillForm(form, params);
    if (params.toString() !== new URLSearchParams(location.search).toString()) {
      const search = params.toString();
      history.pushState(null, "", search ? `?${search}` : location.pathname);
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
