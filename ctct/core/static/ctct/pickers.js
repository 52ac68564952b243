// Searchable pickers (ctct/core/pickers.py): htmx fetches the suggestions as the user types;
// this file makes them a keyboard-usable combobox and puts the chosen id in the hidden input.
// Without it the form still works: the typed text is searched when the form is posted.
(function () {
  "use strict";
  if (window.ctctPickers) return;
  window.ctctPickers = true;

  function parts(el) {
    var root = el && el.closest ? el.closest("[data-picker]") : null;
    if (!root) return null;
    return {
      root: root,
      input: root.querySelector("[data-picker-input]"),
      value: root.querySelector("[data-picker-value]"),
      list: root.querySelector(".picker-list"),
    };
  }

  function options(p) {
    return Array.prototype.slice.call(p.list.querySelectorAll("[role=option]"));
  }

  function show(p, open) {
    p.list.hidden = !open;
    p.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) p.input.removeAttribute("aria-activedescendant");
  }

  function active(p) {
    return p.list.querySelector("[role=option][aria-selected=true]");
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

  // A multiple picker keeps each choice as a ticked box (untick to drop it).
  function addChosen(p, option) {
    var chosen = p.root.querySelector("[data-picker-chosen]");
    var id = option.getAttribute("data-id");
    var name = p.root.getAttribute("data-picker-multiple");
    var existing = chosen.querySelector("input[value='" + id.replace(/\D/g, "") + "']");
    if (existing) {
      existing.checked = true;
    } else {
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = id;
      box.checked = true;
      var text = document.createElement("span");
      text.textContent = option.getAttribute("data-label");
      label.appendChild(box);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(text);
      var detail = option.getAttribute("data-detail");
      if (detail) {
        var small = document.createElement("small");
        small.textContent = detail;
        label.appendChild(document.createTextNode(" "));
        label.appendChild(small);
      }
      li.appendChild(label);
      chosen.appendChild(li);
    }
    p.input.value = "";
    p.list.innerHTML = "";
    show(p, false);
  }

  function choose(p, option) {
    if (!p.value) {
      addChosen(p, option);
      return;
    }
    p.value.value = option.getAttribute("data-id");
    p.input.value = option.getAttribute("data-label");
    var detail = p.root.querySelector("[data-picker-detail]");
    if (detail) detail.textContent = option.getAttribute("data-detail") || "";
    show(p, false);
    p.value.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Suggestions arrived: give each option an id for aria-activedescendant and open the list.
  document.addEventListener("htmx:afterSwap", function (e) {
    var p = parts(e.detail.target);
    if (!p || e.detail.target !== p.list) return;
    options(p).forEach(function (o, i) {
      o.id = p.list.id + "-" + i;
      o.setAttribute("aria-selected", "false");
    });
    show(p, p.list.children.length > 0 && p.input.value.trim() !== "");
  });

  // Typing makes the earlier choice void until a suggestion is chosen again.
  document.addEventListener("input", function (e) {
    if (!e.target.matches || !e.target.matches("[data-picker-input]")) return;
    var p = parts(e.target);
    if (p.value) p.value.value = "";
    var detail = p.root.querySelector("[data-picker-detail]");
    if (detail) detail.textContent = "";
    if (!e.target.value.trim()) show(p, false);
  });

  document.addEventListener("keydown", function (e) {
    if (!e.target.matches || !e.target.matches("[data-picker-input]")) return;
    var p = parts(e.target);
    var opts = options(p);
    var current = active(p);
    var index = current ? opts.indexOf(current) : -1;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!opts.length) return;
      e.preventDefault();
      show(p, true);
      activate(p, e.key === "ArrowDown" ? index + 1 : index < 0 ? -1 : index - 1);
    } else if (e.key === "Enter") {
      if (!p.list.hidden && current) {
        e.preventDefault(); // choose, do not submit the form
        choose(p, current);
      }
    } else if (e.key === "Escape") {
      if (!p.list.hidden) {
        e.preventDefault();
        show(p, false);
      }
    }
  });

  // A mouse choice: keep the focus in the box, then choose.
  document.addEventListener("mousedown", function (e) {
    var option = e.target.closest && e.target.closest(".picker-list [role=option]");
    if (option && !option.querySelector("input")) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    var option = e.target.closest && e.target.closest(".picker-list [role=option]");
    if (!option) return;
    var p = parts(option);
    var radio = option.querySelector("input[type=radio]");
    if (radio) radio.checked = true;
    // A server-listed candidate of a multiple picker: the ticked box is the choice itself.
    if (option.querySelector("input[type=checkbox]")) return;
    choose(p, option);
  });

  document.addEventListener("focusout", function (e) {
    var p = parts(e.target);
    if (!p || (e.relatedTarget && p.root.contains(e.relatedTarget))) return;
    window.setTimeout(function () {
      if (!p.root.contains(document.activeElement)) show(p, false);
    }, 150);
  });
})();
