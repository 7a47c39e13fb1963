"""The test CouchDB-compatible server (PouchDB Server from scripts/with-pouchdb.sh), over HTTP."""

import json
import os
import urllib.request


def couch(method, path, body=None):
    """Sends `body` (JSON, when given) to the test server and returns its JSON answer."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(os.environ["WAYPOINT_TEST_COUCH"] + path, method=method, data=data,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def server_json(path):
    return couch("GET", path)


def server_send(method, path, body):
    return couch(method, path, body)


def couch3(method, path, body=None):
    """Sends `body` to the CouchDB 3 double (tests/couch3_double.py) as its server admin."""
    import base64
    env = os.environ
    token = base64.b64encode(f"{env['WAYPOINT_TEST_COUCH3_ADMIN']}:{env['WAYPOINT_TEST_COUCH3_PASSWORD']}"
                             .encode()).decode()
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(env["WAYPOINT_TEST_COUCH3"] + path, method=method, data=data,
                                 headers={"Content-Type": "application/json", "Authorization": "Basic " + token})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)
