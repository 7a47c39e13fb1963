"""Journey maps, as a person builds one: a persona with its coverage, a map
edited by keyboard, an emotion point dragged and nudged, a live figure checked
against the stored records, snapshots compared, and the exports' content."""

import csv
import json
import os
import tempfile

from webdriver import ELEMENT_KEY

DOWNLOADS = tempfile.mkdtemp(prefix="waypoint-dl-")


def allow_downloads(s):
    s.cmd("POST", "/goog/cdp/execute", {"cmd": "Browser.setDownloadBehavior",
                                        "params": {"behavior": "allow", "downloadPath": DOWNLOADS}})


def downloaded(s, suffix, before):
    """The newest finished download ending in `suffix` that was not in `before`."""
    def one():
        names = [n for n in os.listdir(DOWNLOADS) if n.endswith(suffix) and n not in before]
        path = os.path.join(DOWNLOADS, sorted(names)[-1]) if names else None
        # The file can exist, still empty, before the browser has written it.
        return path if path and os.path.getsize(path) > 0 else None
    return s.wait_for(one, f"a downloaded {suffix}", timeout=30)


def reached_in_store(s, persona_id, stage):
    """Contacts of `persona_id` (assigned by hand) with a stage transition into
    `stage`, counted straight from IndexedDB, not through the app."""
    return s.cmd("POST", "/execute/async", {"script": """
        const [persona, stage, done] = arguments;
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const g = r.result.transaction('docs').objectStore('docs').getAll();
          g.onsuccess = () => { try {
            // The winner is kept as a JSON string (`_doc`); older records are the document itself.
            const body = rec => typeof rec._doc === 'string' ? JSON.parse(rec._doc) : rec;
            const members = new Set(), reached = new Set();
            const moves = [];
            for (const rec of g.result) {
              if (rec._id.startsWith('contact:')) {
                const b = body(rec);
                if (b && b.persona_id === persona) members.add(rec._id);
              } else if (rec._id.startsWith('stage_transition:')) {
                const b = body(rec);
                if (b && b.subject === 'contact' && b.to_stage === stage) moves.push(b.subject_id);
              }
            }
            for (const id of moves) if (members.has(id)) reached.add(id);
            done(reached.size);
            r.result.close();
          } catch (e) { done('error: ' + e); } };
        };
        r.onerror = () => done(-1);""", "args": [persona_id, stage]})


def open_map(s, base, title):
    s.get(base + "/journeys")
    s.click(s.by_role("link", title, timeout=30))
    s.by_role("heading", title, timeout=30)


def test_persona_is_created_and_shows_its_coverage(s, base, shots):
    s.get(base + "/journeys")
    s.click(s.by_role("button", "New persona"))
    dialog = s.by_role("dialog", "New persona")
    s.click(s.by_role("button", "Create persona", within=dialog))
    s.wait_for(lambda: "This field is required." in s.text(dialog), "the name's error")
    s.type(s.by_role("textbox", "Name", within=dialog), "Chị Mai — kế toán trưởng")
    s.type(s.by_role("textbox", "Role", within=dialog), "finance")
    s.click(s.by_role("button", "Create persona", within=dialog))
    s.by_role("heading", "Chị Mai — kế toán trưởng", timeout=30)
    # Its rule (role "finance") covers the finance approvers nobody assigned by hand.
    covers = s.wait_for(lambda: next((s.text(e) for e in s.all_by_role("status")
                                      if s.text(e).startswith("Covers ")), None), "coverage", timeout=30)
    n = int(covers.split()[1].replace(",", ""))
    assert n > 0, covers
    dist = s.by_role("table", "Current stage of covered contacts")
    counts = [int(s.text(c).replace(",", "")) for c in s.css_all("tbody td.num", dist)]
    assert sum(counts) == n, (counts, n)
    # Narrowing the rule by an industry nobody has leaves nobody covered.
    s.type(s.by_role("textbox", "Account industries"), "Không có ngành này")
    s.click(s.by_role("button", "Save"))
    s.wait_for(lambda: any(s.text(e) == "Covers 0 contacts" for e in s.all_by_role("status")), "narrowed")
    s.click(s.by_role("textbox", "Account industries"))
    s.keys("a", hold="\ue009")
    s.keys("\ue003")  # Backspace, as a person clears a field
    s.click(s.by_role("button", "Save"))
    s.wait_for(lambda: any(s.text(e) == covers for e in s.all_by_role("status")), "widened again")
    s.screenshot(os.path.join(shots, "persona.png"))


