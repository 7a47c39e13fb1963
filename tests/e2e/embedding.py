"""Embedding in a partner portal: the demo host page, served with a strict
Content-Security-Policy, shows a read-only board scoped to the partner's three
accounts and a customer timeline, each in its own shadow root. Checked as a
person and a host developer would: what is on screen, that neither page's CSS
reaches the other, that events reach the host's listeners, that the board
cannot be edited, and that two workspaces keep separate data."""

import json
import os
import time

import site_server
from couch import couch
from webdriver import ELEMENT_KEY

# What a host needs (README "Embed in your portal"): no 'unsafe-inline', no 'unsafe-eval'.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'")
SCOPE = ["account:a0001", "account:a0002", "account:a0003"]


def scoped_deal_titles(s):
    """Titles of the deals of the partner's accounts, from the demo workspace's IndexedDB."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [scope, done] = arguments;
        const r = indexedDB.open('waypoint-embed-demo');
        r.onsuccess = () => {
          const g = r.result.transaction('docs').objectStore('docs').getAll(
            IDBKeyRange.bound('deal:', 'deal:\\uffff'));
          g.onsuccess = () => {
            const body = d => typeof d._doc === 'string' ? JSON.parse(d._doc) : d;
            done(g.result.map(body).filter(d => scope.includes(d.account_id)).map(d => d.title));
            r.result.close();
          };
        };
        r.onerror = () => done(null);""", "args": [SCOPE]})


def event_log(s):
    return s.script("return [...document.querySelectorAll('#event-log li')].map(li => li.textContent)")


def test_embeds_render_in_a_host_page_with_a_strict_csp(s, base, shots):
    # As README says: a host whose embeds sync adds the server's origin to connect-src.
    site_server.SpaHandler.policies["/embed-demo.html"] = CSP.replace(
        "connect-src 'self'", "connect-src 'self' " + os.environ["WAYPOINT_TEST_COUCH"])
    s.get(base + "/embed-demo.html")
    s.script("window.__violations = [];"
             "document.addEventListener('securitypolicyviolation',"
             " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    s.wait_for(lambda: "filled with sample data" in s.text(s.by_role("status", timeout=5)),
               "the demo workspace", timeout=180)
    board = s.shadow_of(s.css_all("#partner-board")[0])
    s.wait_for(lambda: s.all_by_role("region", within=board), "the board", timeout=60)
    cards = s.wait_for(lambda: s.all_by_role("article", within=board), "deal cards", timeout=30)
    titles = set(scoped_deal_titles(s))
    assert titles, "the partner's accounts have deals"
    shown = [s.name(c) for c in cards]
    assert shown and all(t in titles for t in shown), (shown[:5], len(titles))
    # The board names the pipeline and its stages as the app does.
    assert len(s.all_by_role("heading", within=board)) > 3

    timeline = s.shadow_of(s.css_all("#partner-timeline")[0])
    heading = s.wait_for(
        lambda: [h for h in s.all_by_role("heading", within=timeline) if s.text(h).startswith("Timeline of ")],
        "the timeline heading", timeout=30)[0]
    assert s.text(heading) != "Timeline of "
    s.screenshot(shots + "/embed-demo.png")
    assert s.script("return window.__violations") == []


def test_the_host_css_and_waypoint_css_stay_apart(s, base, shots):
    board_el = s.css_all("#partner-board")[0]
    style = s.script("""
        const host = arguments[0];
        const card = host.shadowRoot.querySelector('.deal-card');
        const root = host.shadowRoot.querySelector('.waypoint-root');
        const cs = getComputedStyle(card), rs = getComputedStyle(root);
        const h1 = getComputedStyle(document.querySelector('#deals-title'));
        return {
          cardDisplay: cs.display, cardFont: cs.fontFamily, cardColor: getComputedStyle(card.querySelector('.card-who')).color,
          rootBorder: rs.borderTopStyle, accent: rs.getPropertyValue('--wp-accent').trim(),
          radius: rs.getPropertyValue('--wp-radius').trim(),
          hostH1Size: h1.fontSize, hostH1Transform: h1.textTransform, hostH1Font: h1.fontFamily,
          hostBody: getComputedStyle(document.body).backgroundColor,
          hostMargin: getComputedStyle(document.body).marginTop,
        };""", {ELEMENT_KEY: board_el})
    # The host's `.deal-card { display: none !important }`, its fonts, colours and borders do not reach in.
    assert style["cardDisplay"] != "none", style
    assert "Courier" not in style["cardFont"], style
    assert style["cardColor"] != "rgb(122, 0, 25)", style
    assert style["rootBorder"] != "dashed", style
    # The documented theme properties do.
    assert style["accent"] == "#0b6e4f" and style["radius"] == "4px", style
    # Waypoint's `h1 { font-size: 1.6rem }` and `body { margin: 0; background }` do not reach out.
    assert style["hostH1Size"] == "34px" and style["hostH1Transform"] == "uppercase", style
    assert "Courier" in style["hostH1Font"], style
    assert style["hostBody"] == "rgb(255, 248, 220)", style


