// Keyboard shortcuts and small conveniences for the moderation queue.
// Everything here is optional: every action is a plain form that works without JS.
(function () {
  "use strict";

  var awaitingReason = false;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("ol.items > li.item"));
  }
  function current() {
    return document.querySelector("li.item.is-selected");
  }
  function select(item, scroll) {
    var prev = current();
    if (prev) prev.classList.remove("is-selected");
    if (!item) return;
    item.classList.add("is-selected");
    if (scroll !== false) {
      item.scrollIntoView({ block: "nearest" });
      item.focus({ preventScroll: true });
    }
  }
  function move(step) {
    var list = items();
    if (!list.length) return;
    var at = list.indexOf(current());
    var next = at < 0 ? 0 : Math.min(Math.max(at + step, 0), list.length - 1);
    select(list[next]);
  }
  function nextUndecided(from) {
    var list = items();
    var at = list.indexOf(from);
    for (var i = at + 1; i < list.length; i++) {
      if (!list[i].classList.contains("decided")) return list[i];
    }
    return null;
  }
  function toast(text) {
    var box = document.getElementById("toast");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, 4000);
  }
  function closeMenus(except) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (d !== except) d.open = false;
    });
    awaitingReason = false;
  }
  function click(item, selector) {
    var el = item && item.querySelector(selector);
    if (el) el.click();
    return !!el;
  }
  function updateCount() {
    var n = document.querySelectorAll('input[name="case_ids"][form="bulk-form"]:checked').length;
    var out = document.querySelector("[data-selected-count]");
    if (out) out.textContent = String(n);
  }
  function helpDialog() {
    return document.getElementById("help");
  }
  function toggleHelp() {
    var dialog = helpDialog();
    if (!dialog) return;
    if (dialog.open) dialog.close(); else dialog.showModal();
  }
  function lastUndo() {
    return document.querySelector("li.item.decided [data-undo]") ||
      document.querySelector("[data-undo-recent]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var dialog = helpDialog();
    if (dialog && dialog.open && event.key !== "?") return;
    var item = current();
    var key = event.key;

    if (awaitingReason && /^[1-6]$/.test(key)) {
      event.preventDefault();
      awaitingReason = false;
      click(item, 'details.reject-menu button[data-reason="' + key + '"]');
      return;
    }
    switch (key) {
      case "j": event.preventDefault(); closeMenus(); move(1); break;
      case "k": event.preventDefault(); closeMenus(); move(-1); break;
      case "a": event.preventDefault(); closeMenus(); click(item, 'button[data-key="a"]'); break;
      case "r": {
        if (!item) break;
        event.preventDefault();
        var menu = item.querySelector("details.reject-menu");
        if (!menu) break;
        closeMenus(menu);
        menu.open = true;
        awaitingReason = true;
        break;
      }
      case "b": event.preventDefault(); closeMenus(); click(item, 'button[data-key="b"]'); break;
      case "s": event.preventDefault(); closeMenus(); click(item, 'button[data-key="s"]'); break;
      case "x": {
        if (!item) break;
        event.preventDefault();
        var box = item.querySelector('input[name="case_ids"]');
        if (box) {
          box.checked = !box.checked;
          item.classList.toggle("is-checked", box.checked);
          updateCount();
        }
        break;
      }
      case "o": if (item) { event.preventDefault(); click(item, "a.view-link"); } break;
      case "u": {
        var undo = lastUndo();
        if (undo) { event.preventDefault(); undo.click(); } else { toast("Nothing to undo."); }
        break;
      }
      case "?": event.preventDefault(); closeMenus(); toggleHelp(); break;
      case "Escape": closeMenus(); break;
      default: break;
    }
  });

  document.addEventListener("click", function (event) {
    var confirmer = event.target.closest("[data-confirm]");
    if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.target.closest("[data-help]")) { toggleHelp(); return; }
    var item = event.target.closest("li.item");
    if (item) select(item, false);
    var open = event.target.closest("details.menu");
    closeMenus(open);
  }, true);

  document.addEventListener("change", function (event) {
    if (event.target.matches('input[name="case_ids"]')) {
      var item = event.target.closest("li.item");
      if (item) item.classList.toggle("is-checked", event.target.checked);
      updateCount();
    }
  });

  // After an item is swapped (decided or undone), keep the keyboard flow going. The old
  // element leaves the page with the swap, so follow the new one through htmx:load.
  var pendingId = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var item = event.target.closest && event.target.closest("li.item");
    pendingId = item ? item.id : null;
  });
  document.addEventListener("htmx:load", function (event) {
    var item = event.target;
    if (!pendingId || !item.matches || !item.matches("li.item") || item.id !== pendingId) return;
    pendingId = null;
    if (item.classList.contains("decided")) {
      select(nextUndecided(item) || item);
    } else {
      select(item);
    }
    updateCount();
  });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    toast((xhr && xhr.responseText && xhr.responseText.length < 300) ? xhr.responseText : "That did not work; reload the page.");
  });

  document.addEventListener("DOMContentLoaded", function () {
    var first = items().filter(function (i) { return !i.classList.contains("decided"); })[0];
    if (first) select(first, false);
    updateCount();
  });
})();
