// Keeps one language's help directory and emergency numbers available with no
// connection. Installed only when the reader pressed "Save contacts for offline
// use"; "Remove saved pages" unregisters it and deletes its cache.
var CACHE = "signposter-offline-/*@lang@*/";
var PAGES = /*@urls@*/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE)
    .then(function (cache) { return cache.addAll(PAGES); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// Network first, so a reader online always sees the newest details.
self.addEventListener("fetch", function (event) {
  if (event.request.method !== "GET") return;
  event.respondWith(fetch(event.request).catch(function () {
    return caches.match(event.request, { ignoreSearch: true }).then(function (hit) {
      return hit || Response.error();
    });
  }));
});
