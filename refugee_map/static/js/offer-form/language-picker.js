// The languages spoken at an offer: a long list of check boxes, made searchable by a filter
// box (accents and case do not matter), with the chosen codes listed under it.
// `chosenText` is the translated "Ausgewählt: {list}".

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

export function languagePicker(chosenText) {
  const filter = document.getElementById("language-filter");
  const options = document.getElementById("language-options");
  const items = [...options.querySelectorAll("li")];
  const chosen = document.getElementById("chosen-languages");
  const none = document.getElementById("language-none");

  function showChosen() {
    const codes = items
      .map((item) => item.querySelector("input"))
      .filter((input) => input.checked)
      .map((input) => input.value);
    chosen.textContent = codes.length ? chosenText.replace("{list}", codes.join(", ")) : "";
  }

  filter.closest(".language-filter").hidden = false;
  filter.addEventListener("input", () => {
    const wanted = fold(filter.value.trim());
    let shown = 0;
    for (const item of items) {
      const match = !wanted || fold(item.textContent).includes(wanted);
      item.hidden = !match;
      shown += match ? 1 : 0;
    }
    none.hidden = shown > 0;
  });
  filter.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault(); // do not submit the whole form from the filter box
    }
  });
  options.addEventListener("change", showChosen);
  showChosen();
}
