// Text search in the browser, matching an offer's text as the server's `q` does
// (CONTRACT13 section 1). Stand-in until the real module lands: a plain case-insensitive
// substring test of the whole query, scoring 2 (found) or 0; `searchData` is not used yet.

const SEARCHED = ["title", "description", "organization", "street"];

/** A function scoring a feature's `properties`: 2 = the query is in its text, 0 = not. */
export function textScore(searchData, q) {
  const wanted = (q ?? "").trim().toLowerCase();
  return (properties) =>
    !wanted || SEARCHED.some((name) => (properties[name] ?? "").toLowerCase().includes(wanted))
      ? 2
      : 0;
}
