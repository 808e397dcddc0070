// Opening hours in the offer form: a "weitere Zeit" button per day adds one more empty slot.
// Without JavaScript each day has one empty slot to fill in per saving.

export function moreTimeSlots(form) {
  for (const day of form.querySelectorAll(".hours-day")) {
    const button = day.querySelector(".add-slot");
    button.hidden = false;
    button.addEventListener("click", () => {
      const slots = day.querySelector(".slots");
      const copy = slots.lastElementChild.cloneNode(true);
      for (const input of copy.querySelectorAll("input")) {
        input.value = "";
      }
      slots.append(copy);
      copy.querySelector("input").focus();
    });
  }
}
