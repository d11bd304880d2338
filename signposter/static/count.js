// Counts page views and clicks on contact links without identifying the reader.
// No cookies, no storage, no fingerprinting; nothing is sent under Global Privacy
// Control or Do Not Track. It never delays or blocks a link.
// The build appends the chosen provider's send() (providers/*.js) and minifies.
(function (d, w, n) {
  var cfg = d.currentScript.dataset, loc = w.location, page = d.body.dataset;
  var params = new URLSearchParams(loc.search), utm = {}, removed = 0;
  ["source", "medium", "campaign", "content"].forEach(function (k) {
    var v = params.get("utm_" + k);
    if (v) utm["utm_" + k] = v.slice(0, 80);
  });
  Array.from(params.keys()).forEach(function (k) {
    if (!k.indexOf("utm_")) { params.delete(k); removed = 1; }
  });

  function fields(event, a) {
    var f = { event: event, org: a.org, channel: a.channel, lang: a.lang || page.lang,
      country: a.country || page.country, campaign: a.campaign || page.campaign,
      path: loc.pathname };
    for (var k in utm) f[k] = utm[k];
    for (k in f) if (!f[k]) delete f[k];
    return f;
  }

  function q(f) { return new URLSearchParams(f).toString(); }

  // Beacon first; fetch with keepalive where the browser has no beacon.
  function post(url, body) {
    var blob = new Blob([body], { type: "text/plain" });
    if (!(n.sendBeacon && n.sendBeacon(url, blob)))
      fetch(url, { method: "POST", body: blob, keepalive: true, credentials: "omit" });
  }

  /*@provider@*/

  if (!(n.globalPrivacyControl || n.doNotTrack == "1" || w.doNotTrack == "1")) {
    send(fields("view", {}));
    d.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[data-org]");
      if (a) send(fields("click", a.dataset));
    }, true);
  }
  // Campaign codes should not linger in the phone's history.
  if (removed) history.replaceState(history.state, "", loc.pathname + (params.size ? "?" + params : "") + loc.hash);
})(document, window, navigator);
