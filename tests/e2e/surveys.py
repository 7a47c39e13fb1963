"""Service and metrics by hand: a survey answer recorded on a contact's page
(reaching the timeline and the dashboard's NPS), recurring revenue set on an
account page (feeding net revenue retention), and the SLA clock beside each
ticket in a customer's ticket list."""

import datetime
import os
import re

import board
from service import choose, clock, tile
from webdriver import ELEMENT_KEY

COMMENT = "Gọi điện hỏi thăm sau Tết"
CLOCK = re.compile(r"^(First response|Resolution): (Met|Late by .+|Breached by .+|.+ left|Paused · .+ left)$")


def local_today(s):
    """Today in the workspace's calendar (its UTC offset)."""
    offset = board.stored(s, "settings")[0]["sla"]["utc_offset_min"]
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=offset)).date()


def set_value(s, el, value, event="input"):
    """Sets a date or month input the way the browser's picker would."""
    s.script("const [el, v, e] = arguments; el.value = v; el.dispatchEvent(new Event(e, {bubbles: true}));",
             {ELEMENT_KEY: el}, value, event)


DONE = ("resolved", "closed")


def remote_and_done(t):
    """A ticket opened on a channel other than a field visit and resolved (its
    status as Ticket::current_status reads it): its page offers a CSAT."""
    status = t.get("status", "new")
    done = status in DONE if t.get("status_log") or status != "new" else bool(t.get("resolved_at"))
    return t.get("channel") not in (None, "field") and done


def contact_with_tickets(s, with_account=False):
    """A sample contact with a known journey stage and a few tickets, one of
    them opened on a channel other than a field visit (and, `with_account`,
    one filed under an account and one of those remote ones resolved): its local id."""
    per, remote, filed, done = {}, set(), set(), set()
    for t in board.stored(s, "ticket"):
        if t.get("contact_id"):
            per[t["contact_id"]] = per.get(t["contact_id"], 0) + 1
            if t.get("channel") not in (None, "field"):
                remote.add(t["contact_id"])
            if remote_and_done(t):
                done.add(t["contact_id"])
            if t.get("account_id"):
                filed.add(t["contact_id"])
    moved = {t["subject_id"] for t in board.stored(s, "stage_transition") if t.get("subject") == "contact"}
    best = max((c for c in per if c in moved and c in remote and (not with_account or c in filed and c in done)),
               key=lambda c: (per[c], c))
    return best.split(":", 1)[1]


def open_contact(s, base, local):
    s.get(f"{base}/customers/contact/{local}")
    s.by_role("heading", "Survey answers", timeout=30)


def nps_answers(s):
    """How many NPS answers the dashboard counts over the last 12 months."""
    s.click(s.by_role("link", "Dashboard"))
    s.click(s.by_role("button", "Last 12 months"))
    based = s.wait_for(lambda: tile(s, "NPS")[1], "the NPS tile")
    return int(re.search(r"based on ([\d,]+) answers", based).group(1).replace(",", ""))


def test_a_bad_survey_score_shows_a_field_error_and_writes_nothing(s, base, shots):
    local = contact_with_tickets(s)
    before = len(board.stored(s, "survey_response"))
    open_contact(s, base, local)
    s.click(s.by_role("button", "Record a survey answer"))
    dialog = s.by_role("dialog", "Record a survey answer")
    score = s.by_role("textbox", "Score (0–10)", within=dialog)
    s.type(score, "11")
    s.click(s.by_role("button", "Save the answer", within=dialog))
    s.wait_for(lambda: s.attr(score, "aria-invalid") == "true", "the score marked invalid")
    assert "Enter a whole number from 0 to 10." in s.text(dialog), s.text(dialog)
    # The message is the field's description, read out with it.
    assert s.attr(score, "aria-describedby") == "sv-err-score"
    # CSAT's scale is 1–5: the label follows the kind.
    choose(s, s.by_role("combobox", "Survey", within=dialog), value="csat")
    s.by_role("textbox", "Score (1–5)", within=dialog)
    # A day after today is refused too.
    tomorrow = local_today(s) + datetime.timedelta(days=1)
    set_value(s, s.by_label("Date answered"), tomorrow.isoformat())
    s.click(s.by_role("button", "Save the answer", within=dialog))
    s.wait_for(lambda: "Choose a day no later than today." in s.text(dialog), "the date refused")
    s.screenshot(os.path.join(shots, "survey-dialog-errors.png"))
    s.click(s.by_role("button", "Cancel", within=dialog))
    assert len(board.stored(s, "survey_response")) == before, "nothing written"