def test_map_is_created_and_cells_edited_by_keyboard(s, base, shots):
    s.click(s.by_role("button", "New journey map"))
    dialog = s.by_role("dialog", "New journey map")
    s.type(s.by_role("textbox", "Title", within=dialog), "Duyệt chi của kế toán")
    assert s.prop(s.by_role("combobox", "Persona", within=dialog), "value").startswith("persona:")
    s.click(s.by_role("button", "Create map", within=dialog))
    s.by_role("heading", "Duyệt chi của kế toán", timeout=30)
    for lane in ["Mindset", "Emotion", "Touchpoints", "Channels", "Pain points / barriers",
                 "Opportunities", "Departments responsible", "Metrics & KPIs"]:
        s.by_role("rowheader", lane)
    cell = s.by_role("button", "Pain points / barriers · Decision")
    s.script("arguments[0].focus()", {ELEMENT_KEY: cell})
    s.keys("\ue007")  # Enter opens the editor
    box = s.wait_for(lambda: s.active() if s.role(s.active()) == "textbox" else None, "the cell editor")
    assert s.name(box) == "Pain points / barriers · Decision"
    s.keys(*"- **Giá** cao")
    s.keys("\ue007", hold="\ue008")  # Shift+Enter: a new line
    s.keys(*"- Thiếu tài liệu")
    s.keys("\ue007")  # Enter saves
    cell = s.by_role("button", "Pain points / barriers · Decision")
    s.wait_for(lambda: [s.text(li) for li in s.css_all("li", cell)] == ["Giá cao", "Thiếu tài liệu"], "the list")
    assert s.text(s.css_all("strong", cell)[0]) == "Giá"
    assert s.name(s.active()) == "Pain points / barriers · Decision", "focus returns to the cell"
    # Arrow keys move between cells; Escape leaves a cell unchanged.
    s.keys("\ue014")  # ArrowRight
    assert s.name(s.active()) == "Pain points / barriers · Retention", s.name(s.active())
    s.keys("\ue007", *"should not stay", "\ue00c")
    assert s.text(s.by_role("button", "Pain points / barriers · Retention")) == ""
    # It is stored: a reload shows it.
    s.refresh()
    cell = s.by_role("button", "Pain points / barriers · Decision", timeout=30)
    s.wait_for(lambda: "Thiếu tài liệu" in s.text(cell), "saved cell after reload")


def test_steps_and_comments_by_keyboard(s, base, shots):
    s.click(s.by_role("button", "Stage options: Consideration"))
    menu = s.by_role("group", "Stage options: Consideration")
    assert s.name(s.active()) == "Stage name", "focus moves into the menu"
    s.click(s.by_role("textbox", "Step name", within=menu))
    s.keys(*"Đọc đánh giá", "\ue007")
    s.wait_for(lambda: s.all_by_role("slider", "Emotion (as-is): Consideration — Đọc đánh giá"), "the step's curve point")
    s.wait_for(lambda: s.name(s.active()) == "Step name", "focus stays to add another step")
    s.keys("\ue00c")  # Escape closes the menu and returns to its button
    s.wait_for(lambda: s.name(s.active()) == "Stage options: Consideration", "focus back on the button")
    assert not s.all_by_role("group", "Stage options: Consideration")
    cell = s.by_role("button", "Mindset · Decision")
    s.script("arguments[0].focus()", {ELEMENT_KEY: cell})
    s.keys("c")
    s.wait_for(lambda: s.name(s.active()) == "Comment on this cell", "the comment box")
    s.by_role("heading", "Comments — Mindset · Decision")
    s.keys(*"Hỏi lại phòng mua hàng")
    s.click(s.by_role("button", "Add comment"))
    s.wait_for(lambda: "1 open comment" in s.text(s.by_role("button", "Mindset · Decision")), "the cell's badge")
    s.click(s.by_role("button", "Resolve"))
    s.wait_for(lambda: "open comment" not in s.text(s.by_role("button", "Mindset · Decision")), "resolved")
    s.click(s.by_role("button", "Delete"))
    s.wait_for(lambda: not s.all_by_role("button", "Reopen"), "deleted")


