"""Customers and timelines, as a person uses them: the contact list, a contact's
page with its journey path and timeline, quick log (also offline), edits that
show up field by field, delete with undo, and a lead arriving from a campaign link."""

import os
import time

import board
from offline import set_offline
from steps import local_doc as idb_doc
from webdriver import ELEMENT_KEY


def timeline_count(s):
    """(shown, total) from the timeline's status line."""
    def read():
        for e in s.all_by_role("status"):
            t = s.text(e)
            if t.startswith("Showing") and t.endswith("items"):
                parts = t.replace(",", "").split()
                return int(parts[1]), int(parts[3])
        return None
    return s.wait_for(read, "the timeline's count", timeout=30)


def timeline_titles(s):
    return [s.text(e) for e in s.css_all(".tl-item .tl-title")]


def open_first_contact(s, base, query):
    s.get(base + "/customers")
    s.click(s.by_role("button", "Contacts"))
    box = s.by_role("searchbox", "Search contacts")
    s.type(box, query)
    table = s.by_role("table", "Customers")
    link = s.wait_for(lambda: s.css_all(".vbody [role=rowheader] a", table), "a matching contact")[0]
    name = s.text(link)
    s.click(link)
    s.by_role("heading", name, timeout=30)
    return name


def test_contacts_list_filters_by_stage_and_source_group(s, base, shots):
    s.get(base + "/customers")
    s.click(s.by_role("button", "Contacts"))
    def all_shown():
        for e in s.all_by_role("status"):
            words = s.text(e).replace(",", "").split()
            if len(words) == 5 and words[0] == "Showing" and words[4] == "contacts" and words[1] == words[3]:
                return int(words[1])
        return None
    total = s.wait_for(all_shown, "all contacts")
    assert total >= 1000, total
    s.click(s.by_role("combobox", "Source group"))
    paid = [o for o in s.css_all("option", s.by_role("combobox", "Source group")) if s.text(o) == "Paid social"][0]
    s.click(paid)
    def narrowed():
        t = [s.text(e) for e in s.all_by_role("status") if s.text(e).startswith("Showing")]
        return t and not t[0].startswith(f"Showing {total:,}") and t[0]
    status = s.wait_for(narrowed, "filtered by source group")
    shown = int(status.split()[1].replace(",", ""))
    assert 0 < shown < total, status
    table = s.by_role("table", "Customers")
    groups = [s.text(c) for c in s.css_all(".vbody .c-source", table)]
    assert groups and set(groups) == {"Paid social"}, groups
    # Only the rows in view exist in the page, whatever the list's length.
    assert len(groups) < 60, len(groups)
    s.screenshot(os.path.join(shots, "customers-contacts.png"))


def test_contact_timeline_filters_and_jumps_to_a_date(s, base, shots):
    open_first_contact(s, base, "nguyen")
    s.by_role("heading", "Journey")
    # The role persona rules match on shows as a word of the app's language, not its key ("buyer").
    role = s.wait_for(lambda: s.prop(s.by_role("textbox", "Role"), "value"), "the contact's role")
    assert role in ("Buyer", "Administrator", "Daily user", "Champion", "Finance"), role
    path = s.by_role("list", "Journey path")
    assert s.css_all("li", path), "a sample contact has stage transitions"
    shown, total = timeline_count(s)
    assert shown == total and total > 0, (shown, total)
    titles = timeline_titles(s)
    assert titles, "items are rendered"
    # Channel, stage and author each isolated for bidi (see board.isolated_text).
    assert board.isolated_text(s, ".tl-meta") > 0
    s.script("document.querySelector('.record-main').scrollIntoView()")
    s.screenshot(os.path.join(shots, "timeline.png"))
    s.script("window.scrollTo(0, 0)")
    kind = s.by_role("combobox", "Kind")
    s.click([o for o in s.css_all("option", kind) if s.text(o) == "Stage change"][0])
    shown2, total2 = s.wait_for(lambda: (lambda c: c if c[0] < total else None)(timeline_count(s)), "filtered timeline")
    assert total2 == total and 0 < shown2 < total, (shown2, total)
    assert all(t.startswith("Stage change") for t in timeline_titles(s)), timeline_titles(s)
    s.click(s.by_role("button", "Clear filters"))
    s.wait_for(lambda: timeline_count(s) == (total, total), "filters cleared")
    # Jump to the oldest day: the list scrolls so that day's header is in view and focused.
    oldest = s.script("""const d = [...document.querySelectorAll('.tl-day h3')].map(h => h.textContent);
                         return d[d.length - 1];""")
    jump = s.by_label("Go to date")
    s.script("arguments[0].value = '2020-01-01'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
             {ELEMENT_KEY: jump})
    s.click(s.by_role("button", "Go"))
    focused = s.wait_for(lambda: s.script("return document.activeElement.closest('.tl-day') && document.activeElement.textContent"),
                         "the oldest day focused")
    assert focused and s.script("return document.querySelector('.tl-body').scrollTop") > 0, focused
    assert oldest is not None


