// Small DOM helpers. Offer text is untrusted: it only ever reaches the page through
// textContent, never as HTML.

export function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

export function link(text, href) {
  const anchor = el("a", "", text);
  anchor.href = href;
  return anchor;
}