def test_emotion_point_dragged_and_moved_by_keys(s, base, shots):
    point = s.by_role("slider", "Emotion (as-is): Awareness")
    assert s.attr(point, "aria-valuenow") == "0"
    s.script("arguments[0].scrollIntoView({block: 'center'})", {ELEMENT_KEY: point})
    top = s.script("const r = arguments[0].getBoundingClientRect(); return [r.left + r.width/2, r.top];", {ELEMENT_KEY: point})
    s.drag(point, (int(top[0]), int(top[1]) - 70))
    s.wait_for(lambda: s.attr(s.by_role("slider", "Emotion (as-is): Awareness"), "aria-valuenow") == "2", "dragged up")
    point = s.by_role("slider", "Emotion (as-is): Decision")
    s.script("arguments[0].focus()", {ELEMENT_KEY: point})
    s.keys("\ue015", "\ue015")  # ArrowDown twice
    s.wait_for(lambda: s.attr(s.by_role("slider", "Emotion (as-is): Decision"), "aria-valuenow") == "-2", "keyed down")
    s.refresh()
    s.wait_for(lambda: s.attr(s.by_role("slider", "Emotion (as-is): Awareness", timeout=30), "aria-valuenow") == "2",
               "the drag was saved")
    assert s.attr(s.by_role("slider", "Emotion (as-is): Decision"), "aria-valuenow") == "-2"
    s.screenshot(os.path.join(shots, "journey-map-new.png"))


def test_live_figure_equals_the_stored_records(s, base, shots):
    open_map(s, base, "Owner buying journey")
    line = s.wait_for(lambda: next((s.text(e) for e in s.css_all(".map-persona") if "Covers " in s.text(e)), None),
                      "the persona's coverage", timeout=60)
    members = int(line.split("Covers ")[1].split()[0].replace(",", ""))
    expected = reached_in_store(s, "persona:owner", "decision")
    assert 0 < expected < members, (expected, members)
    figs = s.wait_for(lambda: [b for b in s.all_by_role("button") if s.text(b).startswith("Contacts reached")],
                      "the live figures", timeout=60)
    assert len(figs) == 5, len(figs)
    # Third stage column (Decision): "Contacts reached <n> n = <n>".
    words = s.text(figs[2]).replace(",", "").split()
    assert int(words[2]) == expected and words[-1] == str(expected), (words, expected)
    s.click(figs[2])
    dialog = s.by_role("dialog", "Contacts reached — Decision")
    s.wait_for(lambda: s.text(s.by_role("status", within=dialog)) == f"{expected:,} contacts", "drill count")
    assert len(s.css_all("li a", dialog)) == expected
    first = s.css_all("li a", dialog)[0]
    name = s.text(first)
    s.click(first)
    s.by_role("heading", name, timeout=30)
    s.script("history.back()")
    s.by_role("heading", "Owner buying journey", timeout=30)
    s.screenshot(os.path.join(shots, "journey-map.png"))


