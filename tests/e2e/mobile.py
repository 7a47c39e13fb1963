"""Phone-sized screens: at 360 px wide every main screen fits the width (no
sideways scrolling of the page; the board scrolls its columns by itself)."""

import os

SCREENS = [("/", "Dashboard"), ("/board", "Pipeline board"), ("/customers", "Customers"),
           ("/journeys", "Personas"), ("/support", "Support queue"), ("/settings", "Settings")]


def test_every_screen_fits_a_360px_phone(s, base, shots):
    before = s.cmd("GET", "/window/rect")
    s.cmd("POST", "/window/rect", {"width": 360, "height": 780})
    try:
        width = s.script("return window.innerWidth")
        assert width <= 360, width
        for path, heading in SCREENS:
            s.get(base + path)
            s.by_role("heading", heading, timeout=30)
            overflow = s.script("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                  .filter(e => { const r = e.getBoundingClientRect();
                                 return r.width > 0 && r.right > w + 1
                                   && !(e.parentElement && e.parentElement.closest('.board, table')); })
                  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
            """)
            page_width, client = s.script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            name = "mobile" + (path.replace("/", "-") if path != "/" else "-dashboard")
            s.screenshot(os.path.join(shots, name + ".png"))
            assert page_width <= client and not overflow, (path, page_width, client, overflow)
            if path == "/board":
                # One column at a time fills the width; the board scrolls sideways by itself.
                s.script("document.querySelector('.board').scrollIntoView()")
                s.screenshot(os.path.join(shots, "mobile-board-columns.png"))
    finally:
        s.cmd("POST", "/window/rect", {"width": before["width"], "height": before["height"]})
