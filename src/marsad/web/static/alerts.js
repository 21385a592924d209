/* Marsad dashboard: the watcher's alerts (GET /alerts) — a badge in the header and a list under it.
   Kept apart from app.js: it only adds its own elements and polls every minute. */
(function () {
  "use strict";
  var POLL_MS = 60000;
  var LIMIT = 50;

  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }

  function headers() {
    var key = window.sessionStorage.getItem("marsad-api-key");  /* the key app.js keeps */
    return key ? { "X-API-Key": key } : {};
  }

  function build() {
    var header = document.querySelector("header") || document.body;
    var badge = node("button", "alerts-badge", "Alerts 0");
    badge.type = "button";
    badge.id = "alerts-badge";
    badge.setAttribute("aria-expanded", "false");
    badge.setAttribute("aria-controls", "alerts-panel");
    var panel = node("section", "alerts-panel");
    panel.id = "alerts-panel";
    panel.hidden = true;
    panel.appendChild(node("h2", null, "Alerts"));
    var list = node("ol", "alerts-list");
    list.id = "alerts-list";
    panel.appendChild(list);
    header.appendChild(badge);
    header.parentNode.insertBefore(panel, header.nextSibling);
    badge.addEventListener("click", function () {
      panel.hidden = !panel.hidden;
      badge.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
    });
    return { badge: badge, list: list };
  }

  function describe(a) {
    var ev = a.event || {};
    var place = [ev.location, ev.admin1, ev.country].filter(function (x) { return x; }).join(", ");
    return (ev.event_date || "?") + " · " + (ev.sub_event_type || ev.event_type || "?") + " · " + (place || "?") +
      " · deaths " + (ev.fatalities === null || ev.fatalities === undefined ? "?" : ev.fatalities) +
      " · " + (ev.n_sources || 0) + " source(s)";
  }

  function render(ui, body) {
    ui.badge.textContent = "Alerts " + body.total;
    ui.badge.classList.toggle("has-alerts", body.total > 0);
    ui.list.textContent = "";
    if (!body.items.length) {
      ui.list.appendChild(node("li", "alerts-empty", "No alert yet."));
      return;
    }
    body.items.forEach(function (a) {
      var li = node("li", "alert-item");
      var head = node("div", "alert-head");
      head.appendChild(node("strong", "alert-rule", a.rule));
      head.appendChild(node("span", "alert-version", " v" + a.version));
      li.appendChild(head);
      li.appendChild(node("div", "alert-event", describe(a)));
      li.appendChild(node("div", "alert-reason", a.reason));
      ui.list.appendChild(li);
    });
  }

  function poll(ui) {
    fetch("alerts?limit=" + LIMIT, { headers: headers() }).then(function (resp) {
      if (!resp.ok) { throw new Error("HTTP " + resp.status); }
      return resp.json();
    }).then(function (body) { render(ui, body); }).catch(function (e) {
      ui.badge.textContent = "Alerts ?";
      ui.badge.title = "alerts: " + e.message;
    });
  }

  function start() {
    var ui = build();
    poll(ui);
    window.setInterval(function () { poll(ui); }, POLL_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
