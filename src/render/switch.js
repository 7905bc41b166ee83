// The language switcher keeps the reader at the same question: the n-th
// question of this page is the n-th of its translation, whatever each
// heading's id is in that language. Without the script the switcher's
// links still go to the translation, at its top.
(function () {
  "use strict";
  function questions() {
    return Array.prototype.slice.call(document.querySelectorAll("section.question[id]"));
  }
  var arrived = /^#question=(\d+)$/.exec(location.hash);
  if (arrived) {
    var target = questions()[Number(arrived[1]) - 1];
    if (target) {
      history.replaceState(null, "", "#" + target.id);
      // At once, as the browser does for an address's own fragment,
      // even where the theme scrolls smoothly.
      target.scrollIntoView({ behavior: "instant" });
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link || !link.closest("[data-languages]")) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var n = questions().findIndex(function (q) { return q.id === id; });
    if (n >= 0) link.href = link.href.split("#")[0] + "#question=" + (n + 1);
  });
})();
