// Behaviour of the pages, kept out of the HTML so the Content-Security-Policy can refuse every
// inline script and style (script-src 'self', style-src 'self').
(function () {
  "use strict";

  // Bars and indents: the width or indent is in a data attribute; a style attribute in the
  // markup would be an inline style, while setting it here through the DOM is allowed.
  function applySizes(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, parseFloat(el.dataset.width) || 0)) + "%";
    });
    root.querySelectorAll("[data-indent]").forEach(function (el) {
      el.style.marginLeft = Math.max(0, parseFloat(el.dataset.indent) || 0) + "rem";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { applySizes(document); });
  document.addEventListener("htmx:load", function (event) { applySizes(event.detail.elt); });

  // <select data-autosubmit>: choosing sends its form (the language switch).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.submit();
    }
  });

  // <button data-toggle-kids>: opens and closes the subordinate bodies under a tree node.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-toggle-kids]");
    if (!button) return;
    button.classList.toggle("open");
    var kids = button.parentElement.querySelector(".kids");
    if (kids) kids.toggleAttribute("hidden", !button.classList.contains("open"));
  });
})();
