// The dashboard: polls the JSON metrics every 2 s with the API key, keeps the last 5 minutes in memory and
// draws them. Nothing here comes from anywhere but this page's own server.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  var HISTORY = 150;                 // samples: 5 minutes at 2 s
  var LATENCY_WINDOW_MS = 60000;
  var metricsUrl = location.pathname.replace(/\/dashboard\/?$/, "/metrics");
  var key = keyFromFragment() || sessionStorage.getItem("mh-key") || "";
  var paused = false;
  var history = [];
  var timer = null;

  var $ = function (id) { return document.getElementById(id); };
  $("key").value = key;
  $("keyform").addEventListener("submit", function (event) {
    event.preventDefault();
    key = $("key").value.trim();
    sessionStorage.setItem("mh-key", key);
    poll();
  });
  $("pause").addEventListener("click", function () {
    paused = !paused;
    $("pause").textContent = paused ? "Resume" : "Pause";
    if (!paused) { poll(); }
  });
  window.addEventListener("hashchange", function () {
    var fromHash = keyFromFragment();
    if (fromHash) { key = fromHash; $("key").value = key; poll(); }
  });

  function keyFromFragment() {
    var match = /(?:^#|&)key=([^&]*)/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function poll() {
    clearTimeout(timer);
    var headers = { "Accept": "application/json" };
    if (key) { headers["Authorization"] = "Bearer " + key; }
    fetch(metricsUrl, { headers: headers, cache: "no-store" }).then(function (response) {
      if (response.status === 401) {
        throw new Error(key ? "The API key was refused: type the right one above."
          : "This service needs its API key: type it above, or open this page as …/observe/dashboard#key=<key>.");
      }
      if (!response.ok) { throw new Error("GET " + metricsUrl + " answered " + response.status); }
      return response.json();
    }).then(function (body) {
      message(null);
      take(body.message, Date.now());
      render();
    }).catch(function (error) {
      message(error.message || String(error));
      status("unknown", "no data");
    }).then(function () {
      if (!paused) { timer = setTimeout(poll, INTERVAL_MS); }
    });
  }

  function message(text) {
    var box = $("message");
    box.hidden = !text;
    box.textContent = text || "";
  }

  function status(kind, text) {
    var pill = $("status");
    pill.className = "pill " + kind;
    pill.textContent = text;
  }

  // ---- the samples ----

  function take(m, now) {
    var sample = { t: now, m: m };
    history.push(sample);
    if (history.length > HISTORY + 1) { history.shift(); }
  }

  /** Per second between two readings of a counter; null across a restart or without two samples. */
  function rate(now, before, dt) {
    if (now == null || before == null || dt <= 0 || now < before) { return null; }
    return (now - before) / dt;
  }

  function handlerCalls(h) { return h.outcomes.ok + h.outcomes.error; }
  function handlerTimeouts(h) { return h.outcomes.timeout + h.outcomes.rejected; }
  function sum(obj, f) {
    var total = 0;
    Object.keys(obj || {}).forEach(function (k) { total += f(obj[k], k); });
    return total;
  }

  /** The series of one number's rate over the history: one value per interval. */
  function series(read) {
    var out = [];
    for (var i = 1; i < history.length; i++) {
      var dt = (history[i].t - history[i - 1].t) / 1000;
      out.push(rate(read(history[i].m), read(history[i - 1].m), dt));
    }
    return out;
  }

  function lastRate(read) {
    var s = series(read);
    return s.length ? s[s.length - 1] : null;
  }

  /** The p-quantile of a handler's durations over the last minute (or since start when idle in it). */
  function quantile(name, q) {
    var now = history[history.length - 1].m.handlers[name];
    var counts = now.duration.counts.slice();
    var old = null;
    for (var i = history.length - 1; i >= 0; i--) {
      if (history[history.length - 1].t - history[i].t > LATENCY_WINDOW_MS) { break; }
      old = history[i].m.handlers[name];
    }
    if (old && old !== now) {
      var windowed = counts.map(function (c, j) { return c - old.duration.counts[j]; });
      if (windowed.reduce(function (a, b) { return a + b; }, 0) > 0 && windowed.every(function (c) { return c >= 0; })) {
        counts = windowed;
      }
    }
    var total = counts.reduce(function (a, b) { return a + b; }, 0);
    if (total === 0) { return null; }
    var bounds = now.duration.bounds;
    var rank = q * total, seen = 0;
    for (var b = 0; b < counts.length; b++) {
      if (seen + counts[b] >= rank && counts[b] > 0) {
        if (b >= bounds.length) { return { over: bounds[bounds.length - 1] }; }
        var low = b === 0 ? 0 : bounds[b - 1];
        return { value: low + (bounds[b] - low) * ((rank - seen) / counts[b]) };
      }
      seen += counts[b];
    }
    return null;
  }

  // ---- formatting ----

  function fmtRate(v) {
    if (v == null) { return "–"; }
    if (v === 0) { return "0"; }
    if (v < 10) { return v.toFixed(2); }
    if (v < 1000) { return v.toFixed(1); }
    return Math.round(v).toLocaleString("en");
  }
  function fmtCount(v) { return v == null ? "–" : Number(v).toLocaleString("en"); }
  function fmtSeconds(s) {
    if (s < 0.001) { return Math.round(s * 1e6) + " µs"; }
    if (s < 1) { return (s * 1000).toFixed(s < 0.01 ? 2 : 1) + " ms"; }
    return s.toFixed(2) + " s";
  }
  function fmtQuantile(q) {
    if (!q) { return "–"; }
    return q.over != null ? "> " + fmtSeconds(q.over) : fmtSeconds(q.value);
  }
  function fmtUptime(ms) {
    var s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d) { return d + "d " + h + "h"; }
    if (h) { return h + "h " + m + "m"; }
    if (m) { return m + "m " + (s % 60) + "s"; }
    return s + "s";
  }

  // ---- drawing ----

  var SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (a) { node.setAttribute(a, attrs[a]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  /**
   * A line of values over a width and height, scaled to max, the newest at the right edge; gaps where a
   * value is null. Returns the path and the first and last x drawn.
   */
  function linePath(values, width, height, max, slots) {
    var d = "", step = width / Math.max(1, slots - 1), offset = slots - values.length, pen = false, x0 = null, x1 = null;
    values.forEach(function (v, i) {
      if (v == null) { pen = false; return; }
      var x = (offset + i) * step, y = height - (max > 0 ? v / max * (height - 2) : 0) - 1;
      d += (pen ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
      pen = true;
      if (x0 == null) { x0 = x; }
      x1 = x;
    });
    return { d: d, x0: x0, x1: x1 };
  }

  function spark(svg, values) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var box = svg.viewBox.baseVal, max = Math.max.apply(null, values.map(function (v) { return v || 0; }).concat([0]));
    var line = linePath(values, box.width, box.height, max, HISTORY);
    if (!line.d || line.d.indexOf("L") < 0) { return; }
    el("path", { "class": "area", d: line.d + "L" + line.x1.toFixed(1) + " " + box.height + "L" + line.x0.toFixed(1)
      + " " + box.height + "Z" }, svg);
    el("path", { "class": "line", d: line.d }, svg);
  }

  function chart(svg, lines) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var W = 1000, H = 180, top = 18, bottom = 18, plot = H - top - bottom;
    var max = 0;
    lines.forEach(function (l) { l.values.forEach(function (v) { if (v > max) { max = v; } }); });
    var nice = niceMax(max);
    for (var g = 0; g <= 4; g++) {
      var y = top + plot - plot * g / 4;
      el("line", { "class": "grid", x1: 0, x2: W, y1: y, y2: y }, svg);
      var label = el("text", { x: 4, y: y - 3 }, svg);
      var tick = nice * g / 4;
      label.textContent = (nice >= 4 ? String(Math.round(tick * 100) / 100) : fmtRate(tick)) + (g === 4 ? " /s" : "");
    }
    ["5 min ago", "4", "3", "2", "1 min ago", "now"].forEach(function (t, i) {
      var text = el("text", { x: Math.min(W - 30, i * W / 5), y: H - 4 }, svg);
      text.textContent = t;
    });
    lines.forEach(function (l) {
      var g = el("g", { transform: "translate(0," + top + ")" }, svg);
      var d = linePath(l.values, W, plot, nice, HISTORY).d;
      if (d) { el("path", { "class": l.cls, d: d }, g); }
    });
  }

  function niceMax(max) {
    if (max <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(max))), r = max / p;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * p;
  }

  function cell(row, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  // ---- the page ----

  function render() {
    var m = history[history.length - 1].m;
    var ready = m.ready || { status: "UP", checks: {} };
    var failing = Object.keys(ready.checks || {}).filter(function (c) { return ready.checks[c].status !== "UP"; });
    status(ready.status === "UP" ? "up" : "down", ready.status === "UP" ? "READY"
      : "NOT READY: " + failing.map(function (c) { return ready.checks[c].message || c; }).join("; "));
    $("uptime").textContent = fmtUptime(m.uptimeMillis || 0);
    $("inflight").textContent = fmtCount(m.inFlight);
    $("updated").textContent = new Date(history[history.length - 1].t).toLocaleTimeString("en-GB");
    document.body.classList.toggle("redis", !!m.redis);

    var okS = series(function (x) { return sum(x.handlers, function (h) { return h.outcomes.ok; }); });
    var errS = series(function (x) { return sum(x.handlers, function (h) { return h.outcomes.error; }); });
    var toS = series(function (x) { return sum(x.handlers, handlerTimeouts); });
    var callS = okS.map(function (v, i) { return v == null ? null : v + errS[i]; });
    var httpS = series(function (x) { return sum(x.http, function (c) { return c; }); });
    var s5xx = series(function (x) { return sum(x.http, function (c, code) { return code.charAt(0) === "5" ? c : 0; }); });
    tile("t-calls", "s-calls", callS, false);
    tile("t-errors", "s-errors", errS, true);
    tile("t-http", "s-http", httpS, false);
    tile("t-5xx", "s-5xx", s5xx, true);
    chart($("chart"), [{ cls: "ok", values: okS }, { cls: "to", values: toS }, { cls: "err", values: errS }]);

    if (m.redis) {
      $("redis-tile").hidden = false;
      $("t-redis").textContent = m.redis.connected ? "connected" : "lost";
      $("t-redis").className = "value " + (m.redis.connected ? "good" : "bad");
      $("t-redis-url").textContent = m.redis.url;
    }
    handlers(m);
    topics(m);
    codes(m);
  }

  function tile(valueId, sparkId, values, badWhenPositive) {
    var v = values.length ? values[values.length - 1] : null;
    $(valueId).textContent = fmtRate(v);
    $(valueId).className = "value" + (badWhenPositive && v > 0 ? " bad" : "");
    spark($(sparkId), values);
  }

  function handlers(m) {
    var body = document.querySelector("#handlers tbody");
    body.textContent = "";
    Object.keys(m.handlers).sort().forEach(function (name) {
      var h = m.handlers[name];
      var row = document.createElement("tr");
      var nameCell = cell(row, name, "name");
      if (h.kind && h.kind !== "request") {
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = h.kind;
        nameCell.appendChild(kind);
      }
      var calls = lastRate(function (x) { return x.handlers[name] ? handlerCalls(x.handlers[name]) : null; });
      var errs = lastRate(function (x) { return x.handlers[name] ? x.handlers[name].outcomes.error : null; });
      cell(row, fmtRate(calls), "n");
      cell(row, fmtRate(errs), "n" + (errs > 0 ? " bad" : ""));
      cell(row, fmtCount(handlerCalls(h)), "n");
      cell(row, fmtCount(h.outcomes.error), "n" + (h.outcomes.error > 0 ? " bad" : " zero"));
      cell(row, fmtCount(handlerTimeouts(h)), "n" + (handlerTimeouts(h) > 0 ? " warn" : " zero"));
      cell(row, fmtQuantile(quantile(name, 0.5)), "n");
      cell(row, fmtQuantile(quantile(name, 0.99)), "n");
      var busy = cell(row, "");
      var bar = document.createElement("span");
      bar.className = "bar" + (h.busy >= h.replicas ? " full" : "");
      var fill = document.createElement("i");
      fill.style.width = (h.replicas ? Math.min(100, 100 * h.busy / h.replicas) : 0) + "%";
      bar.appendChild(fill);
      busy.appendChild(bar);
      busy.appendChild(document.createTextNode(h.busy + " / " + h.replicas));
      cell(row, fmtCount(h.queued), "n" + (h.queued > 0 ? " warn" : " zero"));
      var r = m.redis && m.redis.handlers ? m.redis.handlers[name] : null;
      cell(row, r && r.pending != null ? fmtCount(r.pending) : "–", "n redis");
      cell(row, r && r.deadLetters != null ? fmtCount(r.deadLetters) : "–",
        "n redis" + (r && r.deadLetters > 0 ? " bad" : ""));
      var sparkCell = cell(row, "");
      var svg = el("svg", { "class": "row-spark", viewBox: "0 0 140 24", preserveAspectRatio: "none" }, sparkCell);
      spark(svg, series(function (x) { return x.handlers[name] ? handlerCalls(x.handlers[name]) : null; }));
      body.appendChild(row);
    });
  }

  function topics(m) {
    var body = document.querySelector("#topics tbody");
    body.textContent = "";
    var names = Object.keys(m.topics || {}).sort();
    $("no-topics").hidden = names.length > 0;
    $("topics").hidden = names.length === 0;
    names.forEach(function (name) {
      var t = m.topics[name];
      var row = document.createElement("tr");
      cell(row, name, "name");
      cell(row, t.transport);
      cell(row, fmtCount(t.subscribers), "n");
      cell(row, fmtRate(lastRate(function (x) { return x.topics[name] ? x.topics[name].published : null; })), "n");
      cell(row, fmtRate(lastRate(function (x) { return x.topics[name] ? x.topics[name].delivered : null; })), "n");
      cell(row, fmtCount(t.failures), "n" + (t.failures > 0 ? " bad" : " zero"));
      cell(row, fmtCount(t.queued), "n" + (t.queued > 0 ? " warn" : " zero"));
      cell(row, t.delivered ? fmtSeconds(t.meanMillis / 1000) : "–", "n");
      var sparkCell = cell(row, "");
      var svg = el("svg", { "class": "row-spark", viewBox: "0 0 140 24", preserveAspectRatio: "none" }, sparkCell);
      spark(svg, series(function (x) { return x.topics[name] ? x.topics[name].delivered : null; }));
      body.appendChild(row);
    });
  }

  function codes(m) {
    var box = $("http");
    box.textContent = "";
    Object.keys(m.http || {}).sort().forEach(function (code) {
      var span = document.createElement("span");
      span.className = "code c" + code.charAt(0);
      var b = document.createElement("b");
      b.textContent = code;
      span.appendChild(b);
      span.appendChild(document.createTextNode(fmtCount(m.http[code])));
      box.appendChild(span);
    });
    if (!box.firstChild) { box.textContent = "No request answered yet."; }
  }

  poll();
})();
