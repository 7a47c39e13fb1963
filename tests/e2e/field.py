"""In the field: the in-person survey, as a rep and a customer use it (started
from a contact, answered on a full screen, also offline, saved with the
contact's current journey stage, shown in the timeline), and a write the
browser refuses for quota (a clear error, the typed text kept, nothing lost)."""

from customers import open_first_contact, timeline_count
from offline import set_offline


def stored_answers(s, comment):
    """Survey responses with this comment, straight from IndexedDB."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [comment, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const g = r.result.transaction('docs').objectStore('docs').getAll(
            IDBKeyRange.bound('survey_response:', 'survey_response:\\uffff'));
          g.onsuccess = () => { done(g.result.filter(d => d.comment === comment)); r.result.close(); };
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


TESTS = [test_a_customer_answers_nps_on_the_reps_device_offline,
         test_a_visit_records_who_was_there,
         test_a_write_refused_for_quota_says_so_and_loses_nothing]
