"""Every screen as a person sees it, on a desk and on a phone, in both
languages: each one opens on its own heading in the chosen language, and a
screenshot of it lands in target/e2e/screens/ for a person to look at."""

import os

DESK = (1440, 900)
PHONE = (360, 740)
LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))


def first_href(s, base, path, prefix, show=None):
    """The first link on `path` whose address starts with `prefix`."""
    s.get(base + path)
    if show:
        s.click(s.by_role("button", show, timeout=30))

    def found():
        hrefs = s.script("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
        return next((h for h in hrefs if h.startswith(prefix)), None)
    return s.wait_for(found, f"a link to {prefix}", timeout=30)


def screens(s, base):
    """(name, address) of every screen, records picked from the sample workspace."""
    return [
        ("dashboard", "/"),
        ("board", "/board"),
        ("customers", "/customers"),
        ("account", first_href(s, base, "/customers", "/customers/account/")),
        ("contact", first_href(s, base, "/customers", "/customers/contact/", show="Contacts")),
        ("import", "/customers/import"),
        ("inbox", "/inbox"),
        ("journeys", "/journeys"),
        ("persona", first_href(s, base, "/journeys", "/journeys/persona/")),
        ("map", first_href(s, base, "/journeys", "/journeys/map/")),
        ("support", "/support"),
        ("ticket", first_href(s, base, "/support", "/support/ticket/")),
        ("settings", "/settings"),
        ("conflicts", "/conflicts"),
    ]


def choose_language(s, base, lang, button):
    s.get(base + "/settings")
    s.click(s.by_role("button", button, timeout=30))
    s.wait_for(lambda: s.script("return document.documentElement.lang") == lang, f"the app in {lang}")


def heading(s):
    """The page's main heading once the page has loaded (no "Loading…" line left)."""
    def shown():
        if s.script("return document.querySelectorAll('.loading').length"):
            return None
        texts = s.script("return [...document.querySelectorAll('main h1, h1')].map(h => h.innerText.trim())")
        return next((t for t in texts if t), None)
    return s.wait_for(shown, "the page's heading, loaded", timeout=60)


def test_every_screen_in_both_languages_on_a_desk_and_a_phone(s, base, shots):
    folder = os.path.join(shots, "screens")
    os.makedirs(folder, exist_ok=True)
    before = s.cmd("GET", "/window/rect")
    pages = screens(s, base)
    seen = {}
    try:
        for lang, button in LANGUAGES:
            choose_language(s, base, lang, button)
            for width, height in (DESK, PHONE):
                s.cmd("POST", "/window/rect", {"width": width, "height": height})
                for name, path in pages:
                    s.get(base + path)
                    title = heading(s)
                    assert s.script("return document.documentElement.lang") == lang, (name, lang)
                    s.screenshot(os.path.join(folder, f"{name}-{lang}-{width}.png"))
                    seen.setdefault(name, set()).add(title)
    finally:
        s.cmd("POST", "/window/rect", {"width": before["width"], "height": before["height"]})
        choose_language(s, base, "en", "English")
    # Each screen's heading is translated: the two languages never read the same
    # (record pages are titled by the record's name, which is not translated).
    same = [n for n, titles in seen.items() if len(titles) < 2
            and n not in ("account", "contact", "persona", "map", "ticket")]
    assert not same, f"headings not translated: {same}"
