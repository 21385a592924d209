/* Marsad dashboard: map, weekly timeline, table and event view over the Marsad HTTP API.
   No external library but the vendored Leaflet; every text from the API is inserted as text, never as HTML. */
(function () {
  "use strict";

  var PAGE = 500;          // the API's largest page
  var MAX_EVENTS = 5000;   // events drawn at most (the rest can be loaded with "Load more")
  var TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Strategic developments": "#2c7fb8",
    "Protests": "#27ae60",
    "Riots": "#7f8c8d"
  };
  var OTHER_COLOR = "#555555";
  var SAHEL_BOUNDS = [[9.4, -12.3], [23.6, 16.0]];  // Mali, Burkina Faso and Niger

  var state = { events: [], nextCursor: null, markers: null, map: null, selected: null, config: {} };

  function $(sel) { return document.querySelector(sel); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function setStatus(msg, isError) {
    var s = $("#status");
    s.textContent = msg || "";
    s.className = isError ? "error" : "";
  }
  function colorOf(type) { return TYPE_COLORS[type] || OTHER_COLOR; }
  function radiusOf(fat) {
    var n = typeof fat === "number" && fat > 0 ? fat : 0;
    return 4 + Math.min(22, 3 * Math.sqrt(n));
  }

  function apiHeaders() {
    var key = sessionStorage.getItem("marsad-api-key");
    return key ? { "X-API-Key": key } : {};
  }
  function getJSON(url) {
    return fetch(url, { headers: apiHeaders() }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (body) {
        if (!resp.ok) {
          if (resp.status === 401 || resp.status === 403) { $("#key-box").hidden = false; }
          var err = body && body.error ? body.error : { status: resp.status, message: resp.statusText };
          throw new Error(err.status + " " + err.message);
        }
        return body;
      });
    });
  }

  function filterParams() {
    var form = $("#filters");
    var params = new URLSearchParams();
    ["from", "to", "country", "event_type", "actor", "min_fatalities", "q"].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v !== "") { params.set(name, v); }
    });
    return params;
  }

  /* ---- map ---- */
  function initMap() {
    var map = L.map("map", { preferCanvas: false, zoomSnap: 0.25 });
    map.fitBounds(SAHEL_BOUNDS);
    state.map = map;
    if (state.config.tile_url) {
      L.tileLayer(state.config.tile_url, { maxZoom: 12, attribution: state.config.tile_attribution || "" }).addTo(map);
    }
    getJSON("basemap.geojson").then(function (geo) {
      L.geoJSON(geo, {
        interactive: false,
        style: function (f) {
          var p = f.properties || {};
          if (p.kind === "admin1") {
            return { color: "#7a7a7a", weight: 0.8, dashArray: "3 3", fill: false };
          }
          return p.focus ? { color: "#444", weight: 1.5, fillColor: "#f3efe4", fillOpacity: 1 }
                         : { color: "#999", weight: 1, fillColor: "#e6e3da", fillOpacity: 1 };
        }
      }).addTo(map);
      if (state.markers) { state.markers.bringToFront(); }
      $("#attribution").textContent = geo.attribution || "";
    }).catch(function (e) { setStatus("basemap: " + e.message, true); });
    state.markers = L.featureGroup().addTo(map);
    var legend = $("#legend");
    Object.keys(TYPE_COLORS).forEach(function (t) {
      var row = el("div");
      var dot = el("i");
      dot.style.background = TYPE_COLORS[t];
      row.appendChild(dot);
      row.appendChild(document.createTextNode(t));
      legend.appendChild(row);
    });
  }

  function drawMarkers() {
    state.markers.clearLayers();
    state.events.forEach(function (ev) {
      if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") { return; }
      var m = L.circleMarker([ev.latitude, ev.longitude], {
        radius: radiusOf(ev.fatalities),
        color: "#222", weight: 0.6,
        fillColor: colorOf(ev.event_type), fillOpacity: 0.75,
        className: "event-marker"
      });
      m.bindTooltip((ev.event_date || ev.day || "?") + " · " + (ev.sub_event_type || ev.event_type || "event") +
        " · " + (ev.location || "") + " · deaths: " + (ev.fatalities === null ? "?" : ev.fatalities));
      m.on("click", function () { openEvent(ev.id); });
      m.addTo(state.markers);
    });
  }

  /* ---- timeline ---- */
  function weekStart(iso) {
    var d = new Date(iso + "T00:00:00Z");
    if (isNaN(d)) { return null; }
    var dow = (d.getUTCDay() + 6) % 7; // Monday = 0
    d.setUTCDate(d.getUTCDate() - dow);
    return d;
  }
  function isoDay(d) { return d.toISOString().slice(0, 10); }

  function drawTimeline() {
    var box = $("#timeline");
    box.textContent = "";
    var counts = {};
    var first = null, last = null;
    state.events.forEach(function (ev) {
      var w = weekStart(ev.event_date || ev.day || "");
      if (!w) { return; }
      var k = isoDay(w);
      counts[k] = (counts[k] || 0) + 1;
      if (!first || w < first) { first = w; }
      if (!last || w > last) { last = w; }
    });
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 600 110");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "events per week");
    box.appendChild(svg);
    if (!first) { return; }
    var weeks = [];
    for (var d = new Date(first); d <= last && weeks.length < 520; d.setUTCDate(d.getUTCDate() + 7)) {
      weeks.push(isoDay(d));
    }
    var max = 1;
    weeks.forEach(function (k) { max = Math.max(max, counts[k] || 0); });
    var w = 600 / weeks.length;
    weeks.forEach(function (k, i) {
      var n = counts[k] || 0;
      var h = n ? Math.max(2, (n / max) * 90) : 0;
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("class", "bar");
      r.setAttribute("x", String(i * w + w * 0.1));
      r.setAttribute("width", String(Math.max(0.5, w * 0.8)));
      r.setAttribute("y", String(95 - h));
      r.setAttribute("height", String(h));
      r.setAttribute("data-week", k);
      r.setAttribute("data-count", String(n));
      var t = document.createElementNS(NS, "title");
      t.textContent = "week of " + k + ": " + n + " event" + (n === 1 ? "" : "s");
      r.appendChild(t);
      r.addEventListener("click", function () {
        var end = new Date(k + "T00:00:00Z");
        end.setUTCDate(end.getUTCDate() + 6);
        $("#f-from").value = k;
        $("#f-to").value = isoDay(end);
        load();
      });
      svg.appendChild(r);
    });
    [weeks[0], weeks[weeks.length - 1]].forEach(function (k, i) {
      var lab = document.createElementNS(NS, "text");
      lab.setAttribute("x", i ? "598" : "2");
      lab.setAttribute("y", "107");
      lab.setAttribute("text-anchor", i ? "end" : "start");
      lab.textContent = k;
      svg.appendChild(lab);
    });
  }

  /* ---- table ---- */
  function actorsOf(ev) {
    return [ev.actor1, ev.actor2].filter(function (a) { return a; }).join(" vs ");
  }
  function drawTable() {
    var body = $("#events tbody");
    body.textContent = "";
    state.events.forEach(function (ev) {
      var tr = el("tr", { "data-id": String(ev.id) });
      tr.appendChild(el("td", { "class": "date" }, ev.event_date || ev.day || ""));
      var type = el("td", { "title": ev.event_type || "" });
      var sw = el("span", { "class": "swatch" });
      sw.style.background = colorOf(ev.event_type);
      type.appendChild(sw);
      type.appendChild(document.createTextNode(ev.sub_event_type || ev.event_type || ""));
      tr.appendChild(type);
      tr.appendChild(el("td", null, [ev.location, ev.country].filter(Boolean).join(", ")));
      tr.appendChild(el("td", null, ev.admin1 || ""));
      tr.appendChild(el("td", null, actorsOf(ev)));
      tr.appendChild(el("td", { "class": "num" }, ev.fatalities === null || ev.fatalities === undefined ? "?" : ev.fatalities));
      tr.addEventListener("click", function () { openEvent(ev.id); });
      body.appendChild(tr);
    });
    $("#count").textContent = "(" + state.events.length + (state.nextCursor ? "+" : "") + ")";
    $("#more").hidden = !state.nextCursor;
  }

  function redraw() { drawMarkers(); drawTimeline(); drawTable(); }

  /* ---- loading ---- */
  var generation = 0;
  function fetchPages(params, cursor, budget, gen) {
    var p = new URLSearchParams(params);
    p.set("limit", String(PAGE));
    if (cursor) { p.set("cursor", cursor); }
    return getJSON("events?" + p.toString()).then(function (page) {
      if (gen !== generation) { return; }
      Array.prototype.push.apply(state.events, page.items || []);
      state.nextCursor = page.next_cursor || null;
      var left = budget - (page.items || []).length;
      if (state.nextCursor && left > 0) { return fetchPages(params, state.nextCursor, left, gen); }
    });
  }
  function load() {
    generation += 1;
    var gen = generation;
    state.events = [];
    state.nextCursor = null;
    state.params = filterParams();
    setStatus("loading…");
    document.body.setAttribute("data-loading", "true");
    return fetchPages(state.params, null, MAX_EVENTS, gen).then(function () {
      if (gen !== generation) { return; }
      redraw();
      setStatus(state.events.length + " event(s)" + (state.nextCursor ? " shown; more match the filters" : ""));
    }).catch(function (e) {
      setStatus("could not load events: " + e.message, true);
    }).then(function () {
      if (gen === generation) { document.body.setAttribute("data-loading", "false"); }
    });
  }
  function loadMore() {
    if (!state.nextCursor) { return; }
    var gen = generation;
    fetchPages(state.params, state.nextCursor, MAX_EVENTS, gen).then(function () { if (gen === generation) { redraw(); } })
      .catch(function (e) { setStatus("could not load events: " + e.message, true); });
  }

  /* ---- event view ---- */
  function segmentsOf(text, spans) {
    // Split the text at every span boundary; each piece carries the spans covering it.
    var cuts = [0, text.length];
    spans.forEach(function (s) {
      if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.push(s.start, s.end); }
    });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var pieces = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var cover = spans.filter(function (s) { return s.start <= a && s.end >= b && s.start < s.end; });
      pieces.push({ start: a, end: b, spans: cover });
    }
    return pieces;
  }

  function renderSource(doc, eventId) {
    var box = $("#source");
    box.textContent = "";
    var text = doc.text || "";
    var spans = (doc.evidence || []).filter(function (s) { return s.event_id === undefined || s.event_id === eventId; });
    var others = (doc.evidence || []).filter(function (s) { return s.event_id !== undefined && s.event_id !== eventId; });
    segmentsOf(text, spans.concat(others)).forEach(function (piece) {
      var chunk = text.slice(piece.start, piece.end);
      if (!piece.spans.length) { box.appendChild(document.createTextNode(chunk)); return; }
      var mine = piece.spans.filter(function (s) { return spans.indexOf(s) >= 0; });
      var fields = (mine.length ? mine : piece.spans).map(function (s) { return s.field; })
        .filter(function (v, i, a) { return a.indexOf(v) === i; });
      var mark = el("mark", { "title": fields.join(", "), "data-field": fields.join(" ") }, chunk);
      mark.className = mine.length ? fields.map(function (f) { return "f-" + f; }).join(" ") : "other";
      box.appendChild(mark);
    });
    var first = box.querySelector("mark:not(.other)");
    if (first && first.scrollIntoView) { first.scrollIntoView({ block: "nearest" }); }
  }

  function renderFields(ev) {
    var dl = $("#ev-fields");
    dl.textContent = "";
    var rows = [
      ["date", ev.event_date || ((ev.date_min || "?") + " – " + (ev.date_max || "?"))],
      ["status", ev.status], ["type", ev.event_type], ["sub-type", ev.sub_event_type],
      ["actor 1", ev.actor1], ["actor 2", ev.actor2],
      ["place", [ev.location, ev.admin2, ev.admin1, ev.country].filter(Boolean).join(", ")],
      ["lat/lon", typeof ev.latitude === "number" ? ev.latitude.toFixed(3) + ", " + ev.longitude.toFixed(3) : ""],
      ["fatalities", ev.fatalities === null ? "unknown" : ev.fatalities],
      ["sources", (ev.sources || []).map(function (x) { return x.doc_id + (x.outlet ? " (" + x.outlet + ")" : ""); }).join(", ")], ["cluster", ev.cluster_id]
    ];
    rows.forEach(function (r) {
      dl.appendChild(el("dt", null, r[0]));
      var dd = el("dd");
      dd.appendChild(el("bdi", null, r[1] === undefined || r[1] === null ? "" : r[1]));
      dl.appendChild(dd);
    });
  }

  function renderClaims(ev) {
    var body = $("#claims tbody");
    body.textContent = "";
    (ev.claims || []).forEach(function (c) {
      var tr = el("tr");
      tr.appendChild(el("td", null, c.claimant || "—"));
      tr.appendChild(el("td", { "class": "num" }, c.killed === null || c.killed === undefined ? "" : c.killed));
      tr.appendChild(el("td", { "class": "num" }, c.injured === null || c.injured === undefined ? "" : c.injured));
      tr.appendChild(el("td", { "class": "quote", "dir": "rtl", "lang": "ar" }, c.quote || ""));
      body.appendChild(tr);
    });
    if (!(ev.claims || []).length) {
      var tr = el("tr");
      tr.appendChild(el("td", { "colspan": "4" }, "no claim"));
      body.appendChild(tr);
    }
    var list = $("#evidence-list");
    list.textContent = "";
    (ev.evidence || []).forEach(function (e) {
      var li = el("li", null, e.field + " [" + e.start + "–" + e.end + "] ");
      li.appendChild(el("q", { "dir": "rtl", "lang": "ar" }, e.text || ""));
      list.appendChild(li);
    });
  }

  function openEvent(id) {
    state.selected = id;
    Array.prototype.forEach.call(document.querySelectorAll("#events tbody tr"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-id") === String(id));
    });
    var view = $("#event-view");
    getJSON("events/" + encodeURIComponent(id)).then(function (ev) {
      if (state.selected !== id) { return; }
      $("#ev-title").textContent = (ev.sub_event_type || ev.event_type || "Event") + " — " +
        (ev.location || ev.country || "") + " — " + (ev.event_date || "");
      $("#ev-doc").textContent = ev.doc_id ? "(" + ev.doc_id + ")" : "";
      renderFields(ev);
      renderClaims(ev);
      view.hidden = false;
      view.setAttribute("data-event-id", String(id));
      return getJSON("documents/" + encodeURIComponent(ev.doc_id)).then(function (doc) {
        if (state.selected !== id) { return; }
        renderSource(doc, id);
        view.setAttribute("data-ready", "true");
        view.scrollIntoView({ block: "start" });
      });
    }).catch(function (e) { setStatus("could not open event: " + e.message, true); });
  }

  /* ---- wiring ---- */
  function start() {
    $("#filters").addEventListener("submit", function (e) { e.preventDefault(); load(); });
    $("#filters").addEventListener("reset", function () { setTimeout(load, 0); });
    $("#more").addEventListener("click", loadMore);
    $("#ev-close").addEventListener("click", function () {
      $("#event-view").hidden = true;
      state.selected = null;
    });
    $("#api-key").addEventListener("change", function (e) {
      sessionStorage.setItem("marsad-api-key", e.target.value);
      load();
    });
    getJSON("config.json").catch(function () { return {}; }).then(function (cfg) {
      state.config = cfg || {};
      if (state.config.reads_open === false && !sessionStorage.getItem("marsad-api-key")) { $("#key-box").hidden = false; }
      initMap();
      load();
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
