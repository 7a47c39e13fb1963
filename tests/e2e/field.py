"""In the field: the in-person survey, as a rep and a customer use it (started
from a contact, answered on a full screen, also offline, saved with the
contact's current journey stage, shown in the timeline), a visit with the
people who were there and one with a photo (kept as a Blob, shown from the
device, offline), and a write the browser refuses for quota (a clear error, the
typed text kept, nothing lost)."""

import os
import struct
import zlib

from customers import open_first_contact, timeline_count
from offline import set_offline
from webdriver import ELEMENT_KEY


def stored_answers(s, comment):
    """Survey responses with this comment, straight from IndexedDB."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [comment, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const g = r.result.transaction('docs').objectStore('docs').getAll(
            IDBKeyRange.bound('survey_response:', 'survey_response:\\uffff'));
          const body = d => typeof d._doc === 'string' ? JSON.parse(d._doc) : d;
          g.onsuccess = () => { done(g.result.map(body).filter(d => d.comment === comment)); r.result.close(); };
        };
        r.onerror = () => done(null);""", "args": [comment]})


def test_a_customer_answers_nps_on_the_reps_device_offline(s, base, shots):
    name = open_first_contact(s, base, "Nguyen")
    stage = s.script("return document.querySelector('.quick-log select').value")
    assert stage, "the contact has a current stage"
    set_offline(s, True)
    try:
        s.click(s.by_role("link", "Start NPS survey"))
        kiosk = s.by_role("region", "How likely are you to recommend us to a friend or colleague?", timeout=30)
        # Nothing else of the app is in view: the survey covers the whole window.
        assert s.script("const r = document.querySelector('.kiosk').getBoundingClientRect();"
                        "return r.top === 0 && r.left === 0 && r.bottom >= innerHeight && r.right >= innerWidth - 20")
        assert len(s.all_by_role("radio", within=kiosk)) == 11
        s.click(s.by_role("button", "Send", within=kiosk))
        s.wait_for(lambda: s.text(s.by_role("alert", within=kiosk)) == "Please choose a score first.", "the hint")
        s.click(s.by_role("radio", "9", within=kiosk))
        s.type(s.by_role("textbox", "Anything you would like to add? (optional)"), "Nhân viên rất nhiệt tình")
        s.click(s.by_role("button", "Send", within=kiosk))
        s.wait_for(lambda: "Thank you!" in s.text(s.by_role("status", within=kiosk)), "thanks")
        s.screenshot(shots + "/kiosk.png")
        answers = stored_answers(s, "Nhân viên rất nhiệt tình")
        assert len(answers) == 1, answers
        a = answers[0]
        assert a["kind"] == "nps" and a["score"] == 9 and a["journey_stage"] == stage, a
        s.click(s.by_role("link", "Done — back to Waypoint"))
        s.by_role("heading", name, timeout=30)
        s.wait_for(lambda: any("Nhân viên rất nhiệt tình" in s.text(e) for e in s.css_all(".tl-item")),
                   "the answer in the timeline")
    finally:
        set_offline(s, False)


def test_a_write_refused_for_quota_says_so_and_loses_nothing(s, base, shots):
    open_first_contact(s, base, "le")
    _, before = timeline_count(s)
    # The browser's storage is full: IndexedDB refuses every document write.
    s.script("""
        window.__realPut = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
          if (this.name === 'docs') throw new DOMException('full', 'QuotaExceededError');
          return window.__realPut.apply(this, args);
        };""")
    try:
        notes = s.by_role("textbox", "What happened")
        s.type(notes, "Khách hẹn gọi lại tuần sau")
        s.press_enter(notes)
        s.wait_for(lambda: any("storage for Waypoint is full" in s.text(e) for e in s.all_by_role("status")),
                   "the quota message")
        assert s.prop(notes, "value") == "Khách hẹn gọi lại tuần sau", "the typed text stays"
    finally:
        s.script("IDBObjectStore.prototype.put = window.__realPut;")
    assert timeline_count(s)[1] == before, "nothing half-written"
    s.press_enter(s.by_role("textbox", "What happened"))
    s.wait_for(lambda: timeline_count(s)[1] == before + 1, "saved once there is room")
    s.refresh()
    s.wait_for(lambda: timeline_count(s)[1] == before + 1, "everything still there after a reload")


