"""The dashboard's breakdowns drill down to their records (issue 8): a survey
table cell, a source group's row and a month of a series each open a dialog
listing exactly as many records as the figure says; the charts are SVG drawn
by the app, each with an accessible name, a text summary and a table."""

import base64
import os
import re

# A drill-down button's accessible name: "<value> — show the records behind <figure>".
DRILL_NAME = re.compile(r"^(.*) — show the records behind (.+)$")
DRILL_LINE = re.compile(r"^(NPS|CSAT|CES) (\d+) · \d{4}-\d{2}-\d{2}")


def full_shot(s, path, part=1600):
    """The whole page, not only the window, as screenshots of `part` pixels
    each: path-1.png, path-2.png…"""
    height = s.script("return document.documentElement.scrollHeight")
    for i, top in enumerate(range(0, height, part), 1):
        clip = {"x": 0, "y": top, "width": 1280, "height": min(part, height - top), "scale": 1}
        shot = s.cmd("POST", "/goog/cdp/execute", {"cmd": "Page.captureScreenshot", "params": {
            "captureBeyondViewport": True, "clip": clip}})
        with open(f"{path}-{i}.png", "wb") as f:
            f.write(base64.b64decode(shot["data"]))


def open_dashboard(s):
    s.click(s.by_role("link", "Dashboard"))
    s.by_role("heading", "Dashboard")
    # The figures are computed once the index is loaded.
    return s.by_role("region", "Customer feedback", timeout=60)


def drill_buttons(s, within):
    """(button, value as shown, figure) of every drill-down button in `within`,
    read from the button's accessible name."""
    out = []
    for b in s.css_all("button", within):
        m = DRILL_NAME.match(s.name(b))
        if m:
            assert s.role(b) == "button", s.role(b)
            out.append((b, m.group(1), m.group(2)))
    return out


def shown_count(value):
    """The record count a cell shows: "(n)" after a score or amount, else the value itself."""
    m = re.search(r"\(([\d,]+)\)$", value)
    return int((m.group(1) if m else value).replace(",", ""))


def drill(s, button, figure, expected, shot=None):
    """Opens the drill-down of `button`; checks its title, its "N records" line
    and that paging through it lists exactly `expected` records (then saves
    `shot`, when given). Returns their lines."""
    s.click(button)
    dialog = s.by_role("dialog", figure)
    s.wait_for(lambda: any(s.text(p) == f"{expected:,} records" for p in s.css_all("p", dialog)),
               f"'{expected:,} records' in the dialog")

    def items():
        return s.css_all("ul.drill-list li", dialog)

    while True:
        before = len(s.wait_for(lambda: items() or None, "the listed records", timeout=30))
        more = s.all_by_role("button", "Show more", within=dialog)
        if not more:
            break
        assert before < expected, (before, expected)
        s.click(more[0])
        s.wait_for(lambda: len(items()) > before, "the next page", timeout=30)
    lines = [s.text(li) for li in items()]
    assert len(lines) == expected, (figure, len(lines), expected)
    if shot:
        s.screenshot(shot)
    s.click(s.by_role("button", "Close", within=dialog))
    s.wait_for(lambda: not s.all_by_role("dialog", figure), "the dialog closed")
    return lines


def test_a_survey_stage_cell_opens_exactly_its_answers(s, base, shots):
    open_dashboard(s)
    table = s.by_role("table", "By journey stage (answers)")
    heads = [s.text(h) for h in s.css_all("thead th", table)]
    assert heads == ["Journey stage", "NPS", "Promoters", "Passives", "Detractors", "CSAT", "CES"], heads
    cells = drill_buttons(s, table)
    nps = [c for c in cells if c[2].startswith("NPS — ")]
    assert len(nps) >= 3, [c[2] for c in cells]
    # The stage with the most answers, so the list pages too.
    button, value, figure = max(nps, key=lambda c: shown_count(c[1]))
    n = shown_count(value)
    stage = figure.split(" — ", 1)[1]
    # A group with no answer shows 0 and no button.
    groups = {g: next((c for c in cells if c[2] == f"{g} — {stage}"), (None, "0", None))
              for g in ("Promoters", "Passives", "Detractors")}
    # The row's groups split its NPS answers.
    assert sum(shown_count(c[1]) for c in groups.values()) == n, (value, [c[1] for c in groups.values()])
    assert groups["Promoters"][0], "promoters at the busiest stage"
    lines = drill(s, button, figure, n)
    scores = [DRILL_LINE.match(line) for line in lines]
    assert all(m and m.group(1) == "NPS" for m in scores), lines[:5]
    # The promoters' drill-down lists only answers of 9 or 10.
    b, v, f = groups["Promoters"]
    promoters = drill(s, b, f, shown_count(v), os.path.join(shots, "dashboard-drill-promoters.png"))
    assert all(int(DRILL_LINE.match(line).group(2)) >= 9 for line in promoters), promoters[:5]
    assert len(promoters) == sum(1 for m in scores if int(m.group(2)) >= 9)
    # A channel row's CSAT opens CSAT answers only.
    channel = [c for c in drill_buttons(s, s.by_role("table", "By channel (answers)")) if c[2].startswith("CSAT — ")]
    assert channel, "CSAT by channel"
    b, v, f = channel[0]
    assert all(DRILL_LINE.match(line).group(1) == "CSAT" for line in drill(s, b, f, shown_count(v)))


