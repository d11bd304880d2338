// Plausible's events API; our fields travel as custom properties.
function send(f) {
  post(cfg.endpoint, JSON.stringify({ name: f.event == "view" ? "pageview" : "Contact",
    url: loc.origin + loc.pathname + (utm.utm_source ? "?" + q(utm) : ""),
    domain: cfg.site, props: f }));
}