def test_quick_log_works_offline(s, base, shots):
    open_first_contact(s, base, "tran")
    _, before = timeline_count(s)
    set_offline(s, True)
    try:
        s.script("document.activeElement && document.activeElement.blur()")
        s.keys("v")
        notes = s.by_role("textbox", "What happened")
        assert s.active() == notes, "V focuses the notes field"
        assert s.attr(s.by_role("button", "Field visit"), "aria-pressed") == "true"
        s.type(notes, "Gặp anh Tuấn tại văn phòng, đã demo bản di động")
        s.press_enter(notes)
        s.wait_for(lambda: any("Field visit logged" in s.text(e) for e in s.all_by_role("status")), "saved message")
        s.wait_for(lambda: timeline_count(s)[1] == before + 1, "the visit in the timeline")
        first = timeline_titles(s)[0]
        assert first.startswith("Field visit") and "Gặp anh Tuấn" in first, first
    finally:
        set_offline(s, False)
    s.screenshot(os.path.join(shots, "quick-log.png"))


def cdp(s, cmd, params):
    return s.cmd("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})


def test_a_visit_can_carry_its_place(s, base, shots):
    open_first_contact(s, base, "hoang")
    origin = s.script("return location.origin")
    cdp(s, "Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]})
    cdp(s, "Emulation.setGeolocationOverride", {"latitude": 21.0285, "longitude": 105.8542, "accuracy": 10})
    s.script("document.activeElement && document.activeElement.blur()")
    s.keys("v")
    s.click(s.by_role("checkbox", "Add my location"))
    notes = s.by_role("textbox", "What happened")
    s.type(notes, "Thăm văn phòng Hà Nội")
    s.press_enter(notes)
    first = s.wait_for(lambda: (lambda t: t and "Thăm văn phòng" in t[0] and t[0])(timeline_titles(s)), "the visit with its place")
    assert "⌖ 21.0285, 105.8542" in first, first
    # Refused: nothing is logged and the text stays for another try.
    cdp(s, "Browser.setPermission", {"origin": origin, "permission": {"name": "geolocation"}, "setting": "denied"})
    notes = s.by_role("textbox", "What happened")
    s.type(notes, "Lần hai")
    s.press_enter(notes)
    s.wait_for(lambda: any("Location was not allowed" in s.text(e) for e in s.all_by_role("status")), "refusal explained")
    assert s.prop(notes, "value") == "Lần hai"
    assert not any("Lần hai" in t for t in timeline_titles(s))
    cdp(s, "Emulation.clearGeolocationOverride", {})


def test_an_edit_is_validated_then_shown_field_by_field(s, base, shots):
    name = open_first_contact(s, base, "le")
    email = s.by_role("textbox", "Email")
    old_email = s.prop(email, "value")
    s.clear(email)
    s.type(email, "not an email")
    s.click(s.by_role("button", "Save"))
    s.wait_for(lambda: s.name(email) and s.attr(email, "aria-invalid") == "true", "email marked invalid")
    assert "Enter an email address" in s.text(s.css_all("#err-email")[0])
    contact_id = s.script("return location.pathname.split('/').pop()")
    assert idb_doc(s, "contact:" + contact_id)["email"] == old_email, "nothing was written"
    s.clear(email)
    s.type(email, "moi@congty.vn")
    s.click(s.by_role("button", "Save"))
    s.wait_for(lambda: any(s.text(e) == "Saved." for e in s.all_by_role("status")), "saved")
    assert idb_doc(s, "contact:" + contact_id)["email"] == "moi@congty.vn"
    first = s.wait_for(lambda: (lambda t: t and t[0].startswith("Record edited") and t[0])(timeline_titles(s)), "the edit in the timeline")
    assert f"Email: {old_email} → moi@congty.vn" in first, first
    assert name


def test_a_new_account_needs_a_name(s, base, shots):
    s.get(base + "/customers")
    s.click(s.by_role("button", "New account"))
    dialog = s.by_role("dialog", "New account")
    s.click(s.by_role("button", "Create account", within=dialog))
    name = s.by_role("textbox", "Name", within=dialog)
    s.wait_for(lambda: s.attr(name, "aria-invalid") == "true", "name required")
    assert "This field is required." in s.text(dialog)
    s.type(name, "Công ty Thử Nghiệm Hà Nội")
    s.type(s.by_role("textbox", "City", within=dialog), "Hà Nội")
    s.click(s.by_role("button", "Create account", within=dialog))
    s.by_role("heading", "Công ty Thử Nghiệm Hà Nội", timeout=30)
    assert s.attr(s.by_role("button", "Follow"), "aria-pressed") == "false"
    s.by_role("heading", "Timeline")


def test_delete_is_undoable(s, base, shots):
    name = open_first_contact(s, base, "pham")
    contact_id = "contact:" + s.script("return location.pathname.split('/').pop()")
    s.click(s.by_role("button", "Delete contact"))
    alert = s.by_role("alert")
    assert f"{name} was deleted." in s.text(alert)
    assert idb_doc(s, contact_id) is None, "the live copy is gone (a tombstone revision remains)"
    s.click(s.by_role("button", "Undo"))
    s.by_role("heading", name, timeout=30)
    assert idb_doc(s, contact_id)["name"] == name


def test_a_campaign_link_becomes_the_lead_source(s, base, shots):
    s.get(base + "/?utm_source=facebook&utm_medium=cpc&utm_campaign=tet-2027&utm_content=video-30s")
    banner = s.by_role("region", "Campaign link", timeout=30)
    assert "facebook / cpc / tet-2027" in s.text(banner)
    assert s.script("return location.search") == "", "the parameters leave the address bar"
    s.click(s.by_role("button", "Create a lead from it"))
    dialog = s.by_role("dialog", "New contact")
    s.type(s.by_role("textbox", "Name", within=dialog), "Võ Thị Hạnh")
    s.type(s.by_role("textbox", "Email", within=dialog), "hanh@example.vn")
    s.click(s.by_role("button", "Create contact"))
    s.by_role("heading", "Võ Thị Hạnh", timeout=30)
    contact_id = "contact:" + s.script("return location.pathname.split('/').pop()")
    doc = idb_doc(s, contact_id)
    src = doc["source"]
    assert (src["source"], src["medium"], src["campaign"], src["content"]) == ("facebook", "cpc", "tet-2027", "video-30s"), src
    assert src["landing_page"].endswith("/"), src
    section = s.by_role("region", "Lead source")
    assert "Paid social" in s.text(section), s.text(section)
    s.screenshot(os.path.join(shots, "lead-from-campaign.png"))
    # A pasted landing link works too, and a hostile one is refused with a reason.
    s.get(base + "/customers")
    s.click(s.by_role("button", "New contact"))
    dialog = s.by_role("dialog", "New contact")
    s.type(s.by_role("textbox", "Name", within=dialog), "Lead from a link")
    link = s.by_role("textbox", "Landing page link (optional)", within=dialog)
    s.type(link, "javascript:alert(1)")
    s.wait_for(lambda: any("starting with https://" in s.text(e) for e in s.all_by_role("status", within=dialog)), "refused link")
    s.click(s.by_role("button", "Create contact"))
    time.sleep(0.5)
    assert s.by_role("dialog", "New contact"), "nothing is created from a refused link"
    s.clear(link)
    s.type(link, "https://shop.vn/sale?utm_source=google&utm_medium=cpc&utm_campaign=crm%20vi%E1%BB%87t")
    s.wait_for(lambda: any("google / cpc / crm việt" in s.text(e) for e in s.all_by_role("status", within=dialog)), "parsed link")
    s.click(s.by_role("button", "Create contact"))
    s.by_role("heading", "Lead from a link", timeout=30)
    assert "Paid search" in s.text(s.by_role("region", "Lead source"))


def contacts_with_email(s, email):
    """How many live contacts hold `email` (any case), straight from IndexedDB."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [email, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const q = r.result.transaction('docs').objectStore('docs').getAll();
          q.onsuccess = () => {
            const docs = q.result.map(d => typeof d._doc === 'string' ? JSON.parse(d._doc) : d);
            done(docs.filter(d => d && d.type === 'contact' && !d._deleted
              && (d.email || '').toLowerCase() === email).length);
            r.result.close();
          };
        };""", "args": [email]})


