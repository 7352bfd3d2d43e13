/* Rekindle's service worker. It keeps only static files and the offline page — never a page
   with anyone's words: pages always come from the server, and without a connection the
   offline page is shown instead. (Rendered by rekindle.reminders.views.service_worker.) */
"use strict";
const VERSION = {{ version|safe }};
const CACHE = "rekindle-static-" + VERSION;
const OFFLINE_URL = {{ offline_url|safe }};
const ASSETS = {{ assets|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll([new Request(OFFLINE_URL, { credentials: "omit" }), ...ASSETS])
    ).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((key) => key.startsWith("rekindle-") && key !== CACHE).map((key) => caches.delete(key)))
    ).then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // A page: always from the network, never stored. Offline: the offline page.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(OFFLINE_URL)))
    );
    return;
  }
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    // Static files (CSS, scripts, icons): from the cache first, kept once fetched.
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(request).then((hit) => hit || fetch(request).then((response) => {
          if (response.ok) cache.put(request, response.clone());
          return response;
        }))
      )
    );
  }
  // Everything else (htmx fragments, forms, feeds) goes to the network as usual.
});

// Web Push: show the reminder (a discreet title and one line), open Rekindle when tapped.
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(
    self.registration.showNotification(data.title || "Rekindle", {
      body: data.body || "",
      icon: ASSETS.find((a) => a.includes("icon-192")),
      data: { url: data.url || "/" },
      tag: "rekindle-reminder",
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  event.waitUntil(self.clients.openWindow(target.origin === self.location.origin ? target.href : "/"));
});
