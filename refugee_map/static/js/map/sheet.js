// On a phone the result panel is a sheet over the map, in three sizes: "peek" (the count),
// "half" (the first cards, the map above them) and "full". Its handle changes the size by
// click (the next size, round), by the arrow keys and by dragging; aria-expanded says whether
// more than the count shows. On wide screens the panel is a column and the handle is hidden.

const SIZES = ["peek", "half", "full"];
const PHONE = window.matchMedia("(max-width: 47.99em)");
const DRAGGED_PX = 8; // a pointer that moved less than this clicked

export class Sheet {
  constructor(layout, panel, handle) {
    Object.assign(this, { layout, panel, handle });
    this.body = document.getElementById(handle.getAttribute("aria-controls"));
    layout.classList.add("has-sheet");
    handle.hidden = false;
    this.set("half");
    handle.addEventListener("click", () => {
      if (!this.dragged) this.set(SIZES[(SIZES.indexOf(this.size) + 1) % SIZES.length]);
    });
    handle.addEventListener("keydown", (event) => this.onKey(event));
    handle.addEventListener("pointerdown", (event) => this.drag(event));
    // A keyboard user tabbing into a peeking sheet sees where the focus went.
    panel.addEventListener("focusin", (event) => {
      if (event.target !== handle && this.size === "peek" && PHONE.matches) this.set("half");
    });
  }

  set(size) {
    this.size = size;
    this.layout.dataset.sheet = size;
    this.handle.setAttribute("aria-expanded", String(size !== "peek"));
    if (size === "peek") this.body.scrollTop = 0; // the count, at the top, is what peeks
  }

  /** Make room for the map (a phone only): the sheet shows just the count. */
  lower() {
    if (PHONE.matches) this.set("peek");
  }

  /** Leaflet's fitBounds options that keep what is fitted clear of the sheet. */
  fitOptions() {
    const covered = this.layout.querySelector(".map").getBoundingClientRect().bottom;
    const below = covered - this.panel.getBoundingClientRect().top;
    return PHONE.matches && below > 0 ? { paddingBottomRight: [0, below] } : {};
  }

  onKey(event) {
    const step = { ArrowUp: 1, ArrowDown: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const index = Math.min(SIZES.length - 1, Math.max(0, SIZES.indexOf(this.size) + step));
    this.set(SIZES[index]);
  }

  /** Follow the pointer while it drags the handle; on release take the nearest size. */
  drag(start) {
    const startHeight = this.panel.getBoundingClientRect().height;
    this.dragged = false;
    this.handle.setPointerCapture(start.pointerId);
    const move = (event) => {
      const rise = start.clientY - event.clientY;
      if (Math.abs(rise) >= DRAGGED_PX) this.dragged = true;
      if (this.dragged) this.panel.style.height = `${startHeight + rise}px`;
    };
    const release = () => {
      this.handle.removeEventListener("pointermove", move);
      const height = this.panel.getBoundingClientRect().height;
      this.panel.style.height = "";
      if (this.dragged) this.set(this.nearest(height));
    };
    this.handle.addEventListener("pointermove", move);
    this.handle.addEventListener("lostpointercapture", release, { once: true });
  }

  /** The size whose height is nearest to `height` (px). */
  nearest(height) {
    const heights = SIZES.map((size) => {
      this.layout.dataset.sheet = size;
      return Math.abs(this.panel.getBoundingClientRect().height - height);
    });
    return SIZES[heights.indexOf(Math.min(...heights))];
  }
}
