// The offers kept for offline use, read back and filtered as the server filters them.
// "The saved offers" of a language are the features of every list page (/api/offers?limit=)
// and every offer's details (/api/offers/<id>) that offline-cache.js kept in that language
// (the answer's ?lang=), one per offer: the copy loaded last wins (what only an older copy
// carries is kept). The map's views are not
// among them: they carry only what a marker needs, not what the filters look at.
// The service worker uses this file too (/sw.js puts it in front of its own code), so it
// imports nothing and uses only what a worker has.

const SAVED_KINDS = ["page", "offer"];
const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/** The text language of a kept answer (its ?lang=), "" when it names none. */
export function answerLanguage(url) {
  return new URL(url).searchParams.get("lang") ?? "";
}

function featuresOf(body) {
  if (Array.isArray(body?.features)) return body.features;
  return body?.type === "Feature" ? [body] : [];
}

/** The feature without "open now": that was right when it was loaded, maybe hours ago. */
export function withoutTheMoment(feature, savedAt) {
  const properties = { ...feature.properties };
  delete properties.open_now;
  delete properties.opening_state;
  return { ...feature, properties, savedAt };
}

/** The newer of an offer's copies; its properties over the older's (a detail answer lacks
 * the list's `source_title`, a list page the details). */
function newer(known, feature, savedAt) {
  const copy = withoutTheMoment(feature, savedAt);
  if (!known) return copy;
  const [old, recent] = known.savedAt < savedAt ? [known, copy] : [copy, known];
  return { ...recent, properties: { ...old.properties, ...recent.properties } };
}

/** The saved offers in `lang`: GeoJSON features each with `savedAt` (ISO time). */
export async function savedOffers(lang) {
  const newest = new Map();
  for (const kind of SAVED_KINDS) {
    const cache = await caches.open(`refugee-map-${kind}`);
    for (const request of await cache.keys()) {
      if (answerLanguage(request.url) !== lang) continue;
      const response = await cache.match(request);
      const savedAt = response?.headers.get("X-Saved-At") ?? "";
      const body = await response?.json().catch(() => null);
      for (const feature of featuresOf(body)) {
        newest.set(feature.id, newer(newest.get(feature.id), feature, savedAt));
      }
    }
  }
  return [...newest.values()];
}

/** The weekday ("Mo".."Su", as opening hours name them) and "HH:MM" in `timeZone` now. */
export function regionMoment(timeZone, date = new Date()) {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const parts = format.formatToParts(date);
  const part = Object.fromEntries(parts.map(({ type, value }) => [type, value]));
  const day = WEEKDAYS.find((name) => part.weekday.startsWith(name));
  return { day, time: `${part.hour}:${part.minute}` };
}

function isOpen(openingHours, { day, time }) {
  return (openingHours?.[day] ?? []).some(([start, end]) => start <= time && time < end);
}

/** Whether an offer's `properties` pass the filters of `params` (as store/offers.py). */
export function passesFilters(properties, params, moment) {
  const categories = params.getAll("category");
  const district = params.get("district");
  const language = params.get("language");
  if (categories.length && !categories.includes(properties.category)) return false;
  if (district && properties.district !== district) return false;
  if (language && !(properties.languages ?? []).includes(language)) return false;
  if (params.get("volunteers_wanted") === "1" && !properties.volunteers_wanted) return false;
  if (params.get("open_now") === "1" && !isOpen(properties.opening_hours, moment)) return false;
  return true;
}

// The list runs by the German title (a translated offer's `source_title`) with SQLite's
// NOCASE, which folds A-Z only, then by id.
function titleKey({ properties }) {
  const title = properties.source_title ?? properties.title ?? "";
  return title.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function compareTitles(a, b) {
  const [x, y] = [titleKey(a), titleKey(b)];
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
}

/**
 * The features matching `params` in the list's order: text matches (score 2) before topic
 * matches (1), then by title. `score(properties)` is text-search.js's; `moment` is
 * regionMoment's. Each feature comes with its `score`.
 */
export function matching(features, params, score, moment) {
  return features
    .filter((feature) => passesFilters(feature.properties, params, moment))
    .map((feature) => ({ feature, score: score(feature.properties) }))
    .filter(({ score: found }) => found > 0)
    .sort((a, b) => b.score - a.score || compareTitles(a.feature, b.feature))
    .map(({ feature }) => feature);
}
