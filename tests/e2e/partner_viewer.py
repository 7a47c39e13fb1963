"""A partner on a real team server (the CouchDB 3 double, tests/couch3_double.py),
after run.set_up_the_team shared one account with them and invited their user:
the server refuses a change signed with someone else's name; in the partner's own
browser, a change they make is refused by the server's rules, shown as refused
with the server's reason, and discarded back to the server's version; and an
embed signed in as the partner shows their account and nothing else."""

import base64
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request

import offline
import site_server
from couch import couch3
from steps import local_doc, point_sync_at, shoot_sections
from webdriver import Session

# Filled by run.set_up_the_team: db, member, member_password, partner, viewer,
# viewer_password, account (the shared account's document).
TEAM = {}


def couch3_as(user, password, method, path, body=None):
    """Sends `body` to the double as `user` (Basic); returns the status and the JSON answer."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(os.environ["WAYPOINT_TEST_COUCH3"] + path, method=method, data=data,
                                 headers={"Content-Type": "application/json", "Authorization": "Basic " + token})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def test_the_server_refuses_a_change_signed_with_another_name(s, base, shots):
    db, member, password = TEAM["db"], TEAM["member"], TEAM["member_password"]
    record = {"type": "account", "name": "Công ty Giả Danh", "updated_at": "2026-12-07T10:00:00Z"}
    status, answer = couch3_as(member, password, "PUT", f"/{db}/account:e2e-forged",
                               {**record, "updated_by": "someone-else"})
    assert status == 403 and answer["error"] == "forbidden", (status, answer)
    assert f'signed by "someone-else" (updated_by), but you are signed in as "{member}"' in answer["reason"], answer
    status, answer = couch3_as(member, password, "GET", f"/{db}/account:e2e-forged")
    assert status == 404, (status, answer)
    # Signed with their own name, the same record is taken.
    status, answer = couch3_as(member, password, "PUT", f"/{db}/account:e2e-forged",
                               {**record, "updated_by": member})
    assert status == 201, (status, answer)


PORTAL = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Partner portal</title>
  <script type="module" src="/waypoint-embed.js"></script>
</head>
<body><main><h1>Our accounts at the supplier</h1></main></body>
</html>
"""


def embed_counts(p, element_id):
    """The record counts an embedded dashboard shows, by row name."""
    shadow = p.shadow_of(p.css_all("#" + element_id)[0])
    out = {}
    for r in p.all_by_role("row", within=shadow)[1:]:
        head = p.all_by_role("rowheader", within=r)
        cell = p.css_all("td", within=r)
        if head and cell:
            out[p.text(head[0])] = p.text(cell[0])
    return out