def test_a_survey_answer_recorded_by_hand_reaches_the_timeline_and_the_dashboard(s, base, shots):
    local = contact_with_tickets(s)
    count_before = nps_answers(s)
    stored_before = len(board.stored(s, "survey_response"))
    day = local_today(s) - datetime.timedelta(days=20)
    open_contact(s, base, local)
    s.click(s.by_role("button", "Record a survey answer"))
    dialog = s.by_role("dialog", "Record a survey answer")
    date = s.by_label("Date answered")
    assert s.prop(date, "value") == local_today(s).isoformat(), "dated today by default"
    s.type(s.by_role("textbox", "Score (0–10)", within=dialog), "9")
    s.type(s.by_role("textbox", "Comment (optional)", within=dialog), COMMENT)
    set_value(s, date, day.isoformat())
    stage = s.by_role("combobox", "Journey stage", within=dialog)
    # The stage proposed is one of the workspace's; the person picks another.
    proposed = s.prop(stage, "value")
    assert proposed, "a stage is proposed"
    chosen = "advocacy" if proposed != "advocacy" else "consideration"
    choose(s, stage, value=chosen)
    channel = s.by_role("combobox", "Touchpoint (channel)", within=dialog)
    phone = [o for o in s.css_all("option", channel) if s.text(o) == "Phone"][0]
    choose(s, channel, value=s.prop(phone, "value"))
    s.screenshot(os.path.join(shots, "survey-dialog.png"))
    s.click(s.by_role("button", "Save the answer", within=dialog))
    s.wait_for(lambda: any(s.text(e) == "NPS answer 9 saved; it is on the timeline." for e in s.all_by_role("status")),
               "saved")
    assert not s.all_by_role("dialog", "Record a survey answer"), "the dialog closed"
    answers = board.stored(s, "survey_response")
    assert len(answers) == stored_before + 1, "one write"
    mine = [a for a in answers if a.get("comment") == COMMENT]
    assert len(mine) == 1, mine
    a = mine[0]
    assert (a["kind"], a["score"], a["journey_stage"], a["channel"]) == ("nps", 9, chosen, "phone"), a
    assert a["contact_id"] == f"contact:{local}", a
    # Local noon of the chosen day, in the workspace's zone.
    offset = board.stored(s, "settings")[0]["sla"]["utc_offset_min"]
    noon = datetime.datetime.combine(day, datetime.time(12), datetime.timezone.utc) - datetime.timedelta(minutes=offset)
    assert a["answered_at"] == noon.strftime("%Y-%m-%dT%H:%M:%S.000Z"), a["answered_at"]
    # On the contact's timeline, with the stage and touchpoint it was recorded with.
    kind = s.by_role("combobox", "Kind")
    choose(s, kind, value=[s.prop(o, "value") for o in s.css_all("option", kind) if s.text(o) == "Survey answer"][0])
    stage_label = {"advocacy": "Advocacy", "consideration": "Consideration"}[chosen]

    def item():
        for li in s.css_all(".tl-item"):
            if f"NPS 9 · “{COMMENT}”" in s.text(s.css_all(".tl-title", li)[0]):
                return s.text(s.css_all(".tl-meta", li)[0])
        return None
    meta = s.wait_for(item, "the answer on the timeline", timeout=30)
    assert f"Phone · {stage_label}" in meta, meta
    s.script("document.querySelector('.record-main').scrollIntoView()")
    s.screenshot(os.path.join(shots, "survey-timeline.png"))
    # One more NPS answer on the dashboard.
    s.wait_for(lambda: nps_answers(s) == count_before + 1, f"{count_before + 1} NPS answers", timeout=30)