def test_the_read_only_board_offers_no_edits_and_tells_the_host_what_was_picked(s, base, shots):
    board = s.shadow_of(s.css_all("#partner-board")[0])
    assert s.text(s.css_all(".embed-badge", within=board)[0]) == "Read-only view"
    buttons = [s.name(b) for b in s.all_by_role("button", within=board)]
    assert not [b for b in buttons if b.startswith("Add deal")], buttons
    # The filters stay (Rotting only is a checkbox); the per-card selection boxes go.
    assert [s.name(c) for c in s.all_by_role("checkbox", within=board)] == ["Rotting only"]
    assert not [c for c in s.all_by_role("combobox", within=board) if s.name(c).startswith("Move")]
    card = s.all_by_role("article", within=board)[0]
    title = s.name(card)
    open_button = s.by_role("button", f"Open {title}", within=board)
    s.click(open_button)
    s.wait_for(lambda: any(e.startswith("waypoint-select") and title in e for e in event_log(s)),
               "the select event in the host's log")
    assert s.all_by_role("dialog", within=board) == [], "no edit dialog opens"
    # Space picks a card up for a move in the app; here it does nothing.
    s.click(card)
    s.keys(" ")
    s.keys("\ue014")  # ArrowRight
    s.keys("\ue007")  # Enter
    assert s.all_by_role("dialog", within=board) == []
    assert not [e for e in s.all_by_role("status", within=board) if "Picked up" in s.text(e)]
    # The sample load wrote through the shared workspace: the host heard about it.
    assert any(e.startswith("waypoint-change") for e in event_log(s))


def test_the_host_filters_the_board_through_the_js_api(s, base, shots):
    board = s.shadow_of(s.css_all("#partner-board")[0])
    first = s.name(s.all_by_role("article", within=board)[0])
    s.type(s.by_role("searchbox", "Search deals"), first)
    s.wait_for(lambda: [s.name(c) for c in s.all_by_role("article", within=board)] == [first],
               "only the searched deal")
    bad = s.script("try { arguments[0].setFilter({ min: 'lots' }); return null; } catch (e) { return String(e); }",
                   {ELEMENT_KEY: s.css_all("#partner-board")[0]})
    assert bad and "min" in bad, bad
    s.clear(s.by_role("searchbox", "Search deals"))
    s.script("arguments[0].setFilter({ q: '' })", {ELEMENT_KEY: s.css_all("#partner-board")[0]})
    s.wait_for(lambda: len(s.all_by_role("article", within=board)) > 1, "every scoped deal again")


def test_a_journey_map_embeds_read_only_and_navigate_switches_views(s, base, shots):
    s.script("""
        const el = document.createElement('waypoint-view');
        el.id = 'journey';
        for (const [k, v] of [['view', 'timeline'], ['record', 'contact:c00002'], ['workspace', 'demo'], ['locale', 'en'], ['readonly', '']])
          el.setAttribute(k, v);
        document.querySelector('main').append(el);""")
    shadow = s.shadow_of(s.css_all("#journey")[0])
    s.wait_for(lambda: [h for h in s.all_by_role("heading", within=shadow) if s.text(h).startswith("Timeline of ")],
               "the timeline first", timeout=30)
    s.script("arguments[0].navigate({ view: 'journey', record: null, map: 'journey_map:m1' })",
             {ELEMENT_KEY: s.css_all("#journey")[0]})
    shadow = s.shadow_of(s.css_all("#journey")[0])
    table = s.wait_for(lambda: s.all_by_role("table", within=shadow), "the map table", timeout=60)[0]
    caption = s.text(s.css_all("caption", within=table)[0])
    assert caption.startswith("Journey map “"), caption
    stages = [s.text(c) for c in s.all_by_role("columnheader", within=table)]
    lanes = [s.text(r) for r in s.all_by_role("rowheader", within=table)]
    assert len(stages) >= 4 and len(lanes) >= 5, (stages, lanes)
    # Live figures are computed from the records (an unscoped view): some cell says how many.
    cells = [s.text(c) for c in s.css_all("td", within=table)]
    assert any(any(ch.isdigit() for ch in c) for c in cells), cells[:10]
    # Nothing to edit.
    assert s.all_by_role("textbox", within=shadow) == [] and s.all_by_role("button", within=shadow) == []
    s.script("arguments[0].scrollIntoView()", {ELEMENT_KEY: s.css_all("#journey")[0]})
    s.screenshot(shots + "/embed-journey.png")


