"""Steps several e2e modules share: reading the app's stored records, pointing
Settings → Sync at another server and back, and picturing sections of a screen
in both languages on a desk and a phone."""

import os
import time


def local_doc(s, doc_id):
    """The app's own stored winner of a document, read from its IndexedDB."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [id, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const g = r.result.transaction('docs').objectStore('docs').get(id);
          g.onsuccess = () => {
            const d = g.result;
            done(d ? (typeof d._doc === 'string' ? JSON.parse(d._doc) : d) : null);
            r.result.close();
          };
        };
        r.onerror = () => done('cannot open');""", "args": [doc_id]})


SYNC_FIELDS = ("Server address", "Database", "User name (optional)")


def point_sync_at(s, server, db, user, password):
    """Fills Settings → Sync for Basic sign-in (not remembered); returns the fields it replaced."""
    s.click(s.by_role("link", "Settings"))
    before = {name: s.prop(s.by_role("textbox", name), "value") for name in SYNC_FIELDS}
    for name, value in zip(SYNC_FIELDS, (server, db, user)):
        s.clear(s.by_role("textbox", name))
        s.type(s.by_role("textbox", name), value)
    s.click(s.by_role("radio", "Send the name and password with every request (Basic)"))
    remember = s.by_role("checkbox", "Remember the password on this device")
    before["remember"] = s.prop(remember, "checked")
    if before["remember"]:
        s.click(remember)
    s.clear(s.by_label("Password"))
    s.type(s.by_label("Password"), password)
    return before


def point_sync_back(s, before):
    """Back to the earlier server, cookie sign-in and no password, for the steps that follow."""
    for name in SYNC_FIELDS:
        s.clear(s.by_role("textbox", name))
        s.type(s.by_role("textbox", name), before[name])
    remember = s.by_role("checkbox", "Remember the password on this device")
    if s.prop(remember, "checked") != before["remember"]:
        s.click(remember)
    s.click(s.by_role("radio", "Sign in once and use a session cookie (/_session)"))
    # As a person empties it (select all, delete), so the form hears it: WebDriver's clear fires no input.
    s.type(s.by_label("Password"), "\ue009a\ue000\ue003")
    assert s.prop(s.by_label("Password"), "value") == ""
    s.click(s.by_role("button", "Test connection"))
    s.wait_for(lambda: any("holds" in s.text(e) and "documents" in s.text(e) for e in s.all_by_role("status")),
               "the earlier server again")


def shoot_sections(s, shots, sections):
    """Each section (name: CSS selector), scrolled into view, in both languages on a desk and a phone."""
    folder = os.path.join(shots, "screens")
    os.makedirs(folder, exist_ok=True)
    before = s.cmd("GET", "/window/rect")
    try:
        for lang, button in (("vi", "Tiếng Việt"), ("en", "English")):
            s.click(s.by_role("button", button))
            s.wait_for(lambda: s.script("return document.documentElement.lang") == lang, f"the app in {lang}")
            for width, height in ((1440, 900), (360, 740)):
                s.cmd("POST", "/window/rect", {"width": width, "height": height})
                for name, css in sections.items():
                    s.wait_for(lambda: s.script("const e = document.querySelector(arguments[0]);"
                                                "if (e) e.scrollIntoView({block: 'start'}); return !!e", css),
                               f"the {name} section")
                    time.sleep(0.2)
                    s.screenshot(os.path.join(folder, f"{name}-{lang}-{width}.png"))
                assert s.script("return document.documentElement.scrollWidth <= window.innerWidth"), \
                    f"wider than the {width} px window"
    finally:
        s.cmd("POST", "/window/rect", {"width": before["width"], "height": before["height"]})
