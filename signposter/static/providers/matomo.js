// Matomo's HTTP tracking API, without cookies or a visitor id.
function send(f) {
  post(cfg.endpoint, q({ idsite: cfg.site, rec: 1, send_image: 0,
    url: loc.origin + loc.pathname + "?" + q(utm),
    action_name: f.event == "view" ? f.path : "", e_c: f.channel || "", e_a: f.org || "",
    e_n: [f.lang, f.country, f.campaign].join("|") }));
}