def test_a_known_person_from_a_new_campaign_gets_a_latest_touch(s, base, shots):
    # Võ Thị Hạnh came from the Tết campaign (the step above); she returns from another.
    s.get(base + "/?utm_source=zalo&utm_medium=social&utm_campaign=he-2027")
    s.click(s.by_role("button", "Create a lead from it", timeout=30))
    dialog = s.by_role("dialog", "New contact")
    s.type(s.by_role("textbox", "Name", within=dialog), "Hạnh")
    s.type(s.by_role("textbox", "Email", within=dialog), "HANH@example.vn")
    s.click(s.by_role("button", "Create contact"))
    notice = s.wait_for(lambda: [e for e in s.all_by_role("status", within=dialog)
                                 if "already a contact" in s.text(e)], "the known-person notice")[0]
    assert "Võ Thị Hạnh" in s.text(notice), s.text(notice)
    s.screenshot(os.path.join(shots, "lead-known-person.png"))
    assert contacts_with_email(s, "hanh@example.vn") == 1, "no duplicate person"
    assert not s.all_by_role("button", "Create contact", within=dialog), "nothing left to create"
    assert s.all_by_role("button", "Close", within=dialog)
    s.click(s.by_role("link", "Open Võ Thị Hạnh", within=dialog))
    s.by_role("heading", "Võ Thị Hạnh", timeout=30)
    doc = idb_doc(s, "contact:" + s.script("return location.pathname.split('/').pop()"))
    assert doc["source"]["campaign"] == "tet-2027", "the first touch is kept"
    assert doc["last_source"]["campaign"] == "he-2027", doc.get("last_source")