def test_snapshots_saved_and_compared(s, base, shots):
    s.type(s.by_role("textbox", "Snapshot note"), "Trước khi đổi giá")
    s.click(s.by_role("button", "Save snapshot"))
    s.wait_for(lambda: any(s.text(e) == "Snapshot saved." for e in s.all_by_role("status")), "saved")
    cell = s.by_role("button", "Opportunities · Decision")
    s.script("arguments[0].focus()", {ELEMENT_KEY: cell})
    s.keys("\ue007")
    s.wait_for(lambda: s.role(s.active()) == "textbox", "editor")
    s.keys("a", hold="\ue009")  # Ctrl+A: the new text replaces the old
    s.keys(*"Gói triển khai giá cố định", "\ue007")
    s.wait_for(lambda: "Gói triển khai" in s.text(s.by_role("button", "Opportunities · Decision")), "edited")
    compare = s.by_role("combobox", "Compare")
    option = s.wait_for(lambda: next((o for o in s.css_all("option", compare) if "Trước khi đổi giá" in s.text(o)), None),
                        "the snapshot in the picker")
    s.click(option)
    table = s.wait_for(lambda: next((t for t in s.css_all("table.compare")), None), "the comparison")
    rows = {s.text(s.css_all("th", r)[0]): [s.text(c) for c in s.css_all("td", r)] for r in s.css_all("tbody tr", table)}
    assert rows.get("Opportunities · Decision") == ["Fixed-price onboarding package", "Gói triển khai giá cố định"], rows
    highlighted = s.css_all("td.map-cell.changed")
    assert len(highlighted) == 1 and "Gói triển khai" in s.text(highlighted[0]), len(highlighted)
    s.screenshot(os.path.join(shots, "journey-compare.png"))


def test_exports_have_the_maps_content(s, base, shots):
    allow_downloads(s)
    before = set(os.listdir(DOWNLOADS))
    s.click(s.by_role("button", "CSV"))
    path = downloaded(s, ".csv", before)
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][1:6] == ["Awareness", "Consideration", "Decision", "Retention", "Advocacy"], rows[0]
    by_lane = {r[0]: r[1:] for r in rows}
    assert by_lane["Opportunities"][2] == "Gói triển khai giá cố định", by_lane["Opportunities"]
    assert by_lane["Pain points / barriers"][2].startswith("• Price"), by_lane["Pain points / barriers"]
    before = set(os.listdir(DOWNLOADS))
    s.click(s.by_role("button", "JSON"))
    with open(downloaded(s, ".json", before), encoding="utf-8") as f:
        doc = json.load(f)
    assert doc["format"] == "waypoint-journey-map" and doc["version"] == 1, list(doc)
    assert doc["cells"]["opportunities/decision"] == "Gói triển khai giá cố định"
    assert doc["persona"]["id"] == "persona:owner"
    assert doc["figures"]["stages"][0]["reached"]["value"] > 0
    before = set(os.listdir(DOWNLOADS))
    s.click(s.by_role("button", "SVG"))
    with open(downloaded(s, ".svg", before), encoding="utf-8") as f:
        svg = f.read()
    assert svg.startswith("<svg") and "Gói triển khai giá cố định" in svg and "<script" not in svg
    before = set(os.listdir(DOWNLOADS))
    s.click(s.by_role("button", "PNG"))
    with open(downloaded(s, ".png", before), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"


def test_map_deleted_and_restored_with_undo(s, base, shots):
    s.click(s.by_role("button", "Delete map"))
    banner = s.by_role("alert")
    assert "Owner buying journey" in s.text(banner), s.text(banner)
    s.wait_for(lambda: not s.all_by_role("heading", "Owner buying journey"), "the map gone")
    s.click(s.by_role("button", "Undo", within=banner))
    s.by_role("heading", "Owner buying journey", timeout=30)
    cell = s.by_role("button", "Opportunities · Decision")
    assert "Gói triển khai" in s.text(cell), "restored with its content"


TESTS = [
    test_persona_is_created_and_shows_its_coverage,
    test_map_is_created_and_cells_edited_by_keyboard,
    test_steps_and_comments_by_keyboard,
    test_emotion_point_dragged_and_moved_by_keys,
    test_live_figure_equals_the_stored_records,
    test_snapshots_saved_and_compared,
    test_exports_have_the_maps_content,
    test_map_deleted_and_restored_with_undo,
]
