// "Text kopieren" on the mail page without an e-mail server: copies the message's text and
// says so in the status line next to it (read out by screen readers). Without script the
// buttons stay hidden and the text is there to select and copy by hand.

async function writeText(field) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(field.value);
  }
  field.select(); // plain http on a local network: the older way still copies a selection
  if (!document.execCommand("copy")) {
    throw new Error("copy refused");
  }
}

async function copy(button) {
  const status = button.parentElement.querySelector(".copy-status");
  status.textContent = "";
  try {
    await writeText(document.getElementById(button.dataset.copy));
    status.textContent = status.dataset.done;
  } catch {
    status.textContent = status.dataset.failed;
  }
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", () => copy(button));
}