def account_without_recurring_revenue(s):
    """A sample account the sample's period documents give no recurring revenue."""
    taken = set()
    for p in board.stored(s, "period"):
        taken.update(p.get("recurring_revenue", {}))
    accounts = sorted(a["_id"] for a in board.stored(s, "account"))
    return next(a for a in accounts if a not in taken)


def test_recurring_revenue_set_on_an_account_feeds_net_revenue_retention(s, base, shots):
    account = account_without_recurring_revenue(s)
    s.get(f"{base}/customers/account/{account.split(':', 1)[1]}")
    section = s.by_role("region", "Recurring revenue", timeout=30)
    assert "No recurring revenue recorded yet." in s.text(section)
    month, amount = s.by_label("Month"), s.by_role("textbox", "Amount (VND)", within=section)
    save = s.by_role("button", "Set the month's amount", within=section)
    # A month not yet lived is refused, and nothing is written.
    periods_before = board.stored(s, "period")
    future = local_today(s).replace(day=1) + datetime.timedelta(days=40)
    set_value(s, month, future.strftime("%Y-%m"))
    s.type(amount, "12,000,000")
    s.click(save)
    s.wait_for(lambda: "Choose this month or an earlier one." in s.text(section), "the month refused")
    assert s.attr(month, "aria-invalid") == "true"
    assert board.stored(s, "period") == periods_before
    # Two months a year apart, well before the sample's own figures.
    typed = {"2024-06": 12_000_000, "2025-06": 15_000_000}
    for key, value in typed.items():
        set_value(s, month, key)
        s.clear(amount)
        s.type(amount, f"{value:,}")
        s.click(save)
        s.wait_for(lambda: f"Recurring revenue for {key} saved." in s.text(section), f"{key} saved")
    table = s.by_role("table", "Recurring revenue by month", within=section)
    rows = [[s.text(c) for c in s.css_all("th,td", r)][:2] for r in s.css_all("tbody tr", table)]
    assert rows == [["2025-06", "₫15,000,000"], ["2024-06", "₫12,000,000"]], rows
    assert not s.attr(month, "aria-invalid")
    s.script("arguments[0].scrollIntoView()", {ELEMENT_KEY: section})
    s.screenshot(os.path.join(shots, "recurring-revenue.png"))
    # A month of the sample's (with spend, revenue and other accounts): setting
    # one account keeps the rest, and removing it takes only that entry away.
    sample_month = min(p["month"] for p in periods_before if p.get("recurring_revenue"))
    doc_before = next(p for p in periods_before if p["month"] == sample_month)
    set_value(s, month, sample_month)
    s.clear(amount)
    s.type(amount, "7,000,000")
    s.click(save)
    s.wait_for(lambda: f"Recurring revenue for {sample_month} saved." in s.text(section), "sample month saved")
    doc = next(p for p in board.stored(s, "period") if p["month"] == sample_month)
    assert doc["recurring_revenue"][account] == {"amount": 7_000_000, "currency": "VND"}, doc
    assert {k: v for k, v in doc["recurring_revenue"].items() if k != account} == doc_before["recurring_revenue"]
    assert (doc["revenue"], doc["acquisition_spend"]) == (doc_before["revenue"], doc_before["acquisition_spend"])
    s.click(s.by_role("button", f"Remove recurring revenue for {sample_month}", within=section))
    s.wait_for(lambda: f"Recurring revenue for {sample_month} removed." in s.text(section), "removed")
    doc = next(p for p in board.stored(s, "period") if p["month"] == sample_month)
    assert doc["recurring_revenue"] == doc_before["recurring_revenue"] and doc["revenue"] == doc_before["revenue"]
    # The dashboard over a range ending before the sample's months: NRR is the
    # account's June 2025 ÷ June 2024, by hand 15,000,000 ÷ 12,000,000 = 125.0 %.
    s.click(s.by_role("link", "Dashboard"))
    for label, day in (("From", "2025-01-01"), ("To (included)", "2025-08-31")):
        set_value(s, s.by_label(label), day, "change")
    expected = f"{typed['2025-06'] / typed['2024-06'] * 100:.1f} %"
    s.wait_for(lambda: tile(s, "Net revenue retention")[0] == expected, f"NRR {expected}", timeout=30)
    group = s.by_role("group", "Net revenue retention")
    detail = s.text(s.css_all(".tile-detail", group)[0])
    assert detail == "2024-06 → 2025-06 (₫12,000,000 → ₫15,000,000)", detail
    assert tile(s, "Net revenue retention")[1] == "based on 1 account", tile(s, "Net revenue retention")
    s.script("arguments[0].scrollIntoView({block: 'center'})", {ELEMENT_KEY: group})
    s.screenshot(os.path.join(shots, "nrr-tile.png"))