def test_an_embed_syncs_with_the_server_the_host_names(s, base, shots):
    db = f"embed-sync-{int(time.time())}"
    couch("PUT", f"/{db}")
    couch("POST", f"/{db}/_bulk_docs", {"docs": [
        {"_id": "account:p1", "type": "account", "name": "Đối tác Một"},
        {"_id": "account:p2", "type": "account", "name": "Đối tác Hai"}]})
    s.script("""
        const el = document.createElement('waypoint-view');
        el.id = 'synced';
        for (const [k, v] of [['view', 'dashboard'], ['workspace', 'synced'], ['locale', 'en'],
                              ['server', arguments[0]], ['database', arguments[1]]])
          el.setAttribute(k, v);
        document.querySelector('main').append(el);""", os.environ["WAYPOINT_TEST_COUCH"], db)

    def accounts():
        shadow = s.shadow_of(s.css_all("#synced")[0])
        for r in s.all_by_role("row", within=shadow):
            head = s.all_by_role("rowheader", within=r)
            if head and s.text(head[0]) == "Accounts":
                return s.text(s.css_all("td", within=r)[0])
        return None

    s.wait_for(lambda: accounts() == "2", "the server's two accounts", timeout=60)
    def statuses():
        return [json.loads(e.split(" ", 1)[1]) for e in event_log(s) if e.startswith("waypoint-sync-status ")]
    s.wait_for(lambda: any(d.get("state") == "synced" for d in statuses()), "a synced status in the host's log")
    # Live: a record another client adds on the server arrives without asking.
    couch("PUT", f"/{db}/account:p3", {"type": "account", "name": "Đối tác Ba"})
    s.wait_for(lambda: accounts() == "3", "the third account, live", timeout=60)
    assert s.script("return window.__violations") == []


def test_two_workspaces_keep_separate_data(s, base, shots):
    s.script("""
        for (const [id, ws, accounts] of [['other-ws', 'other', null], ['demo-ws', 'demo', arguments[0]]]) {
          const el = document.createElement('waypoint-view');
          el.id = id;
          el.setAttribute('view', 'dashboard');
          el.setAttribute('workspace', ws);
          el.setAttribute('locale', 'en');
          if (accounts) el.setAttribute('accounts', accounts);
          document.querySelector('main').append(el);
        }""", ",".join(SCOPE))

    def counts(element_id):
        shadow = s.shadow_of(s.css_all("#" + element_id)[0])
        rows = s.all_by_role("row", within=shadow)
        out = {}
        for r in rows[1:]:
            head = s.all_by_role("rowheader", within=r)
            cell = s.css_all("td", within=r)
            if head and cell:
                out[s.text(head[0])] = s.text(cell[0])
        return out

    other = s.wait_for(lambda: counts("other-ws"), "the other workspace's counts", timeout=30)
    assert set(other.values()) == {"0"}, other
    demo = s.wait_for(lambda: counts("demo-ws"), "the demo workspace's counts", timeout=30)
    assert demo["Accounts"] == "3", demo
    assert int(demo["Deals"].replace(",", "")) == len(scoped_deal_titles(s)), demo
    # A bad attribute is named, in the element, and nothing else happens.
    s.script("""
        const el = document.createElement('waypoint-view');
        el.id = 'bad';
        el.setAttribute('view', 'kanban');
        document.querySelector('main').append(el);""")
    shadow = s.shadow_of(s.css_all("#bad")[0])
    alert = s.by_role("alert", within=shadow, timeout=20)
    assert s.text(alert) == 'waypoint-view: view="kanban" is not one of board, timeline, journey, dashboard'
    assert any(e.startswith("waypoint-error") for e in event_log(s))


TESTS = [
    test_embeds_render_in_a_host_page_with_a_strict_csp,
    test_the_host_css_and_waypoint_css_stay_apart,
    test_the_read_only_board_offers_no_edits_and_tells_the_host_what_was_picked,
    test_the_host_filters_the_board_through_the_js_api,
    test_a_journey_map_embeds_read_only_and_navigate_switches_views,
    test_an_embed_syncs_with_the_server_the_host_names,
    test_two_workspaces_keep_separate_data,
]
