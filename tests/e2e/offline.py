"""Installable app and offline start: the manifest, the service worker's cache,
a reload with the server gone, and a new build that waits for the user."""

import json
import os
import urllib.request

import board

SITE = None  # the Site serving the app (set by run.py)


def page_json(s, script):
    """Runs async `script` (which calls done(value)) in the page; returns its value."""
    return s.cmd("POST", "/execute/async", {"script": "const done = arguments[0];\n" + script, "args": []})


def count(s, table_name, label):
    """The number beside `label` in a two-column table."""
    for row in s.css_all("tbody tr", s.by_role("table", table_name)):
        cells = s.css_all("th,td", row)
        if s.text(cells[0]) == label:
            return s.text(cells[1])
    return None


def shell_caches(s):
    return page_json(s, "caches.keys().then(k => done(k.filter(n => n.startsWith('waypoint-shell-'))))")


def test_the_app_is_installable(s, base, shots):
    manifest = page_json(s, "fetch('/manifest.json').then(r => r.json()).then(done)")
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/", manifest
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"], manifest
    sizes = {i["sizes"] for i in manifest["icons"] if i["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes, sizes
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"]), manifest["icons"]
    for icon in manifest["icons"]:
        status = page_json(s, f"fetch({json.dumps(icon['src'])}).then(r => done(r.status))")
        assert status == 200, (icon, status)
    # The worker controls the page once it has cached this build.
    s.wait_for(lambda: page_json(s, "done(!!navigator.serviceWorker.controller)"),
               "a service worker controlling the page", timeout=60)
    cached = page_json(s, """caches.keys().then(async names => {
        const shell = names.find(n => n.startsWith('waypoint-shell-'));
        const keys = await (await caches.open(shell)).keys();
        done(keys.map(r => new URL(r.url).pathname)); })""")
    assert "/index.html" in cached and any(p.endswith(".wasm") for p in cached), cached
    assert not any(p.endswith("sw.js") for p in cached), cached


def test_a_reload_with_no_network_shows_the_workspace(s, base, shots):
    s.get(base + "/")
    s.by_role("heading", "Dashboard")
    SITE.stop()
    try:
        s.refresh()
        s.by_role("heading", "Dashboard", timeout=30)
        s.wait_for(lambda: count(s, "Records in this workspace", "Accounts") == "200", "counts offline")
        s.screenshot(os.path.join(shots, "offline-dashboard.png"))
        # A deep link, loaded whole with no network.
        s.get(base + "/customers")
        s.wait_for(lambda: any(s.text(e).endswith("200 accounts") for e in s.all_by_role("status")),
                   "customers offline", timeout=30)
        s.click(s.by_role("link", "Board"))
        s.by_role("heading", "Pipeline board", timeout=30)
        s.screenshot(os.path.join(shots, "offline-board.png"))
    finally:
        SITE.start()
    s.get(base + "/")
    s.by_role("heading", "Dashboard")


def test_a_new_build_waits_until_the_user_reloads(s, base, shots):
    before = shell_caches(s)
    assert len(before) == 1, before
    # Deploy a "new build": the worker file changes, as every Trunk build changes it.
    worker = SITE.path("sw.js")
    text = open(worker, encoding="utf-8").read()
    version = before[0].removeprefix("waypoint-shell-")
    assert f'"{version}"' in text, "the build wrote its version into sw.js"
    with open(worker, "w", encoding="utf-8") as f:
        f.write(text.replace(f'"{version}"', '"e2e-next-build"'))
    page_json(s, "navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => done(true))")
    banner = s.wait_for(lambda: next((e for e in s.all_by_role("status")
                                      if s.text(e).startswith("A new version of Waypoint is available.")), None),
                        "the new-version banner", timeout=60)
    # Until the user accepts, the page runs on the old build's cache.
    assert shell_caches(s) and page_json(s, "done(!!navigator.serviceWorker.controller)")
    s.screenshot(os.path.join(shots, "update-banner.png"))
    s.click(s.by_role("button", "Reload", within=banner))
    s.wait_for(lambda: shell_caches(s) == ["waypoint-shell-e2e-next-build"], "the new build active", timeout=60)
    s.by_role("heading", "Dashboard", timeout=30)
    # Read again if the page re-renders a status line while it is being read (stale element).
    s.wait_for(lambda: not any("new version" in s.text(e) for e in s.all_by_role("status")),
               "no new-version banner on the new build")


def test_storage_use_is_shown(s, base, shots):
    s.click(s.by_role("link", "Settings"))
    section = s.by_role("region", "Storage on this device")
    s.wait_for(lambda: "Using " in s.text(section), "storage figures")
    meter = s.css_all("meter", section)[0]
    # The meter agrees with the browser's own estimate, read independently here.
    used, quota = page_json(s, "navigator.storage.estimate().then(e => done([e.usage, e.quota]))")
    assert abs(float(s.prop(meter, "value")) - used * 1000 // quota) <= 1, (s.prop(meter, "value"), used, quota)
    assert "GB" in s.text(section) or "MB" in s.text(section), s.text(section)
    # Far below 80%: no warning (the threshold itself is a native test).
    assert not [a for a in s.all_by_role("alert") if "nearly out of space" in s.text(a)]
    s.script("arguments[0].scrollIntoView()", {"element-6066-11e4-a52e-4f735466cecf": section})
    s.screenshot(os.path.join(shots, "settings-storage.png"))


def sync_indicator(s):
    found = s.all_by_role("status", "Sync status")
    return s.text(found[0]) if found else ""


def set_offline(s, offline):
    """Chromium's network emulation: with it on, the page has no network at all."""
    if offline:
        s.cmd("POST", "/chromium/network_conditions", {"network_conditions": {
            "offline": True, "latency": 0, "download_throughput": -1, "upload_throughput": -1}})
    else:
        s.cmd("DELETE", "/chromium/network_conditions")


def test_edits_made_offline_wait_and_reach_the_server_when_back_online(s, base, shots):
    s.click(s.by_role("link", "Settings"))
    couch_db = s.wait_for(lambda: s.prop(s.by_role("textbox", "Database"), "value"), "sync settings")
    s.wait_for(lambda: sync_indicator(s).startswith("Synced"), "live sync running", timeout=60)
    s.click(s.by_role("link", "Board"))
    title = s.wait_for(lambda: board.cards_in(s, board.STAGES[0])[0], "a card")
    deal_id = board.deal_by_title(s, title)["_id"]
    set_offline(s, True)
    try:
        s.wait_for(lambda: sync_indicator(s).startswith("Offline"), "offline status", timeout=30)
        menu = s.by_role("combobox", f"Move {title} to")
        s.click(next(o for o in s.css_all("option", menu) if s.text(o) == board.STAGES[1]))
        s.wait_for(lambda: title in board.cards_in(s, board.STAGES[1]), "the move on screen")
        # The move and its stage transition wait, counted in the header.
        s.wait_for(lambda: "2 changes waiting to sync" in sync_indicator(s), "the queue", timeout=30)
        s.screenshot(os.path.join(shots, "offline-queue.png"))
    finally:
        set_offline(s, False)
    s.wait_for(lambda: sync_indicator(s).startswith("Synced") and "waiting" not in sync_indicator(s),
               "the queue drained", timeout=90)
    stage = board.deal_by_title(s, title)["stage_id"]
    url = f"{os.environ['WAYPOINT_TEST_COUCH']}/{couch_db}/{urllib.request.quote(deal_id)}"
    with urllib.request.urlopen(url, timeout=30) as r:
        assert json.load(r)["stage_id"] == stage


def server_accounts(db):
    """Every account document on the test server's database `db`."""
    url = (f"{os.environ['WAYPOINT_TEST_COUCH']}/{db}/_all_docs?include_docs=true"
           f"&startkey=%22account:%22&endkey=%22account:%EF%BF%B0%22")
    with urllib.request.urlopen(url, timeout=30) as r:
        return [row["doc"] for row in json.load(r)["rows"]]


def sync_now(s):
    """Presses Sync now in Settings and waits for the round to finish."""
    before = set(s.all_by_role("status"))
    s.click(s.by_role("button", "Sync now"))

    def done():
        fresh = [e for e in s.all_by_role("status") if e not in before]
        return next((s.text(e) for e in fresh if s.text(e).startswith("Synced:")), None)
    return s.wait_for(done, "a sync round", timeout=180)


def test_a_rep_keeps_only_their_territory_offline(s, base, shots):
    s.click(s.by_role("link", "Settings"))
    db = s.wait_for(lambda: s.prop(s.by_role("textbox", "Database"), "value"), "sync settings")
    theirs = [a for a in server_accounts(db) if a.get("owner") == "Nguyễn Thị Lan"]
    assert theirs, "the sample has accounts owned by Nguyễn Thị Lan"
    card = s.by_role("form", "Keep offline on this device")
    s.click(s.by_role("radio", "One owner's accounts and records", within=card))
    owner = s.by_role("combobox", "Owner", within=card)  # a text field with suggestions
    s.click(s.by_role("button", "Save what to keep", within=card))
    s.wait_for(lambda: "Name an owner" in s.text(s.by_role("status", within=card)), "an empty owner refused")
    s.type(owner, "nguyen thi lan")
    s.click(s.by_role("button", "Save what to keep", within=card))
    s.wait_for(lambda: s.text(s.by_role("status", within=card)) == "Saved. The next sync applies it.", "saved")
    s.screenshot(os.path.join(shots, "offline-scope.png"))
    sync_now(s)
    s.click(s.by_role("link", "Dashboard"))
    s.wait_for(lambda: count(s, "Records in this workspace", "Accounts") == str(len(theirs)),
               "only her accounts on this device", timeout=60)
    s.refresh()
    s.wait_for(lambda: count(s, "Records in this workspace", "Accounts") == str(len(theirs)),
               "still only hers after a reload", timeout=60)
    # The whole workspace again.
    s.click(s.by_role("link", "Settings"))
    card = s.by_role("form", "Keep offline on this device")
    assert s.prop(s.by_role("radio", "One owner's accounts and records", within=card), "checked")
    # The account chooser lists the accounts now on this device: hers.
    s.click(s.by_role("radio", "Chosen accounts", within=card))
    s.wait_for(lambda: len(s.all_by_role("checkbox", within=card)) == len(theirs), "her accounts to choose from")
    s.click(s.by_role("radio", "The whole workspace", within=card))
    s.click(s.by_role("button", "Save what to keep", within=card))
    s.wait_for(lambda: s.text(s.by_role("status", within=card)) == "Saved. The next sync applies it.", "saved")
    sync_now(s)
    s.click(s.by_role("link", "Dashboard"))
    every = len(server_accounts(db))
    s.wait_for(lambda: count(s, "Records in this workspace", "Accounts") == f"{every:,}",
               "every account back", timeout=60)


TESTS = [
    test_the_app_is_installable,
    test_a_reload_with_no_network_shows_the_workspace,
    test_a_new_build_waits_until_the_user_reloads,
    test_storage_use_is_shown,
]