def clock_minutes(state):
    """A running clock's business minutes, left (positive) or over (negative);
    None for a clock that does not tick (paused, met)."""
    def minutes(d):
        m = re.fullmatch(r"(?:(\d+) h)? ?(?:(\d+) min)?", d)
        assert m and (m.group(1) or m.group(2)), d
        return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    if state.startswith("Paused"):
        return None
    if state.endswith(" left"):
        return minutes(state[:-len(" left")])
    if state.startswith("Breached by "):
        return -minutes(state[len("Breached by "):])
    return None


def test_a_customers_ticket_list_shows_each_tickets_sla_clock(s, base, shots):
    local = contact_with_tickets(s, with_account=True)
    open_contact(s, base, local)
    related = s.by_role("region", "Related")
    items = s.wait_for(lambda: s.css_all(".ticket-list li", related), "the contact's tickets")
    mine = [t for t in board.stored(s, "ticket") if t.get("contact_id") == f"contact:{local}"]
    assert len(items) == len(mine) > 0, (len(items), len(mine))
    badges = [s.text(s.css_all(".sla", li)[0]) for li in items]
    for b in badges:
        assert CLOCK.match(b), badges
    s.script("arguments[0].scrollIntoView()", {ELEMENT_KEY: related})
    s.screenshot(os.path.join(shots, "contact-ticket-clocks.png"))
    # The same clock the ticket's own page shows (a ticket opened by phone, chat…).
    def ticket_of(li):
        local = s.attr(s.css_all("a", li)[0], "href").rstrip("/").rsplit("/", 1)[1]
        return next(t for t in mine if t["_id"] == f"ticket:{local}")
    i = next(i for i, li in enumerate(items) if remote_and_done(ticket_of(li)))
    ticket = ticket_of(items[i])
    label, state = badges[i].split(": ", 1)
    s.click(s.css_all("a", items[i])[0])
    s.by_role("region", "Service level (SLA)", timeout=30)
    shown = s.wait_for(lambda: clock(s, label), "the ticket's clock")
    before, after = clock_minutes(state), clock_minutes(shown)
    if before is None:
        assert shown == state, (shown, state)
    else:
        # Still running: the same clock, at most a minute further on.
        assert after is not None and 0 <= before - after <= 1, (shown, state)
    # Its CSAT answered on the rep's device counts under the ticket's channel, not the field visit.
    s.click(s.by_role("link", "Let the customer answer on this device"))
    kiosk = s.by_role("region", "How satisfied are you with our service today?", timeout=30)
    s.click(s.by_role("radio", "4", within=kiosk))
    s.type(s.by_role("textbox", "Anything you would like to add? (optional)"), "Kiosk sau phiếu hỗ trợ")
    s.click(s.by_role("button", "Send", within=kiosk))
    s.wait_for(lambda: "Thank you!" in s.text(s.by_role("status", within=kiosk)), "thanks")
    answer = next(a for a in board.stored(s, "survey_response") if a.get("comment") == "Kiosk sau phiếu hỗ trợ")
    assert answer["ticket_id"] == ticket["_id"] and answer["kind"] == "csat", answer
    assert answer["channel"] == ticket["channel"] != "field", (answer, ticket["channel"])
    s.click(s.by_role("link", "Done — back to Waypoint"))
    # The account's ticket list has its clocks too.
    account = next((t["account_id"] for t in mine if t.get("account_id")), None)
    assert account, "the contact was chosen for a ticket filed under an account"
    s.get(f"{base}/customers/account/{account.split(':', 1)[1]}")
    s.by_role("region", "Recurring revenue", timeout=30)
    badges = s.wait_for(lambda: [s.text(b) for b in s.css_all(".ticket-list li .sla")], "the account's ticket clocks")
    assert all(CLOCK.match(b) for b in badges), badges


