#!/usr/bin/env python3
"""Runs the browser benchmarks (release build, headless Chromium) and writes their
figures into BENCHMARKS.md, with the machine, the date and the baseline measured
in the same run. Usage: scripts/bench.py [board ...]"""

import datetime
import json
import os
import platform
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "BENCHMARKS.md")

# name prefix -> (target text, check(value, baseline) -> bool)
TARGETS = {
    "First paint": ("≤ 150 ms and ≤ 1.3× baseline", lambda v, b: v <= 150 and b and v <= 1.3 * b),
    "Drop → card": ("≤ 16 ms", lambda v, b: v <= 16),
    "Push ": ("≥ 1.5× PouchDB", lambda v, b: b and v >= 1.5 * b),
    "Pull ": ("≥ 1.5× PouchDB", lambda v, b: b and v >= 1.5 * b),
    "Figures after a filter change": ("≤ 200 ms", lambda v, b: v <= 200),
    "Bulk import": ("≥ 0.7× raw puts", lambda v, b: b and v >= 0.7 * b),
    "Cold start": ("≤ 1 s", lambda v, b: v <= 1000),
    "First load: bytes": ("≤ 300 KB gzip", lambda v, b: v <= 300),
}

BENCHES = {
    "load": ("First load: download size and time to interactive", "bench_load.py", True,
             "none: a target, not a comparison"),
    "board": ("Pipeline board, 10,000 deals in one pipeline", "bench_board", False,
              "vanilla web-sys DOM"),
    "sync": ("Sync with PouchDB Server, 10,000 documents", "bench_sync", True,
             "PouchDB 9 browser build, same batch size"),
    "customers": ("Customers: timeline and CSV import", "bench_customers", False,
                  "raw IndexedDB + vanilla DOM / raw JS puts in one transaction"),
    "journeys": ("Journey map figures, 100,000 activities and 20,000 stage transitions", "bench_journeys", False,
                 "the same figures computed from scratch: index rebuilt from the documents"),
    "import": ("Bulk import of a sample workspace, at 1/16, 1/4 and full size", "bench_import", False,
              "the same documents put by plain JavaScript into a fresh object store, one transaction"),
    "dashboard": ("KPI dashboard figures, 100,000 activities and 20,000 survey answers", "bench_dashboard", False,
                  "the same figures computed from scratch: index rebuilt from the documents"),
}


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass

    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            return "?"
    return (f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}; "
            f"{version(['chromium', '--version'])} headless; {version(['rustc', '--version'])}, "
            "release profile (opt-level z, LTO)")


def fmt(v, unit):
    if v is None:
        return "—"
    if unit in ("docs/s", "rows/s"):
        return f"{v:,.0f} {unit}"
    if unit == "ms":
        return f"{v:.1f} ms"
    if unit == "bytes":
        return f"{v / 1024:,.0f} KiB"
    if unit == "KB":
        return f"{v:,.1f} KB"
    return f"{v:,.0f}"


def run(bench):
    title, test, needs_server, baseline = BENCHES[bench]
    # The tools scripts/setup.sh installed (wasm-opt from npm), as the Makefile puts them on PATH.
    tools = [os.path.join(ROOT, ".tools", "node_modules", ".bin"), os.path.expanduser("~/.cargo/bin")]
    env = dict(os.environ, WASM_BINDGEN_TEST_TIMEOUT="900", PATH=os.pathsep.join(tools + [os.environ.get("PATH", "")]),
               CHROMEDRIVER=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    # The sync benchmark talks to a real PouchDB Server on loopback.
    prefix = [os.path.join(ROOT, "scripts", "with-pouchdb.sh")] if needs_server else []
    if test.endswith(".py"):
        # A page load of the app as `make run` serves it: its own release build.
        dist = os.path.join(ROOT, "target", "dist-bench")
        subprocess.run(["trunk", "build", "--release", "--offline", "--dist", dist], cwd=ROOT, env=env, check=True)
        cmd = prefix + ["python3", os.path.join(ROOT, "scripts", test), dist]
    else:
        cmd = prefix + ["cargo", "test", "--profile", "wasm-bench", "--target", "wasm32-unknown-unknown",
                        "--features", "bench", "--test", test, "--", "--nocapture"]
    print("$", " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    rows = [json.loads(m.group(1)) for m in re.finditer(r"BENCH (\{.*\})", proc.stdout + proc.stderr)]
    if proc.returncode != 0 or not rows:
        sys.stdout.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"benchmark {bench} failed")
    lines = [f"## {title}", "",
             f"Measured {datetime.date.today().isoformat()} on {machine()}.", "",
             f"| Measure | Waypoint | Baseline ({baseline}{'' if baseline.startswith('none') else ', same run'}) "
             "| Ratio | Target | Met |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        v, b, unit = r["value"], r["baseline"], r["unit"]
        ratio = f"{v / b:.2f}×" if b and b > 0 and v > 0 else "—"
        target, met = "—", "—"
        for prefix, (text, check) in TARGETS.items():
            if r["name"].startswith(prefix):
                target, met = text, ("yes" if check(v, b) else "**no**")
        lines.append(f"| {r['name']} | {fmt(v, unit)} | {fmt(b, unit)} | {ratio} | {target} | {met} |")
        print(f"{r['name']}: {fmt(v, unit)} (baseline {fmt(b, unit)}) {met}")
    return "\n".join(lines)


def main():
    benches = sys.argv[1:] or list(BENCHES)
    text = open(OUT).read() if os.path.exists(OUT) else "# Benchmarks\n\nWritten by `make bench` (scripts/bench.py).\n"
    for b in benches:
        section = run(b)
        start, end = f"<!-- bench:{b} -->", f"<!-- /bench:{b} -->"
        block = f"{start}\n{section}\n{end}"
        if start in text:
            text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
        else:
            text = text.rstrip() + "\n\n" + block + "\n"
    with open(OUT, "w") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