def test_a_partner_sees_only_their_account_and_cannot_change_it(s, base, shots):
    server, db = os.environ["WAYPOINT_TEST_COUCH3"], f"waypoint-partner-{TEAM['partner']}"
    viewer, password, account = TEAM["viewer"], TEAM["viewer_password"], TEAM["account"]
    name = account["name"]
    shared = [r["doc"] for r in couch3("GET", f"/{db}/_all_docs?include_docs=true")["rows"]
              if not r["id"].startswith("_design/")]
    deals = sum(1 for d in shared if d["_id"].startswith("deal:"))
    pipelines = sum(1 for d in shared if d["_id"].startswith("pipeline:"))
    profile = tempfile.mkdtemp(prefix="waypoint-partner-")
    p = Session(s.base, user_data_dir=profile)
    try:
        # The partner's own browser, a new device: their database, as their user.
        p.get(base + "/")
        p.click(p.by_role("button", "English"))
        point_sync_at(p, server, db, viewer, password)
        p.click(p.by_role("button", "Sync now"))
        p.wait_for(lambda: any(p.text(e).startswith("Synced:") for e in p.all_by_role("status")),
                   "the partner's first sync", timeout=120)
        assert local_doc(p, account["_id"])["name"] == name
        assert local_doc(p, "account:a0002") is None, "another account reached the partner"

        # They change their account's name: the server's rules refuse it. (Within
        # the app: a reload would forget the password typed for this tab.)
        p.click(p.by_role("link", "Customers"))
        p.wait_for(lambda: "1 account" in p.text(p.by_role("status")), "the partner's one account")
        p.click(p.by_role("link", name))
        form = p.by_role("form", "Details")
        box = p.by_role("textbox", "Name", within=form)
        p.wait_for(lambda: p.prop(box, "value") == name, "the account's form")
        changed = name + " (đối tác sửa)"
        p.clear(box)
        p.type(box, changed)
        p.click(p.by_role("button", "Save", within=form))
        p.wait_for(lambda: local_doc(p, account["_id"])["name"] == changed, "the change saved on the device")
        p.click(p.by_role("link", "Settings"))
        p.click(p.by_role("button", "Sync now"))
        refused = p.wait_for(lambda: [e for e in p.all_by_role("status") if "refused the last change" in p.text(e)],
                             "the refusal shown", timeout=120)[0]
        text = p.text(refused)
        assert "The server refused the last change of 1 record." in text, text
        assert f"“{changed}”" in text and "has partner access" in text, text
        # Kept on the device as written, and not on the server.
        assert local_doc(p, account["_id"])["name"] == changed
        assert couch3("GET", f"/{db}/{account['_id']}")["name"] == name
        shoot_sections(p, shots, {"sync-refused": ".refused"})

        # Discarded: back to the server's version, after a confirmation.
        p.click(p.by_role("button", f"Discard my change to “{changed}”"))
        ask = p.by_role("alertdialog")
        assert p.active() == p.by_role("button", "Cancel", within=ask), "the safe choice has the focus"
        p.click(p.by_role("button", "Discard", within=ask))
        p.wait_for(lambda: any(p.text(e) == f"“{changed}” is back to the server's version."
                               for e in p.all_by_role("status")), "the discard done", timeout=60)
        assert local_doc(p, account["_id"])["name"] == name
        p.wait_for(lambda: not [e for e in p.all_by_role("status") if "refused the last change" in p.text(e)],
                   "the refused list emptied")

        # An embed in the partner's portal, signed in as the partner: their account alone.
        with open(os.path.join(offline.SITE.root, "partner-portal.html"), "w") as f:
            f.write(PORTAL)
        import embedding
        site_server.SpaHandler.policies["/partner-portal.html"] = embedding.CSP.replace(
            "connect-src 'self'", "connect-src 'self' " + server)
        p.get(base + "/partner-portal.html")
        p.script("""
            const el = document.createElement('waypoint-view');
            el.id = 'partner-counts';
            for (const [k, v] of [['view', 'dashboard'], ['workspace', 'portal'], ['locale', 'en'],
                                  ['server', arguments[0]], ['database', arguments[1]]])
              el.setAttribute(k, v);
            el.credentials = {username: arguments[2], password: arguments[3]};
            document.querySelector('main').append(el);""", server, db, viewer, password)
        counts = p.wait_for(lambda: (c := embed_counts(p, "partner-counts")).get("Accounts") == "1" and c,
                            "the partner's records in the embed", timeout=90)
        time.sleep(1)
        counts = embed_counts(p, "partner-counts")
        assert counts["Accounts"] == "1" and int(counts["Deals"].replace(",", "")) == deals, (counts, deals)
        assert counts["Pipelines"] == str(pipelines) != "0", (counts, pipelines)
        p.screenshot(os.path.join(shots, "partner-portal.png"))
    except Exception:
        # The page text is the partner's browser's, not the main session's.
        print("the partner's page at the failure:\n" + p.script("return document.body.innerText"))
        p.screenshot(os.path.join(shots, "failure-partner.png"))
        raise
    finally:
        p.quit()
        shutil.rmtree(profile, ignore_errors=True)


TESTS = [
    test_the_server_refuses_a_change_signed_with_another_name,
    test_a_partner_sees_only_their_account_and_cannot_change_it,
]
