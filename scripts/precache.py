#!/usr/bin/env python3
"""Trunk post_build hook: writes the build's file list and a version into sw.js.

Trunk runs it with TRUNK_STAGING_DIR pointing at the build about to become dist/.
Every file of the build is precached except the worker itself; the version is a
hash of the names and contents, so any change to the build changes sw.js and
browsers install the new worker."""

import hashlib
import json
import os
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging or not os.path.isdir(staging):
    sys.exit("precache.py: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)")
worker = os.path.join(staging, "sw.js")
if not os.path.exists(worker):
    sys.exit("precache.py: sw.js is missing from the build (index.html must copy public/sw.js)")

# The embed loader is part of the build (and of the precache list).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import embed_loader  # noqa: E402
import start_script  # noqa: E402

embed_loader.write(staging)
# No inline script: the app runs under a strict Content-Security-Policy.
start_script.write(staging)

# Not precached: the worker itself and its unfilled template.
SKIP = {"sw.js", "public/sw.js"}
files, digest = [], hashlib.sha256()
for root, _, names in os.walk(staging):
    for name in sorted(names):
        path = os.path.join(root, name)
        rel = os.path.relpath(path, staging).replace(os.sep, "/")
        if rel in SKIP:
            continue
        files.append("/" + rel)
files.sort()
for rel in files:
    digest.update(rel.encode())
    with open(os.path.join(staging, rel[1:]), "rb") as f:
        digest.update(f.read())
version = digest.hexdigest()[:16]
# The start page is cached under the name the worker looks it up by.
precache = sorted(set(files) | {"/index.html"})

source = open(worker, encoding="utf-8").read()
for placeholder in ('"__WAYPOINT_VERSION__"', '["__WAYPOINT_PRECACHE__"]'):
    if placeholder not in source:
        sys.exit(f"precache.py: {placeholder} not found in sw.js")
source = source.replace('"__WAYPOINT_VERSION__"', json.dumps(version))
source = source.replace('["__WAYPOINT_PRECACHE__"]', json.dumps(precache))
with open(worker, "w", encoding="utf-8") as f:
    f.write(source)
print(f"precache.py: {len(precache)} files, version {version}")
