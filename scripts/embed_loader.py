#!/usr/bin/env python3
"""Writes waypoint-embed.js into a Trunk build: src/embed/waypoint-view.js with
this build's hashed file names (wasm-bindgen glue, wasm, stylesheet) filled in.
Called by precache.py (Trunk's post_build hook) before it lists the build."""

import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one(staging, pattern):
    found = [os.path.basename(p) for p in glob.glob(os.path.join(staging, pattern))]
    if len(found) != 1:
        sys.exit(f"embed_loader.py: expected one {pattern} in the build, found {found}")
    return found[0]


def write(staging):
    wasm = one(staging, "waypoint-app*_bg.wasm")
    glue = one(staging, "waypoint-app*.js")
    css = one(staging, "main*.css")
    source = open(os.path.join(ROOT, "src", "embed", "waypoint-view.js"), encoding="utf-8").read()
    for marker, name in (("__WAYPOINT_GLUE__", glue), ("__WAYPOINT_WASM__", wasm), ("__WAYPOINT_CSS__", css)):
        if marker not in source:
            sys.exit(f"embed_loader.py: {marker} not found in waypoint-view.js")
        source = source.replace(marker, name)
    with open(os.path.join(staging, "waypoint-embed.js"), "w", encoding="utf-8") as f:
        f.write(source)
    print(f"embed_loader.py: waypoint-embed.js loads {glue}")


if __name__ == "__main__":
    write(os.environ["TRUNK_STAGING_DIR"])
