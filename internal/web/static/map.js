// The map of a list's results, loaded by site.js after Leaflet when the
// visitor asks for it. Markers are the cards on the page (their data-lat
// and data-lon), so the map shows exactly the listed results. Tiles come
// from the server's configured tile URL; without one the markers are drawn
// on a plain background, which works offline.
(function () {
  "use strict";
  var box = document.querySelector("[data-map-js]");
  if (!box || !window.L) { return; }
  var map = L.map(box, { scrollWheelZoom: false, worldCopyJump: true });
  var tiles = box.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: box.getAttribute("data-attribution") || "" }).addTo(map);
  }
  var points = [];
  document.querySelectorAll("[data-lat][data-lon]").forEach(function (card) {
    var lat = parseFloat(card.getAttribute("data-lat")), lon = parseFloat(card.getAttribute("data-lon"));
    var link = card.querySelector("h3 a");
    if (isNaN(lat) || isNaN(lon) || !link) { return; }
    // The popup is built as nodes with textContent: a title is the
    // tenant's text and never markup.
    var a = document.createElement("a");
    a.href = link.getAttribute("href");
    a.textContent = link.textContent;
    var marker = L.circleMarker([lat, lon], { radius: 8, weight: 2, color: "#1d4ed8", fillColor: "#3b82f6", fillOpacity: 0.8 });
    marker.bindPopup(a).bindTooltip(link.textContent).addTo(map);
    points.push([lat, lon]);
  });
  var lat = parseFloat(box.getAttribute("data-centre-lat")), lon = parseFloat(box.getAttribute("data-centre-lon"));
  if (!isNaN(lat) && !isNaN(lon)) {
    var r = parseFloat(box.getAttribute("data-radius-km")) * 1000;
    // Framed before the circle is drawn: a circle's own bounds need a map
    // that already has a view.
    map.fitBounds(L.latLng(lat, lon).toBounds(2 * r));
    L.circle([lat, lon], { radius: r, weight: 1, color: "#64748b", fill: false, interactive: false }).addTo(map);
  } else if (points.length > 0) {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 11 });
  } else {
    map.setView([20, 0], 1);
  }
  box.setAttribute("data-markers", String(points.length));
})();
