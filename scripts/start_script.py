#!/usr/bin/env python3
"""Moves the inline start-up script Trunk writes into index.html out to its own
file, so the app runs under a Content-Security-Policy without 'unsafe-inline'
(`script-src 'self' 'wasm-unsafe-eval'`). The file's name carries a hash of its
content, like Trunk's own assets. Called by precache.py (Trunk's post_build
hook) before it lists the build."""

import hashlib
import os
import re
import sys

INLINE = re.compile(r'<script type="module">(.*?)</script>', re.S)


def write(staging):
    index = os.path.join(staging, "index.html")
    html = open(index, encoding="utf-8").read()
    found = INLINE.findall(html)
    if len(found) != 1:
        sys.exit(f"start_script.py: expected one inline module script in index.html, found {len(found)}")
    body = found[0].strip() + "\n"
    name = f"start-{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
        f.write(body)
    html = INLINE.sub(lambda _: f'<script type="module" src="/{name}"></script>', html, count=1)
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"start_script.py: index.html starts the app from /{name}")


if __name__ == "__main__":
    write(os.environ["TRUNK_STAGING_DIR"])
