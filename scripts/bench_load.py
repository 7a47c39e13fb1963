#!/usr/bin/env python3
"""First-load benchmark: what a browser downloads to start Waypoint (gzip, as a
server would send it) and how long a reload of the board takes with the sample
workspace (2,000 deals, ~35,000 documents) in IndexedDB, until the first deal card
is painted and clickable; then the same cold start with about 3,125, 12,500 and
50,000 documents, pulled by the app itself from a PouchDB Server database loaded
with a scaled sample (examples/sample_docs.rs), to show how the cost grows.
Serves a release build on loopback and drives headless Chromium through
chromedriver. Prints `BENCH {json}` lines for scripts/bench.py.

Usage: scripts/with-pouchdb.sh scripts/bench_load.py DIST"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from webdriver import Session  # noqa: E402
from site_server import Site  # noqa: E402
import run  # noqa: E402

RUNS = 7
# Cold start at the size and at 1/16 and 1/4 of it.
COLD_DOCS = 50_000

# Set before the page's own scripts: the moment the first card is in the DOM,
# then two frames later (styled, laid out, painted), since navigation start.
FIRST_CARD = """
new MutationObserver((_, obs) => {
  if (!document.querySelector('article.deal-card')) return;
  obs.disconnect();
  requestAnimationFrame(() => requestAnimationFrame(() => { window.__firstCard = performance.now(); }));
}).observe(document, {childList: true, subtree: true});
"""


def report(name, unit, value, baseline=None):
    print("BENCH " + json.dumps({"name": name, "unit": unit, "value": value, "baseline": baseline}), flush=True)


def gz(path):
    """Size in KB (1,000 bytes) after gzip -9."""
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9)) / 1000


def median(v):
    return sorted(v)[len(v) // 2]


def couch(method, path, body=None):
    url = os.environ["WAYPOINT_TEST_COUCH"] + path
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


def seed_server(n):
    """A new server database holding a sample scaled to about `n` documents; its name and size."""
    out = subprocess.run(["cargo", "run", "--quiet", "--example", "sample_docs", "--", str(n)],
                         cwd=ROOT, capture_output=True, check=True).stdout
    docs = json.loads(out)["docs"]
    db = f"bench-cold-{n}-{int(time.time())}"
    couch("PUT", f"/{db}")
    for i in range(0, len(docs), 2_000):
        couch("POST", f"/{db}/_bulk_docs", {"docs": docs[i:i + 2_000]})
    return db, len(docs)


def time_board_reloads(s, base):
    """Median of RUNS reloads of /board (after one warm-up) until the first card is painted."""
    s.cmd("POST", "/goog/cdp/execute", {"cmd": "Page.addScriptToEvaluateOnNewDocument",
                                       "params": {"source": FIRST_CARD}})
    times = []
    for i in range(RUNS + 1):
        s.get(base + "/board")
        t = s.wait_for(lambda: s.script("return window.__firstCard"), "the first card", timeout=60)
        s.by_role("button", s.script("return 'Open ' + document.querySelector('article.deal-card')"
                                     ".getAttribute('aria-label')"))
        if i > 0:
            times.append(t)
        time.sleep(0.5)
    return median(times)


def cold_start_pulled(driver_url, base, n):
    """Cold start with a workspace of about `n` documents the app pulled from a server."""
    db, count = seed_server(n)
    print(f"# {count:,} documents on the server; pulling them", file=sys.stderr, flush=True)
    profile = tempfile.mkdtemp(prefix="waypoint-bench-")
    s = Session(driver_url, user_data_dir=profile)
    try:
        s.get(base + "/")
        s.press_enter(s.by_role("button", "English", timeout=60))
        s.click(s.by_role("link", "Settings"))
        s.type(s.by_role("textbox", "Server address"), os.environ["WAYPOINT_TEST_COUCH"])
        s.type(s.by_role("textbox", "Database"), db)
        s.click(s.by_role("button", "Test connection"))
        s.wait_for(lambda: any("holds" in s.text(e) for e in s.all_by_role("status")), "connected", timeout=60)
        s.click(s.by_role("button", "Sync now"))

        def synced():
            texts = [s.text(e) for e in s.all_by_role("status")]
            return next((t for t in texts if t.startswith("Synced:")), None)

        done = s.wait_for(synced, "the pull", timeout=900)
        pulled = int(done.split("received ")[1].split(" ")[0].replace(",", ""))
        assert pulled == count, f"pulled {pulled} of {count}: {done}"
        s.click(s.by_role("link", "Dashboard"))
        deals = s.wait_for(lambda: run.count_rows(s, "Records in this workspace").get("Deals"), "the counts")
        ms = time_board_reloads(s, base)
        report(f"Cold start: reload of /board with {count:,} documents pulled from a server "
               f"({deals} deals), navigation start → first card painted", "ms", ms)
    finally:
        s.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    dist = sys.argv[1]
    site = Site(dist)
    driver, driver_url = run.start_chromedriver()
    profile = tempfile.mkdtemp(prefix="waypoint-bench-")
    s = Session(driver_url, user_data_dir=profile)
    try:
        base = site.url
        s.get(base + "/")
        s.by_role("heading", "Không gian làm việc đang trống", timeout=60)
        # What the page fetched to start, from this origin, by kind (the service
        # worker then precaches the rest of the build in the background).
        fetched = set(s.script("return performance.getEntriesByType('resource').map(e => e.name)"))
        kinds = {"wasm": 0, "js": 0, "css": 0}
        for url in fetched:
            path = urllib.parse.urlparse(url).path.lstrip("/") or "index.html"
            ext = path.rsplit(".", 1)[-1]
            if url.startswith(base) and ext in kinds and os.path.exists(os.path.join(dist, path)):
                kinds[ext] += gz(os.path.join(dist, path))
        html = gz(os.path.join(dist, "index.html"))
        total = sum(kinds.values())
        report("First load: bytes needed to start, gzip -9 (wasm + JS + CSS)", "KB", total)
        for kind, size in kinds.items():
            report(f"  of which {kind}", "KB", size)
        report("  plus index.html", "KB", html)

        s.press_enter(s.by_role("button", "English"))
        s.click(s.by_role("button", "Create sample data"))
        s.wait_for(lambda: run.count_rows(s, "Records in this workspace").get("Survey responses") == "1,500",
                   "the sample workspace", timeout=300)
        counts = run.count_rows(s, "Records in this workspace")
        deals = counts["Deals"]
        docs = sum(int(v.replace(",", "")) for v in counts.values() if v.replace(",", "").isdigit())
        ms = time_board_reloads(s, base)
        report(f"Cold start to interactive: reload of /board with {deals} deals ({docs:,} records) "
               "in IndexedDB, files from the service worker's cache, navigation start → first card painted",
               "ms", ms)
        s.quit()
        s = None
        for n in (COLD_DOCS // 16, COLD_DOCS // 4, COLD_DOCS):
            cold_start_pulled(driver_url, base, n)
    finally:
        if s:
            s.quit()
        driver.kill()
        site.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
