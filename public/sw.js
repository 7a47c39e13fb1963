// Waypoint's service worker: keeps one build's app shell (index.html and the
// hashed JS, wasm and CSS Trunk produced) in a cache of its own, so the app
// starts with no network. scripts/precache.py (a Trunk post_build hook) fills
// VERSION and PRECACHE from the files of each build: no file name is kept here
// by hand, and every build changes this file, which is how browsers notice it.
const VERSION = "__WAYPOINT_VERSION__";
const PRECACHE = ["__WAYPOINT_PRECACHE__"];
const CACHE = `waypoint-shell-${VERSION}`;
// How long a page load waits for the network before starting from the cache.
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("waypoint-shell-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// A new build waits until the user chooses to reload (the app's banner asks);
// it never takes over a page that runs the previous build's files.
self.addEventListener("message", (event) => {
  if (event.data === "waypoint-activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  // Sync traffic (another origin) and anything else goes straight to the network.
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else {
    event.respondWith(asset(request));
  }
});

// Pages: the network first, so an online user gets the newest build (whose
// hashed files are fetched whole from the network); offline, or when the
// network is too slow, this worker's own index.html, which matches its cache.
async function page(request) {
  const cached = () => caches.match("/index.html", { cacheName: CACHE });
  try {
    const response = await Promise.race([
      fetch(request, { cache: "no-store" }),
      new Promise((_, reject) => setTimeout(() => reject(new Error("slow")), NETWORK_WAIT_MS)),
    ]);
    if (response.ok) return response;
    return (await cached()) || response;
  } catch (_) {
    return (await cached()) || Response.error();
  }
}

// Build files: names carry a content hash, so a cached copy is always right.
async function asset(request) {
  const hit = await caches.match(request, { cacheName: CACHE });
  return hit || fetch(request);
}
