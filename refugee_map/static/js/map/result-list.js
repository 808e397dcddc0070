// The result panel: the matching offers a page at a time from /api/offers (limit/offset),
// the next page loaded when the "load more" button scrolls into view or is pressed (by
// keyboard too). The count line says how many offers match in all; with the visitor's
// position the list runs nearest first and each card says how far away the offer is.

import { offerListItem } from "./offer-card.js";
import { getJson } from "./offline-cache.js";
import { loading, shown } from "./ready.js";
import { config, language, strings } from "./settings.js";

const PAGE_SIZE = 30;

function countText(n) {
  if (n === 0) return strings.found_none;
  const key = new Intl.PluralRules(language).select(n) === "one" ? "found_one" : "found_other";
  return strings[key].replace("{n}", n.toLocaleString(language));
}

/**
 * The list in `list`, its count in `status`, the `more` button after it; `onShow(feature)`
 * shows an offer with a place on the map, `onError(text)` says why a page could not load.
 */
export function resultList({ list, status, more }, { onShow, onError }) {
  let filters = null;
  let near = null; // "lat,lng" of the visitor once "near me" worked
  let pending = null;
  let matched = 0;

  function pageUrl(offset) {
    const query = new URLSearchParams(filters);
    if (!query.has("lang")) query.set("lang", language);
    if (near) query.set("near", near);
    query.set("limit", String(PAGE_SIZE));
    query.set("offset", String(offset));
    return `${config.offersUrl}?${query}`;
  }

  function card(feature) {
    const { distance_m: metres } = feature.properties;
    const km = near && metres != null ? metres / 1000 : null;
    return offerListItem(feature.properties, {
      km,
      onShow: feature.geometry ? () => onShow(feature) : null,
    });
  }

  function show(body, first) {
    const cards = body.features.map(card);
    if (first) list.replaceChildren(...cards);
    else list.append(...cards);
    matched = body.numberMatched ?? list.children.length;
    status.textContent = countText(matched);
    more.hidden = list.children.length >= matched || !cards.length;
    return cards;
  }

  async function loadPage(first) {
    const asked = new AbortController();
    pending = asked;
    try {
      const { ok, body, savedAt } = await getJson("page", pageUrl(first ? 0 : list.children.length), {
        signal: asked.signal,
        orLast: first,
      });
      if (asked.signal.aborted) return null;
      pending = null;
      if (first) onError(ok ? "" : body.error || strings.load_failed);
      if (savedAt) window.showOfflineNote?.(savedAt);
      return ok ? show(body, first) : first ? show({ features: [], numberMatched: 0 }, true) : [];
    } catch (error) {
      if (asked.signal.aborted) return null;
      pending = null;
      if (first) status.textContent = strings.load_failed;
      return [];
    }
  }

  async function reload() {
    pending?.abort();
    loading("list");
    status.textContent = strings.loading;
    more.hidden = true;
    if ((await loadPage(true)) !== null) {
      shown("list");
      watch();
    }
  }

  async function loadMore() {
    if (pending || more.hidden) return [];
    loading("list");
    const cards = await loadPage(false);
    if (cards !== null) shown("list");
    watch();
    return cards ?? [];
  }

  // Watching the button anew reports at once whether it is still in view after a page.
  const observer = window.IntersectionObserver
    ? new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore();
      })
    : null;

  function watch() {
    observer?.unobserve(more);
    if (!more.hidden) observer?.observe(more);
  }

  more.addEventListener("click", async () => {
    const [firstNew] = await loadMore();
    firstNew?.querySelector("a")?.focus(); // keyboard users carry on where the new cards start
  });

  return {
    /** List the offers matching `params` (the filters), from the first page. */
    setFilters(params) {
      filters = new URLSearchParams(params);
      reload();
    },
    /** List them nearest to `latlng` first. */
    setNear(latlng) {
      near = `${latlng.lat.toFixed(5)},${latlng.lng.toFixed(5)}`;
      if (filters) reload();
    },
  };
}
