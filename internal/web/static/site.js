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
  // The map of a list's results is fetched only when asked for, so it
  // costs the list's first paint nothing: the button shows and hides the
  // box, and its first press loads Leaflet and map.js.
  var mapButton = document.querySelector("[data-map-toggle]");
  if (mapButton) {
    var mapBox = document.getElementById(mapButton.getAttribute("aria-controls"));
    mapButton.hidden = false;
    mapButton.addEventListener("click", function () {
      var open = mapButton.getAttribute("aria-expanded") !== "true";
      mapButton.setAttribute("aria-expanded", String(open));
      mapButton.textContent = open ? "Hide map" : "Show map";
      mapBox.hidden = !open;
      if (!open || mapBox.hasAttribute("data-requested")) { return; }
      mapBox.setAttribute("data-requested", "");
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = mapBox.getAttribute("data-leaflet-css");
      document.head.appendChild(css);
      [mapBox.getAttribute("data-leaflet-js"), mapBox.getAttribute("data-map-js")].reduce(function (prev, src) {
        return prev.then(function () {
          return new Promise(function (ok, fail) {
            var s = document.createElement("script");
            s.src = src;
            s.onload = ok;
            s.onerror = fail;
            document.head.appendChild(s);
          });
        });
      }, Promise.resolve()).catch(function () {
        mapBox.textContent = "The map could not be loaded.";
      });
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