def idb_dump(s):
    """Every object store of the workspace database, as one JSON text."""
    return s.cmd("POST", "/execute/async", {"script": """
        const done = arguments[0];
        const r = indexedDB.open('waypoint');
        r.onsuccess = async () => {
          const db = r.result, out = {};
          for (const name of db.objectStoreNames) {
            out[name] = await new Promise(ok => {
              const q = db.transaction(name).objectStore(name).getAll();
              // Winners (`_doc`) and revision entries (`entry`) are JSON strings with
              // non-ASCII escaped: decoded so a search finds their text as typed.
              q.onsuccess = () => ok(q.result.map(v => !v || typeof v !== 'object' ? v : Object.assign({}, v,
                typeof v._doc === 'string' ? {_doc: JSON.parse(v._doc)} : {},
                typeof v.entry === 'string' ? {entry: JSON.parse(v.entry)} : {})));
            });
          }
          db.close();
          done(JSON.stringify(out));
        };""", "args": []})


def test_export_then_erase_a_person(s, base, shots):
    open_first_contact(s, base, "vo thi hanh")
    s.script("document.activeElement && document.activeElement.blur()")
    s.keys("n")
    notes = s.by_role("textbox", "What happened")
    s.type(notes, "Địa chỉ nhà chị Hạnh: 12 Lý Thái Tổ")
    s.press_enter(notes)
    s.wait_for(lambda: "12 Lý Thái Tổ" in (timeline_titles(s) or [""])[0], "the note in the timeline")
    s.script("""window.__blobs = []; const orig = URL.createObjectURL;
                URL.createObjectURL = b => { window.__blobs.push(b); return orig(b); };""")
    s.click(s.by_role("button", "Export this person's data"))
    s.wait_for(lambda: any(s.text(e).startswith("Exported ") for e in s.all_by_role("status")), "exported")
    exported = s.cmd("POST", "/execute/async", {"script": "window.__blobs[0].text().then(arguments[0])", "args": []})
    assert "hanh@example.vn" in exported and "12 Lý Thái Tổ" in exported and '"documents"' in exported
    before = idb_dump(s)
    assert "Võ Thị Hạnh" in before and "12 Lý Thái Tổ" in before
    s.click(s.by_role("button", "Erase this person…"))
    question = s.by_role("alertdialog")
    assert "Erase Võ Thị Hạnh?" in s.text(question)
    s.click(s.by_role("button", "Erase for good"))
    s.wait_for(lambda: any(s.text(e).startswith("Erased: ") for e in s.all_by_role("status")), "erased")
    s.by_role("heading", "[erased]", timeout=30)
    after = idb_dump(s)
    for personal in ["Võ Thị Hạnh", "hanh@example.vn", "12 Lý Thái Tổ", "video-30s"]:
        assert personal not in after, f"{personal} is still in IndexedDB"
    assert "tet-2027" in after, "campaign attribution stays for reports"
    assert any(t.startswith("Record edited") and "gdpr_erasure" in t for t in timeline_titles(s)), timeline_titles(s)
    s.screenshot(os.path.join(shots, "erased.png"))


