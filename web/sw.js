// nianbao service worker: keeps every file of the page in a versioned cache
// so that the checker opens and works offline after the first visit.
// {{VERSION}} and {{FILES}} are filled in by cmd/build; a new build gets a
// new cache name and the old caches are deleted on activation.
var CACHE = "nianbao-{{VERSION}}";
var FILES = {{FILES}};

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(FILES.map(function (f) { return new Request(f, { cache: "reload" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("nianbao-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// Cache first for this origin's GET requests; a page navigation falls back
// to the cached index.html. Nothing off-origin is ever fetched.
self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(caches.open(CACHE).then(function (c) {
    return c.match(req, { ignoreSearch: true }).then(function (hit) {
      if (hit) return hit;
      if (req.mode === "navigate") {
        return c.match("./").then(function (page) { return page || fetch(req); });
      }
      return fetch(req);
    });
  }));
});