def test_the_growth_what_if_starts_from_the_measured_customers(s, base, shots):
    s.click(s.by_role("link", "Dashboard"))
    growth = s.by_role("region", "Growth what-if: support vs acquisition", timeout=30)
    starting = s.by_role("textbox", "Customers at the start", within=growth)

    def measured():
        m = re.search(r"([\d,]+) customers active at the end of the range", s.text(growth))
        return m and m.group(1)

    def prefilled(what):
        return s.wait_for(lambda: (lambda m: m if m and s.prop(starting, "value") == m else None)(measured()),
                          f"the customers measured {what} prefilled")
    s.click(s.by_role("button", "Last 12 months"))
    now = prefilled("now")
    # A range that ended in August 2025: the customers active then.
    for label, day in (("From", "2025-01-01"), ("To (included)", "2025-08-31")):
        set_value(s, s.by_label(label), day, "change")
    s.wait_for(lambda: measured() not in (None, now), "another measurement")
    then = prefilled("at the end of August 2025")
    assert int(then.replace(",", "")) > 0 and int(now.replace(",", "")) > 0, (then, now)
    # The workspace counts in đồng: the amounts start in VND.
    assert s.prop(s.by_role("textbox", "Budget per period (VND)", within=growth), "value") == "100,000,000"
    # A number the person typed stays when the measurement changes.
    s.clear(starting)
    s.type(starting, "250")
    s.click(s.by_role("button", "Last 12 months"))
    s.wait_for(lambda: measured() == now, "measured now again")
    assert s.prop(starting, "value") == "250"
    # Switching the language writes a typed number the new way, keeping its value.
    s.clear(starting)
    s.type(starting, "1,500")
    s.click(s.by_role("button", "Tiếng Việt"))
    s.by_role("textbox", "Số khách hàng ban đầu", within=growth, timeout=30)
    s.wait_for(lambda: s.prop(starting, "value") == "1.500", "1,500 written the Vietnamese way")
    assert s.prop(s.by_role("textbox", "Ngân sách mỗi kỳ (VND)", within=growth), "value") == "100.000.000"
    s.click(s.by_role("button", "English"))
    s.wait_for(lambda: s.prop(starting, "value") == "1,500", "1,500 back in English")
    s.click(s.by_role("button", "Start again from measured figures", within=growth))
    s.wait_for(lambda: s.prop(starting, "value") == measured(), "prefilled again")
    s.script("arguments[0].scrollIntoView()", {ELEMENT_KEY: growth})
    s.screenshot(os.path.join(shots, "growth-prefill.png"))


TESTS = [
    test_a_bad_survey_score_shows_a_field_error_and_writes_nothing,
    test_a_survey_answer_recorded_by_hand_reaches_the_timeline_and_the_dashboard,
    test_recurring_revenue_set_on_an_account_feeds_net_revenue_retention,
    test_a_customers_ticket_list_shows_each_tickets_sla_clock,
    test_the_growth_what_if_starts_from_the_measured_customers,
]