def test_source_group_rules_reclassify_contacts(s, base, shots):
    s.get(base + "/settings")
    section = s.by_role("region", "Lead source groups")
    n = len(s.css_all("tbody tr", section))
    s.click(s.by_role("button", "Add a rule", within=section))
    n += 1
    s.type(s.by_role("combobox", f"Group of rule {n}", within=section), "Tết campaign")
    s.type(s.by_role("textbox", f"Source pattern of rule {n}", within=section), "face*|zalo")
    s.type(s.by_role("textbox", f"Medium pattern of rule {n}", within=section), "CPC")
    for i in range(n, 1, -1):
        s.click(s.by_role("button", f"Move rule {i} up", within=section))
    assert s.prop(s.by_role("combobox", "Group of rule 1", within=section), "value") == "Tết campaign"
    # A built-in group shows its label, not its id ("direct").
    assert s.prop(s.by_role("combobox", "Group of rule 2", within=section), "value") == "Direct"
    s.click(s.by_role("button", "Save groups", within=section))
    s.wait_for(lambda: any(s.text(e).startswith("Source groups saved") for e in s.all_by_role("status", within=section)), "saved")
    s.screenshot(os.path.join(shots, "source-groups.png"))
    s.get(base + "/customers")
    s.click(s.by_role("button", "Contacts"))
    group = s.by_role("combobox", "Source group")
    option = s.wait_for(lambda: [o for o in s.css_all("option", group) if s.text(o) == "Tết campaign"], "the new group offered")[0]
    s.click(option)
    table = s.by_role("table", "Customers")
    cells = s.wait_for(lambda: (lambda c: c if c and set(c) == {"Tết campaign"} else None)([s.text(x) for x in s.css_all(".vbody .c-source", table)]),
                       "contacts reclassified")
    assert cells
    # Back to the defaults for the steps after this one.
    s.get(base + "/settings")
    section = s.by_role("region", "Lead source groups")
    s.click(s.by_role("button", "Restore the default rules", within=section))
    s.click(s.by_role("button", "Save groups", within=section))
    s.wait_for(lambda: any(s.text(e).startswith("Source groups saved") for e in s.all_by_role("status", within=section)), "defaults saved")


TESTS = [
    test_contacts_list_filters_by_stage_and_source_group,
    test_contact_timeline_filters_and_jumps_to_a_date,
    test_quick_log_works_offline,
    test_a_visit_can_carry_its_place,
    test_an_edit_is_validated_then_shown_field_by_field,
    test_a_new_account_needs_a_name,
    test_delete_is_undoable,
    test_a_campaign_link_becomes_the_lead_source,
    test_a_known_person_from_a_new_campaign_gets_a_latest_touch,
    test_export_then_erase_a_person,
    test_source_group_rules_reclassify_contacts,
]
