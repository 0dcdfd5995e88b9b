// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // The filter panel is sent folded, so phones paint it folded, results
  // first, with no layout shift; wide screens unfold it in CSS before the
  // first paint (::details-content). Opening it here too serves browsers
  // without that pseudo-element, and changes nothing for the others.
  var details = document.querySelector("[data-filters]");
  if (details && window.matchMedia("(min-width: 901px)").matches) {
    details.setAttribute("open", "");
  }
  // Filters and sort apply as soon as they change; the submit buttons stay
  // for keyboard users and for browsers without JavaScript.
  // Controls outside the search form point at it with form="search";
  // el.form is that form either way.
  document.querySelectorAll("[data-autosubmit]").forEach(function (box) {
    box.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t && t.form && (t.tagName === "SELECT" || t.type === "checkbox" || t.type === "radio")) {
        t.form.requestSubmit ? t.form.requestSubmit() : t.form.submit();
      }
    });
  });
  // Leave untouched filters out of the address, so a search reads
  // /careers/?q=go rather than a row of empty parameters.
  var search = document.getElementById("search");
  if (search) {
    search.addEventListener("formdata", function (ev) {
      var empty = [];
      ev.formData.forEach(function (v, k) { if (v === "") { empty.push(k); } });
      empty.forEach(function (k) { ev.formData.delete(k); });
    });
  }
  // Live list: the server tells an open list of new matching rows, and the
  // notice links to the list's first page, where they show.
  var notice = document.querySelector("[data-live]");
  if (notice && window.EventSource) {
    var stream = new EventSource(notice.getAttribute("data-live"));
    stream.addEventListener("open", function () { notice.setAttribute("data-live-open", ""); });
    stream.addEventListener("update", function (ev) {
      var u;
      try { u = JSON.parse(ev.data); } catch (e) { return; }
      var noun = notice.getAttribute("data-noun"), text;
      if (u.new > 0) {
        text = u.new === 1 ? "1 new " + noun + " matches – show it" : u.new + " new " + noun + "s match – show them";
      } else if (u.stale) {
        text = "This list has changed – refresh";
      } else {
        notice.hidden = true;
        return;
      }
      var a = document.createElement("a");
      a.href = notice.getAttribute("data-list");
      a.textContent = text;
      notice.replaceChildren(a);
      notice.hidden = false;
    });
  }
  // Disable a form's submit button once sent, so a double click sends once.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button[type=submit]");
      if (b) { b.disabled = true; b.textContent = "Sending…"; }
    });
  });
})();
