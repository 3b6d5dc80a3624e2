// Preflight form: re-checks the draft as you type. The page works without
// this script (a plain form post); this only makes it live.
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form || !window.fetch) return;
  var $ = function (id) { return document.getElementById(id); };
  var text = $("text"), platform = $("platform"), scheduled = $("scheduled"), tz = $("tz"),
      brand = $("brand"), inReplyTo = $("in_reply_to"), body = $("result-body"), errBox = $("text-error");
  var limits = { x: 280, bluesky: 300, threads: 500, mastodon: 500, instagram: 2200, linkedin: 3000, facebook: 63206, tiktok: 2200 };

  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) { tz.value = zone; $("tz-name").textContent = zone + " (your browser)"; }
  } catch (e) { /* keep the server's zone */ }

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") n.textContent = attrs[k]; else n.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return n;
  }

  function kind() { var k = form.querySelector("input[name=kind]:checked"); return k ? k.value : "post"; }
  function regions() {
    return Array.prototype.map.call(form.querySelectorAll("input[name=region]:checked"), function (i) { return i.value; });
  }
  // "Now" is the server's clock, rendered into the page, advanced by the
  // time the page has been open: the browser's own date is never read, so
  // the page and the server agree on what "empty means now" means.
  var serverNow = Date.parse(form.getAttribute("data-now") || ""), openedAt = performance.now();
  function nowISO() {
    return isNaN(serverNow) ? "" : new Date(serverNow + (performance.now() - openedAt)).toISOString();
  }
  function scheduledISO() {
    if (!scheduled.value) return "";
    var d = new Date(scheduled.value); // a datetime-local value is read in the browser's zone
    return isNaN(d) ? "" : d.toISOString();
  }
  function post() {
    var p = { text: text.value, platform: platform.value, kind: kind(), regions: regions() };
    var at = scheduledISO(); if (at) p.scheduled_at = at;
    if (brand.value.trim()) p.brand = brand.value.trim();
    if (kind() === "reply" && inReplyTo.value.trim()) p.in_reply_to = inReplyTo.value.trim();
    return p;
  }

  // --- length counters: an approximation of the server's count ---
  var urlRe = /\bhttps?:\/\/[^\s]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|ly|gl|me|app|dev|no|uk|de|fr|ai|gg|tv)\b(?:\/[^\s]*)?/gi;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  function graphemes(s) {
    return segmenter ? Array.from(segmenter.segment(s), function (g) { return g.segment; }) : Array.from(s);
  }
  function weight(cp) {
    return (cp <= 4351 || (cp >= 8192 && cp <= 8205) || (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247)) ? 100 : 200;
  }
  function xWeight(s) {
    var w = 0;
    graphemes(s).forEach(function (g) {
      var cps = Array.from(g);
      if (cps.length > 1 && /\u200d|\ufe0f|\u20e3|[\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}]/u.test(g)) { w += 200; return; }
      cps.forEach(function (c) { w += weight(c.codePointAt(0)); });
    });
    return w;
  }
  function length(s, p) {
    var urls = s.match(urlRe) || [], rest = s.replace(urlRe, "");
    if (p === "x") return Math.ceil((xWeight(rest) + 2300 * urls.length) / 100);
    if (p === "bluesky") return graphemes(s).length;
    if (p === "mastodon") return Array.from(rest).length + 23 * urls.length;
    return Array.from(s).length;
  }
  function updateLengths() {
    document.querySelectorAll("#lengths li").forEach(function (li) {
      var p = li.getAttribute("data-platform"), n = length(text.value, p);
      li.querySelector(".count").textContent = n;
      li.classList.toggle("over", n > limits[p]);
      li.classList.toggle("current", p === platform.value);
    });
  }

  // --- the result ---
  // Spans are Unicode code-point offsets. JavaScript strings index UTF-16
  // code units, so the text is split into code points (Array.from) and
  // sliced there; slicing the string itself would cut emoji in half.
  function marked(t, findings) {
    var cps = Array.from(t), cuts = [0, cps.length];
    var spans = findings.map(function (f, i) { return { f: f, i: i }; }).filter(function (x) {
      return x.f.start != null && x.f.end != null && (!x.f.field || x.f.field === "text");
    });
    spans.forEach(function (x) {
      cuts.push(Math.max(0, Math.min(x.f.start, cps.length)), Math.max(0, Math.min(x.f.end, cps.length)));
    });
    cuts = cuts.sort(function (a, b) { return a - b; }).filter(function (v, i, a) { return i === 0 || v !== a[i - 1]; });
    var order = { low: 1, medium: 2, high: 3, critical: 4 }, p = el("p", { id: "marked", "class": "marked" });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1], piece = cps.slice(a, b).join(""), worst = null, titles = [], refs = [];
      spans.forEach(function (x) {
        if (x.f.start <= a && x.f.end >= b && x.f.start < x.f.end) {
          if (!worst || order[x.f.severity] > order[worst]) worst = x.f.severity;
          titles.push(x.f.message); refs.push("f" + (x.i + 1));
        }
      });
      p.appendChild(worst ? el("mark", { "class": "sev-" + worst, title: titles.join(" · "), "aria-describedby": refs.join(" "), text: piece }) : document.createTextNode(piece));
    }
    return p;
  }
  function evidence(list) {
    if (!list || !list.length) return null;
    return el("ul", { "class": "evidence" }, list.map(function (e) {
      var title = /^https?:\/\//.test(e.url || "") ? el("a", { href: e.url, rel: "noopener noreferrer", target: "_blank", text: e.title }) : e.title;
      return el("li", {}, [title, e.date ? el("span", { "class": "muted", text: " (" + e.date + ")" }) : null]);
    }));
  }
  function render(rep, t) {
    var nodes = [
      el("p", { "class": "verdict-line" }, [el("span", { id: "verdict", "class": "badge " + rep.verdict, text: rep.verdict }), " ",
        el("span", { "class": "muted" }, ["score ", el("span", { id: "score", text: String(rep.score) }), "/100"])]),
      marked(t, rep.findings)
    ];
    if (rep.findings.length) {
      nodes.push(el("ol", { id: "findings", "class": "findings" }, rep.findings.map(function (f, i) {
        return el("li", { id: "f" + (i + 1), "class": "finding sev-" + f.severity }, [
          el("p", {}, [el("span", { "class": "sev", text: f.severity }), " ", el("strong", { text: f.message }), f.match ? " " : null, f.match ? el("q", { text: f.match }) : null]),
          evidence(f.evidence),
          f.suggestion ? el("p", { "class": "suggestion", text: "Suggestion: " + f.suggestion }) : null,
          el("p", { "class": "rule muted" }, [el("code", { text: f.rule })])
        ]);
      })));
    } else {
      nodes.push(el("p", { id: "findings-none", text: "Nothing risky found." }));
    }
    if (rep.skipped && rep.skipped.length) {
      nodes.push(el("p", { "class": "muted", text: "Not checked: " + rep.skipped.map(function (s) { return s.rule + " (" + s.reason + ")"; }).join("; ") }));
    }
    body.replaceChildren.apply(body, nodes);
  }
  function showError(msg) {
    errBox.textContent = msg || ""; errBox.hidden = !msg;
    text.setAttribute("aria-invalid", msg ? "true" : "false");
  }

  var seq = 0, timer = null, inflight = null;
  function check() {
    var p = post(), mine = ++seq;
    if (!p.text.trim()) {
      showError("");
      body.replaceChildren(el("p", { "class": "muted", text: "Write a draft and press Check." }));
      return;
    }
    if (inflight) inflight.abort();
    inflight = window.AbortController ? new AbortController() : null;
    $("busy").textContent = "checking…";
    fetch("/v1/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(p),
      signal: inflight ? inflight.signal : undefined })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (mine !== seq) return;
        $("busy").textContent = "";
        if (!res.ok) { showError(res.j.message || "The check failed."); return; }
        showError(""); render(res.j, p.text);
      })
      .catch(function (e) { if (e.name !== "AbortError") { $("busy").textContent = ""; showError("Could not reach the service."); } });
  }
  function schedule() { updateLengths(); clearTimeout(timer); timer = setTimeout(check, 300); }

  // --- the week ahead and the news, for the chosen regions and time ---
  function glance() {
    var rs = regions(), q = rs.map(function (r) { return "region=" + encodeURIComponent(r); }).join("&");
    var at = scheduledISO() || nowISO();
    if (!at) return;
    var from = new Date(new Date(at).getTime() - 12 * 3600e3).toISOString(), to = new Date(new Date(at).getTime() + 7 * 864e5).toISOString();
    var week = $("week"), news = $("news");
    if (rs.length) {
      fetch("/v1/calendar?" + q + "&from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to))
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) {
          if (!j) return;
          var seen = {}, days = [];
          j.observances.forEach(function (o) {
            if (o.tone !== "solemn" && o.tone !== "fasting" && o.kind !== "solemn") return;
            var key = o.id + "|" + o.date;
            if (seen[key]) { if (seen[key].regions.indexOf(o.region) < 0) seen[key].regions.push(o.region); return; }
            seen[key] = { o: o, regions: [o.region] }; days.push(seen[key]);
          });
          var items = days.map(function (d) { return el("li", {}, [el("strong", { text: d.o.name }), " ", el("span", { "class": "muted", text: d.o.date + " · " + d.regions.join(", ") + " · " + d.o.tone })]); });
          week.replaceChildren.apply(week, items.length ? items : [el("li", { "class": "muted", text: "None for the chosen regions." })]);
        }).catch(function () {});
    }
    fetch("/v1/news/search?" + q + "&at=" + encodeURIComponent(at) + "&limit=5")
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        var items = j.articles.map(function (a) {
          var t = /^https?:\/\//.test(a.url || "") ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank", text: a.title }) : a.title;
          return el("li", {}, [t, " ", el("span", { "class": "muted", text: (a.source || "") + " · " + new Date(a.published).toLocaleString() + (a.crisis ? " · " + a.crisis : "") })]);
        });
        news.replaceChildren.apply(news, items.length ? items : [el("li", { "class": "muted", text: "No crisis news in the window." })]);
      }).catch(function () {});
  }

  function replyField() { $("reply-field").hidden = kind() !== "reply"; }

  form.addEventListener("input", function (e) {
    if (e.target.name === "region" || e.target === scheduled) glance();
    if (e.target.name === "kind") replyField();
    schedule();
  });
  form.addEventListener("change", function (e) {
    if (e.target.name === "kind") replyField();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); updateLengths(); check(); });
  replyField();
  updateLengths();
})();
