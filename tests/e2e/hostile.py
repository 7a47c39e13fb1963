"""Hostile text, typed into the app's fields, imported from a CSV file and synced
in from the server: nothing in it runs (the trap `window.__xss` stays unset, no
element gets an event-handler attribute, no script or frame appears) and the page
shows it exactly as written. Links built from record data are only ever http(s),
mailto or tel, and never give the opened page a handle on Waypoint.

Every payload would change what the page shows if it were parsed as markup (a
`<style>` hiding everything, tags vanishing from the text), so the literal-text
checks fail on any `inner_html`, even where the strict CSP would stop the script."""

import copy
import os
import tempfile
import time
import urllib.parse

from couch import server_json, server_send
import board
from customers import idb_doc
from importing import csv_cell, statuses
from offline import sync_now
from service import choose
from webdriver import ELEMENT_KEY

LONG = "Dài " * 2500 + '<script>window.__xss="long"</script>'  # 10,000+ characters, imported and synced
TYPED = {
    "name": 'Gõ <img src=x onerror="window.__xss=\'name\'"> Nguyễn',
    "title": '"><svg onload="window.__xss=\'title\'"><b>in đậm</b>',
    "phone": '+84 <script>window.__xss="phone"</script>',
    "note": '<a href="javascript:window.__xss=\'note\'">bấm</a> \u202eđảo chiều\u202c ngu\u200byễn\u200d',
    "subject": '<iframe src="javascript:window.__xss=\'subject\'"></iframe> Phiếu',
    "description": "Mô tả " * 150 + '<img src=x onerror="window.__xss=\'desc\'">',
    "deal": "<style>*{display:none}</style><marquee>Hợp đồng</marquee>",
    "search": '<script>window.__xss="search"</script>',
}
CSV_ROWS = [
    ('CSV <svg/onload="window.__xss=\'csv\'"> Hà', "csv1@example.vn", "<img src=x onerror=\"window.__xss='co'\"> Co",
     "", LONG),
    ("CSV \u202eRTL\u202c Zero\u200bWidth", "csv2@example.vn", "", "", '=HYPERLINK("javascript:alert(1)")'),
]
# Refused at import: a landing page that is not a web address.
CSV_BAD = ("CSV <b>bad</b> link", "csv3@example.vn", "", "javascript:window.__xss='landing'", "")
SYNCED = {
    "account": '<style>body{display:none}</style>Công ty Đồng Bộ',
    "contact": 'Đồng bộ <img src=x onerror="window.__xss=\'sync\'">',
    "landing": "javascript:window.__xss='landing'",
    "referrer": "https://tin.example.vn/bai-viet?q=<svg onload=1>",
    "notes": '<script>window.__xss="activity"</script>' + "x" * 5000,
}

INERT = r"""
    const bad = [];
    if (window.__xss !== undefined) bad.push('trap set by ' + window.__xss);
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(el.tagName + '[' + a.name + ']');
      const tag = el.tagName;
      if (['IFRAME', 'OBJECT', 'EMBED', 'MARQUEE'].includes(tag)) bad.push(tag);
      // leptos_i18n's provider leaves an empty <script> placeholder in client-side builds.
      if (tag === 'SCRIPT' && !el.getAttribute('src') && el.textContent.trim()) bad.push('inline script ' + el.textContent.slice(0, 80));
      if (tag === 'STYLE') bad.push('style element');
      if (tag === 'IMG' && el.getAttribute('src') === 'x') bad.push('injected img');
      if (tag === 'A' && el.hasAttribute('href')) {
        const href = el.getAttribute('href');
        if (!/^(\/|#|https?:|mailto:|tel:)/i.test(href)) bad.push('href ' + href);
        if (/^https?:/i.test(href) && el.target === '_blank' && !/\bnoopener\b/.test(el.rel)) bad.push('opener ' + href);
      }
    }
    return bad;"""


def assert_inert(s, where):
    bad = s.script(INERT)
    assert bad == [], (where, bad)


def page_text(s):
    return s.script("return document.body.innerText")


def shown(s, text, where):
    """Waits until `text` is on the page character for character, then checks nothing ran."""
    s.wait_for(lambda: text in page_text(s), f"{where}: the text shown literally")
    assert_inert(s, where)


