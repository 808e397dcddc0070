// Text search in the browser, matching an offer's text as the server's `q` does
// (CONTRACT13 section 1). `searchData` is the body of /api/search-topics: the letter
// foldings per script and the search topics. The rules are those of store/folding.py
// (words), store/search_index.py (the index: each text as written plus its folded
// spelling per script; every query word must start a word of the offer's text) and
// domain/search_topics.py (which topics a query names).

// A translated offer keeps its German text in source_title/source_description: the server
// searches the German text and the translation of the asked language together.
const TEXTS = ["title", "description", "source_title", "source_description"];
const SEARCHED = [...TEXTS, "organization", "street"];
const TOPIC_SEARCHED = TEXTS; // a topic's terms look at these
const MAX_SEARCH_WORDS = 20;
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

/** `text` with every letter of `letters` (letter -> spelling) replaced. */
function fold(text, letters) {
  return Array.from(text, (char) => letters[char] ?? char).join("");
}

/** The words of `text` as the full-text tokenizer sees them: case folded, Latin
 * letters without diacritics, split at everything but letters, digits, private use. */
function tokens(text) {
  const lower = text.normalize("NFC").toLowerCase();
  const plain = lower.normalize("NFD").replace(LATIN_MARKS, "$1").normalize("NFC");
  return plain.match(WORD) ?? [];
}

/** The folded words of a query (as folding.words). */
function queryWords(text, letters) {
  return tokens(fold(text.normalize("NFC"), letters));
}

/** The words the index holds for `text`: as written, and folded in each script. */
function indexedWords(text, scripts) {
  const found = new Set(tokens(text));
  for (const letters of scripts) for (const word of tokens(fold(text, letters))) found.add(word);
  return found;
}

function startsSome(words, start) {
  for (const word of words) if (word.startsWith(start)) return true;
  return false;
}

/** Whether a query word and a topic word match (search_topics._same). */
function same(asked, given, data) {
  return (
    asked === given ||
    (asked.length >= data.typedPrefix && given.startsWith(asked)) ||
    (given.length >= data.wordPrefix && asked.startsWith(given))
  );
}

/** For each query word, the topics it helps to name (search_topics.named). */
function namedTopics(data, asked) {
  const covering = asked.map(() => []);
  for (const topic of data.topics) {
    for (const phrase of topic.phrases) {
      const named =
        phrase.length > 0 &&
        phrase.every((given) => asked.some((word) => same(word, given, data)));
      if (!named) continue;
      asked.forEach((word, number) => {
        const helps = phrase.some((given) => same(word, given, data));
        if (helps && !covering[number].includes(topic)) covering[number].push(topic);
      });
    }
  }
  return covering;
}

/** A function scoring a feature's `properties`: 2 = every word of `q` starts a word of its
 * text, 1 = every word does or names a search topic that finds the offer (its category or
 * a German term), 0 = no match. An empty query (no words) scores every offer 2. */
export function textScore(searchData, q) {
  const scripts = Object.values(searchData?.folding ?? {});
  const letters = Object.assign({}, ...scripts);
  const asked = queryWords(q ?? "", letters).slice(0, MAX_SEARCH_WORDS);
  if (asked.length === 0) return () => 2;
  const covering = searchData ? namedTopics(searchData, asked) : asked.map(() => []);
  return (properties) => {
    const text = SEARCHED.map((name) => properties[name] ?? "").join(" ");
    const words = indexedWords(text, scripts);
    const byText = asked.map((word) => startsSome(words, word));
    if (byText.every(Boolean)) return 2;
    const topicText = TOPIC_SEARCHED.map((name) => properties[name] ?? "").join(" ");
    const topicWords = indexedWords(topicText, scripts);
    const byTopic = (topics) =>
      topics.some(
        (topic) =>
          topic.categories.includes(properties.category) ||
          topic.terms.some((term) => startsSome(topicWords, term)),
      );
    return byText.every((found, number) => found || byTopic(covering[number])) ? 1 : 0;
  };
}
