"""CSV import as a person does it: choose a file, see the mapping and every
problem row, refuse an all-or-nothing import of a file with bad rows (nothing
written), then import only the valid rows and get the rejected ones back."""

import os
import tempfile

from webdriver import ELEMENT_KEY

GOOD = [
    ("Đặng Thu Hà", "ha@dangthu.vn", "Công ty Mới Toanh", "Cân nhắc", "facebook", "cpc", "Gặp ở hội chợ, quan tâm gói 50 người"),
    ("Ngô Bảo Châu", "chau@example.vn", "Công ty Mới Toanh", "awareness", "google", "organic", "Hỏi giá, \"gấp\""),
    ("Hồ Xuân Hương", "huong@example.vn", "", "", "", "", "dòng 1\ndòng 2"),
    ("Lý Công Uẩn", "", "Acme Holdings", "decision", "newsletter", "email", ""),
    ("Trịnh Công Sơn", "son@example.vn", "", "retention", "", "", "a, b, c"),
    ("Phan Bội Châu", "chau.pb@example.vn", "", "", "zalo", "paid_social", ""),
    ("Bà Triệu", "trieu@example.vn", "", "advocacy", "", "", ""),
]
BAD = [
    ("", "nobody@example.vn", "", "", "", "", "no name"),
    ("Sai Email", "sai-email", "", "", "", "", ""),
    ("Sai Giai Đoạn", "gd@example.vn", "", "Mua hàng", "", "", ""),
]


def csv_cell(v):
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v


def write_file(rows):
    path = os.path.join(tempfile.mkdtemp(prefix="waypoint-import-"), "khach-hang.csv")
    lines = ["Họ tên,Email,Công ty,Giai đoạn,utm_source,utm_medium,Ghi chú"]
    lines += [",".join(csv_cell(c) for c in r) for r in rows]
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    return path


def contact_count(s):
    return s.cmd("POST", "/execute/async", {"script": """
        const done = arguments[0];
        const r = indexedDB.open('waypoint');
        r.onsuccess = () => {
          const c = r.result.transaction('docs').objectStore('docs')
            .count(IDBKeyRange.bound('contact:', 'contact:\\uffff'));
          c.onsuccess = () => { done(c.result); r.result.close(); };
        };""", "args": []})


def statuses(s):
    return [s.text(e) for e in s.all_by_role("status")]


def test_import_reports_bad_rows_and_writes_all_or_nothing(s, base, shots):
    # Rows 3, 5 and 7 of the file (lines 4, 6, 9 counting the header and the quoted newline) are bad.
    rows = [GOOD[0], GOOD[1], BAD[0], GOOD[2], BAD[1], GOOD[3], BAD[2], GOOD[4], GOOD[5], GOOD[6]]
    path = write_file(rows)
    s.get(base + "/customers")
    s.click(s.by_role("link", "Import CSV"))
    s.by_role("heading", "Import from CSV")
    before = contact_count(s)
    file_input = s.css_all("input[type=file]")[0]
    assert s.name(file_input) == "CSV file"
    s.type(file_input, path)
    s.wait_for(lambda: any(t == "khach-hang.csv: 10 rows, 7 columns." for t in statuses(s)), "the file read")
    s.wait_for(lambda: any(t == "7 rows are ready to import; 3 rows have problems." for t in statuses(s)), "the check")
    # The mapping was guessed from the Vietnamese headers.
    assert s.prop(s.by_role("combobox", "Name *"), "value") == "0"
    assert s.prop(s.by_role("combobox", "Journey stage"), "value") == "3"
    table = s.by_role("table", "Rows with problems")
    reported = [[s.text(c) for c in s.css_all("th,td", r)] for r in s.css_all("tbody tr", table)]
    assert reported == [["4", "Name is required"], ["7", "Email is not an email address"],
                        ["9", "Journey stage is not a stage of this workspace"]], reported
    s.script("document.getElementById('imp-check-h').scrollIntoView()")
    s.screenshot(os.path.join(shots, "import-preview.png"))
    # All or nothing (the default): refused, nothing written.
    s.click(s.by_role("button", "Import 7 rows"))
    alert = s.by_role("alert")
    assert s.text(alert).startswith("Nothing was imported: 3 rows have problems."), s.text(alert)
    assert contact_count(s) == before
    # Only the valid rows: written in one go, the rejected rows come back as CSV with reasons.
    s.script("""window.__blobs = []; const orig = URL.createObjectURL;
                URL.createObjectURL = b => { window.__blobs.push(b); return orig(b); };""")
    s.click(s.by_role("radio", "Import the valid rows and download the rejected ones"))
    s.click(s.by_role("button", "Import 7 rows"))
    s.wait_for(lambda: "Imported 7 rows." in statuses(s), "import finished", timeout=60)
    assert contact_count(s) == before + 7
    rejected = s.cmd("POST", "/execute/async", {"script": "window.__blobs[0].text().then(arguments[0])", "args": []})
    lines = rejected.lstrip("\ufeff").split("\r\n")
    assert lines[0] == "Họ tên,Email,Công ty,Giai đoạn,utm_source,utm_medium,Ghi chú,Problem", lines[0]
    assert lines[1] == ",nobody@example.vn,,,,,no name,Name is required", lines[1]
    assert lines[2].startswith("Sai Email,sai-email,") and lines[2].endswith("Email is not an email address"), lines[2]
    assert lines[3].startswith("Sai Giai Đoạn,") and len([l for l in lines if l]) == 4, lines
    # The imported people are searchable without diacritics and carry their source.
    s.get(base + "/customers")
    s.click(s.by_role("button", "Contacts"))
    s.type(s.by_role("searchbox", "Search contacts"), "dang thu ha")
    link = s.wait_for(lambda: [a for a in s.css_all(".vbody [role=rowheader] a") if s.text(a) == "Đặng Thu Hà"],
                      "the imported contact")[0]
    s.click(link)
    s.by_role("heading", "Đặng Thu Hà", timeout=30)
    assert "Paid social" in s.text(s.by_role("region", "Lead source"))
    assert "Now in Consideration" in s.text(s.by_role("region", "Journey"))


def test_a_file_that_is_not_utf8_is_refused_with_a_reason(s, base, shots):
    path = os.path.join(tempfile.mkdtemp(prefix="waypoint-import-"), "windows.csv")
    with open(path, "wb") as f:
        f.write("name,email\r\nAn,an@x.vn\r\n".encode() + "Bùi,bui@x.vn\r\n".encode("cp1258"))
    s.get(base + "/customers/import")
    s.type(s.wait_for(lambda: s.css_all("input[type=file]"), "the file input")[0], path)
    alert = s.by_role("alert")
    assert "not UTF-8" in s.text(alert) and "line 3" in s.text(alert), s.text(alert)
    assert not s.all_by_role("button", "Import 1 row")
    assert ELEMENT_KEY


TESTS = [
    test_import_reports_bad_rows_and_writes_all_or_nothing,
    test_a_file_that_is_not_utf8_is_refused_with_a_reason,
]
