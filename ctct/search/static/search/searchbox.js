// The search box in the header (ctct/search): htmx brings the first results as the user
// types; this file makes them a keyboard-usable combobox. Arrow keys move through the
// suggestions, Enter opens the one chosen (or, with none chosen, the results page: the box is
// an ordinary GET form, which is also all there is without JavaScript), Escape closes them.
(function () {
  "use strict";
  if (window.ctctSearchBox) return;
  window.ctctSearchBox = true;

  function parts(el) {
    var root = el && el.closest ? el.closest("[data-searchbox]") : null;
    if (!root) return null;
    return {
      root: root,
      input: root.querySelector("[data-searchbox-input]"),
      list: root.querySelector("[data-searchbox-list]"),
    };
  }

  function options(p) {
    return Array.prototype.slice.call(p.list.querySelectorAll("[role=option]"));
  }

  function show(p, open) {
    p.list.hidden = !open;
    p.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) {
      p.input.removeAttribute("aria-activedescendant");
      options(p).forEach(function (o) { o.setAttribute("aria-selected", "false"); });
    }
  }

  function activate(p, index) {
    var opts = options(p);
    if (!opts.length) return;
    index = (index + opts.length) % opts.length;
    opts.forEach(function (o, i) {
      o.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    p.input.setAttribute("aria-activedescendant", opts[index].id);
    opts[index].scrollIntoView({ block: "nearest" });
  }

  function open(option) {
    var link = option.querySelector("a[href]");
    if (link) window.location.assign(link.getAttribute("href"));
  }

  // Suggestions arrived: number the options for aria-activedescendant and open the list.
  document.addEventListener("htmx:afterSwap", function (e) {
    var p = parts(e.detail.target);
    if (!p || e.detail.target !== p.list) return;
    options(p).forEach(function (o, i) {
      o.id = p.list.id + "-" + i;
      o.setAttribute("aria-selected", "false");
    });
    show(p, p.list.children.length > 0 && p.input.value.trim() !== "");
  });

  document.addEventListener("input", function (e) {
    if (!e.target.matches || !e.target.matches("[data-searchbox-input]")) return;
    var p = parts(e.target);
    if (!e.target.value.trim()) show(p, false);
  });

  document.addEventListener("keydown", function (e) {
    if (!e.target.matches || !e.target.matches("[data-searchbox-input]")) return;
    var p = parts(e.target);
    var opts = options(p);
    var current = p.list.querySelector("[role=option][aria-selected=true]");
    var index = current ? opts.indexOf(current) : -1;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!opts.length) return;
      e.preventDefault();
      show(p, true);
      activate(p, e.key === "ArrowDown" ? index + 1 : index < 0 ? -1 : index - 1);
    } else if (e.key === "Enter") {
      if (!p.list.hidden && current) {
        e.preventDefault(); // open the suggestion, not the results page
        open(current);
      }
    } else if (e.key === "Escape") {
      if (!p.list.hidden) {
        e.preventDefault();
        show(p, false);
      }
    }
  });

  // "/" from anywhere outside a text field puts the cursor in the box.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var input = document.querySelector("[data-searchbox-input]");
    if (!input) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  document.addEventListener("focusout", function (e) {
    var p = parts(e.target);
    if (!p || (e.relatedTarget && p.root.contains(e.relatedTarget))) return;
    window.setTimeout(function () {
      if (!p.root.contains(document.activeElement)) show(p, false);
    }, 150);
  });
})();
