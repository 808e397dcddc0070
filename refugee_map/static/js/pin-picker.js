// The public suggestion form's map: click to set the offer's pin, drag to move it.
// An enhancement only: without JavaScript the coordinates can be typed, or left empty
// (the server then looks the address up).

import { pinMap } from "./pin-map.js";

const box = document.getElementById("pin-map");
const config = JSON.parse(box.dataset.config);
const status = document.getElementById("pin-status");

pinMap(box, config, box.closest("form").elements, {
  onChosen() {
    status.textContent = config.strings.pin_set;
  },
});

document.documentElement.dataset.ready = "1";
