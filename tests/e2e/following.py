"""Following a deal: another tab, signed in as another person, edits it, and
the follower's header shows an unread notification that names who changed what."""

import os

import board


def inbox_name(s):
    links = s.css_all("a.inbox-link")
    return s.name(links[0]) if links else None


def set_user(s, user):
    s.click(s.by_role("link", "Settings"))
    box = s.by_role("textbox", "User name (optional)")
    s.wait_for(lambda: s.prop(s.by_role("textbox", "Database"), "value"), "settings loaded")
    s.clear(box)
    s.type(box, user)
    s.click(s.by_role("button", "Test connection"))
    s.wait_for(lambda: any(s.text(e).startswith("Connected") for e in s.all_by_role("status")), "config saved")


def test_a_follower_is_notified_of_another_persons_edit(s, base, shots):
    set_user(s, "lan")
    s.click(s.by_role("link", "Board"))
    title = s.wait_for(lambda: board.cards_in(s, board.STAGES[1])[0], "a card")
    s.click(s.by_role("button", f"Open {title}"))
    dialog = s.by_role("dialog", title)
    follow = s.by_role("button", "Follow", within=dialog)
    s.click(follow)
    s.wait_for(lambda: s.attr(s.by_role("button", "Following", within=dialog), "aria-pressed") == "true", "following")
    s.click(s.by_role("button", "Close", within=dialog))
    assert inbox_name(s) == "Notifications"
    first = s.new_tab()
    try:
        s.get(base + "/")
        set_user(s, "minh")
        s.click(s.by_role("link", "Board"))
        s.wait_for(lambda: title in board.cards_in(s, board.STAGES[1]), "the deal in the other tab")
        s.click(s.by_role("button", f"Open {title}"))
        dialog = s.by_role("dialog", title)
        owner = s.by_role("textbox", "Owner", within=dialog)
        s.clear(owner)
        s.type(owner, "Minh Trần")
        s.click(s.by_role("button", "Save deal", within=dialog))
        s.wait_for(lambda: board.deal_by_title(s, title).get("owner") == "Minh Trần", "deal saved")
    finally:
        s.close_tab(first)
    # Back in the follower's tab: the header counts it without a reload.
    s.wait_for(lambda: inbox_name(s) == "Notifications, 1 unread", "unread notification", timeout=30)
    s.click(s.css_all("a.inbox-link")[0])
    s.by_role("heading", "Notifications")
    notices = s.by_role("list", "Notifications")
    text = s.text(notices)
    assert "minh changed " + title in text and "Owner:" in text and "→ Minh Trần" in text, text
    s.screenshot(os.path.join(shots, "inbox.png"))
    s.click(s.by_role("button", "Mark all as read"))
    s.wait_for(lambda: inbox_name(s) == "Notifications", "all read")


TESTS = [test_a_follower_is_notified_of_another_persons_edit]
