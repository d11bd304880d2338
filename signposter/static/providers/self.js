// A GET to a real static file on the same host: the host's access log is the count.
function send(f) {
  fetch(cfg.endpoint + (f.channel || "view") + "/" + (f.org || "page") + "?" + q(f),
    { keepalive: true, credentials: "omit", cache: "no-store" });
}
