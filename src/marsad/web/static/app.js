/* Marsad dashboard: map, weekly timeline, table and event view over the Marsad HTTP API.
   No external library but the vendored Leaflet; every text from the API is inserted as text, never as HTML. */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
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

  var state = { events: [], nextCursor: null, markers: null, map: null, selected: null, config: {}, actors: {},
                admin1Deaths: {}, admin1Layer: null, cluster: null };

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

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function actorName(id) {
    var a = state.actors[id];
    return a && a.name ? a.name : (id || "");
  }
  function actorNode(id) {  // the ACLED name, the Arabic name on hover
    var a = state.actors[id];
    var span = el("span", { "class": "actor", "data-actor": id || "" }, actorName(id));
    if (a && a.ar) { span.setAttribute("title", a.ar); }
    return span;
  }
  function deathsText(c) {
    if (c.fatalities === null || c.fatalities === undefined) { return "?"; }
    var lo = c.fatalities_min, hi = c.fatalities_max;
    if (typeof lo === "number" && typeof hi === "number" && (lo !== c.fatalities || hi !== c.fatalities)) {
      return c.fatalities + " (" + lo + "–" + hi + ")";
    }
    return String(c.fatalities);
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
      L.geoJSON({ type: "FeatureCollection", features: geo.features.filter(function (f) {
        return (f.properties || {}).kind !== "admin1"; }) }, {
        interactive: false,
        style: function (f) {
          var p = f.properties || {};
          return p.focus ? { color: "#444", weight: 1.5, fillColor: "#f3efe4", fillOpacity: 1 }
                         : { color: "#999", weight: 1, fillColor: "#e6e3da", fillOpacity: 1 };
        }
      }).addTo(map);
      state.admin1Layer = L.geoJSON({ type: "FeatureCollection", features: geo.features.filter(function (f) {
        return (f.properties || {}).kind === "admin1"; }) }, {
        interactive: true,
        style: admin1Style,
        onEachFeature: function (f, layer) {
          layer.on("add", function () {
            var path = layer.getElement && layer.getElement();
            if (path) { path.setAttribute("data-admin1", f.properties.name); path.classList.add("admin1"); }
          });
          layer.bindTooltip(function () {
            return f.properties.name + ": " + (state.admin1Deaths[admin1Key(f.properties)] || 0) + " deaths";
          });
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

  function admin1Key(p) { return fold(p.country) + "|" + fold(p.name || p.admin1); }
  function admin1Style(f) {
    var n = state.admin1Deaths[admin1Key(f.properties || {})] || 0;
    var max = state.admin1Max || 1;
    var share = n ? 0.15 + 0.65 * Math.sqrt(n / max) : 0;
    return { color: "#7a7a7a", weight: 0.8, dashArray: "3 3", fillColor: "#b42318", fillOpacity: share };
  }
  function drawChoropleth(items) {
    var sums = {};
    var max = 0;
    items.forEach(function (it) {
      var k = admin1Key(it);
      sums[k] = (sums[k] || 0) + (it.fatalities || 0);
      max = Math.max(max, sums[k]);
    });
    state.admin1Deaths = sums;
    state.admin1Max = max;
    if (state.admin1Layer) {
      state.admin1Layer.setStyle(admin1Style);
      state.admin1Layer.eachLayer(function (layer) {
        var path = layer.getElement && layer.getElement();
        if (path) { path.setAttribute("data-deaths", String(sums[admin1Key(layer.feature.properties)] || 0)); }
      });
      if (state.markers) { state.markers.bringToFront(); }
    }
  }

  /* ---- per-region time series (GET /aggregates) ---- */
  var SERIES_COLORS = ["#8a3b12", "#2c7fb8", "#27ae60", "#8e44ad", "#e67e22", "#555555"];
  function drawSeries(items) {
    var box = $("#series");
    box.textContent = "";
    var periods = [];
    var byRegion = {};
    items.forEach(function (it) {
      if (periods.indexOf(it.period) < 0) { periods.push(it.period); }
      var name = it.admin1 + " (" + it.country + ")";
      byRegion[name] = byRegion[name] || {};
      byRegion[name][it.period] = it.events;
    });
    periods.sort();
    var regions = Object.keys(byRegion).sort(function (a, b) {
      var ta = 0, tb = 0;
      periods.forEach(function (p) { ta += byRegion[a][p] || 0; tb += byRegion[b][p] || 0; });
      return tb - ta;
    }).slice(0, SERIES_COLORS.length);
    var svg = chartSvg(box, "merged events per month in the busiest regions");
    var legend = el("div", { "class": "series-legend" });
    box.appendChild(legend);
    if (!periods.length) { return; }
    var max = 1;
    regions.forEach(function (r) { periods.forEach(function (p) { max = Math.max(max, byRegion[r][p] || 0); }); });
    var step = periods.length > 1 ? 590 / (periods.length - 1) : 0;
    regions.forEach(function (r, i) {
      var pts = periods.map(function (p, j) {
        return (5 + j * step).toFixed(1) + "," + (100 - ((byRegion[r][p] || 0) / max) * 90).toFixed(1);
      });
      var line = document.createElementNS(NS, periods.length > 1 ? "polyline" : "circle");
      if (periods.length > 1) {
        line.setAttribute("points", pts.join(" "));
      } else {
        line.setAttribute("cx", "300"); line.setAttribute("cy", pts[0].split(",")[1]); line.setAttribute("r", "3");
      }
      line.setAttribute("class", "series");
      line.setAttribute("data-region", r);
      line.setAttribute("stroke", SERIES_COLORS[i]);
      line.setAttribute("fill", periods.length > 1 ? "none" : SERIES_COLORS[i]);
      var t = document.createElementNS(NS, "title");
      t.textContent = r + ": " + periods.map(function (p) { return p + " " + (byRegion[r][p] || 0); }).join(", ");
      line.appendChild(t);
      svg.appendChild(line);
      var item = el("span", { "data-region": r }, r);
      item.style.borderColor = SERIES_COLORS[i];
      legend.appendChild(item);
    });
    axisEnds(svg, periods, "108");
  }
  function loadAggregates(params) {
    var p = new URLSearchParams(params);
    p.set("by", "admin1");
    p.set("period", "month");
    return getJSON("aggregates?" + p.toString()).then(function (body) {
      drawSeries(body.items || []);
      drawChoropleth(body.items || []);
    }).catch(function (e) { setStatus("aggregates: " + e.message, true); });
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
        " · " + (ev.location || "") + " · deaths: " + deathsText(ev) + " · sources: " + ev.n_sources);
      m.on("click", function () { showCluster(ev.cluster_id); });
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
    var svg = chartSvg(box, "events per week");
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
    axisEnds(svg, weeks, "107");
  }
  /* an empty 600×110 chart in box */
  function chartSvg(box, label) {
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 600 110");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    box.appendChild(svg);
    return svg;
  }
  /* the first and the last period written under a chart's two ends */
  function axisEnds(svg, keys, y) {
    [keys[0], keys[keys.length - 1]].forEach(function (k, i) {
      var lab = document.createElementNS(NS, "text");
      lab.setAttribute("x", i ? "598" : "2");
      lab.setAttribute("y", y);
      lab.setAttribute("text-anchor", i ? "end" : "start");
      lab.textContent = k;
      svg.appendChild(lab);
    });
  }

  /* ---- table ---- */
  function actorsCell(ev) {
    var td = el("td", { "class": "c-actors" });
    [ev.actor1, ev.actor2].filter(function (a) { return a; }).forEach(function (a, i) {
      if (i) { td.appendChild(document.createTextNode(" vs ")); }
      td.appendChild(actorNode(a));
    });
    return td;
  }
  function drawTable() {
    var body = $("#events tbody");
    body.textContent = "";
    state.events.forEach(function (ev) {
      var tr = el("tr", { "data-cluster-id": String(ev.cluster_id), "class": "cluster" });
      tr.appendChild(el("td", { "class": "date" }, ev.event_date || ev.day || ""));
      var type = el("td", { "title": ev.event_type || "" });
      var sw = el("span", { "class": "swatch" });
      sw.style.background = colorOf(ev.event_type);
      type.appendChild(sw);
      type.appendChild(document.createTextNode(ev.sub_event_type || ev.event_type || ""));
      tr.appendChild(type);
      tr.appendChild(el("td", null, [ev.location, ev.country].filter(Boolean).join(", ")));
      tr.appendChild(el("td", { "class": "num c-deaths" }, deathsText(ev)));
      tr.appendChild(el("td", { "class": "num c-sources" }, ev.n_sources));
      tr.appendChild(el("td", { "class": "c-admin1" }, ev.admin1 || ""));
      tr.appendChild(actorsCell(ev));
      tr.addEventListener("click", function () { showCluster(ev.cluster_id); });
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
    return getJSON("clusters?" + p.toString()).then(function (page) {
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
    return Promise.all([fetchPages(state.params, null, MAX_EVENTS, gen), loadAggregates(state.params)]).then(function () {
      if (gen !== generation) { return; }
      redraw();
      setStatus(state.events.length + " merged event(s)" + (state.nextCursor ? " shown; more match the filters" : ""));
      var open = clusterFromHash();
      if (open && open !== state.selectedCluster) { openCluster(open); }
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
    var body = (doc.evidence || []).filter(function (s) { return s.part !== "title"; });  // headline spans: not in the text
    var spans = body.filter(function (s) { return s.event_id === undefined || s.event_id === eventId; });
    var others = body.filter(function (s) { return s.event_id !== undefined && s.event_id !== eventId; });
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

  function dd(dl, label, value) {
    dl.appendChild(el("dt", null, label));
    var d = el("dd");
    if (value instanceof Node) { d.appendChild(value); } else {
      d.appendChild(el("bdi", null, value === undefined || value === null ? "" : value));
    }
    dl.appendChild(d);
  }
  function renderClusterFields(c) {
    var dl = $("#ev-fields");
    dl.textContent = "";
    var actors = el("span");
    [c.actor1, c.actor2].filter(Boolean).forEach(function (a, i) {
      if (i) { actors.appendChild(document.createTextNode(" vs ")); }
      actors.appendChild(actorNode(a));
    });
    dd(dl, "date", c.event_date || ((c.date_min || "?") + " – " + (c.date_max || "?")));
    dd(dl, "status", c.status);
    dd(dl, "type", c.event_type);
    dd(dl, "sub-type", c.sub_event_type);
    dd(dl, "actors", actors);
    dd(dl, "allies", (c.assoc_actors1 || []).concat(c.assoc_actors2 || []).map(actorName).join(", "));
    dd(dl, "place", [c.location, c.admin2, c.admin1, c.country].filter(Boolean).join(", "));
    dd(dl, "fatalities", deathsText(c));
    dd(dl, "sources", (c.reports || []).map(function (r) {
      return r.doc_id + (r.document && r.document.outlet ? " (" + r.document.outlet + ")" : "");
    }).join(", "));
    dd(dl, "cluster", c.cluster_id);
    var alts = Object.keys(c.alternatives || {}).map(function (f) {
      return f + ": " + c.alternatives[f].map(function (a) { return a.value + " [" + a.sources.length + "]"; }).join(" / ");
    });
    dd(dl, "disagreements", alts.join("; ") || "none");
    dd(dl, "reviewed", Object.keys(c.reviewed || {}).map(function (f) {
      return f + " by " + c.reviewed[f].by;
    }).join(", ") || "no");
  }

  function renderReports(c) {
    var list = $("#reports");
    list.textContent = "";
    (c.reports || []).forEach(function (r) {
      var li = el("li", { "data-event-id": String(r.id) });
      var b = el("button", { "type": "button", "class": "report-link" },
        r.doc_id + (r.document && r.document.outlet ? " · " + r.document.outlet : "") + " · " +
        (r.event_date || r.date_min || "") + " · deaths " + (r.fatalities === null ? "?" : r.fatalities));
      b.addEventListener("click", function () { openReport(r.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    var audit = $("#audit");
    audit.textContent = "";
    (c.audit || []).forEach(function (a) {
      audit.appendChild(el("li", null, a.at + " · " + a.who + " · " + a.target_id + " · " + a.field + ": " +
        JSON.stringify(a.old) + " → " + JSON.stringify(a.new)));
    });
    if (!(c.audit || []).length) { audit.appendChild(el("li", { "class": "none" }, "no correction yet")); }
  }

  function expandRow(c) {
    Array.prototype.forEach.call(document.querySelectorAll("#events tbody tr.report"), function (tr) { tr.remove(); });
    var row = null;
    Array.prototype.forEach.call(document.querySelectorAll("#events tbody tr.cluster"), function (tr) {
      var mine = tr.getAttribute("data-cluster-id") === c.cluster_id;
      tr.classList.toggle("selected", mine);
      if (mine) { row = tr; }
    });
    if (!row) { return; }
    var after = row;
    (c.reports || []).forEach(function (r) {
      var tr = el("tr", { "class": "report", "data-event-id": String(r.id) });
      tr.appendChild(el("td", { "class": "date" }, r.event_date || r.date_min || ""));
      tr.appendChild(el("td", { "colspan": "2" }, "↳ " + r.doc_id + (r.document && r.document.outlet ?
        " (" + r.document.outlet + ")" : "")));
      tr.appendChild(el("td", { "class": "num c-deaths" }, r.fatalities === null ? "?" : r.fatalities));
      tr.appendChild(el("td", { "class": "num c-sources" }, ""));
      tr.appendChild(el("td", { "class": "c-admin1" }, r.admin1 || ""));
      tr.appendChild(actorsCell(r));
      tr.addEventListener("click", function (e) { e.stopPropagation(); openReport(r.id); });
      after.parentNode.insertBefore(tr, after.nextSibling);
      after = tr;
    });
  }

  function clusterFromHash() {
    var m = /^#\/clusters\/([^/?#]+)$/.exec(location.hash || "");
    return m ? decodeURIComponent(m[1]) : null;
  }
  function showCluster(id) {
    var hash = "#/clusters/" + encodeURIComponent(id);
    if (location.hash === hash) { openCluster(id); } else { location.hash = hash; }
  }

  function openCluster(id) {
    state.selectedCluster = id;
    var view = $("#event-view");
    view.setAttribute("data-ready", "false");
    return getJSON("clusters/" + encodeURIComponent(id)).then(function (c) {
      if (state.selectedCluster !== id) { return; }
      state.cluster = c;
      $("#ev-title").textContent = (c.sub_event_type || c.event_type || "Event") + " — " +
        (c.location || c.country || "") + " — " + (c.event_date || c.date_min || "") + " — " +
        (c.reports || []).length + " report(s)";
      renderClusterFields(c);
      renderReports(c);
      expandRow(c);
      $("#edit").hidden = false;
      view.hidden = false;
      view.setAttribute("data-cluster-id", c.cluster_id);
      var best = (c.reports || []).slice().sort(function (a, b) {
        return ((a.time_precision || 9) - (b.time_precision || 9)) || ((a.geo_precision || 9) - (b.geo_precision || 9)) ||
          (a.id - b.id);
      })[0];
      if (best) { return openReport(best.id); }
      view.setAttribute("data-ready", "true");
    }).catch(function (e) { setStatus("could not open merged event: " + e.message, true); });
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

  function openReport(id) {
    state.selected = id;
    var view = $("#event-view");
    Array.prototype.forEach.call(document.querySelectorAll("#reports li"), function (li) {
      li.classList.toggle("selected", li.getAttribute("data-event-id") === String(id));
    });
    return getJSON("events/" + encodeURIComponent(id)).then(function (ev) {
      if (state.selected !== id) { return; }
      $("#ev-doc").textContent = ev.doc_id ? "(" + ev.doc_id + ")" : "";
      renderClaims(ev);
      view.setAttribute("data-event-id", String(id));
      return getJSON("documents/" + encodeURIComponent(ev.doc_id)).then(function (doc) {
        if (state.selected !== id) { return; }
        renderSource(doc, id);
        view.setAttribute("data-ready", "true");
        view.scrollIntoView({ block: "start" });
      });
    }).catch(function (e) { setStatus("could not open report: " + e.message, true); });
  }

  var NUMERIC = { fatalities: 1, geo_precision: 1, time_precision: 1 };
  function saveEdit(e) {
    e.preventDefault();
    var c = state.cluster;
    if (!c) { return; }
    if (!sessionStorage.getItem("marsad-api-key")) {
      $("#key-box").hidden = false;
      $("#edit-status").textContent = "enter the API key (top right) to correct fields";
      return;
    }
    var field = $("#edit-field").value;
    var raw = $("#edit-value").value.trim();
    var value = raw === "" ? null : (NUMERIC[field] ? Number(raw) : raw);
    var patch = {};
    patch[field] = value;
    var headers = apiHeaders();
    headers["Content-Type"] = "application/merge-patch+json";
    fetch("clusters/" + encodeURIComponent(c.cluster_id), { method: "PATCH", headers: headers,
      body: JSON.stringify(patch) }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (body) {
        if (!resp.ok) {
          var err = body && body.error ? body.error : { message: resp.statusText };
          var detail = err.details && err.details[0] ? ": " + err.details[0].message : "";
          throw new Error(err.message + detail);
        }
        $("#edit-status").textContent = "saved " + field;
        $("#edit-value").value = "";
        return load().then(function () { return openCluster(body.cluster_id); });
      });
    }).catch(function (err) { $("#edit-status").textContent = "not saved: " + err.message; });
  }

  /* ---- wiring ---- */
  function start() {
    $("#filters").addEventListener("submit", function (e) { e.preventDefault(); load(); });
    $("#filters").addEventListener("reset", function () { setTimeout(load, 0); });
    $("#more").addEventListener("click", loadMore);
    $("#ev-close").addEventListener("click", function () {
      $("#event-view").hidden = true;
      state.selected = null;
      state.selectedCluster = null;
      history.replaceState(null, "", location.pathname + location.search);
    });
    $("#edit").addEventListener("submit", saveEdit);
    window.addEventListener("hashchange", function () {
      var id = clusterFromHash();
      if (id) { openCluster(id); }
    });
    $("#api-key").addEventListener("change", function (e) {
      sessionStorage.setItem("marsad-api-key", e.target.value);
      load();
    });
    Promise.all([getJSON("config.json").catch(function () { return {}; }),
                 getJSON("actors.json").catch(function () { return {}; })]).then(function (got) {
      var cfg = got[0];
      state.actors = got[1] || {};
      state.config = cfg || {};
      if (state.config.reads_open === false && !sessionStorage.getItem("marsad-api-key")) { $("#key-box").hidden = false; }
      initMap();
      load();
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
