// Offline, the map page answers its own questions from the saved offers (saved-offers.js):
// the list's pages and the map's view are the saved offers that match the filters and the
// text search, worked out here the way the server works them out, and marked with the time
// the newest of them was loaded. The search data (the letter foldings and the topics of
// /api/search-topics) are kept once per page load for this.

import { getJson } from "./offline-cache.js";
import { matching, regionMoment, savedOffers } from "./saved-offers.js";
import { config, language, strings } from "./settings.js";
import { textScore } from "./text-search.js";

const EARTH_RADIUS_M = 6_371_008.8; // as store/nearest.py

function searchDataUrl(lang) {
  return `${config.searchTopicsUrl}?${new URLSearchParams({ lang })}`;
}

/** Load the search data of the page's language, so it is kept for offline search. */
export function keepSearchData() {
  getJson("topics", searchDataUrl(language)).catch(() => {});
}

async function searchData(lang) {
  const url = searchDataUrl(lang);
  const saved = await caches.match(new URL(url, location.origin).href);
  return saved ? saved.json() : null;
}

/** "Offline – saved on <time>" for an ISO time. */
export function savedNote(savedAt) {
  const when = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
  return strings.saved_offers.replace("{when}", when.format(new Date(savedAt)));
}

function metresBetween([lat1, lng1], [lat2, lng2]) {
  const rad = Math.PI / 180;
  const halfChord =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(halfChord))));
}

/** Nearest first with `distance_m`, offers without a place last (as the server's `near`). */
function nearestFirst(features, near) {
  const at = (near ?? "").split(",").map(Number);
  if (at.length !== 2 || !at.every(Number.isFinite)) return features;
  const placed = features
    .filter((feature) => feature.geometry)
    .map((feature) => {
      const [lng, lat] = feature.geometry.coordinates;
      const distance = metresBetween(at, [lat, lng]);
      return { ...feature, properties: { ...feature.properties, distance_m: distance } };
    })
    .sort((a, b) => a.properties.distance_m - b.properties.distance_m || a.id - b.id);
  return [...placed, ...features.filter((feature) => !feature.geometry)];
}

/** The saved offers matching `params` (and matching them in any district), and the time
 * the newest of the saved offers was loaded; null when none are saved. */
async function savedMatching(params) {
  const lang = params.get("lang") ?? language;
  const saved = await savedOffers(lang);
  if (!saved.length) return null;
  const score = textScore(await searchData(lang), params.get("q") ?? "");
  const moment = regionMoment(config.timezone);
  const savedAt = saved.reduce((newest, { savedAt }) => (savedAt > newest ? savedAt : newest), "");
  const found = matching(saved, params, score, moment);
  return { found, everyDistrict: matching(saved, withoutDistrict(params), score, moment), savedAt };
}

function withoutDistrict(params) {
  const others = new URLSearchParams(params);
  others.delete("district");
  return others;
}

function countPerDistrict(features) {
  const counts = {};
  for (const { properties } of features) {
    if (properties.district) counts[properties.district] = (counts[properties.district] ?? 0) + 1;
  }
  return counts;
}

/** A list page (/api/offers?limit&offset) answered from the saved offers, or null. */
export async function savedPage(url) {
  const params = new URL(url, location.origin).searchParams;
  const saved = await savedMatching(params);
  if (!saved) return null;
  const ordered = nearestFirst(saved.found, params.get("near"));
  const offset = Number(params.get("offset") ?? 0);
  const features = ordered.slice(offset, offset + Number(params.get("limit") ?? ordered.length));
  const body = { type: "FeatureCollection", numberMatched: ordered.length, features };
  if (!offset) body.district_counts = countPerDistrict(saved.everyDistrict);
  return { body, savedAt: saved.savedAt };
}

/** The map's view (/api/map) answered from the saved offers: every one that matches. */
export async function savedView(url) {
  const saved = await savedMatching(new URL(url, location.origin).searchParams);
  if (!saved) return null;
  const offers = saved.found
    .filter((feature) => feature.geometry)
    .map(({ id, geometry: { coordinates: [lng, lat] }, properties: { category, title } }) => ({
      id,
      lat,
      lng,
      category,
      title,
    }));
  return { body: { clusters: [], offers }, savedAt: saved.savedAt };
}

/** An offer's details (/api/offers/<id>) from its saved copy, or null. */
export async function savedOffer(url) {
  const asked = new URL(url, location.origin);
  const id = Number(asked.pathname.split("/").pop());
  const saved = await savedOffers(asked.searchParams.get("lang") ?? language);
  const found = saved.find((feature) => feature.id === id);
  return found ? { body: found, savedAt: found.savedAt } : null;
}