def contact_named(s, name):
    """The id of the stored contact called `name`."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [name, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const q = r.result.transaction('docs').objectStore('docs')
            .getAll(IDBKeyRange.bound('contact:', 'contact:\\uffff'));
          const body = d => typeof d._doc === 'string' ? JSON.parse(d._doc) : d;
          q.onsuccess = () => { const c = q.result.map(body).find(d => d.name === name); done(c ? c._id : null); r.result.close(); };
        };""", "args": [name]})


def test_hostile_text_typed_into_fields_is_kept_and_shown_literally(s, base, shots):
    s.get(base + "/customers")
    s.click(s.by_role("button", "New contact"))
    dialog = s.by_role("dialog", "New contact")
    s.type(s.by_role("textbox", "Name", within=dialog), TYPED["name"])
    s.type(s.by_role("textbox", "Email", within=dialog), "go.hostile@example.vn")
    s.click(s.by_role("button", "Create contact"))
    s.by_role("heading", TYPED["name"], timeout=30)
    shown(s, TYPED["name"], "new contact")
    contact_id = "contact:" + s.script("return location.pathname.split('/').pop()")

    for label in ("Job title", "Phone"):
        s.clear(s.by_role("textbox", label))
    s.type(s.by_role("textbox", "Job title"), TYPED["title"])
    assert s.prop(s.by_role("textbox", "Job title"), "value") == TYPED["title"]
    s.type(s.by_role("textbox", "Phone"), TYPED["phone"])
    s.click(s.by_role("button", "Save"))
    s.wait_for(lambda: any(t == "Saved." for t in statuses(s)), "saved")
    doc = idb_doc(s, contact_id)
    assert (doc["title"], doc["phone"]) == (TYPED["title"], TYPED["phone"]), doc
    shown(s, TYPED["phone"], "phone")
    # The email is a mail link; a "phone" that is not a number stays text.
    mail = s.by_role("link", "go.hostile@example.vn")
    assert (s.attr(mail, "href"), s.attr(mail, "rel")) == ("mailto:go.hostile@example.vn", "noopener noreferrer")
    assert not s.all_by_role("link", TYPED["phone"])

    notes = s.by_role("textbox", "What happened")
    s.type(notes, TYPED["note"])
    s.press_enter(notes)
    shown(s, TYPED["note"], "logged note")

    s.get(base + "/customers")
    s.click(s.by_role("button", "Contacts"))
    s.type(s.by_role("searchbox", "Search contacts"), TYPED["search"])
    s.wait_for(lambda: any(t.startswith("Showing 0 of") for t in statuses(s)), "an empty search")
    assert_inert(s, "search")

    s.click(s.by_role("link", "Support"))
    s.click(s.by_role("button", "New ticket"))
    dialog = s.by_role("dialog", "New ticket")
    s.type(s.by_role("textbox", "Subject", within=dialog), TYPED["subject"])
    s.type(s.by_role("textbox", "What the customer asked", within=dialog), TYPED["description"])
    choose(s, s.by_role("combobox", "Customer", within=dialog), index=1)
    s.click(s.by_role("button", "Open ticket", within=dialog))
    s.by_role("heading", TYPED["subject"], timeout=30)
    shown(s, TYPED["description"], "ticket")

    s.click(s.by_role("link", "Board"))
    first = s.wait_for(lambda: board.cards_in(s, board.STAGES[0]), "the first stage's cards")[0]
    s.click(s.by_role("button", f"Open {first}"))
    dialog = s.by_role("dialog", first)
    title = s.by_role("textbox", "Title", within=dialog)
    s.clear(title)
    s.type(title, TYPED["deal"])
    s.click(s.by_role("button", "Save deal", within=dialog))
    s.wait_for(lambda: "Deal saved." in s.text(dialog), "the deal saved")
    s.click(s.by_role("button", "Close", within=dialog))
    s.wait_for(lambda: TYPED["deal"] in board.cards_in(s, board.STAGES[0]), "the renamed card")
    shown(s, TYPED["deal"], "deal card")
    s.screenshot(os.path.join(shots, "hostile-board.png"))