def test_a_visit_records_who_was_there(s, base, shots):
    s.get(base + "/customers/account/a0001")
    s.wait_for(lambda: s.all_by_role("textbox", "What happened"), "the account page", timeout=30)
    _, before = timeline_count(s)
    s.script("document.activeElement && document.activeElement.blur()")
    s.keys("v")
    people = s.by_role("group", "Who was there (each gets the visit on their timeline)")
    boxes = s.all_by_role("checkbox", within=people)
    assert len(boxes) >= 2, len(boxes)
    names = [s.name(b) for b in boxes[:2]]
    for b in boxes[:2]:
        s.click(b)
    notes = s.by_role("textbox", "What happened")
    s.type(notes, "Họp tại văn phòng khách hàng")
    s.press_enter(notes)
    s.wait_for(lambda: timeline_count(s)[1] == before + 2, "one touchpoint per person on the account timeline")
    assert not any(s.prop(b, "checked") for b in s.all_by_role("checkbox", within=people)), "cleared for the next visit"
    for name in names:
        s.click(s.by_role("link", name))
        s.by_role("heading", name, timeout=30)
        s.wait_for(lambda: any("Họp tại văn phòng khách hàng" in s.text(e) for e in s.css_all(".tl-item")),
                   f"the visit on {name}'s timeline")
        s.script("history.back()")
        s.wait_for(lambda: s.all_by_role("textbox", "What happened"), "back on the account", timeout=30)


def png(path, w=48, h=32):
    """Writes a small valid PNG (a colour gradient) for the photo picker."""
    rows = b"".join(b"\x00" + b"".join(bytes((x * 5 % 256, y * 7 % 256, 120)) for x in range(w))
                    for y in range(h))

    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def stored_photo(s, notes):
    """(the activity's photo stub, whether the blobs store holds bytes under its digest)."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [notes, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const tx = r.result.transaction(['docs', 'blobs']);
          const g = tx.objectStore('docs').getAll(IDBKeyRange.bound('activity:', 'activity:\uffff'));
          g.onsuccess = () => {
            const body = d => typeof d._doc === 'string' ? JSON.parse(d._doc) : d;
            const doc = g.result.map(body).find(d => d.notes === notes);
            const stub = doc && doc._attachments && doc._attachments['photo.jpg'];
            if (!stub) { done([null, false]); r.result.close(); return; }
            const b = tx.objectStore('blobs').get(stub.digest);
            b.onsuccess = () => { done([stub, b.result instanceof Blob && b.result.size === stub.length]); r.result.close(); };
          };
        };
        r.onerror = () => done(null);""", "args": [notes]})


def test_a_visit_photo_is_kept_on_the_device_offline(s, base, shots):
    photo = os.path.abspath(shots + "/visit-photo-input.png")
    png(photo)
    open_first_contact(s, base, "tran")
    _, before = timeline_count(s)
    set_offline(s, True)
    try:
        s.script("document.activeElement && document.activeElement.blur()")
        s.keys("v")
        picker = s.wait_for(lambda: s.css_all(".ql-photo input[type=file]"), "the photo field")[0]
        assert s.name(picker) == "Photo (optional)", s.name(picker)
        s.type(picker, photo)
        thumb = s.wait_for(lambda: s.css_all(".ql-thumb"), "the chosen photo's preview")[0]
        assert s.name(thumb) == "Photo to attach to this visit"
        # The form with a chosen photo still fits a 360 px phone.
        rect = s.cmd("GET", "/window/rect")
        s.cmd("POST", "/window/rect", {"width": 360, "height": 780})
        try:
            s.wait_for(lambda: s.script("return document.documentElement.scrollWidth <= innerWidth"),
                       "no sideways overflow at 360 px")
        finally:
            s.cmd("POST", "/window/rect", {"width": rect["width"], "height": rect["height"]})
        s.by_role("button", "Remove photo")
        notes = s.by_role("textbox", "What happened")
        s.type(notes, "Ảnh kệ hàng tại cửa hàng")
        s.press_enter(notes)
        s.wait_for(lambda: timeline_count(s)[1] == before + 1, "the visit in the timeline")
        assert not s.css_all(".ql-thumb"), "the photo is cleared for the next visit"
        stub, held = stored_photo(s, "Ảnh kệ hàng tại cửa hàng")
        assert stub and stub["content_type"] == "image/jpeg" and stub["digest"].startswith("md5-"), stub
        assert held, "the bytes are in IndexedDB as a Blob under the digest"
        row = [e for e in s.css_all(".tl-item") if "Ảnh kệ hàng tại cửa hàng" in s.text(e)][0]
        button = s.css_all(".tl-photo", row)[0]
        label = s.name(button)
        assert label.startswith("Photo from the visit on "), label
        s.click(button)
        dialog = s.by_role("dialog", label)
        s.wait_for(lambda: s.script("const i = arguments[0].querySelector('img'); return !!i && i.complete && i.naturalWidth === 48",
                                    {ELEMENT_KEY: dialog}), "the photo shown from the device")
        s.screenshot(shots + "/visit-photo-shown.png")
        s.click(s.by_role("button", "Close", within=dialog))
        s.wait_for(lambda: not s.prop(dialog, "open"), "the dialog closed")
    finally:
        set_offline(s, False)


TESTS = [test_a_customer_answers_nps_on_the_reps_device_offline,
         test_a_visit_records_who_was_there,
         test_a_visit_photo_is_kept_on_the_device_offline,
         test_a_write_refused_for_quota_says_so_and_loses_nothing]
