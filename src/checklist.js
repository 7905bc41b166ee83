// faqpress checklist. Without JavaScript the stylesheet shows the verdict
// that fits the ticked boxes, but screen readers are never told it
// changed. Here the same verdict is also written into the status region,
// which is in the page from the start, so it is announced on each tick.
(() => {
  "use strict";
  for (const form of document.querySelectorAll(".checklist form")) {
    const status = form.querySelector("[role=status]");
    if (!status) continue;
    const ticked = (selector) => form.querySelector(selector + " :checked");
    form.addEventListener("change", () => {
      // The decision rule: anything that rules it out wins, then anything
      // to ask a professional about; otherwise every tick is a good sign.
      const verdict = ticked(".kind-bad")
        ? "rules-out"
        : ticked(".kind-ask")
          ? "ask"
          : ticked("li")
            ? "good"
            : "empty";
      const text = form.querySelector(".verdict-" + verdict);
      status.textContent = text ? text.textContent : "";
    });
  }
})();
