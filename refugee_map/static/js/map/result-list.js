// The result panel: the matching offers a page at a time from /api/offers (limit/offset),
// the next page loaded when the "load more" button scrolls into view or is pressed (by
// keyboard too). The count line says how many offers match in all; with the visitor's
// position the list runs nearest first and each card says how far away the offer is.
// Offline, the pages are made of the saved offers that match, and the count line says so.

import { offerListItem } from "./offer-card.js";
import { getJson } from "./offline-cache.js";
import { savedNote, savedPage } from "./offline-search.js";
import { loading, shown } from "./ready.js";
import { config, language, numberFormat, strings } from "./settings.js";

const [FIRST_PAGE_SIZE, PAGE_SIZE] = config.listPageSizes; // the first page is smaller
const plural = new Intl.PluralRules(language);

function countText(n) {
  if (n === 0) return strings.found_none;
  const key = plural.select(n) === "one" ? "found_one" : "found_other";
  return strings[key].replace("{n}", numberFormat.format(n));
}

/**
 * The list in `list`, its count in `status`, the `more` button after it; `onShow(feature)`
 * shows an offer with a place on the map, `onPoint(id, on)` marks its marker while its card
 * is pointed at, `onCounts(perDistrict)` gets the first page's counts per district,
 * `onError(text)` says why a page could not load; `onPlace(place, nearest)` gets the place
 * the server found for the filters' `near` (label, lat, lng, approximate) and the places of
 * the first page's offers, `onPlaceError(text)` why it found none ("" once it does).
 */
export class ResultList {
  constructor({ list, status, more }, handlers) {
    Object.assign(this, { list, status, more }, handlers);
    this.filters = null;
    this.near = null; // "lat,lng" of the visitor once "near me" worked
    this.firstPage = []; // the features of the first page shown
    this.pending = null;
    // Watching the button anew reports at once whether it is still in view after a page.
    this.observer = window.IntersectionObserver
      ? new IntersectionObserver((entries) => {
          if (entries.some((entry) => entry.isIntersecting)) this.loadMore();
        })
      : null;
    more.addEventListener("click", async () => {
      const [firstNew] = await this.loadMore();
      firstNew?.querySelector("a")?.focus(); // keyboard users go on where the new cards start
    });
  }

  /** Whether the list runs nearest first (from the visitor or a place). */
  get sorted() {
    return Boolean(this.near || this.filters?.has("near"));
  }

  /** List the offers matching `params` (the filters), from the first page; a place in
   * them (`near`) replaces the visitor's position. */
  setFilters(params) {
    this.filters = new URLSearchParams(params);
    if (this.filters.has("near")) this.near = null;
    this.reload();
  }

  /** List them nearest to `latlng` first (no place of the filters then); answers the places
   * ([lat, lng]) of the first page. */
  async setNear(latlng) {
    this.near = `${latlng.lat.toFixed(5)},${latlng.lng.toFixed(5)}`;
    this.filters?.delete("near");
    if (this.filters) await this.reload();
    return this.firstPlaces();
  }

  firstPlaces() {
    return this.firstPage
      .filter((feature) => feature.geometry)
      .map(({ geometry: { coordinates: [lng, lat] } }) => [lat, lng]);
  }

  async reload() {
    this.pending?.abort();
    this.onPlaceError("");
    loading("list");
    this.status.textContent = strings.loading;
    this.more.hidden = true;
    if ((await this.loadPage(true)) !== null) shown("list");
    this.watch();
  }

  /** The next page's cards (none while a page is loading or when all are listed). */
  async loadMore() {
    if (this.pending || this.more.hidden) return [];
    loading("list");
    const cards = await this.loadPage(false);
    if (cards !== null) shown("list");
    this.watch();
    return cards ?? [];
  }

  watch() {
    this.observer?.unobserve(this.more);
    if (!this.more.hidden) this.observer?.observe(this.more);
  }

  /** Load and show the first or the next page: its new cards, or null when aborted. */
  async loadPage(first) {
    const asked = new AbortController();
    this.pending = asked;
    const offset = first ? 0 : this.list.children.length;
    const answer = await getJson("page", this.pageUrl(offset), {
      signal: asked.signal,
      offline: savedPage,
    }).catch(() => null);
    if (asked.signal.aborted) return null;
    this.pending = null;
    if (answer?.savedAt) window.showOfflineNote?.(answer.savedAt);
    if (!first) return answer?.ok ? this.show(answer.body, false, answer.savedAt) : [];
    if (!answer) {
      this.status.textContent = strings.load_failed;
      return [];
    }
    if (!answer.ok && answer.body.field === "near") return this.withoutPlace(answer.body.error);
    this.onError(answer.ok ? "" : answer.body.error || strings.load_failed);
    const body = answer.ok ? answer.body : { features: [], numberMatched: 0 };
    const cards = this.show(body, true, answer.savedAt);
    if (answer.body.near) this.onPlace(answer.body.near, this.firstPlaces());
    return cards;
  }

  /** The place was not found: say so, and list the offers unsorted. */
  async withoutPlace(error) {
    this.filters.delete("near");
    const cards = await this.loadPage(true);
    this.onPlaceError(error);
    return cards;
  }

  pageUrl(offset) {
    const query = new URLSearchParams(this.filters);
    if (!query.has("lang")) query.set("lang", language);
    if (this.near) query.set("near", this.near);
    query.set("limit", String(offset ? PAGE_SIZE : FIRST_PAGE_SIZE));
    query.set("offset", String(offset));
    return `${config.offersUrl}?${query}`;
  }

  card(feature) {
    const { distance_m: metres } = feature.properties;
    return offerListItem(feature, {
      km: metres != null ? metres / 1000 : null,
      onShow: feature.geometry ? () => this.onShow(feature) : null,
      onPoint: (on) => this.onPoint(feature.id, on),
    });
  }

  /** Show a page's cards; `savedAt`: they are the saved offers, loaded at that time. */
  show(body, first, savedAt = null) {
    const cards = body.features.map((feature) => this.card(feature));
    if (first) {
      this.firstPage = body.features;
      this.list.replaceChildren(...cards);
    } else {
      this.list.append(...cards);
    }
    if (body.district_counts) this.onCounts(body.district_counts);
    const matched = body.numberMatched ?? this.list.children.length;
    this.status.textContent = countText(matched);
    if (savedAt) this.status.append(" ", savedNote(savedAt));
    this.list.classList.toggle("is-saved", Boolean(savedAt));
    this.more.hidden = this.list.children.length >= matched || !cards.length;
    return cards;
  }
}