def test_hostile_csv_rows_import_as_plain_text(s, base, shots):
    path = os.path.join(tempfile.mkdtemp(prefix="waypoint-hostile-"), "hostile.csv")
    rows = CSV_ROWS + [CSV_BAD]
    lines = ["Name,Email,Company,Landing page,Title"] + [",".join(csv_cell(c) for c in r) for r in rows]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    s.get(base + "/customers/import")
    s.by_role("heading", "Import from CSV")
    s.type(s.css_all("input[type=file]")[0], path)
    s.wait_for(lambda: any(t == "2 rows are ready to import; 1 row has problems." for t in statuses(s)), "the check")
    problems = s.text(s.by_role("table", "Rows with problems"))
    assert "Landing page" in problems, problems
    assert_inert(s, "import preview")
    s.click(s.by_role("radio", "Import the valid rows and download the rejected ones"))
    s.click(s.by_role("button", "Import 2 rows"))
    s.wait_for(lambda: any(t.startswith("Imported 2") for t in statuses(s)), "imported", timeout=60)
    assert contact_named(s, CSV_BAD[0]) is None
    for name, _email, company, _landing, title in CSV_ROWS:
        contact_id = s.wait_for(lambda: contact_named(s, name), f"{name!r} stored")
        assert idb_doc(s, contact_id)["title"] == title
        s.get(base + "/customers/contact/" + urllib.parse.quote(contact_id.split(":", 1)[1]))
        s.by_role("heading", name, timeout=30)
        shown(s, name, "imported contact")
        assert s.prop(s.by_role("textbox", "Job title"), "value") == title
        if company:
            shown(s, company, "imported company")
            s.click(s.by_role("link", company))
            s.by_role("heading", company, timeout=30)
            # The account lists its people with their titles: the long one in full.
            shown(s, title, "imported account")
    s.screenshot(os.path.join(shots, "hostile-import.png"))


def test_hostile_documents_from_the_server_show_as_plain_text(s, base, shots):
    s.click(s.by_role("link", "Settings"))
    db = s.wait_for(lambda: s.prop(s.by_role("textbox", "Database"), "value"), "sync settings")

    def first(prefix):
        rows = server_json(f"/{db}/_all_docs?include_docs=true&limit=1&startkey=%22{prefix}%22"
                           f"&endkey=%22{prefix}%EF%BF%B0%22")["rows"]
        doc = copy.deepcopy(rows[0]["doc"])
        doc.pop("_rev")
        doc.pop("_revisions", None)
        return doc

    stamp = int(time.time())
    account, contact, activity = first("account:"), first("contact:"), first("activity:")
    account.update(_id=f"account:hostile{stamp}", name=SYNCED["account"], industry=LONG)
    contact.update(_id=f"contact:hostile{stamp}", name=SYNCED["contact"], account_id=account["_id"], email="",
                   title="\u202e" + LONG, phone="")
    source = dict(contact.get("source") or {}, landing_page=SYNCED["landing"], referrer=SYNCED["referrer"])
    source.setdefault("source", "facebook")
    source.setdefault("medium", "cpc")
    source.setdefault("captured_at", activity["occurred_at"])
    contact.update(source=source, last_source=None)
    activity.update(_id=f"activity:hostile{stamp}", contact_id=contact["_id"], account_id=account["_id"],
                    deal_id=None, notes=SYNCED["notes"], kind="note", reason="", location=None)
    activity.pop("_attachments", None)
    for doc in (account, contact, activity):
        assert server_send("PUT", f"/{db}/{urllib.parse.quote(doc['_id'])}", doc)["ok"]
    sync_now(s)

    s.get(base + f"/customers/contact/hostile{stamp}")
    s.by_role("heading", SYNCED["contact"], timeout=30)
    for text in (SYNCED["contact"], SYNCED["account"], SYNCED["landing"], SYNCED["referrer"], SYNCED["notes"]):
        shown(s, text, "synced contact")
    # A javascript: landing page stays text; the web referrer is a link that cannot reach back.
    source = s.by_role("region", "Lead source")
    assert not [a for a in s.css_all("a", source) if s.text(a) == SYNCED["landing"]]
    link = s.by_role("link", SYNCED["referrer"], within=source)
    assert s.script("return arguments[0].getAttribute('href')", {ELEMENT_KEY: link}) == SYNCED["referrer"]
    assert (s.attr(link, "rel"), s.attr(link, "target")) == ("noopener noreferrer", "_blank")
    s.screenshot(os.path.join(shots, "hostile-sync.png"))
    s.click(s.by_role("link", SYNCED["account"]))
    s.by_role("heading", SYNCED["account"], timeout=30)
    shown(s, SYNCED["account"], "synced account")


TESTS = [
    test_hostile_text_typed_into_fields_is_kept_and_shown_literally,
    test_hostile_csv_rows_import_as_plain_text,
    test_hostile_documents_from_the_server_show_as_plain_text,
]
