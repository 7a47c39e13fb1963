"""End-to-end tests: serve the built app (dist/) on loopback, drive headless
Chromium through chromedriver, and check what a person sees.

Usage: python3 tests/e2e/run.py [--dist dist] [--shots target/e2e]
Prints 'N passed, M failed' and exits non-zero on any failure."""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from webdriver import Session  # noqa: E402
from couch import couch3, server_json, server_send  # noqa: E402
import site_server  # noqa: E402
from site_server import Site  # noqa: E402
import board  # noqa: E402
import offline  # noqa: E402
import mobile  # noqa: E402
import customers  # noqa: E402
import importing  # noqa: E402
import following  # noqa: E402
import journeys  # noqa: E402
import dashboard  # noqa: E402
import field  # noqa: E402
import embedding  # noqa: E402
import service  # noqa: E402
import surveys  # noqa: E402
import hostile  # noqa: E402
import screens  # noqa: E402
import partner_viewer  # noqa: E402
from steps import local_doc, point_sync_at, point_sync_back, shoot_sections  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chromedriver():
    port = free_port()
    proc = subprocess.Popen(["chromedriver", f"--port={port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/status", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("chromedriver did not start")


# --- the user's steps -------------------------------------------------------

def count_rows(s, table_name):
    table = s.by_role("table", table_name)
    rows = {}
    for row in s.css_all("tbody tr", table):
        cells = s.css_all("th,td", row)
        rows[s.text(cells[0])] = s.text(cells[1])
    return rows


def test_navigation_is_reachable_by_role_and_name(s, base, shots):
    s.get(base + "/")
    nav = s.by_role("navigation", "Điều hướng chính")
    for name in ["Tổng quan", "Bảng bán hàng", "Khách hàng", "Hành trình", "Cài đặt"]:
        s.by_role("link", name, within=nav)
    s.by_role("heading", "Không gian làm việc đang trống")


def test_language_switch_by_keyboard(s, base, shots):
    english = s.by_role("button", "English")
    assert s.attr(english, "aria-pressed") == "false"
    s.press_enter(english)  # keyboard activation, not a mouse click
    nav = s.by_role("navigation", "Main navigation")
    s.by_role("link", "Board", within=nav)
    s.wait_for(lambda: s.attr(s.by_role("button", "English"), "aria-pressed") == "true", "English pressed")
    assert s.script("return document.documentElement.lang") == "en"


def test_sample_data_counts_appear(s, base, shots):
    s.click(s.by_role("button", "Create sample data"))
    s.by_role("progressbar", "Sample data progress", timeout=30)
    expected = {"Accounts": "200", "Contacts": "1,000", "Deals": "2,000", "Activities": "20,000",
                "Tickets": "400", "Survey responses": "1,500", "Pipelines": "2", "Personas": "4",
                "Journey maps": "2"}

    def counts_done():
        rows = count_rows(s, "Records in this workspace")
        return rows if all(rows.get(k) == v for k, v in expected.items()) else None

    rows = s.wait_for(counts_done, "sample counts", timeout=240)
    assert int(rows["Stage transitions"].replace(",", "")) > 3000, rows
    assert not s.all_by_role("heading", "This workspace is empty")
    s.screenshot(os.path.join(shots, "dashboard.png"))


def test_counts_and_language_survive_reload(s, base, shots):
    s.refresh()
    rows = s.wait_for(lambda: count_rows(s, "Records in this workspace"), "counts after reload", timeout=30)
    assert rows["Accounts"] == "200" and rows["Activities"] == "20,000", rows
    s.by_role("navigation", "Main navigation")


def test_customer_search_ignores_diacritics(s, base, shots):
    s.click(s.by_role("link", "Customers"))
    s.by_role("heading", "Customers")
    s.wait_for(lambda: "of 200 accounts" in s.text(s.by_role("status")), "account list")
    box = s.by_role("searchbox", "Search accounts")
    s.type(box, "phat dat")
    def filtered():
        status = s.text(s.by_role("status"))
        return status if status.startswith("Showing ") and not status.startswith("Showing 200") else None
    status = s.wait_for(filtered, "filtered list")
    shown = int(status.split()[1])
    assert shown >= 1, status
    table = s.by_role("table", "Customers")
    names = [s.text(s.css_all("[role=rowheader]", r)[0]) for r in s.css_all(".vbody [role=row]", table)]
    assert len(names) == shown and all("Phát Đạt" in n for n in names), names
    s.screenshot(os.path.join(shots, "customers.png"))


def test_journeys_list_personas_with_coverage(s, base, shots):
    s.click(s.by_role("link", "Journeys"))
    s.by_role("heading", "Personas")
    covered = s.wait_for(lambda: [s.text(c) for c in s.css_all("section table tbody td.num")], "personas")
    assert sum(int(c.replace(",", "")) for c in covered[:4]) == 1000, covered


def test_sync_to_a_new_couchdb_database(s, base, shots):
    couch = os.environ.get("WAYPOINT_TEST_COUCH")
    assert couch, "WAYPOINT_TEST_COUCH is not set (run through scripts/with-pouchdb.sh)"
    db = f"e2e-{int(time.time())}"
    s.click(s.by_role("link", "Settings"))
    s.type(s.by_role("textbox", "Server address"), couch)
    s.type(s.by_role("textbox", "Database"), db)
    s.click(s.by_role("button", "Test connection"))
    alert = s.wait_for(lambda: [a for a in s.all_by_role("alert") if "no database" in s.text(a)], "missing db")
    s.click(s.by_role("button", "Create database", within=alert[0]))
    s.wait_for(lambda: any("holds 0 documents" in s.text(e) for e in s.all_by_role("status")), "connected")
    s.click(s.by_role("button", "Sync now"))

    def synced():
        texts = [s.text(e) for e in s.all_by_role("status")]
        return next((t for t in texts if t.startswith("Synced:")), None)

    done = s.wait_for(synced, "first sync", timeout=300)
    sent = int(done.split("sent ")[1].rstrip(".").replace(",", ""))
    assert done.startswith("Synced: received 0 revisions"), done
    assert sent > 30000, done
    # Every document sent is on the server, tombstones (from undone board moves) included.
    assert len(server_json(f"/{db}/_changes")["results"]) == sent
    assert server_json(f"/{db}/account:a0001")["type"] == "account"
    s.screenshot(os.path.join(shots, "sync.png"))
    # Nothing new on either side: the next round copies nothing.
    s.click(s.by_role("button", "Sync now"))
    s.wait_for(lambda: synced() == "Synced: received 0 revisions, sent 0.", "second sync", timeout=120)
    # The address is remembered on this device after a reload.
    s.refresh()
    s.wait_for(lambda: s.prop(s.by_role("textbox", "Database"), "value") == db, "saved config")


def test_conflict_from_the_server_is_resolved_field_by_field(s, base, shots):
    couch_db = s.prop(s.by_role("textbox", "Database"), "value")
    doc = server_json(f"/{couch_db}/account:a0001")
    rev1 = doc["_rev"].split("-")[1]
    # Two other devices edited the same version: two sibling revisions reach the server.
    siblings = []
    for hash_char, city in (("a", "Cần Thơ (máy A)"), ("b", "Vinh (máy B)")):
        sib = dict(doc, city=city, _rev=f"2-{hash_char * 32}",
                   _revisions={"start": 2, "ids": [hash_char * 32, rev1]})
        siblings.append(sib)
    server_send("POST", f"/{couch_db}/_bulk_docs", {"docs": siblings, "new_edits": False})
    # And a record this version cannot read: it must be set aside, not break the sync.
    server_send("PUT", f"/{couch_db}/deal:broken", {"type": "deal", "title": "X", "value": "abc"})
    s.click(s.by_role("button", "Sync now"))
    s.wait_for(lambda: any(s.text(e).startswith("Synced: received 3 revisions") for e in s.all_by_role("status")),
               "pull of the conflict", timeout=120)
    quarantine = s.wait_for(lambda: [p for p in s.css_all(".quarantine li")], "quarantine list")
    assert "deal:broken" in s.text(quarantine[0])
    s.screenshot(os.path.join(shots, "sync-conflict.png"))
    s.click(s.by_role("link", "Review conflicts"))
    s.by_role("heading", "Conflicts")
    city = s.by_role("group", "City")
    # The winner by CouchDB's rule (2-bbb…) is preselected; choose the other device's value.
    assert s.prop(s.by_role("radio", "Vinh (máy B)", within=city), "checked") is True
    s.screenshot(os.path.join(shots, "conflicts.png"))
    s.click(s.by_role("radio", "Cần Thơ (máy A)", within=city))
    s.click(s.by_role("button", "Keep the chosen values"))
    s.wait_for(lambda: s.all_by_role("status") and "Conflict resolved" in s.text(s.by_role("status")),
               "resolution")
    s.wait_for(lambda: any("No record has conflicting" in s.text(p) for p in s.css_all("main p")), "empty list")
    s.click(s.by_role("link", "Settings"))
    s.click(s.by_role("button", "Sync now"))
    s.wait_for(lambda: any(s.text(e) == "Synced: received 0 revisions, sent 2." for e in s.all_by_role("status")),
               "push of the resolution", timeout=120)
    resolved = server_json(f"/{couch_db}/account:a0001?conflicts=true")
    assert "_conflicts" not in resolved, resolved
    assert resolved["city"] == "Cần Thơ (máy A)", resolved


def search_status(s, query):
    box = s.by_role("searchbox", "Search accounts")
    s.clear(box)
    s.type(box, query)
    time.sleep(0.3)
    return [s.text(e) for e in s.all_by_role("status") if s.text(e).startswith("Showing")]


def test_pouchdb_js_client_and_waypoint_converge(s, base, shots):
    couch_db = s.prop(s.by_role("textbox", "Database"), "value")
    url = f"{os.environ['WAYPOINT_TEST_COUCH']}/{couch_db}"
    client = os.path.join(os.path.dirname(__file__), "pouchdb_client.js")
    edited = json.loads(subprocess.check_output(["node", client, url, "edit"], timeout=180))
    assert edited["account:a0004"]["rev"] is None and edited["account:pouch1"]["name"] == "Pouch Client Co"
    s.click(s.by_role("button", "Sync now"))
    s.wait_for(lambda: any(s.text(e).startswith("Synced: received 3 revisions, sent 0")
                           for e in s.all_by_role("status")), "PouchDB's edits pulled", timeout=120)
    s.click(s.by_role("link", "Customers"))
    s.wait_for(lambda: search_status(s, "pouch client") == ["Showing 1 of 200 accounts"], "created by PouchDB")
    s.wait_for(lambda: search_status(s, "pouchdb edited") == ["Showing 1 of 200 accounts"], "edited by PouchDB")
    # Same winners everywhere: the PouchDB client (pulling again), the server and Waypoint.
    again = json.loads(subprocess.check_output(["node", client, url, "revs"], timeout=180))
    for doc_id, mine in edited.items():
        assert again[doc_id]["rev"] == mine["rev"] and not again[doc_id]["conflicts"], (doc_id, again)
        local = local_doc(s, doc_id)
        assert (local or {}).get("_rev") == mine["rev"], (doc_id, local, mine)
    s.click(s.by_role("link", "Settings"))


def indicator_text(s):
    found = s.all_by_role("status", "Sync status")
    return s.text(found[0]) if found else ""


def test_live_sync_brings_server_changes_without_asking(s, base, shots):
    couch_db = s.prop(s.by_role("textbox", "Database"), "value")
    s.click(s.by_role("checkbox", "Keep in sync automatically"))
    s.wait_for(lambda: indicator_text(s).startswith("Synced"), "live sync indicator", timeout=60)
    doc = server_json(f"/{couch_db}/account:a0002")
    server_send("PUT", f"/{couch_db}/account:a0002", dict(doc, name="Live Update Co"))
    s.click(s.by_role("link", "Customers"))
    s.type(s.by_role("searchbox", "Search accounts"), "live update")
    s.wait_for(lambda: any(s.text(e) == "Showing 1 of 200 accounts" for e in s.all_by_role("status")),
               "the server's edit on screen", timeout=60)
    s.screenshot(os.path.join(shots, "live-sync.png"))
    # After a reload, live sync resumes by itself.
    s.refresh()
    s.wait_for(lambda: indicator_text(s).startswith("Synced"), "live sync after reload", timeout=60)
    # A second tab does not sync too: it shows the leading tab's status.
    first = s.new_tab()
    s.get(base + "/")
    s.wait_for(lambda: indicator_text(s).startswith("Synced") and indicator_text(s).endswith("(another tab)"),
               "the leader's status in a follower tab", timeout=60)
    s.screenshot(os.path.join(shots, "live-sync-follower.png"))
    s.close_tab(first)


def browser_session_user(s):
    """The user the server sees for this browser's cookies (`GET /_session`)."""
    return s.cmd("POST", "/execute/async", {"script": """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0] + '/_session', {credentials: 'include', cache: 'no-store'})
          .then(r => r.json()).then(j => done(j.userCtx.name), e => done('error: ' + e));
    """, "args": [os.environ["WAYPOINT_TEST_COUCH"]]})


def test_session_sign_in_is_remembered_until_sign_out(s, base, shots):
    user, password = f"e2e-rep-{int(time.time())}", "Mật khẩu 42"
    server_send("PUT", f"/_users/org.couchdb.user:{user}",
                {"name": user, "password": password, "roles": [], "type": "user"})
    s.click(s.by_role("link", "Settings"))
    s.type(s.by_role("textbox", "User name (optional)"), user)
    s.type(s.by_label("Password"), "wrong")
    s.click(s.by_role("radio", "Sign in once and use a session cookie (/_session)"))
    s.click(s.by_role("button", "Test connection"))
    s.wait_for(lambda: any("refused these credentials (HTTP 401)" in s.text(a) for a in s.all_by_role("alert")),
               "wrong password refused")
    s.clear(s.by_label("Password"))
    s.type(s.by_label("Password"), password)
    s.click(s.by_role("checkbox", "Remember the password on this device"))
    s.click(s.by_role("button", "Test connection"))
    s.wait_for(lambda: any(s.text(e).endswith(f"Signed in as {user}.") for e in s.all_by_role("status")),
               "signed in")
    assert browser_session_user(s) == user
    s.screenshot(os.path.join(shots, "sync-session.png"))
    # Remembered: after a reload the password is there without typing it again.
    s.refresh()
    s.wait_for(lambda: s.prop(s.by_label("Password"), "value") == password, "remembered password")
    s.click(s.by_role("button", "Sign out"))
    s.wait_for(lambda: any(s.text(e).startswith("Signed out") for e in s.all_by_role("status")), "signed out")
    assert browser_session_user(s) is None
    assert s.prop(s.by_label("Password"), "value") == ""
    assert not s.prop(s.by_role("checkbox", "Keep in sync automatically"), "checked")
    s.refresh()
    s.wait_for(lambda: s.prop(s.by_role("textbox", "Database"), "value"), "settings loaded")
    time.sleep(0.5)
    assert s.prop(s.by_label("Password"), "value") == "", "the password is forgotten after sign out"


def test_a_typed_password_lasts_as_long_as_the_tab(s, base, shots):
    # Against the CouchDB 3 double, which (unlike PouchDB Server) checks Basic credentials.
    db = f"e2e-c3-{int(time.time())}"
    couch3("PUT", f"/{db}")
    user, password = f"e2e-basic-{int(time.time())}", "Mật khẩu 7"
    couch3("PUT", f"/_users/org.couchdb.user:{user}", {"name": user, "password": password, "roles": [],
                                                         "type": "user"})
    couch3("PUT", f"/{db}/_security", {"admins": {"names": [], "roles": []},
                                       "members": {"names": [user], "roles": []}})
    before = point_sync_at(s, os.environ["WAYPOINT_TEST_COUCH3"], db, user, password)
    s.click(s.by_role("button", "Test connection"))
    s.wait_for(lambda: any("holds 0 documents" in s.text(e) for e in s.all_by_role("status")), "connected")
    # Away to the board and back: the password typed once is still there, and still works.
    s.click(s.by_role("link", "Board"))
    s.by_role("heading", "Pipeline board")
    s.click(s.by_role("link", "Settings"))
    s.wait_for(lambda: s.prop(s.by_label("Password"), "value") == password, "the password kept for the tab")
    s.click(s.by_role("button", "Test connection"))
    s.wait_for(lambda: any("holds 0 documents" in s.text(e) for e in s.all_by_role("status")),
               "connected again, not refused")
    assert not any("401" in s.text(a) for a in s.all_by_role("alert"))
    point_sync_back(s, before)


def body_size(doc):
    """A document's size as CouchDB compares it with max_document_size (src/domain/held_back.rs)."""
    body = {k: v for k, v in doc.items() if not k.startswith("_")}
    return len(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode())


def test_a_record_too_large_for_the_server_is_held_back_and_named(s, base, shots):
    # The two largest records of the workspace, as the PouchDB database of the earlier steps holds them.
    earlier_db = s.prop(s.by_role("textbox", "Database"), "value")
    rows = server_json(f"/{earlier_db}/_all_docs?include_docs=true")["rows"]
    docs = sorted((r["doc"] for r in rows if not r["id"].startswith("_")), key=body_size, reverse=True)
    largest, second = docs[0], docs[1]
    assert body_size(largest) > body_size(second), "the largest record is one of a kind"
    title = next(largest[k] for k in ("name", "title", "subject") if largest.get(k))
    couch3("PUT", "/_node/_local/_config/couchdb/max_document_size", str(body_size(second)))
    db = f"e2e-c3-large-{int(time.time())}"
    couch3("PUT", f"/{db}")
    before = point_sync_at(s, os.environ["WAYPOINT_TEST_COUCH3"], db, os.environ["WAYPOINT_TEST_COUCH3_ADMIN"],
                           os.environ["WAYPOINT_TEST_COUCH3_PASSWORD"])
    try:
        s.click(s.by_role("button", "Sync now"))
        s.wait_for(lambda: any(s.text(e).startswith("Synced:") for e in s.all_by_role("status")),
                   "the sync through the CouchDB 3 double", timeout=300)
        held = s.wait_for(lambda: [e for e in s.all_by_role("status") if "too large" in s.text(e)], "held back")
        text = s.text(held[0])
        assert "1 record is waiting" in text and f"“{title}”" in text, text
        assert "the server accepts at most" in text and "Nothing is lost" in text, text
        shoot_sections(s, shots, {"sync-held": ".held-back", "team": "#team-h"})
        # Everything else arrived; the held record did not, and stays here.
        assert couch3("GET", f"/{db}")["doc_count"] == len(docs) - 1 + sum(
            1 for r in rows if r["id"].startswith("_design/"))
        assert local_doc(s, largest["_id"])["_rev"] == largest["_rev"]
        # Once the server's limit allows it, the next sync sends it and nothing waits any more.
        couch3("PUT", "/_node/_local/_config/couchdb/max_document_size", "8000000")
        s.click(s.by_role("button", "Sync now"))
        s.wait_for(lambda: not [e for e in s.all_by_role("status") if "too large" in s.text(e)],
                   "nothing held back", timeout=120)
        assert couch3("GET", f"/{db}/{largest['_id']}")["_rev"] == largest["_rev"]
        set_up_the_team(s, db)
    finally:
        couch3("PUT", "/_node/_local/_config/couchdb/max_document_size", "8000000")
    point_sync_back(s, before)


def set_up_the_team(s, db):
    """Settings → Team on the server, as the server's admin: rules, a member, a partner."""
    team = s.by_role("region", "Team on the server")
    s.wait_for(lambda: "no Waypoint rules" in s.text(team), "rules missing noticed")
    s.click(s.by_role("button", "Install the rules on the server", within=team))
    s.wait_for(lambda: "The server enforces Waypoint's rules" in s.text(team), "rules installed", timeout=30)
    assert couch3("GET", f"/{db}/_security")["members"]["roles"] == ["waypoint-admin", "waypoint-sales",
                                                                       "waypoint-support"]
    member = f"e2e-sales-{int(time.time())}"
    s.type(s.by_role("textbox", "User name", within=team), member)
    s.type(s.by_label("The member's password"), "Mật khẩu 9")
    s.click(s.by_role("button", "Invite", within=team))
    s.wait_for(lambda: f"{member} can sign in now" in s.text(team), "member invited")
    assert couch3("GET", f"/_users/org.couchdb.user:{member}")["roles"] == ["waypoint-sales"]
    # Share one account with a partner: the server fills the partner's database with it alone.
    partner = f"acme{int(time.time())}"
    s.type(s.by_role("textbox", "Partner's name (lowercase letters, digits, -)", within=team), partner)
    account = local_doc(s, "account:a0001")
    s.type(s.by_role("searchbox", "Find an account", within=team), account["name"])
    box = s.by_role("checkbox", account["name"], within=team)
    s.click(box)
    s.click(s.by_role("button", "Share", within=team))
    s.wait_for(lambda: "Shared 1 account" in s.text(team), "shared with the partner", timeout=30)
    target = f"/waypoint-partner-{partner}"

    def partner_ids():
        try:
            return [r["id"] for r in couch3("GET", f"{target}/_all_docs")["rows"]]
        except OSError:
            return []
    ids = s.wait_for(lambda: "account:a0001" in partner_ids() and partner_ids(), "the partner's database filled",
                     timeout=180)
    time.sleep(1)
    for doc_id in partner_ids():
        # Besides its account's records, the partner gets the pipelines (not the settings: they name the team).
        if doc_id.startswith(("_design/", "pipeline:")) or doc_id == "account:a0001":
            continue
        assert couch3("GET", f"{target}/{doc_id}").get("account_id") == "account:a0001", (doc_id, ids)
    assert any(i.startswith("pipeline:") for i in partner_ids()), "the partner's board has its pipelines"
    # The partner's own user: reads their database, changes nothing.
    viewer = f"viewer-{partner}"
    s.clear(s.by_role("textbox", "User name", within=team))
    s.type(s.by_role("textbox", "User name", within=team), viewer)
    s.type(s.by_label("The member's password"), "Đối tác 5")
    role = s.by_role("combobox", "Role", within=team)
    s.click([o for o in s.css_all("option", role) if s.text(o).startswith("Partner viewer")][0])
    # Two fields carry this name once Partner viewer is chosen: the invitation's comes first.
    s.type(s.all_by_role("textbox", "Partner's name (lowercase letters, digits, -)", within=team)[0], partner)
    s.click(s.by_role("button", "Invite", within=team))
    s.wait_for(lambda: f"{viewer} can sign in now" in s.text(team), "partner viewer invited")
    assert couch3("GET", f"/_users/org.couchdb.user:{viewer}")["roles"] == [f"waypoint-partner-{partner}"]
    partner_viewer.TEAM.update(db=db, member=member, member_password="Mật khẩu 9", partner=partner,
                        viewer=viewer, viewer_password="Đối tác 5", account=account)


# The policy every app page is served with in these tests (README "Security").
APP_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
           "img-src 'self' blob: data:; connect-src 'self' {couch}; worker-src 'self'; "
           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; report-uri /csp-report")


def test_every_step_ran_under_a_strict_csp_without_a_violation(s, base, shots):
    s.get(base + "/")
    s.by_role("heading", "Dashboard")
    # The page as served starts the app from a file, not an inline script.
    html = s.cmd("POST", "/execute/async", {"script": """
        const done = arguments[0];
        fetch('/index.html', {cache: 'no-store'}).then(r => r.text()).then(done, e => done(String(e)));
    """, "args": []})
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in t for t in scripts), scripts
    # Nothing the steps so far did was blocked…
    assert site_server.SpaHandler.reports == [], site_server.SpaHandler.reports
    # …and the policy is enforced and reported: an injected inline script is refused.
    s.script("const x = document.createElement('script'); x.textContent = 'window.__csp = 1';"
             "document.body.append(x)")
    assert s.script("return window.__csp === undefined")
    reports = s.wait_for(lambda: site_server.SpaHandler.reports, "the refusal reported", timeout=20)
    assert len(reports) == 1 and "script-src" in json.dumps(reports[0]), reports
    site_server.SpaHandler.reports.clear()


# An older Waypoint in another tab: the schema as version 1 created it, held open
# without ever giving way to an upgrade.
OLD_TAB_HOLDS_V1 = """
    const done = arguments[0];
    const del = indexedDB.deleteDatabase('waypoint');
    del.onerror = () => done('delete failed');
    del.onsuccess = () => {
        const r = indexedDB.open('waypoint', 1);
        r.onupgradeneeded = () => {
            const db = r.result;
            const docs = db.createObjectStore('docs', {keyPath: '_id'});
            docs.createIndex('by_type', 'type');
            docs.createIndex('by_account', 'account_id');
            docs.createIndex('by_deal_stage', ['pipeline_id', 'stage_id']);
            db.createObjectStore('revs', {keyPath: '_id'});
            db.createObjectStore('changes', {keyPath: 'seq'});
            db.createObjectStore('meta');
        };
        r.onsuccess = () => { window.__old = r.result; done('held'); };
        r.onerror = () => done('open failed');
    };
"""


def test_an_upgrade_blocked_by_an_old_tab_says_so_then_continues(s, base, shots):
    app = s.new_tab()
    old = s.window()
    s.get(base + "/manifest.json")  # same origin, no Waypoint running here
    assert s.cmd("POST", "/execute/async", {"script": OLD_TAB_HOLDS_V1, "args": []}) == "held"
    s.cmd("POST", "/window", {"handle": app})
    s.refresh()
    # The language lives in the database being upgraded, so the page speaks the default, Vietnamese.
    alert = s.by_role("alert", timeout=30)
    assert "một thẻ khác vẫn đang mở phiên bản Waypoint cũ" in s.text(alert), s.text(alert)
    s.screenshot(os.path.join(shots, "blocked.png"))
    s.cmd("POST", "/window", {"handle": old})
    s.script("window.__old.close()")
    s.close_tab(app)
    # The waiting page goes on by itself: the schema is migrated and the app opens.
    s.by_role("heading", "Không gian làm việc đang trống", timeout=60)


# How a private window or blocked site data looks to the page: touching indexedDB
# throws (Firefox's private mode, sandboxed frames), or opening a database fails
# because the user denied permission (Chrome with site data blocked).
REFUSE_STORAGE = [
    """Object.defineProperty(window, 'indexedDB', {configurable: true, get() {
        throw new DOMException('The operation is insecure.', 'SecurityError'); }});""",
    """IDBFactory.prototype.open = function () {
        throw new DOMException('The user denied permission to access the database.', 'UnknownError'); };""",
]


def test_a_browser_that_refuses_storage_gets_a_clear_screen(s, base, shots):
    for refusal in REFUSE_STORAGE:
        added = s.cmd("POST", "/goog/cdp/execute", {"cmd": "Page.addScriptToEvaluateOnNewDocument",
                                                   "params": {"source": refusal}})
        try:
            s.get(base + "/")
            # No settings can be read, so the page speaks the default, Vietnamese.
            alert = s.by_role("alert", "Trình duyệt này không cho Waypoint lưu dữ liệu", timeout=30)
            assert "cửa sổ ẩn danh" in s.text(alert), s.text(alert)
            s.screenshot(os.path.join(shots, "storage-refused.png"))
        finally:
            s.cmd("POST", "/goog/cdp/execute", {"cmd": "Page.removeScriptToEvaluateOnNewDocument",
                                               "params": {"identifier": added["identifier"]}})
    # Storage allowed again: Try again opens the workspace.
    s.click(s.by_role("button", "Thử lại", within=alert))
    s.by_role("heading", "Không gian làm việc đang trống", timeout=60)


def test_erase_needs_confirmation(s, base, shots):
    s.click(s.by_role("link", "Dashboard"))
    accounts = s.wait_for(lambda: count_rows(s, "Records in this workspace")["Accounts"], "counts")
    assert int(accounts.replace(",", "")) >= 200, accounts
    s.click(s.by_role("link", "Settings"))
    s.click(s.by_role("button", "Erase all local data"))
    s.by_role("alertdialog", "Erase every record in this browser? Records that were never synced are lost.")
    s.screenshot(os.path.join(shots, "settings.png"))
    # Focus lands on the safe choice, and Escape closes the question.
    focused = s.wait_for(lambda: s.name(s.active()) == "Cancel" and s.active(), "focus on Cancel")
    s.press_escape(focused)
    s.wait_for(lambda: not s.all_by_role("alertdialog"), "confirmation closed")
    s.click(s.by_role("link", "Dashboard"))
    assert count_rows(s, "Records in this workspace")["Accounts"] == accounts, "Escape erased nothing"
    s.click(s.by_role("link", "Settings"))
    s.click(s.by_role("button", "Erase all local data"))
    s.click(s.by_role("button", "Yes, continue"))
    s.wait_for(lambda: any(s.text(e) == "All local data was erased." for e in s.all_by_role("status")),
               "erase confirmation")
    s.click(s.by_role("link", "Dashboard"))
    s.by_role("heading", "This workspace is empty")
    assert not s.all_by_role("status", "Sync status"), "erasing turns live sync off"
    assert count_rows(s, "Records in this workspace")["Accounts"] == "0"


TESTS = [
    test_navigation_is_reachable_by_role_and_name,
    test_language_switch_by_keyboard,
    test_sample_data_counts_appear,
    test_counts_and_language_survive_reload,
    test_customer_search_ignores_diacritics,
    *board.TESTS,
    *offline.TESTS,
    mobile.test_every_screen_fits_a_360px_phone,
    test_journeys_list_personas_with_coverage,
    test_sync_to_a_new_couchdb_database,
    test_conflict_from_the_server_is_resolved_field_by_field,
    test_pouchdb_js_client_and_waypoint_converge,
    test_live_sync_brings_server_changes_without_asking,
    offline.test_edits_made_offline_wait_and_reach_the_server_when_back_online,
    test_session_sign_in_is_remembered_until_sign_out,
    test_a_typed_password_lasts_as_long_as_the_tab,
    test_a_record_too_large_for_the_server_is_held_back_and_named,
    # The team set up by the step above: its partner's own browser and portal.
    *partner_viewer.TESTS,
    *following.TESTS,
    *journeys.TESTS,
    # Reads the sample's figures: before the service steps add records.
    *dashboard.TESTS,
    # Adds a ticket and a deal: after the steps that read the sample's figures.
    *service.TESTS,
    *surveys.TESTS,
    # Every screen, both languages, desk and phone: on the full sample workspace.
    screens.test_every_screen_in_both_languages_on_a_desk_and_a_phone,
    # These add records (a lead, imported contacts and accounts): after the steps that count the sample.
    *customers.TESTS,
    *importing.TESTS,
    *field.TESTS,
    offline.test_a_rep_keeps_only_their_territory_offline,
    # Hostile records typed, imported and synced in: before the CSP step checks nothing was refused.
    *hostile.TESTS,
    test_erase_needs_confirmation,
    test_every_step_ran_under_a_strict_csp_without_a_violation,
    test_an_upgrade_blocked_by_an_old_tab_says_so_then_continues,
    test_a_browser_that_refuses_storage_gets_a_clear_screen,
    # A partner's page with its own workspaces: after the app's own steps.
    *embedding.TESTS,
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dist", default="dist")
    ap.add_argument("--shots", default="target/e2e")
    ap.add_argument("--only", default="", help="comma-separated test name parts (setup steps always run)")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.dist, "index.html")):
        print(f"no built app in {args.dist}/ (run trunk build first)")
        return 2
    os.makedirs(args.shots, exist_ok=True)
    site = Site(args.dist)
    site_server.SpaHandler.policies["/index.html"] = APP_CSP.format(
        couch=" ".join(os.environ.get(k, "") for k in ("WAYPOINT_TEST_COUCH", "WAYPOINT_TEST_COUCH3")))
    offline.SITE = site
    base = site.url
    driver, driver_url = start_chromedriver()
    profile = tempfile.mkdtemp(prefix="waypoint-e2e-")
    passed = failed = 0
    session = None
    try:
        session = Session(driver_url, user_data_dir=profile)
        # The steps build on each other (one user's session), so stop at the first failure.
        setup = ("test_navigation_is_reachable_by_role_and_name", "test_language_switch_by_keyboard",
                 "test_sample_data_counts_appear")
        only = [o for o in args.only.split(",") if o]
        tests = [t for t in TESTS if not only or t.__name__ in setup or any(o in t.__name__ for o in only)]
        for test in tests:
            started = time.time()
            try:
                test(session, base, args.shots)
                passed += 1
                print(f"ok   {test.__name__} ({time.time() - started:.1f}s)", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {test.__name__}", flush=True)
                traceback.print_exc()
                try:
                    session.screenshot(os.path.join(args.shots, f"failure-{test.__name__}.png"))
                    print("page text at the failure:\n" + session.script("return document.body.innerText"))
                except Exception:
                    pass
                break
    finally:
        if session:
            session.quit()
        driver.kill()
        site.close()
        shutil.rmtree(profile, ignore_errors=True)
    skipped = len(tests) - passed - failed
    print(f"e2e: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if failed == 0 and passed == len(tests) else 1


if __name__ == "__main__":
    sys.exit(main())