def test_a_source_group_row_opens_its_contacts_and_deals(s, base, shots):
    open_dashboard(s)
    table = s.by_role("table", "By source group")
    first = s.css_all("tbody tr", table)[0]
    group = s.text(s.css_all("th", first)[0])
    cells = {c[2]: c for c in drill_buttons(s, first)}
    assert set(cells) >= {f"Contacts — {group}", f"Opportunities — {group}"}, cells.keys()
    b, v, f = cells[f"Opportunities — {group}"]
    deals = drill(s, b, f, shown_count(v))
    assert all(" · " in line for line in deals), deals[:3]
    b, v, f = cells[f"Contacts — {group}"]
    drill(s, b, f, shown_count(v))
    s.screenshot(os.path.join(shots, "dashboard-sources.png"))


def open_chart_table(s, region, title):
    """The table alternative of the chart named `title`, opened."""
    figure = next(f for f in s.css_all("figure.chart", region)
                  if any(s.name(g) == title for g in s.css_all("svg", f)))
    s.click(s.css_all("details.chart-table > summary", figure)[0])
    return s.by_role("table", title, within=figure)


def test_a_month_of_a_series_opens_its_records(s, base, shots):
    open_dashboard(s)
    pipeline = s.by_role("region", "Sales pipeline")
    title = s.name(s.css_all("svg[role=img]", pipeline)[0])
    assert title.startswith("Won and lost value by month"), title
    table = open_chart_table(s, pipeline, title)
    won = [c for c in drill_buttons(s, table) if c[2].startswith("Won — ")]
    assert len(won) >= 3, [c[2] for c in won]
    # The latest month with won deals: its full amounts (workspace currency
    # first, never converted), how many deals, and those deals.
    b, v, f = won[-1]
    assert re.match(r"^₫[\d,]+( \+ .+)? \(\d+\)$", v), v
    drill(s, b, f, shown_count(v))
    # NPS of a month, from the feedback chart's table.
    feedback = s.by_role("region", "Customer feedback")
    table = open_chart_table(s, feedback, "NPS and CSAT by month")
    nps = [c for c in drill_buttons(s, table) if c[2].startswith("NPS — ")]
    b, v, f = max(nps, key=lambda c: shown_count(c[1]))
    lines = drill(s, b, f, shown_count(v))
    assert all(DRILL_LINE.match(line).group(1) == "NPS" for line in lines)


def test_charts_are_svg_with_a_name_a_summary_and_a_table(s, base, shots):
    open_dashboard(s)
    funnel = s.by_role("region", "Journey funnel")
    title = "Contacts reaching each journey stage"
    svg = [g for g in s.css_all("svg", funnel) if s.name(g) == title]
    assert len(svg) == 1, "the funnel chart by its accessible name"
    svg = svg[0]
    # Chromium reports role="img" as ARIA 1.3's "image".
    assert s.cmd("GET", f"/element/{svg}/name") == "svg" and s.role(svg) in ("img", "image"), s.role(svg)
    summary = s.script("return document.getElementById(arguments[0].getAttribute('aria-describedby')).textContent",
                       {"element-6066-11e4-a52e-4f735466cecf": svg})
    assert "contacts entered the first stage in the range" in summary, summary
    table = open_chart_table(s, funnel, title)
    rows = s.css_all("tbody tr", table)
    bars = s.css_all("rect.bar-fill", svg)
    assert len(rows) == len(bars) >= 3, (len(rows), len(bars))
    # The bars are drawn to scale by attributes, not by style (the app runs under style-src 'self').
    widths = [float(s.attr(r, "width")) for r in bars]
    assert max(widths) == 640.0 and min(widths) >= 0, widths
    assert not s.css_all("[style]", funnel), "no inline styles"
    # Reached and conversion drill down too.
    cells = drill_buttons(s, table)
    assert any(c[2].startswith("Reached — ") for c in cells) and any(c[2].startswith("Conversion to the next stage — ") for c in cells)
    b, v, f = min((c for c in cells if c[2].startswith("Reached — ")), key=lambda c: shown_count(c[1]))
    drill(s, b, f, shown_count(v))
    # CES over time: its own chart, with a table of months that drill down to answers.
    feedback = s.by_role("region", "Customer feedback")
    ces = open_chart_table(s, feedback, "CES by month")
    months = s.css_all("tbody tr", ces)
    assert len(months) >= 12, len(months)
    points = [c for c in drill_buttons(s, ces) if c[2].startswith("CES — ")]
    assert points and all(re.match(r"^\d\.\d \(\d+\)$", c[1]) for c in points), [c[1] for c in points]
    full_shot(s, os.path.join(shots, "dashboard-charts"))
    # The same screen in Vietnamese: numbers with a decimal comma, amounts in "tr"/"tỷ".
    s.click(s.by_role("button", "Tiếng Việt"))
    s.wait_for(lambda: s.all_by_role("heading", "Tổng quan"), "the dashboard in Vietnamese")
    full_shot(s, os.path.join(shots, "dashboard-vi"))
    ticks = " ".join(s.text(t) for t in s.css_all("svg text.tick"))
    assert re.search(r"\d+ (tr|tỷ)\b", ticks), ticks
    s.click(s.by_role("button", "English"))
    s.by_role("heading", "Dashboard")


TESTS = [
    test_a_survey_stage_cell_opens_exactly_its_answers,
    test_a_source_group_row_opens_its_contacts_and_deals,
    test_a_month_of_a_series_opens_its_records,
    test_charts_are_svg_with_a_name_a_summary_and_a_table,
]
