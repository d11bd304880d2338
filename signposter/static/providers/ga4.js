// GA4's collect endpoint needs a client id: a random one per page load, never stored.
var cid = Math.floor(Math.random() * 1e9) + "." + Math.floor(Date.now() / 1e3);
function send(f) {
  var p = { v: 2, tid: cfg.site, cid: cid, en: f.event == "view" ? "page_view" : "contact_click",
    dl: loc.origin + loc.pathname };
  for (var k in f) p["ep." + k] = f[k];
  post(cfg.endpoint + "?" + q(p), "");
}
