"""A CouchDB 3.x double: a loopback proxy in front of PouchDB Server that answers the way
Apache CouchDB 3 does where PouchDB Server (which is not CouchDB) does not.
Usage: python3 tests/couch3_double.py PORT UPSTREAM ADMIN_NAME:ADMIN_PASSWORD

Each rule cites, at its code, the CouchDB source it follows (apache/couchdb src/...):
 1. Opaque sequences: `seq`/`last_seq` of `_changes` and `update_seq` of GET /db become
    "<n>-g1AAAA<base64>" strings; `since` must be 0, now or one of them, else 400.
 2. `seq_interval=N`: a row keeps its seq only where (limit - row index) rem N == 0, the
    others get null, as fabric does (so the last row may be null too: read `last_seq`); never
    forwarded.
 3. Strict `_changes` parameters (feed, limit, heartbeat, timeout, seq_interval) with CouchDB's
    400 reasons. A valid `heartbeat` is dropped and a longpoll or continuous feed ends after
    `timeout` (at most 60000 ms), PouchDB Server's never does; the answer comes whole at the
    end. Unlike the double, CouchDB 3 lets a heartbeat override the timeout and keeps the feed
    open, streaming newlines, until a change (couch_changes.erl get_changes_timeout/2).
 4. `_bulk_get` in CouchDB's shape, one result per requested item, in order; `latest=true`
    reaches upstream only for revisions it holds (PouchDB Server crashes otherwise).
 5. `max_document_size` (8000000 bytes until set through the config API) on `_bulk_docs`,
    PUT /db/doc and POST /db: 413 document_too_large, nothing written.
 6. Users and sessions in memory: the server admin from argv and users PUT into
    /_users/org.couchdb.user:NAME; Basic and AuthSession cookies with an idle timeout
    ([chttpd_auth] timeout, 600 s); /_session. Databases are admin_only (a `_security` PUT is
    kept here): 401 when anonymous, 403 for a user who is not a member.
 7. PUT /db and DELETE /db for server admins only.
 8. CORS as with [cors] origins = * and credentials = true; preflights answered here.
 9. Test hooks (not CouchDB; no auth): GET /_double/requests?db=NAME answers
    {"count": N, "paths": [the last 50 "METHOD /path?query"]} for requests under /NAME since
    the start or DELETE /_double/requests. OPTIONS requests are never counted.
10. validate_doc_update: every document written by PUT /db/doc, POST /db, DELETE /db/doc and
    POST /db/_bulk_docs (with or without new_edits:false) goes through the design documents'
    validate_doc_update functions, run by one long-lived `node tests/couch3_validate.js` (the
    query server); refused documents are not forwarded. _design/ documents are written by db
    or server admins only. The functions are read from UPSTREAM once per database (none for a
    database created here) and again after a _design/ document is written here: one written
    straight to UPSTREAM is not seen. Multipart PUTs, attachment requests and COPY are not
    checked. PouchDB Server runs the functions again on what is forwarded, with its own
    admin-party userCtx ({name: null, roles: ["_admin"]}) and secObj {}. new_edits:false
    documents for a database with functions go through a scratch database and PouchDB Server's
    own replicator: its validation plugin would replace their _revisions with those of the stored
    winner, dropping every replicated update (see Double.replicated_upstream).
11. _replicator, in memory (never UPSTREAM), for server admins only (its _security stays
    admin_only: 401 anonymous, 403 named): GET/HEAD/PUT/DELETE /_replicator/DOC and POST
    /_replicator with revisions and 409 conflicts, GET /_replicator and _all_docs. A write gets
    `owner` (the writer) and must parse as a replication, else 403 forbidden with CouchDB's reason
    (couch_replicator_docs.erl before_doc_update/3); admins read documents back whole, credentials
    included (after_doc_read/2). Each live document runs one job in a thread of its own that talks
    HTTP to the document's endpoints (this double, normally) with the document's credentials
    (auth.basic, else user:pass@ in the URL, else an Authorization: Basic header), so
    authentication, _security and validate_doc_update apply to it: _changes?style=all_docs (a
    longpoll, `timeout` 10 s, for a continuous job), the leaves kept by `selector` (Mango,
    mango_selector.erl semantics, run on every leaf as couch_changes.erl's _selector filter does,
    tombstones included, read with _bulk_get) or `doc_ids`, then _revs_diff on the target,
    _bulk_get?revs=true&attachments=true&latest=true on the source and _bulk_docs new_edits:false on
    the target; documents the target refuses are counted (doc_write_failures) and skipped. The
    checkpoint is kept in memory by replication id (lost when either database is deleted through
    the double). Editing a document so that its replication differs replaces the job (a new
    selector: a new replication id, from the start); deleting it stops the job before the answer.
    A job that fails (401/403/404 on its databases, or a request) is "crashing" and retries after
    1, 2, 4, then 8 s (CouchDB: 30 s doubling). A non-continuous one runs to the end, then writes
    `_replication_state: "completed"` into its document. Not reproduced: `filter` functions (the
    document's state is "failed"), the _local checkpoint documents, user_ctx, proxies, the
    multipart attachment upload, the doc processor's "error"/"pending" states.
12. /_scheduler/docs[/_replicator[/DOC]] and /_scheduler/jobs[/ID] (server admins): a job's
    state "running" (info: its stats, live), "crashing" (info {"error": reason}, error_count the
    consecutive crashes) or "failed" (a duplicate replication, or a `filter`), as
    couch_replicator_httpd.erl and couch_replicator_doc_processor.erl ejson_doc/2 answer them.
Everything else reaches UPSTREAM unchanged but for Authorization and Cookie (PouchDB Server
runs in admin party), with its JSON answers as application/json and its database errors in
CouchDB's words."""

import base64
import hashlib
import hmac
import http.client
import http.server
import json
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.parse
import uuid
from collections import deque
from email.utils import formatdate

PORT, UP = int(sys.argv[1]), urllib.parse.urlsplit(sys.argv[2])
ADMIN, _, ADMIN_PASSWORD = sys.argv[3].partition(":")
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}
DROP = HOP | {"host", "accept-encoding", "authorization", "cookie", "origin", "expect"}
SECRET, ADMIN_SALT = os.urandom(16), os.urandom(16)
lock = threading.Lock()
config, users, security = {}, {}, {}  # (section, key) -> str; name -> user; db -> _security
seq_out, seq_in = {}, {}  # db -> {int: opaque seq}; db -> {opaque part: int}
hits = {}  # db -> [count, the last 50 "METHOD /path?query"]
vdus, vdu_gen = {}, {}  # db -> [(key, design doc with validate_doc_update)] once known; db -> writes
scratch_locks = {}  # db -> the lock of its scratch database (Double.replicated_upstream)
VALIDATE_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "couch3_validate.js")
CRASH = "crash"  # a validate_doc_update answer CouchDB cannot read (see vdu_error)
# couch_db_updater.erl default_security_object/1 with [couchdb] default_security = admin_only
ADMIN_ONLY = {"members": {"roles": ["_admin"]}, "admins": {"roles": ["_admin"]}}
# couch_doc.erl transfer_fields/3: the special fields that are not part of the body
SPECIAL = set("""_id _rev _attachments _revisions _deleted _revs_info _local_seq _conflicts
    _deleted_conflicts""".split())
# chttpd_cors.hrl: SUPPORTED_HEADERS, SUPPORTED_METHODS, SIMPLE_HEADERS, COUCH_HEADERS
CORS_HEADERS = set("""accept accept-language authorization content-length content-range content-type destination
    expires if-match last-modified origin pragma x-couch-full-commit x-couch-id x-couch-persist
    x-couchdb-www-authenticate x-http-method-override x-requested-with x-couchdb-vhost-path""".split())
CORS_METHODS = "CONNECT COPY DELETE GET HEAD OPTIONS POST PUT TRACE".split()
SIMPLE = set("cache-control content-language content-type expires last-modified pragma".split())
EXPOSED = "accept-ranges etag server x-couch-request-id x-couch-update-newrev x-couchdb-body-time".split()


class Reply(Exception):
    def __init__(self, status, body, headers=()):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, list(headers)


def fail(status, error, reason, headers=()):
    raise Reply(status, {"error": error, "reason": reason}, headers)


def enc(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def cfg(section, key, default):
    with lock:
        value = config.get((section, key), default)
    try:
        return type(default)(value)
    except ValueError:
        return default


def ejson_size(v):
    """couch_ejson_size.erl encoded_size/1: a string counts its raw UTF-8 bytes + 2."""
    if isinstance(v, dict):
        return 1 + sum(ejson_size(k) + ejson_size(x) + 2 for k, x in v.items()) if v else 2
    if isinstance(v, list):
        return 1 + sum(ejson_size(x) + 1 for x in v) if v else 2
    if v is None or isinstance(v, bool):
        return 5 if v is False else 4
    if isinstance(v, str):
        return 2 + len(v.encode("utf-8", "surrogatepass"))
    if isinstance(v, int):
        return len(str(v))
    if v < 0:
        return ejson_size(-v) + 1
    if v < 1 and v != 0.0:
        return 3 if v <= 1e-300 else 6 if v <= 1e-100 else 5 if v <= 1e-10 else 4 if v <= 0.01 else 3
    return 5 if v >= 1e100 else 4 if v >= 1e10 else 3


def opaque(db, n):
    """An upstream integer seq as a CouchDB 3 packed one (fabric_view_changes.erl pack_seqs/1)."""
    if not isinstance(n, int) or isinstance(n, bool):
        return n
    with lock:
        known = seq_out.setdefault(db, {})
        if n not in known:
            tail = "g1AAAA" + base64.urlsafe_b64encode(os.urandom(40 + n % 23)).decode().rstrip("=")
            known[n] = f"{n}-{tail}"
            seq_in.setdefault(db, {})[tail] = n
        return known[n]


def since_int(db, since):
    # fabric_view_changes.erl validate_start_seq/1: 0 and "now" pass; anything else must decode
    # once unpack_seq_regex_match/1 has dropped the quotes and the "N-" prefix.
    if since in ("0", "now"):
        return since
    key = re.sub(r'^"?([0-9]+-)?', "", since, count=1).removesuffix('"')
    with lock:
        n = seq_in.get(db, {}).get(key)
    if n is None:
        fail(400, "bad_request", "Malformed sequence supplied in 'since' parameter.")
    return str(n)


def int_param(value, ok, not_integer, out_of_range):
    # chttpd_db.erl parse_changes_query/1: list_to_integer/1 (badarg), then a range check
    if not re.fullmatch(r"[+-]?[0-9]+", value):
        fail(400, "bad_request", not_integer)
    if not ok(int(value)):
        fail(400, "bad_request", out_of_range)
    return int(value)


def upstream(method, path, body=None, headers=None, wait=None):
    """One request to PouchDB Server -> (status, headers, body, cut). With `wait` (seconds) the
    socket is shut then and status is None: PouchDB Server's longpoll never times out."""
    conn = http.client.HTTPConnection(UP.hostname, UP.port, timeout=75)
    cut = threading.Event()

    def shut():
        cut.set()
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass

    timer = threading.Timer(wait, shut) if wait is not None else None
    headers = dict(headers or {}, **{"Accept-Encoding": "identity"})
    if isinstance(body, (dict, list)):
        body, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    try:
        conn.request(method, path, body=body, headers=headers)
        if timer:
            timer.start()
        resp = conn.getresponse()
        data = resp.read()
        return (None if cut.is_set() else resp.status), resp.getheaders(), data, cut.is_set()
    except (OSError, http.client.HTTPException):
        if not cut.is_set():
            raise
        return None, [], b"", True
    finally:
        if timer:
            timer.cancel()
        conn.close()


def creds(name):
    """(password, roles, salt) of the server admin or of a user."""
    if name == ADMIN:
        return ADMIN_PASSWORD, ["_admin"], ADMIN_SALT
    with lock:
        u = users.get(name)
    return (u["password"], u["roles"], u["salt"]) if u and u["password"] is not None else None


def cookie_header(value):
    # couch_httpd_auth.erl cookie_attributes/1 (path, http_only, max_age, same_site), written in
    # mochiweb_cookies:cookie/3's order; [chttpd_auth] same_site is unset by default.
    parts = [f"AuthSession={value}", "Version=1"]
    if cfg("chttpd_auth", "allow_persistent_cookies", "true") != "false":
        age = cfg("chttpd_auth", "timeout", 600)
        parts += [f"Expires={formatdate(time.time() + age, usegmt=True)}", f"Max-Age={age}"]
    same_site = cfg("chttpd_auth", "same_site", "").lower()
    parts += ["Path=/", "HttpOnly"]
    if same_site in ("none", "lax", "strict"):
        parts.append("SameSite=" + same_site.capitalize())
    return "; ".join(parts)


def cookie_mac(name, hextime, salt):
    # couch_httpd_auth.erl cookie_auth_cookie/3: couch_secrets:sign("name:HEXTIME", salt)
    return hmac.new(SECRET + salt, f"{name}:{hextime}".encode(), hashlib.sha256).digest()


def session_cookie(name, salt):
    hextime = f"{int(time.time()):X}"
    raw = f"{name}:{hextime}:".encode() + cookie_mac(name, hextime, salt)
    return cookie_header(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def is_member(name, roles, sec):
    # couch_db.erl is_member/1, is_admin/1, is_public_db/1, is_authorized/2
    def listed(part):
        s = sec.get(part) or {}
        return bool(set(roles) & {"_admin", *s.get("roles", [])}) or name in s.get("names", [])
    members = sec.get("members") or {}
    return listed("admins") or not (members.get("names") or members.get("roles")) or listed("members")


def is_admin(name, roles, sec):
    # couch_db.erl is_admin/1 -> is_authorized/2: a server admin, or in the admins' roles or names
    admins = sec.get("admins") or {}
    names = admins.get("names", [])
    return bool({"_admin", *admins.get("roles", [])} & set(roles)) or (name is not None and name in names)


def parse_rev(rev):
    """couch_doc.erl parse_rev/1: "N-hash" -> (N, hash), else None."""
    m = re.fullmatch(r"([0-9]+)-(.+)", rev, re.S) if isinstance(rev, str) else None
    return (int(m[1]), m[2]) if m else None


def doc_revs(doc):
    """couch_doc.erl transfer_fields/3: a submitted document's {Start, RevIds}, from _revisions,
    else from _rev, else {0, []}."""
    r = doc.get("_revisions")
    if isinstance(r, dict) and isinstance(r.get("start"), int) and isinstance(r.get("ids"), list) and r["ids"]:
        return r["start"], [str(i) for i in r["ids"]]
    rev = parse_rev(doc.get("_rev"))
    return (rev[0], [rev[1]]) if rev else (0, [])


# couch_doc.erl transfer_fields/3: the special fields kept in the body (the other known ones are
# dropped, an unknown one is a 400, left to UPSTREAM)
BODY_SPECIAL = set("""_access _replication_state _replication_state_time _replication_state_reason
    _replication_id _replication_stats""".split())


def att_stub(att):
    # couch_att.erl from_json/2, then to_json/4 without the data: a stub; an inline attachment has
    # no digest yet, its revpos defaults to 0 and its type to application/octet-stream
    if not isinstance(att, dict):
        return att
    out = {"content_type": att.get("content_type", "application/octet-stream"), "revpos": att.get("revpos", 0)}
    if "digest" in att:
        out["digest"] = att["digest"]
    length = att.get("length")
    if not att.get("stub") and not att.get("follows") and isinstance(att.get("data"), str):
        try:
            length = len(base64.b64decode(att["data"]))
        except ValueError:
            pass
    return dict(out, length=length, stub=True)


def doc_json(doc, start, ids, revs_limit=None):
    """couch_doc.erl to_json_obj/2 with [revs] (the new document) or [{revs, 20}] (the one on disk,
    couch_query_servers.erl json_doc/1 with [query_server_config] revs_limit = 20): _id, _rev,
    the body, _deleted when true, _revisions, attachment stubs."""
    out = {"_id": doc.get("_id")}
    if ids:
        out["_rev"] = f"{start}-{ids[0]}"
    out.update((k, v) for k, v in doc.items() if not k.startswith("_") or k in BODY_SPECIAL)
    if doc.get("_deleted") is True:
        out["_deleted"] = True
    if ids:
        out["_revisions"] = {"start": start, "ids": ids[:revs_limit]}
    atts = doc.get("_attachments")
    if isinstance(atts, dict) and atts:
        out["_attachments"] = {name: att_stub(att) for name, att in atts.items()}
    return out


def erl(v):
    """io_lib:format("~p", [EJSON]) on one line, as couch_util.erl to_binary/1 writes a reason
    that is not text: {} -> {[]}."""
    if isinstance(v, dict):
        return "{[" + ",".join("{%s,%s}" % (erl(k), erl(x)) for k, x in v.items()) + "]}"
    if isinstance(v, list):
        return "[" + ",".join(map(erl, v)) + "]"
    if isinstance(v, str):
        return '<<"' + v.replace("\\", "\\\\").replace('"', '\\"') + '">>'
    return "null" if v is None else ("true" if v else "false") if isinstance(v, bool) else repr(v)


def vdu_error(got):
    """The query server's answer for one document -> None (it passes), CRASH, or (status, error,
    reason) as chttpd.erl error_info/1 answers the error couch_query_servers.erl
    validate_doc_update/6 throws: {forbidden, M} 403, {unauthorized, M} 401; {unknown_error, M}
    (a thrown string, or a one-key object of another key) and a JavaScript error ({Name, Reason},
    from couch_os_process.erl readjson/1) 500 through maybe_handle_error/1, a reason that is not
    text printed with ~p; {not_found, R} 404 and {bad_request, R} 400 (a function that is missing)."""
    if got.get("ok"):
        return None
    if "crash" in got:
        return CRASH
    for key, status in (("forbidden", 403), ("unauthorized", 401)):
        if key in got:
            return status, key, got[key]
    name, reason = str(got.get("error")), got.get("reason")
    if reason is None:  # error_info({Error, null}) -> error_info(Error), an unknown atom
        return 500, "unknown_error", name
    status = {"not_found": 404, "bad_request": 400, "forbidden": 403, "unauthorized": 401}.get(name, 500)
    return status, name, reason if isinstance(reason, str) else erl(reason)


class QueryServer:
    """couch_query_servers.erl's OS process: one `node tests/couch3_validate.js`, started on first
    use, one JSON line each way (couch_os_process.erl), one call at a time. Each design document
    revision is sent once, under a key, and compiled there once."""

    def __init__(self):
        self.lock, self.proc, self.known, self.buf = threading.Lock(), None, set(), b""

    def call(self, key, ddoc, args):
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self.proc = subprocess.Popen(["node", VALIDATE_JS], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                self.known, self.buf = set(), b""
            msg = {"key": key, "args": args, **({} if key in self.known else {"ddoc": ddoc})}
            try:
                self.proc.stdin.write(json.dumps(msg).encode() + b"\n")
                self.proc.stdin.flush()
                line = self.readline(cfg("couchdb", "os_process_timeout", 5000) / 1000)
            except OSError:
                line = None
            if line is None:
                # couch_os_process.erl: {os_process_error, "OS process timed out."}, the process
                # is dropped (one that died is dropped too, with another reason in CouchDB)
                self.proc.kill()
                self.proc.wait()
                self.proc = None
                return {"error": "os_process_error", "reason": "OS process timed out."}
            self.known.add(key)
            return json.loads(line)

    def readline(self, timeout):
        deadline, fd = time.monotonic() + timeout, self.proc.stdout.fileno()
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return line


query_server = QueryServer()


class MangoError(Exception):
    """mango.hrl ?MANGO_ERROR(R): throw({mango_error, Module, R}), kept as the text io_lib's ~p
    prints of it (on one line), which is what a replication document's 403 reason shows."""

    def __init__(self, module, reason):
        super().__init__(reason)
        self.term = f"{{mango_error,{module},{reason}}}"


def mango_bad_arg(op, arg):
    return MangoError("mango_selector", f"{{bad_arg,'{op}',{erl(arg)}}}")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


MANGO_TERMINALS = {"$lt", "$lte", "$eq", "$ne", "$gte", "$gt"}
MANGO_NEGATED = {"$lt": "$gte", "$lte": "$gt", "$eq": "$ne", "$ne": "$eq", "$gte": "$lt", "$gt": "$lte",
                 "$in": "$nin", "$nin": "$in"}
NOT_FOUND, BAD_PATH = object(), object()


def mango_norm_ops(sel):
    """mango_selector.erl norm_ops/1: every operator checked, implicit $and and $eq made explicit."""
    if isinstance(sel, dict) and len(sel) == 1:
        (op, arg), = sel.items()
        if op in ("$and", "$or", "$nor"):
            if not isinstance(arg, list):
                raise mango_bad_arg(op, arg)
            return {op: [mango_norm_ops(a) for a in arg]}
        if op in ("$not", "$elemMatch", "$allMatch", "$keyMapMatch"):
            if not isinstance(arg, dict):
                raise mango_bad_arg(op, arg)
            return {op: mango_norm_ops(arg)}
        checks = {"$in": lambda a: isinstance(a, list), "$nin": lambda a: isinstance(a, list),
                  "$all": lambda a: isinstance(a, list), "$exists": lambda a: isinstance(a, bool),
                  "$type": lambda a: isinstance(a, str), "$beginsWith": lambda a: isinstance(a, str),
                  "$size": lambda a: isinstance(a, int) and not isinstance(a, bool) and a >= 0,
                  "$mod": lambda a: isinstance(a, list) and len(a) == 2 and all(
                      isinstance(x, int) and not isinstance(x, bool) for x in a)}
        if op in checks:
            if not checks[op](arg):
                raise mango_bad_arg(op, arg)
            return sel
        if op == "$regex":  # re:compile/1 there (PCRE), Python's re here
            try:
                re.compile(arg)
            except (re.error, TypeError):
                raise mango_bad_arg(op, arg)
            return sel
        if op == "$text":
            if isinstance(arg, (str, int, float)):
                return {"$default": {"$text": arg}}
            raise mango_bad_arg(op, arg)
        if op == "$default" or op in MANGO_TERMINALS:
            return sel
        if op in ("$where", "$geoWithin", "$geoIntersects", "$near", "$nearSphere"):
            raise MangoError("mango_selector", f"{{not_supported,'{op}'}}")
        if op.startswith("$"):
            raise MangoError("mango_selector", f"{{invalid_operator,{erl(op)}}}")
        return {op: mango_norm_ops(arg)}  # a {Field: Cond} pair
    if isinstance(sel, dict) and len(sel) > 1:  # an implicit $and
        return {"$and": [mango_norm_ops({k: v}) for k, v in sel.items()]}
    return {"$eq": sel}  # a bare value means equality


def mango_parse_field(field):
    """mango_util.erl parse_field/1: "a.b" -> ("a", "b"); "a\\.b" is one name; an empty one is an error."""
    parts = field.split(".") if "\\" not in field else re.split(r"(?<!\\)\.", field)
    if "" in parts:
        raise MangoError("mango_util", f"{{invalid_field_name,{erl(field)}}}")
    return tuple(p.replace("\\", "") for p in parts)


def mango_norm_fields(sel, path=None):
    """mango_selector.erl norm_fields/1,2: field names pushed down to the terminal operators, as
    paths (tuples here; operators stay "$..." strings)."""
    if path is None:
        if sel == {}:
            return {}
        path = ()
    (op, arg), = sel.items()
    if op in ("$and", "$or", "$nor"):
        return {op: [mango_norm_fields(a, path) for a in arg]}
    if op == "$not":
        return {op: mango_norm_fields(arg, path)}
    if op in ("$elemMatch", "$allMatch", "$keyMapMatch"):
        return {path: {op: mango_norm_fields(arg)}}
    if op == "$default":
        if path == () and isinstance(arg, dict) and list(arg) == ["$text"]:
            return sel
        raise MangoError("mango_selector", f"{{bad_field,{erl(sel)}}}")
    if op.startswith("$"):
        return {path: sel}
    return mango_norm_fields(arg, path + mango_parse_field(op))


def mango_norm_negations(sel):
    """mango_selector.erl norm_negations/1: $not and $nor pushed down to the terminals (not into
    a field's condition, as there)."""
    (op, arg), = sel.items() if len(sel) == 1 else ((None, None),)
    if op == "$not":
        return mango_negate(arg)
    if op == "$nor":
        return {"$and": [mango_negate(a) for a in arg]}
    if op in ("$and", "$or"):
        return {op: [mango_norm_negations(a) for a in arg]}
    if op in ("$elemMatch", "$allMatch", "$keyMapMatch"):
        return {op: mango_norm_negations(arg)}
    return sel


def mango_negate(sel):
    """mango_selector.erl negate/1 (De Morgan, flipped comparisons, $exists inverted)."""
    (op, arg), = sel.items()
    if op == "$not":
        return mango_norm_negations(arg)
    if op == "$nor":
        return {"$or": [mango_norm_negations(a) for a in arg]}
    if op in ("$and", "$or"):
        return {"$or" if op == "$and" else "$and": [mango_negate(a) for a in arg]}
    if op == "$default":
        raise mango_bad_arg("$not", sel)
    if op in MANGO_NEGATED:
        return {MANGO_NEGATED[op]: arg}
    if op == "$exists":
        return {"$exists": not arg}
    if isinstance(op, str):  # another operator: the negation stays
        return {"$not": sel}
    return {op: mango_negate(arg)}  # a field: its condition negated


def mango_normalize(sel):
    """mango_selector.erl normalize/1 (norm_ops, norm_fields, norm_negations; then no top-level
    condition without a field name). Raises MangoError."""
    if sel == {}:
        return {}
    out = mango_norm_negations(mango_norm_fields(mango_norm_ops(sel)))
    if () in out:
        raise MangoError("mango_selector", "{invalid_selector,missing_field_name}")
    return out


def mango_joined(sel):
    """mango_util.erl join_keys/1 and couch_replicator_filters.erl ejsort/1: the normalized
    selector with "a.b" field names and sorted keys (what a replication id hashes)."""
    if isinstance(sel, dict):
        return {".".join(k) if isinstance(k, tuple) else k: mango_joined(v) for k, v in
                sorted(sel.items(), key=lambda kv: ".".join(kv[0]) if isinstance(kv[0], tuple) else kv[0])}
    return [mango_joined(v) for v in sel] if isinstance(sel, list) else sel


def collation_key(s):
    """An approximation of the ICU root collation couch_ejson_compare.erl uses for strings: by
    script group (spaces, punctuation, symbols, digits, letters), then letters without accents
    or case, then accents, then lower case before upper case. Canonically equivalent strings are
    equal. Not ICU: other scripts and contractions are only roughly in order."""
    chars = unicodedata.normalize("NFD", s)
    primary, secondary, tertiary = [], [], []
    for ch in chars:
        if unicodedata.combining(ch):
            secondary.append(ord(ch))
            continue
        cat = unicodedata.category(ch)
        group = {"Z": 0, "C": 0, "P": 1, "S": 2, "N": 3, "L": 4}.get(cat[0], 5)
        primary.append((group, ch.casefold()))
        tertiary.append(1 if ch.isupper() else 0)
    return primary, secondary, tertiary


def ejson_cmp(a, b):
    """couch_ejson_compare.erl less/2 (mango_json.erl cmp/2): null < false < true < numbers <
    strings < arrays < objects; arrays element by element, objects pair by pair, then the
    shorter first. Strings by collation_key/1 (an approximation of ICU's collation)."""
    def rank(v):
        if v is None:
            return 0
        if isinstance(v, bool):
            return 2 if v else 1
        return 3 if is_number(v) else 4 if isinstance(v, str) else 5 if isinstance(v, list) else 6
    ra, rb = rank(a), rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == 3:
        return (a > b) - (a < b)
    if ra == 4:
        ka, kb = collation_key(a), collation_key(b)
        return (ka > kb) - (ka < kb)
    if ra in (5, 6):
        xs, ys = (a, b) if ra == 5 else (list(a.items()), list(b.items()))
        for x, y in zip(xs, ys):
            c = ejson_cmp(x[0], y[0]) or ejson_cmp(x[1], y[1]) if ra == 6 else ejson_cmp(x, y)
            if c:
                return c
        return (len(xs) > len(ys)) - (len(xs) < len(ys))
    return 0


def erl_equal(a, b, exact):
    """Erlang =:= (exact: 1 and 1.0 differ) or == on EJSON values (an object's keys in order)."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    if is_number(a) and is_number(b):
        return a == b and (not exact or type(a) is type(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(erl_equal(x, y, exact) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return len(a) == len(b) and all(ka == kb and erl_equal(va, vb, exact)
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    return type(a) is type(b) and a == b


def mango_get_field(value, path):
    """mango_doc.erl get_field/2: through objects by name and arrays by integer index."""
    for name in path:
        if isinstance(value, dict):
            if name not in value:
                return NOT_FOUND
            value = value[name]
        elif isinstance(value, list):
            if not re.fullmatch(r"[+-]?[0-9]+", name) or not 0 <= int(name) < len(value):
                return BAD_PATH
            value = value[int(name)]
        else:
            return BAD_PATH
    return value


def mango_type(v):
    return "null" if v is None else "boolean" if isinstance(v, bool) else "number" if is_number(v) else \
        "string" if isinstance(v, str) else "array" if isinstance(v, list) else "object"


def mango_match(sel, value):
    """mango_selector.erl match/3 on a normalized selector: {} matches anything; a field the
    document lacks matches only {"$exists": false} (so not $in, $ne or $nin either); an empty $and
    or $or matches, an empty $in does not, an empty $nin does; $in and $nin on an array value look
    at its elements; _id is compared like any other field (the normalized field is a path)."""
    if sel == {}:
        return True
    (op, arg), = sel.items()
    if op == "$and":
        return all(mango_match(a, value) for a in arg)
    if op == "$or":
        return not arg or any(mango_match(a, value) for a in arg)
    if op == "$not":
        return not mango_match(arg, value)
    if op == "$all":
        if not arg or not isinstance(value, list):
            return False
        return all(any(erl_equal(a, v, True) for v in value) for a in arg) or \
            (len(arg) == 1 and isinstance(arg[0], list) and erl_equal(arg[0], value, False))
    if op in ("$elemMatch", "$allMatch", "$keyMapMatch"):
        items = value if isinstance(value, list) and op != "$keyMapMatch" else \
            list(value) if isinstance(value, dict) and op == "$keyMapMatch" else None
        if items is None or (op == "$allMatch" and not items):
            return False
        try:  # the Erlang code catches any error as no match
            return (all if op == "$allMatch" else any)(mango_match(arg, v) for v in items)
        except Exception:
            return False
    if op in MANGO_TERMINALS:
        c = ejson_cmp(value, arg)
        return {"$lt": c < 0, "$lte": c <= 0, "$eq": c == 0, "$ne": c != 0, "$gte": c >= 0, "$gt": c > 0}[op]
    if op in ("$in", "$nin"):
        values = value if isinstance(value, list) else [value]
        found = any(ejson_cmp(v, a) == 0 for a in arg for v in values)
        return found if op == "$in" else not found
    if op == "$exists":  # reached only for a value that is there
        return arg
    if op == "$type":
        return arg == mango_type(value)
    if op == "$mod":
        if not isinstance(value, int) or isinstance(value, bool) or arg[0] == 0:
            return False  # (a divisor of 0 is a badarith there, in the filter)
        return (abs(value) % abs(arg[0])) * (1 if value >= 0 else -1) == arg[1]  # Erlang's rem
    if op == "$beginsWith":
        return isinstance(value, str) and value.startswith(arg)
    if op == "$regex":
        try:
            return isinstance(value, str) and re.search(arg, value) is not None
        except re.error:
            return False
    if op == "$size":
        return isinstance(value, list) and len(value) == arg
    if op == "$default":
        return True
    if isinstance(op, str):
        raise MangoError("mango_selector", f"{{invalid_operator,{erl(op)}}}")
    got = mango_get_field(value, op)
    if got is NOT_FOUND:
        return list(arg.items()) == [("$exists", False)] and arg["$exists"] is False
    if got is BAD_PATH:
        return False
    return mango_match(arg, got)


# ---- _replicator and the replication scheduler (rules 11 and 12) ----

REP_NODE = "nonode@nohost"
REP_LONGPOLL_MS = 10000  # couch_replicator_api_wrap.erl changes_since/5: max(1000, connection_timeout div 3)
rep_lock = threading.RLock()
repdb = {"exists": True, "docs": {}, "seq": 0}  # doc id -> {"rev", "body", "deleted"}
rep_jobs = {}  # doc id -> RepJob (running, crashing, or failed)
rep_checkpoints = {}  # replication id -> {"since", "dbs": (source db, target db)}


class BadRepDoc(Exception):
    """couch_replicator_parse.erl: {bad_rep_doc, Reason}, refused by before_doc_update/3 as
    {forbidden, Reason}."""


def iso8601(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))  # couch_replicator_utils.erl iso8601/1


def rep_endpoint(spec):
    """couch_replicator_parse.erl parse_rep_db/3 and couch_replicator_utils.erl
    normalize_basic_auth/1: the URL (with a trailing slash, maybe_add_trailing_slash/1) without
    credentials, the credentials, and the other headers. Credentials are taken from
    auth.basic, else the URL's userinfo (as written: uri_string:parse/1 does not percent-decode it),
    else an "Authorization: Basic" header; the header and the userinfo are dropped either way."""
    if spec is None:
        raise BadRepDoc("Missing replicator database")
    if isinstance(spec, str):
        if not spec.startswith(("http://", "https://")):
            raise BadRepDoc("local_endpoints_not_supported")
        spec = {"url": spec}
    if not isinstance(spec, dict):
        raise BadRepDoc("{error,function_clause}")
    url = spec.get("url")
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    try:
        ok = parts is not None and parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 1)
    except ValueError:
        ok = False
    if not ok:  # check_url/2
        raise BadRepDoc("endpoint has an invalid url")
    headers = {str(k): str(v) for k, v in (spec.get("headers") or {}).items()} \
        if isinstance(spec.get("headers"), dict) else {}
    header_creds = None
    for key in [k for k in headers if k.lower() == "authorization"]:
        kind, _, b64 = headers[key].partition(" ")
        if kind.lower() == "basic":  # remove_basic_auth_from_headers/1
            del headers[key]
            try:
                user, sep, password = base64.b64decode(b64, validate=True).decode().partition(":")
                header_creds = (user, password) if sep else None
            except ValueError:
                header_creds = None
    netloc = parts.netloc
    url_creds = None
    if "@" in netloc:  # extract_creds_from_url/1
        userinfo, _, netloc = netloc.rpartition("@")
        user, sep, password = userinfo.partition(":")
        url_creds = (user, password) if sep else None
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    if "?" not in clean and not clean.endswith("/"):
        clean += "/"
    basic = (spec.get("auth") or {}).get("basic") if isinstance(spec.get("auth"), dict) else None
    auth_creds = (basic["username"], basic["password"]) if isinstance(basic, dict) and \
        isinstance(basic.get("username"), str) and isinstance(basic.get("password"), str) else None
    return {"url": clean, "creds": auth_creds or url_creds or header_creds, "headers": headers}


def parse_rep_doc(props):
    """couch_replicator_parse.erl parse_rep_doc_without_id/1,2 -> the replication, or BadRepDoc
    with the reason CouchDB gives (a thrown {bad_request, _} caught as `{throw,{bad_request,...}}`)."""
    def bad_request(term):
        raise BadRepDoc("{throw,{bad_request,%s}}" % term)

    opts, known = {}, {"cancel", "create_target", "winning_revs_only", "continuous", "use_bulk_get", "doc_ids",
                       "create_target_params", "query_params", "selector", "worker_processes", "worker_batch_size",
                       "http_connections", "connection_timeout", "retries_per_request", "checkpoint_interval",
                       "filter", "since_seq", "use_checkpoints", "_local_id", "replication_id", "id"}
    for k, v in props.items():  # convert_options/1, in the document's order; unknown keys skipped
        if k not in known:
            continue
        if k in ("cancel", "create_target", "winning_revs_only", "continuous", "use_bulk_get"):
            if not isinstance(v, bool):
                bad_request(erl(f"parameter `{k}` must be a boolean"))
        elif k == "create_target_params" and not isinstance(v, dict):
            bad_request(erl("parameter `create_target_params` must be a JSON object"))
        elif k == "query_params" and not isinstance(v, dict):
            bad_request(erl("parameter `query_params` must be an object"))
        elif k == "doc_ids":
            if v is None:
                continue
            if not isinstance(v, list):
                bad_request(erl("parameter `doc_ids` must be an array"))
            if not all(isinstance(i, str) for i in v):
                raise BadRepDoc("{error,function_clause}")
            v = sorted({urllib.parse.unquote(i) for i in v})  # couch_httpd:unquote/1, lists:usort/1
        elif k == "selector" and not isinstance(v, dict):
            bad_request(erl("parameter `selector` must be a JSON object"))
        elif k in ("worker_processes", "worker_batch_size", "http_connections", "connection_timeout",
                   "retries_per_request", "checkpoint_interval"):  # couch_util:to_integer/1
            if isinstance(v, str) and re.fullmatch(r"[+-]?[0-9]+", v):
                v = int(v)
            elif not isinstance(v, int) or isinstance(v, bool):
                raise BadRepDoc("{error,badarg}" if isinstance(v, str) else "{error,function_clause}")
        opts[k] = v
    if sum(k in opts for k in ("doc_ids", "filter", "selector")) > 1:  # check_options/1
        bad_request('"`doc_ids`,`filter`,`selector` are mutually exclusive"')
    source, target = rep_endpoint(props.get("source")), rep_endpoint(props.get("target"))
    flt = opts.get("filter")
    if flt == "_view":  # couch_replicator_filters.erl view_type/2
        view = (opts.get("query_params") or {}).get("view")
        if not isinstance(view, str) or len(view.split("/")) != 2:
            bad_request(erl("Invalid `view` parameter."))
    elif flt is not None and not (isinstance(flt, str) and re.fullmatch(r"(.*?)/(.*)", flt, re.S)):
        raise BadRepDoc("Invalid filter. Must match `ddocname/filtername`.")  # parse_user_filter/1
    selector = None
    if "selector" in opts:  # couch_replicator_filters.erl parse/1
        try:
            selector = mango_normalize(opts["selector"])
        except MangoError as e:
            raise BadRepDoc("{throw,%s}" % e.term)
    continuous, create = opts.get("continuous") is True, opts.get("create_target") is True

    def v4(ep):  # couch_replicator_ids.erl get_v4_endpoint/1: no password
        u = urllib.parse.urlsplit(ep["url"])
        return [ep["creds"][0] if ep["creds"] else None, u.hostname, u.port, u.path, sorted(ep["headers"].items())]
    hashed = [v4(source), v4(target)] + ([mango_joined(selector)] if selector is not None else
                                         [opts["doc_ids"]] if "doc_ids" in opts else [flt] if flt else [])
    hashed += (["winning_revs_only"] if opts.get("winning_revs_only") else []) + \
        ([opts["since_seq"]] if "since_seq" in opts else [])
    # couch_replicator_ids.erl replication_id/1: md5 of the endpoints and filter, then the options
    rep_id = hashlib.md5(json.dumps(hashed, sort_keys=True).encode()).hexdigest() + \
        ("+continuous" if continuous else "") + ("+create_target" if create else "")
    batch = opts.get("worker_batch_size", cfg("replicator", "worker_batch_size", 500))
    return {"source": source, "target": target, "continuous": continuous, "create_target": create,
            "selector": selector, "doc_ids": opts.get("doc_ids"), "filter": flt, "id": rep_id,
            "since_seq": opts.get("since_seq"), "batch": max(1, batch),
            # couch_replicator_utils.erl normalize_rep/1: what makes an edited document a new job
            "norm": json.dumps([source, target, sorted((k, v) for k, v in opts.items()
                                                       if k not in ("_local_id", "replication_id", "id"))],
                               sort_keys=True, default=str)}


def db_of(url):
    path = [p for p in urllib.parse.urlsplit(url).path.split("/") if p]
    return urllib.parse.unquote(path[-1]) if path else ""


class RepStopped(Exception):
    pass


class RepCrash(Exception):
    """A replication job's crash, with the text couch_replicator_scheduler.erl
    crash_reason_json/1 shows for it."""


class RepJob:
    """One replication from a _replicator document, run by a thread of its own as
    couch_replicator_scheduler_job.erl runs one: it talks HTTP to the endpoints of the document
    (this double, normally) with the document's credentials, so their authentication, _security
    and validate_doc_update apply to it as they do to CouchDB's replicator."""

    def __init__(self, doc_id, rep, failed=None):
        self.doc_id, self.rep, self.failed = doc_id, rep, failed
        self.stop, self.conn_lock, self.conn, self.cuttable = threading.Event(), threading.Lock(), None, False
        self.start_time = self.last_updated = time.time()
        self.state = "failed" if failed else "running"
        self.info = {"error": failed} if failed else None
        self.error_count = 1 if failed else 0
        self.history = [{"timestamp": iso8601(self.start_time), "type": "added"}]
        self.stats = dict.fromkeys(("revisions_checked", "missing_revisions_found", "docs_read", "docs_written",
                                    "doc_write_failures", "bulk_get_docs", "bulk_get_attempts"), 0)
        self.stats.update(changes_pending=None, checkpointed_source_seq=0, source_seq=0, through_seq=0)
        self.thread = threading.Thread(target=self.run, daemon=True, name=f"replication {doc_id}")
        self.pid = f"<0.{id(self) % 100000}.0>"

    def start(self):
        if not self.failed:
            self.thread.start()

    def cancel(self):
        """couch_replicator_scheduler.erl remove_job/1: the job stops; a _changes request in flight
        is cut, any other one ends first, and nothing more is written once this returns."""
        self.stop.set()
        with self.conn_lock:
            if self.conn is not None and self.conn.sock is not None and self.cuttable:
                try:
                    self.conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        if self.thread.is_alive() and self.thread is not threading.current_thread():
            self.thread.join(10)

    def event(self, kind, reason=None):
        self.last_updated = time.time()
        self.history.insert(0, dict({"timestamp": iso8601(self.last_updated), "type": kind},
                                    **({"reason": reason} if reason else {})))
        del self.history[20:]  # [replicator] max_history = 20

    def run(self):
        self.crashes = 0  # consecutive crashes (couch_replicator_scheduler.erl consecutive_crashes/2)
        while not self.stop.is_set():
            self.event("started")
            # job_summary/2: a job with a process is running, its info the stats (null until known)
            self.state, self.info, self.error_count = "running", None, self.crashes
            try:
                self.replicate()
                if not self.rep["continuous"]:
                    return self.completed()
            except RepStopped:
                return
            except Exception as e:  # RepCrash, or a fault of the double's own, shown the same way
                if self.stop.is_set():
                    return
                reason = str(e) if isinstance(e, RepCrash) else f"{{double_error,{erl(repr(e))}}}"
                self.crashes += 1
                self.event("crashed", reason)
                self.state, self.info, self.error_count = "crashing", {"error": reason}, self.crashes
                # couch_replicator_scheduler.erl backoff_micros/1 waits 30 s * 2^(crashes - 1) (at
                # most 2^10), checked every [replicator] interval (60 s); the double 1 s * 2^(crashes
                # - 1), at most 8 s
                self.stop.wait(min(2 ** (self.crashes - 1), 8))

    def completed(self):
        # couch_replicator_docs.erl update_doc_completed/3: the document says so, the job is gone
        self.event("stopped")
        stats = dict(self.stats, start_time=iso8601(self.start_time))
        rep_doc_update(self.doc_id, {"_replication_state": "completed", "_replication_state_reason": None,
                                     "_replication_stats": stats})
        with rep_lock:
            if rep_jobs.get(self.doc_id) is self:
                rep_jobs.pop(self.doc_id)

    def call(self, ep, method, path, body=None, query=None, timeout=30):
        """One request to an endpoint -> (status, JSON body or None)."""
        u = urllib.parse.urlsplit(ep["url"])
        full = u.path + path + ("?" + urllib.parse.urlencode(query) if query else "")
        cls = http.client.HTTPSConnection if u.scheme == "https" else http.client.HTTPConnection
        conn = cls(u.hostname, u.port, timeout=timeout)
        headers = {"Accept": "application/json", "User-Agent": "CouchDB-Replicator/3.x", **ep["headers"]}
        if ep["creds"]:
            token = base64.b64encode(f"{ep['creds'][0]}:{ep['creds'][1]}".encode()).decode()
            headers["Authorization"] = "Basic " + token
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        with self.conn_lock:
            if self.stop.is_set():
                raise RepStopped()
            self.conn, self.cuttable = conn, path == "_changes"
        try:
            conn.connect()
            if self.stop.is_set() and self.cuttable:  # cancel/0 came before there was a socket to cut
                raise RepStopped()
            conn.request(method, full, body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
        except (OSError, http.client.HTTPException) as e:
            if self.stop.is_set():
                raise RepStopped()
            what = "econnrefused" if isinstance(e, ConnectionRefusedError) else erl(str(e))
            raise RepCrash(f'{{http_request_failed,"{method}","{ep["url"]}{path}",{{error,{{conn_failed,'
                           f'{{error,{what}}}}}}}}}')
        finally:
            with self.conn_lock:
                self.conn = None
            conn.close()
        if self.stop.is_set():
            raise RepStopped()
        try:
            return resp.status, json.loads(raw) if raw else None
        except ValueError:
            return resp.status, raw.decode("utf-8", "replace")

    def db_open(self, ep, create):
        # couch_replicator_api_wrap.erl db_open/3 (PUT first with create_target), then
        # couch_replicator_scheduler_job.erl replication_start_error/1 for the crash's words
        url = ep["url"]
        if create:
            status, _ = self.call(ep, "PUT", "")
            if status in (401, 403):
                raise RepCrash(f"unauthorized: unauthorized to access or create database {url}" if status == 401
                               else f"forbidden: {url}")
        status, info = self.call(ep, "GET", "")
        if status == 401:
            raise RepCrash(f"unauthorized: unauthorized to access or create database {url}")
        if status == 403:
            raise RepCrash(f"forbidden: {url}")
        if status != 200 or not isinstance(info, dict) or "update_seq" not in info:
            raise RepCrash(f"db_not_found: could not open {url}")

    def replicate(self):
        src, tgt, rep = self.rep["source"], self.rep["target"], self.rep
        self.db_open(src, False)
        self.db_open(tgt, rep["create_target"])
        self.info = dict(self.stats)
        with rep_lock:  # the checkpoint (couch_replicator_scheduler_job.erl init_state/1), or since_seq, or 0
            since = (rep_checkpoints.get(rep["id"]) or {}).get("since", rep["since_seq"] or 0)
        while True:
            # couch_replicator_api_wrap.erl changes_since/5: style=all_docs from the checkpoint; a
            # continuous job waits for changes (a longpoll here, a continuous feed there)
            query = {"style": "all_docs", "since": since, "limit": rep["batch"]}
            if rep["continuous"]:
                query.update(feed="longpoll", timeout=REP_LONGPOLL_MS)
            status, page = self.call(src, "GET", "_changes", query=query, timeout=REP_LONGPOLL_MS / 1000 + 60)
            if status != 200 or not isinstance(page, dict):
                raise RepCrash(f"{{changes_req_failed,{status},{erl(page)}}}")
            rows = page.get("results") or []
            self.copy(rows)
            since = page.get("last_seq", since)
            with rep_lock:  # couch_replicator_scheduler_job.erl do_checkpoint/1, in memory
                rep_checkpoints[rep["id"]] = {"since": since, "dbs": (db_of(src["url"]), db_of(tgt["url"]))}
            self.stats.update(checkpointed_source_seq=since, source_seq=since, through_seq=since,
                              changes_pending=page.get("pending", 0 if len(rows) < rep["batch"] else None))
            # a batch went through: healthy again (CouchDB waits [replicator] health_threshold, 120 s)
            self.crashes = 0
            self.info, self.error_count, self.state = dict(self.stats), 0, "running"
            if not rep["continuous"] and len(rows) < rep["batch"]:
                return

    def copy(self, rows):
        """couch_replicator_worker.erl: the revisions of the changes the filter keeps that the target
        lacks (_revs_diff), read from the source (_bulk_get?revs=true) and written as they are
        (_bulk_docs with new_edits:false)."""
        src, tgt, rep = self.rep["source"], self.rep["target"], self.rep
        leaves = []
        for row in rows:
            doc_id = row.get("id")
            if not isinstance(doc_id, str) or doc_id.startswith("_local/"):
                continue  # fabric_rpc.erl changes_enumerator/2: _local documents are never changes
            if rep["doc_ids"] is not None and doc_id not in rep["doc_ids"]:
                continue  # couch_changes.erl filter/5 {doc_ids, ...}
            leaves += [(doc_id, c["rev"]) for c in row.get("changes") or [] if isinstance(c, dict) and "rev" in c]
        if rep["selector"] is not None and leaves:
            # couch_changes.erl filter/5 {selector, all_docs, ...}: every leaf of a changed document,
            # deleted ones too (open_revs/4 with [deleted]), matched as couch_doc:to_json_obj(Doc, [])
            # (_id, _rev, the body, "_deleted": true for a tombstone, attachment stubs); the leaves
            # that match are the row's changes, and a row without any is not sent. CouchDB runs it
            # in the source's _changes; the double reads the leaves with _bulk_get, as the same user.
            status, got = self.call(src, "POST", "_bulk_get", {"docs": [{"id": d, "rev": r} for d, r in leaves]})
            if status != 200 or not isinstance(got, dict):
                raise RepCrash(f"{{changes_req_failed,{status},{erl(got)}}}")
            passing = set()
            for result in got.get("results", []):
                for item in result.get("docs", []):
                    doc = item.get("ok") if isinstance(item, dict) else None
                    if isinstance(doc, dict):
                        body = {k: v for k, v in doc.items() if k not in ("_revisions", "_conflicts")}
                        if mango_match(rep["selector"], body):
                            passing.add((doc.get("_id"), doc.get("_rev")))
            leaves = [leaf for leaf in leaves if leaf in passing]
        if not leaves:
            return
        wanted = {}
        for doc_id, rev in leaves:
            wanted.setdefault(doc_id, []).append(rev)
        status, diff = self.call(tgt, "POST", "_revs_diff", wanted)
        if status != 200 or not isinstance(diff, dict):
            raise RepCrash(f"{{revs_diff_failed,{status},{erl(diff)}}}")
        missing = [(d, r) for d, v in diff.items() if isinstance(v, dict) for r in v.get("missing", [])]
        self.stats["revisions_checked"] += len(leaves)
        self.stats["missing_revisions_found"] += len(missing)
        if not missing:
            return
        self.stats["bulk_get_attempts"] += 1
        status, got = self.call(src, "POST", "_bulk_get", {"docs": [{"id": d, "rev": r} for d, r in missing]},
                                query={"revs": "true", "attachments": "true", "latest": "true"})
        if status != 200 or not isinstance(got, dict):
            raise RepCrash(f"{{bulk_get_failed,{status},{erl(got)}}}")
        docs = [item["ok"] for result in got.get("results", []) for item in result.get("docs", [])
                if isinstance(item, dict) and isinstance(item.get("ok"), dict)]
        self.stats["bulk_get_docs"] += len(docs)
        self.stats["docs_read"] += len(docs)
        if not docs:
            return
        status, out = self.call(tgt, "POST", "_bulk_docs", {"docs": docs, "new_edits": False})
        if status not in (201, 202) or not isinstance(out, list):
            raise RepCrash(f"{{bulk_docs_failed,{status},{erl(out)}}}")  # couch_replicator_api_wrap update_docs/4
        # couch_replicator_worker.erl handle_doc_write_error/5: a document the target refuses
        # (forbidden, unauthorized) is counted and skipped, the job goes on
        failures = sum(1 for e in out if isinstance(e, dict) and "error" in e)
        self.stats["doc_write_failures"] += failures
        self.stats["docs_written"] += len(docs) - failures

    def doc_ejson(self):
        """couch_replicator_doc_processor.erl ejson_doc/2: a scheduled job with
        couch_replicator_scheduler.erl job_summary/2, a failed document without."""
        rep = self.rep
        if self.failed:
            return {"doc_id": self.doc_id, "database": "_replicator", "id": None, "state": "failed",
                    "info": self.info, "error_count": self.error_count, "node": REP_NODE,
                    "last_updated": iso8601(self.last_updated), "start_time": iso8601(self.start_time)}
        return {"doc_id": self.doc_id, "database": "_replicator", "id": rep["id"], "node": REP_NODE,
                "source": rep["source"]["url"], "target": rep["target"]["url"], "state": self.state,
                "info": self.info, "error_count": self.error_count, "last_updated": iso8601(self.last_updated),
                "start_time": iso8601(self.start_time), "source_proxy": None, "target_proxy": None}

    def job_ejson(self):
        # couch_replicator_scheduler.erl job_ejson/1
        return {"id": self.rep["id"], "pid": self.pid if self.state == "running" else None,
                "source": self.rep["source"]["url"], "target": self.rep["target"]["url"],
                "database": "_replicator", "doc_id": self.doc_id, "info": self.info, "history": list(self.history),
                "node": REP_NODE, "start_time": iso8601(self.start_time), "user": None}


def rep_new_rev(old, body, deleted):
    pos = int(old["rev"].split("-")[0]) + 1 if old else 1
    digest = hashlib.md5(json.dumps([deleted, old and old["rev"], body], sort_keys=True).encode()).hexdigest()
    return f"{pos}-{digest}"


def rep_doc_update(doc_id, fields):
    """couch_replicator_docs.erl update_rep_doc/3: the replicator's own edit of a document (no
    owner or parse checks, _replication_state_time set when the state changes)."""
    with rep_lock:
        cur = repdb["docs"].get(doc_id)
        if not repdb["exists"] or cur is None or cur["deleted"]:
            return
        body = dict(cur["body"])
        for k, v in fields.items():
            if v is None:
                body.pop(k, None)
            else:
                if k == "_replication_state" and body.get(k) != v:
                    body["_replication_state_time"] = iso8601(time.time())
                body[k] = v
        if body != cur["body"]:
            repdb["seq"] += 1
            repdb["docs"][doc_id] = {"rev": rep_new_rev(cur, body, False), "body": body, "deleted": False,
                                     "seq": repdb["seq"]}


def rep_process(doc_id):
    """couch_replicator_doc_processor.erl process_change/2, updated_doc/4, removed_doc/1: a
    deleted document stops its job; a changed one whose replication differs (normalize_rep/1)
    replaces it; a duplicate of a running replication fails."""
    if doc_id.startswith(("_design/", "_local/")):
        return
    dup = None
    with rep_lock:
        cur = repdb["docs"].get(doc_id) if repdb["exists"] else None
        old = rep_jobs.get(doc_id)
        if cur is not None and not cur["deleted"] and cur["body"].get("_replication_state") in ("completed", "failed"):
            return  # process_change/2: nothing to run
        new = None
        if cur is not None and not cur["deleted"]:
            try:
                rep = parse_rep_doc(cur["body"])
            except BadRepDoc as e:  # before_doc_update/3 refused it already; kept for safety
                rep = None
                new = RepJob(doc_id, None, failed=str(e))
            if rep is not None:
                if old is not None and old.rep is not None and old.rep["norm"] == rep["norm"] and not old.failed:
                    return
                dup = next((d for d, j in rep_jobs.items() if d != doc_id and not j.failed
                            and j.rep["id"] == rep["id"]), None)
                if dup is not None:  # couch_replicator_doc_processor_worker.erl: a permanent failure
                    dup = (f"Replication `{rep['id']}` specified by document `{doc_id}` already started, "
                           f"triggered by document `{dup}` from db `_replicator`")
                    new = RepJob(doc_id, rep, failed=dup)
                elif rep["filter"] is not None:  # not CouchDB: the double runs no filter functions
                    new = RepJob(doc_id, rep, failed="the couch3 double runs no `filter` functions: "
                                                     "use `selector` or `doc_ids`")
                else:
                    new = RepJob(doc_id, rep)
        if new is None:
            rep_jobs.pop(doc_id, None)
        else:
            rep_jobs[doc_id] = new
    if old is not None:
        old.cancel()
    if new is not None:
        new.start()
    if dup is not None:  # couch_replicator_docs.erl update_failed/3
        rep_doc_update(doc_id, {"_replication_state": "failed", "_replication_stats": None,
                                "_replication_state_reason": dup})


def rep_forget_db(db):
    """A database deleted through the double takes the checkpoints that name it along: CouchDB's
    live in the database's _local documents."""
    with rep_lock:
        for rep_id in [r for r, c in rep_checkpoints.items() if db in c["dbs"]]:
            rep_checkpoints.pop(rep_id)


class Double(http.server.BaseHTTPRequestHandler):
    protocol_version, server_version, sys_version = "HTTP/1.1", "CouchDB/3.x", "(couch3_double.py)"

    def log_message(self, *args):
        pass

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        raw = [p for p in url.path.split("/") if p]
        self.parts, self.dbpath = [urllib.parse.unquote(p) for p in raw], "/" + (raw[0] if raw else "")
        self.qsl = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        self.q, self.refresh = dict(self.qsl), None
        self.body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            if self.preflight():
                return
            if self.command != "OPTIONS" and self.parts[:1] not in ([], ["_double"]):
                with lock:
                    seen = hits.setdefault(self.parts[0], [0, deque(maxlen=50)])
                    seen[0] += 1
                    seen[1].append(f"{self.command} {self.path}")
            self.route()
        except Reply as r:
            self.send(r.status, r.body, r.headers)
        except (OSError, http.client.HTTPException) as e:
            self.send(502, {"error": "bad_gateway", "reason": f"couch3 double, upstream: {e}"})

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_COPY = handle_any

    def send(self, status, body, headers=(), cors=True):
        data = body if isinstance(body, bytes) else enc(body)
        hs = [(k, v) for k, v in headers if k.lower() not in HOP | {"date", "server", "x-powered-by"}
              and not (cors and k.lower().startswith("access-control-"))]
        if not any(k.lower() == "content-type" for k, _ in hs) and data:
            hs.append(("Content-Type", "application/json"))
        if self.refresh and not any(k.lower() == "set-cookie" for k, _ in hs):
            hs.append(("Set-Cookie", self.refresh))
        origin = self.headers.get("Origin")
        if cors and origin:  # chttpd_cors.erl headers/4, make_cors_header/2, maybe_apply_headers/3
            simple = [k.lower() for k, _ in hs if k.lower() in SIMPLE - {"content-type"}]
            hs = [("Access-Control-Allow-Origin", origin.lower()), ("Access-Control-Allow-Credentials", "true"), *hs,
                  ("Access-Control-Expose-Headers", ", ".join(["content-type", *simple, *EXPOSED]))]
        length = str(len(data))
        if self.command == "HEAD":
            data, length = b"", next((v for k, v in headers if k.lower() == "content-length"), "0")
        try:
            self.send_response(status)
            for k, v in hs:
                self.send_header(k, v)
            self.send_header("Content-Length", length)
            if self.close_connection:  # the client asked for it: say so, or it may reuse the socket
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a longpoll aborted)
            self.close_connection = True

    def json_body(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            fail(400, "bad_request", "invalid UTF-8 JSON")  # chttpd.erl catch_error/4 {invalid_json, _}

    def preflight(self):
        # chttpd_cors.erl preflight_request/2, handle_preflight_request/3: before authentication
        origin, method = self.headers.get("Origin"), self.headers.get("Access-Control-Request-Method")
        asked = self.headers.get("Access-Control-Request-Headers") or ""
        wanted = [h.lower() for h in re.split(r",\s*", asked.strip()) if h]
        if self.command != "OPTIONS" or not origin or method not in CORS_METHODS or set(wanted) - CORS_HEADERS:
            return False
        self.send(204, b"", [("Access-Control-Allow-Origin", origin), ("Access-Control-Max-Age", "600"),
                             ("Access-Control-Allow-Methods", ", ".join(CORS_METHODS)),
                             ("Access-Control-Allow-Credentials", "true"),
                             ("Access-Control-Allow-Headers", asked)], cors=False)
        return True

    def authenticate(self):
        """chttpd's default authentication_handlers: the cookie first, then Basic."""
        self.user, self.roles, self.handler = None, [], None
        cookies = dict(c.strip().partition("=")[::2] for c in (self.headers.get("Cookie") or "").split(";"))
        raw = cookies.get("AuthSession", "").strip('"')
        if raw:  # couch_httpd_auth.erl cookie_authentication_handler/2
            try:
                name, hextime, mac = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).split(b":", 2)
                name, hextime = name.decode(), hextime.decode()
                stamp = int(hextime, 16)
            except ValueError:
                fail(400, "bad_request", "Malformed AuthSession cookie. Please clear your cookies.")
            found, timeout, now = creds(name), cfg("chttpd_auth", "timeout", 600), int(time.time())
            if found and now < stamp + timeout and hmac.compare_digest(mac, cookie_mac(name, hextime, found[2])):
                self.user, self.roles, self.handler = name, found[1], "cookie"
                if stamp + timeout - now < timeout * 0.9:  # cookie_auth_header/2 sends a fresh one
                    self.refresh = session_cookie(name, found[2])
        auth = self.headers.get("Authorization") or ""
        if self.user is None and auth.startswith("Basic "):  # default_authentication_handler/2
            try:
                name, sep, password = base64.b64decode(auth[6:], validate=True).decode().partition(":")
            except ValueError:
                fail(400, "bad_request", "Authorization header has invalid base64 value")
            if sep and (name, password) != ("_", "_"):
                found = creds(name)
                if not found or not hmac.compare_digest(found[0].encode(), password.encode()):
                    fail(401, "unauthorized", "Name or password is incorrect.")
                self.user, self.roles, self.handler = name, found[1], "default"

    def require_admin(self):
        if "_admin" not in self.roles:  # couch_httpd.erl verify_is_server_admin/1: 401, named or not
            fail(401, "unauthorized", "You are not a server admin.")

    def require_db(self):
        if upstream("HEAD", self.dbpath)[0] == 404:  # chttpd.erl error_info(database_does_not_exist)
            fail(404, "not_found", "Database does not exist.")

    def refuse(self, named_reason, anonymous_reason):
        # couch_db.erl throw_security_error/2: unauthorized when anonymous, forbidden when named
        if self.user is None:
            fail(401, "unauthorized", anonymous_reason)
        fail(403, "forbidden", named_reason)

    def route(self):
        p, m = self.parts, self.command
        if p[:1] == ["_double"]:
            return self.hooks()
        self.authenticate()
        if p[:1] == ["_session"]:
            return self.session()
        if p[:1] == ["_users"]:
            return self.users()
        if p[:1] == ["_replicator"]:
            return self.replicator_req()
        # chttpd_auth_request.erl server_authorization_check/1: a few open paths, the rest admin
        if p and p[0].startswith("_") and p[0] not in ("_up", "_uuids", "_stats", "_active_tasks", "_utils"):
            self.require_admin()
            if p[0] == "_node" and p[2:3] == ["_config"]:
                return self.config_api()
            if p[0] == "_scheduler":
                return self.scheduler_req()
        if not p or p[0].startswith("_"):
            return self.relay(*self.forward())
        db = p[0]
        if p == [db] and m in ("PUT", "DELETE"):  # chttpd_auth_request.erl authorize_request_int/1
            self.require_admin()
            if m == "DELETE":
                self.require_db()  # PouchDB Server answers ok for a missing database
            status, hs, data = self.forward()
            if m == "DELETE" and status == 200:
                with lock:  # seqs of a deleted database start again from 0 (couch_db calculate_start_seq/3)
                    security.pop(db, None)
                    seq_in[db] = dict.fromkeys(seq_in.get(db, {}), 0)
                    seq_out.pop(db, None)
                rep_forget_db(db)
            if status in (200, 201, 202):  # a new database has no design documents, a deleted one none known
                self.design_written(db, [] if m == "PUT" else None)
            return self.relay(status, hs, data)
        with lock:
            sec = security.get(db, ADMIN_ONLY)
        if not is_member(self.user, self.roles, sec):  # chttpd_auth_request.erl db_authorization_check/1
            self.require_db()
            self.refuse("You are not allowed to access this db.", "You are not authorized to access this db.")
        if p[1:] == ["_security"]:
            return self.security_req(db, sec)
        if p[1:] == ["_changes"] and m in ("GET", "POST", "HEAD"):
            return self.changes(db)
        if p[1:] == ["_bulk_get"] and m == "POST":
            return self.bulk_get()
        doc_id = p[1] if len(p) == 2 and (not p[1].startswith("_") or p[1].startswith(("_design/", "_local/"))) \
            else f"{p[1]}/{p[2]}" if len(p) == 3 and p[1] in ("_design", "_local") else None
        if p[1:] == ["_bulk_docs"] and m == "POST":
            body = self.json_body()
            self.check_sizes(body.get("docs") if isinstance(body, dict) else None)
            return self.bulk_docs(db, sec, body)
        elif m == "PUT" and doc_id is not None:
            if not (self.headers.get("Content-Type") or "").startswith("multipart/"):
                self.check_sizes([self.json_body()])
                return self.write_doc(db, sec, doc_id)
        elif m == "DELETE" and doc_id is not None:
            return self.write_doc(db, sec, doc_id)
        elif m == "POST" and p == [db]:
            self.check_sizes([self.json_body()])
            return self.write_doc(db, sec, None)
        status, hs, data = self.forward()
        if p == [db] and m == "GET" and status == 200:
            info = json.loads(data)
            data = enc(dict(info, update_seq=opaque(db, info.get("update_seq"))))
        self.relay(status, hs, data)

    def forward(self):
        hs = {k: v for k, v in self.headers.items() if k.lower() not in DROP}
        return upstream(self.command, self.path, self.body or None, hs)[:3]

    def relay(self, status, headers, data):
        """An upstream answer, with PouchDB Server's words for database errors made CouchDB's."""
        try:
            body = json.loads(data) if data else None
        except ValueError:  # an attachment, say
            body = None
        if isinstance(body, dict) and body.get("reason") == "no_db_file":  # chttpd.erl error_info/1
            data = enc({"error": "not_found", "reason": "Database does not exist."})
        elif isinstance(body, dict) and body.get("error") == "file_exists" and status == 412:
            data = enc({"error": "file_exists",
                        "reason": "The database could not be created, the file already exists."})
        # couch_httpd.erl negotiate_content_type/1: JSON is always application/json, where PouchDB
        # Server answers text/plain to a client that does not list JSON first (a browser's */*)
        attachment = len(self.parts) > 2 and self.parts[1] not in ("_design", "_local")
        json_type = not attachment and (body is not None or data.strip() == b"null")
        headers = [(k, "application/json" if k.lower() == "content-type" and json_type
                    and v == "text/plain; charset=utf-8" else v) for k, v in headers]
        headers = [(k, v.replace(f"{UP.scheme}://{UP.netloc}", f"http://{self.headers.get('Host')}")
                    if k.lower() == "location" else v) for k, v in headers]
        self.send(status, data, headers)

    def design_written(self, db, funs=None):
        # couch_db_updater.erl: a design document written sets validate_doc_funs to undefined, so
        # couch_db.erl validate_doc_update/3 loads them again on the next write
        with lock:
            vdus.pop(db, None)
            if funs is not None:
                vdus[db] = funs
            vdu_gen[db] = vdu_gen.get(db, 0) + 1

    def design_funs(self, db):
        """couch_db.erl load_validation_funs/1 (get_design_docs/1, couch_doc.erl
        get_validate_doc_fun/2): the design documents with a validate_doc_update, in id order."""
        with lock:
            known, gen = vdus.get(db), vdu_gen.get(db, 0)
        if known is not None:
            return known
        query = urllib.parse.urlencode({"startkey": '"_design/"', "endkey": '"_design0"', "include_docs": "true"})
        status, _, data, _ = upstream("GET", f"{self.dbpath}/_all_docs?{query}", None, {"Accept": "application/json"})
        if status != 200:
            return []
        funs = [(hashlib.sha1(json.dumps([db, row["doc"]], sort_keys=True).encode()).hexdigest(), row["doc"])
                for row in json.loads(data).get("rows", [])
                if isinstance(row.get("doc"), dict) and "validate_doc_update" in row["doc"]]
        with lock:
            if vdu_gen.get(db, 0) == gen:
                vdus[db] = funs
        return funs

    def doc_path(self, doc_id):
        name = doc_id.removeprefix("_design/")
        return f"{self.dbpath}/{'_design/' if name != doc_id else ''}{urllib.parse.quote(name, safe='')}"

    def validate(self, db, sec, docs, replicated, deleting=False):
        """couch_db.erl validate_doc_update/3 for the documents of one write -> (verdicts, ids_added):
        per document None (it goes UPSTREAM as it is) or vdu_error's answer. Documents that
        interactive edits would refuse as conflicts, and revisions that new_edits:false already
        finds, are not validated (prep_and_validate_update/5, prep_and_validate_replicated_updates/5):
        they go UPSTREAM, which answers for them."""
        verdicts, todo, funs, added = [None] * len(docs), [], None, False
        admin = is_admin(self.user, self.roles, sec)
        for i, doc in enumerate(docs):
            if not isinstance(doc, dict):
                continue
            doc_id = doc.get("_id")
            if doc_id is None or doc_id == "":
                if replicated:
                    continue  # a 400 from UPSTREAM
                if funs is None:
                    funs = self.design_funs(db)
                if not funs:
                    continue
                # chttpd_db.erl: an interactive document without an id gets couch_uuids:new() first
                doc["_id"], added = uuid.uuid4().hex, True
                doc_id = doc["_id"]
            if not isinstance(doc_id, str) or doc_id.startswith("_local/"):
                continue  # validate_doc_update/3: _local documents are never validated
            if doc_id.startswith("_design/"):
                # validate_doc_update/3: a design document is checked by check_is_admin/1 only (then
                # validate_ddoc/2); the validate_doc_update functions never see it
                if not admin:
                    todo.append(i)
                continue
            if funs is None:
                funs = self.design_funs(db)
            if funs:
                todo.append(i)
        if not todo:
            return verdicts, added
        found, leaves = {}, {}
        if replicated:
            # prep_and_validate_replicated_updates/5: a revision already in the tree is skipped; the
            # old document is make_first_doc_on_disk/4's, the nearest ancestor on the new path
            # that the database holds (here: among the first 100 of its _revisions), or null
            wanted = []
            for i in todo:
                start, ids = doc_revs(docs[i])
                wanted += [(docs[i]["_id"], f"{start - k}-{rev}") for k, rev in enumerate(ids[:101]) if start - k > 0]
            if wanted:
                status, _, data, _ = upstream("POST", f"{self.dbpath}/_bulk_get?revs=true",
                                              {"docs": [{"id": d, "rev": r} for d, r in wanted]})
                for result in json.loads(data).get("results", []) if status == 200 else []:
                    for got in result.get("docs", []):
                        if "ok" in got:
                            found[(got["ok"].get("_id"), got["ok"].get("_rev"))] = got["ok"]
        else:
            for i in todo:  # every leaf of each document, with its body (one GET a document)
                doc_id = docs[i]["_id"]
                if doc_id not in leaves:
                    status, _, data, _ = upstream("GET", self.doc_path(doc_id) + "?open_revs=all&revs=true", None,
                                                  {"Accept": "application/json"})
                    leaves[doc_id] = [g["ok"] for g in json.loads(data) if "ok" in g] if status == 200 else []
        ctx = {"db": db, "name": self.user, "roles": self.roles}  # couch_util.erl json_user_ctx/1
        for i in todo:
            doc = docs[i]
            start, ids = doc_revs(doc)
            if replicated:
                if not ids or (doc["_id"], f"{start}-{ids[0]}") in found:
                    continue
                old = next((found[(doc["_id"], f"{start - k}-{rev}")] for k, rev in enumerate(ids[:101])
                            if k and (doc["_id"], f"{start - k}-{rev}") in found), None)
            else:
                live = [leaf for leaf in leaves[doc["_id"]] if not leaf.get("_deleted")]
                if deleting and not live:  # chttpd_db.erl db_doc_req/3 'DELETE': couch_doc_open/4 first
                    verdicts[i] = (404, "not_found", "deleted" if leaves[doc["_id"]] else "missing")
                    continue
                if ids:  # the edited revision must be a leaf (its body is the old document)
                    old = next((leaf for leaf in leaves[doc["_id"]] if leaf.get("_rev") == f"{start}-{ids[0]}"), None)
                    if old is None:
                        continue
                elif live:  # a new document over a live one: a conflict
                    continue
                else:  # new, or over a deleted one: no old document
                    old = None
            if doc["_id"].startswith("_design/"):  # couch_db.erl check_is_admin/1, throw_security_error/2
                verdicts[i] = (401, "unauthorized", "You are not a db or server admin.") if self.user is None \
                    else (403, "forbidden", "You are not a db or server admin.")
                continue
            if old is not None:
                old_start, old_ids = doc_revs(old)
                old = doc_json(old, old_start, old_ids, 20)
            args = [doc_json(doc, start, ids), old, ctx, sec]
            for key, ddoc in funs:  # validate_doc_update_int/3: each function in turn, the first refusal counts
                verdicts[i] = vdu_error(query_server.call(key, ddoc, args))
                if verdicts[i] is not None:
                    break
        return verdicts, added

    def bulk_docs(self, db, sec, body):
        # chttpd_db.erl db_req/2 for _bulk_docs: 201, one result a document in order (interactive)
        # or the errors only (new_edits:false, update_doc_result_to_json/1 with the revision)
        docs = body.get("docs") if isinstance(body, dict) else None
        new_edits = body.get("new_edits", True) if isinstance(body, dict) else True
        if not isinstance(docs, list) or not isinstance(new_edits, bool):
            return self.relay(*self.forward())
        verdicts, added = self.validate(db, sec, docs, not new_edits)
        design = any(isinstance(d, dict) and str(d.get("_id")).startswith("_design/") for d in docs)
        if CRASH in verdicts:
            # a validate_doc_update answer that does not match couch_query_servers.erl kills the
            # shard's update: fabric_doc_update.erl gives each document {error, internal_server_error}
            # and chttpd answers 500, nothing written
            err = {"error": "error", "reason": "internal_server_error"}
            return self.send(500, [dict({"id": d.get("_id")} if new_edits and isinstance(d, dict) else {}, **err)
                                   for d in docs])
        if not added and all(v is None for v in verdicts):
            if not new_edits and self.design_funs(db):
                status, hs, data = self.replicated_upstream(db, docs)
            else:
                status, hs, data = self.forward()
            if design:
                self.design_written(db)
            return self.relay(status, hs, data)
        kept = [d for d, v in zip(docs, verdicts) if v is None]
        status, got = 201, []
        if kept:
            hs = {k: v for k, v in self.headers.items() if k.lower() not in DROP}
            if not new_edits and self.design_funs(db):
                status, hs, data = self.replicated_upstream(db, kept)
            else:
                status, hs, data, _ = upstream("POST", self.path, dict(body, docs=kept), hs)
            if design:
                self.design_written(db)
            got = json.loads(data) if status in (201, 202) else None
            if not isinstance(got, list):
                return self.relay(status, hs, data)
        if new_edits:  # update_doc_result_to_json/2: {"id", "error", "reason"} for a refused document
            upstream_results = iter(got)
            out = [next(upstream_results, None) if v is None else
                   {"id": d.get("_id"), "error": v[1], "reason": v[2]} for d, v in zip(docs, verdicts)]
        else:  # update_doc_result_to_json/1: {"id", "rev", "error", "reason"}, errors only
            out, place = [], {}
            for i, (d, v) in enumerate(zip(docs, verdicts)):
                if v is not None:
                    start, ids = doc_revs(d)
                    out.append((i, {"id": d["_id"], "rev": f"{start}-{ids[0]}", "error": v[1], "reason": v[2]}))
                elif isinstance(d, dict):
                    place.setdefault(d.get("_id"), i)
            out += [(place.get(e.get("id"), len(docs)) if isinstance(e, dict) else len(docs), e) for e in got]
            out = [e for _, e in sorted(out, key=lambda x: x[0])]
        self.send(status, out)

    def write_doc(self, db, sec, doc_id):
        """PUT /db/doc, DELETE /db/doc (chttpd_db.erl db_doc_req/3, couch_doc_from_req/4: the
        revision from the body, ?rev= or If-Match; a DELETE is {_id, _rev, _deleted: true}) and
        POST /db (db_req/2) through validate_doc_update: fabric.erl update_doc/3 throws the
        document's error, answered as chttpd.erl error_info/1 says."""
        m = self.command
        doc = {"_deleted": True} if m == "DELETE" else self.json_body()
        if not isinstance(doc, dict):
            return self.relay(*self.forward())
        view = dict(doc, **({"_id": doc_id} if doc_id is not None else {}))
        rev = m != "POST" and (self.q.get("rev") or (self.headers.get("If-Match") or "").strip('"'))
        if rev and "_rev" not in view and "_revisions" not in view:
            view["_rev"] = rev
        verdicts, added = self.validate(db, sec, [view], m == "PUT" and self.q.get("new_edits") == "false",
                                        deleting=m == "DELETE")
        if verdicts[0] == CRASH:
            fail(500, "error", "internal_server_error")
        if verdicts[0] is not None:
            fail(*verdicts[0])
        if added:  # POST /db without an _id: the id the functions saw is the one written
            hs = {k: v for k, v in self.headers.items() if k.lower() not in DROP}
            status, hs, data, _ = upstream(m, self.path, dict(doc, _id=view["_id"]), hs)
        elif m == "PUT" and self.q.get("new_edits") == "false" and self.design_funs(db):
            status, hs, data = self.replicated_upstream(db, [view])
            errors = json.loads(data) if status == 201 else None
            if errors == []:  # chttpd_db.erl db_doc_req/3 'PUT': {ok, id, rev}, 201
                start, ids = doc_revs(view)
                data = enc({"ok": True, "id": view["_id"], "rev": f"{start}-{ids[0]}" if ids else None})
            elif errors:
                status, data = (409 if errors[0].get("error") == "conflict" else 400), enc(errors[0])
        else:
            status, hs, data = self.forward()
        if str(view.get("_id")).startswith("_design/"):
            self.design_written(db)
        self.relay(status, hs, data)

    def replicated_upstream(self, db, docs):
        """Writes new_edits:false documents into a database with validate_doc_update functions,
        which PouchDB Server cannot do: its validation plugin (pouchdb-validation validate/4) sets
        a document's _revisions to those of the stored winner before writing it, so every update
        is silently dropped and a new document is written without its history. The double has
        validated them already: they go into a scratch database (no functions), from which
        PouchDB Server's own replicator, which does not validate, copies them (_local documents
        directly). Answers as _bulk_docs with new_edits:false does: 201 and the errors only."""
        local = [d for d in docs if isinstance(d, dict) and str(d.get("_id")).startswith("_local/")]
        rest = [d for d in docs if not (isinstance(d, dict) and str(d.get("_id")).startswith("_local/"))]
        errors = []
        if local:
            status, hs, data, _ = upstream("POST", f"{self.dbpath}/_bulk_docs", {"docs": local, "new_edits": False})
            if status not in (201, 202):
                return status, hs, data
            errors += [e for e in json.loads(data) if isinstance(e, dict) and "error" in e]
        if rest:
            with lock:
                db_lock = scratch_locks.setdefault(db, threading.Lock())
            scratch = "couch3-double-scratch-" + hashlib.sha1(db.encode()).hexdigest()
            with db_lock:  # one scratch database a target, so PouchDB reuses one _local checkpoint there
                upstream("DELETE", "/" + scratch)
                try:
                    upstream("PUT", "/" + scratch)
                    status, hs, data, _ = upstream("POST", f"/{scratch}/_bulk_docs", {"docs": rest, "new_edits": False})
                    if status not in (201, 202):
                        return status, hs, data
                    errors += [e for e in json.loads(data) if isinstance(e, dict) and "error" in e]
                    status, hs, data, _ = upstream("POST", "/_replicate", {"source": scratch, "target": db})
                    if status != 200 or not json.loads(data).get("ok"):
                        return 500, [], enc({"error": "error", "reason": f"couch3 double, upstream: {data[:300]!r}"})
                finally:
                    upstream("DELETE", "/" + scratch)
        return 201, [("Content-Type", "application/json")], enc(errors)

    def check_sizes(self, docs):
        # couch_doc.erl from_json_obj_validate/2: the body without the special fields, measured by
        # couch_ejson_size, over [couchdb] max_document_size -> chttpd.erl error_info/1
        # {request_entity_too_large, DocID}; chttpd_db.erl validates every doc before writing any.
        for doc in docs if isinstance(docs, list) else []:
            body = {k: v for k, v in doc.items() if k not in SPECIAL} if isinstance(doc, dict) else {}
            if ejson_size(body) > cfg("couchdb", "max_document_size", 8000000):
                fail(413, "document_too_large", doc["_id"] if isinstance(doc.get("_id"), str) else "")

    def changes(self, db):
        # chttpd_db.erl parse_changes_query/1: the parameters in order, the first bad one answers 400
        feed, since, limit, timeout, interval = "normal", "0", None, None, None
        for key, value in self.qsl:
            key = key.lower()
            if key == "feed":
                feed = "continuous" if value == "live" else value
            elif key in ("since", "last-event-id"):
                since = value
            elif key == "limit":
                limit = int_param(value, lambda n: n >= 0, "The limit parameter should be a non-negative integer",
                                  "The limit value should be a non-negative integer")
            elif key == "heartbeat" and value != "true":
                int_param(value, lambda n: n > 0,
                          "Invalid heartbeat value. Expecting a positive integer value (in milliseconds).",
                          "The heartbeat value should be a positive integer (in milliseconds).")
            elif key == "timeout":
                timeout = int_param(value, lambda n: n >= 0, "The timeout parameter should be a non-negative integer",
                                    "The timeout value should be a non-negative integer")
            elif key == "seq_interval":
                interval = int_param(value, lambda n: n > 0, "invalid_seq_interval", "invalid_seq_interval")
        if feed not in ("normal", "continuous", "longpoll", "eventsource"):  # handle_changes_req1/2
            fail(400, "bad_request", "Supported `feed` types: normal, continuous, live, longpoll, eventsource")
        since = since_int(db, since)
        # couch_changes.erl get_changes_timeout/2: min(timeout, [chttpd] changes_timeout = 60000)
        deadline = time.monotonic() + min(60000 if timeout is None else timeout, 60000) / 1000
        total = 1000000000000000 if limit is None else limit  # couch_db.hrl #changes_args.limit
        base = [(k, v) for k, v in self.qsl if k.lower() not in
                ("since", "last-event-id", "heartbeat", "timeout", "seq_interval", "feed", "limit")]
        headers = {k: v for k, v in self.headers.items() if k.lower() not in DROP}
        rows = []

        def fetch(since, extra=(), wait=None):
            query = base + [("since", since), *extra] + ([("limit", limit - len(rows))] if limit is not None else [])
            path = self.dbpath + "/_changes?" + urllib.parse.urlencode(query)
            return upstream(self.command, path, self.body or None, headers, wait)

        status, hs, data, _ = fetch(since)  # what is there now, as a normal feed
        if status != 200:
            return self.relay(status, hs, data)
        page = json.loads(data)
        rows, last = page["results"], page["last_seq"]
        # fabric_view_changes.erl keep_sending_changes/8: a live feed then waits for changes until
        # its timeout, a longpoll for the first one. PouchDB Server's longpoll is cut at the deadline.
        while feed in ("longpoll", "continuous") and (feed == "continuous" or not rows) and len(rows) < total:
            if time.monotonic() >= deadline:
                break
            status, _, data, _ = fetch(str(last), [("feed", "longpoll")], deadline - time.monotonic())
            more = json.loads(data) if status == 200 else {}
            if not more.get("results"):
                break
            rows, last = rows + more["results"], more["last_seq"]
        for i, row in enumerate(rows):
            # fabric_view_changes.erl handle_message({change, _}): with seq_interval a row's seq is
            # packed only where the remaining limit rem the interval is 0, the others are null
            row["seq"] = opaque(db, row.get("seq")) if not interval or (total - i) % interval == 0 else None
        if feed == "continuous":  # chttpd_db.erl changes_callback/2: a line a row, then last_seq
            return self.send(200, b"".join(map(enc, rows)) + enc({"last_seq": opaque(db, last), "pending": 0}))
        pending = {"pending": page["pending"]} if "pending" in page else {}  # PouchDB Server gives none
        self.send(200, {"results": rows, "last_seq": opaque(db, last), **pending})

    def bulk_get(self):
        # chttpd_db.erl db_req/2 for _bulk_get, bulk_get_parse_doc_query/1, validate_query_param/1
        for key, _ in self.qsl:
            if key in ("open_revs", "new_edits", "w", "rev", "atts_since"):
                fail(400, "bad_request", f'"{key}" query parameter is not acceptable')
        body = self.json_body()
        if not isinstance(body, dict):
            fail(400, "bad_request", "Request body must be a JSON object")  # chttpd.erl json_body_obj/1
        items = body.get("docs")
        if items is None:
            fail(400, "bad_request", "Missing JSON list of 'docs'.")
        flags = {k: "true" for k in ("revs", "attachments", "att_encoding_info", "latest") if self.q.get(k) == "true"}

        def error(doc_id, rev, err, reason):  # bulk_get_json_error_map/4
            return {"error": {"id": doc_id, "rev": rev, "error": err, "reason": reason}}

        def shape(doc_id, rev, got):  # upstream items: {"ok": doc}, {"missing": rev}, {"error", "reason"}
            if "ok" in got:
                return got
            if "missing" in got:
                return error(doc_id, got["missing"], "not_found", "missing")
            return error(doc_id, rev, got.get("error"), got.get("reason"))

        out, todo = [None] * len(items), []
        for i, item in enumerate(items):  # bulk_get_parse_arg/2, bulk_get_parse_revs/2
            doc_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not item:
                out[i] = [error(None, None, "bad_request", "document must be a JSON object")]
            elif "id" not in item:
                out[i] = [error(None, None, "bad_request", "document id missed")]
            elif "rev" not in item:  # every leaf; a missing document answers rev "undefined"
                path = f"{self.dbpath}/{urllib.parse.quote(doc_id, safe='')}?" + urllib.parse.urlencode(
                    dict(flags, open_revs="all"))
                status, _, data, _ = upstream("GET", path, None, {"Accept": "application/json"})
                got = json.loads(data) if status == 200 else []
                out[i] = [shape(doc_id, None, g) for g in got] or [error(doc_id, "undefined", "not_found", "missing")]
            elif not isinstance(item["rev"], str) or not re.fullmatch(r"[0-9]+-.+", item["rev"]):
                out[i] = [error(doc_id, item["rev"], "bad_request", "Invalid rev format")]  # couch_doc parse_rev/1
            else:
                todo.append(i)
        if flags.get("latest") and todo:  # PouchDB Server dies on latest=true for a revision it lacks
            wanted = {}
            for i in todo:
                wanted.setdefault(items[i]["id"], []).append(items[i]["rev"])
            status, hs, data, _ = upstream("POST", self.dbpath + "/_revs_diff", wanted)
            if status != 200:
                return self.relay(status, hs, data)
            missing = {(d, r) for d, v in json.loads(data).items() for r in v.get("missing", [])}
            for i in todo:
                if (items[i]["id"], items[i]["rev"]) in missing:  # as fabric open_revs answers them
                    out[i] = [error(items[i]["id"], items[i]["rev"], "not_found", "missing")]
            todo = [i for i in todo if out[i] is None]
        while todo:  # PouchDB Server merges the items of one id: each id once a round
            batch, later, seen = [], [], set()
            for i in todo:
                (later if items[i]["id"] in seen else batch).append(i)
                seen.add(items[i]["id"])
            docs = [{k: items[i][k] for k in ("id", "rev", "atts_since") if k in items[i]} for i in batch]
            status, hs, data, _ = upstream("POST", f"{self.dbpath}/_bulk_get?{urllib.parse.urlencode(flags)}",
                                           {"docs": docs})
            if status != 200:
                return self.relay(status, hs, data)
            got = {}
            for result in json.loads(data)["results"]:
                got.setdefault(result["id"], []).extend(result["docs"])
            for i in batch:
                doc_id, rev = items[i]["id"], items[i]["rev"]
                out[i] = [shape(doc_id, rev, g) for g in got.get(doc_id, [])] or \
                    [error(doc_id, rev, "not_found", "missing")]
            todo = later
        ids = [item.get("id") if isinstance(item, dict) else None for item in items]
        self.send(200, {"results": [{"id": ids[i], "docs": out[i]} for i in range(len(items))]})  # bulk_get_ret_json/4

    def security_req(self, db, sec):
        self.require_db()
        if self.command == "GET":
            return self.send(200, sec)
        if self.command != "PUT":
            fail(405, "method_not_allowed", "Only GET,PUT allowed")
        if not is_admin(self.user, self.roles, sec):  # couch_db.erl set_security/2 -> check_is_admin/1
            self.refuse("You are not a db or server admin.", "You are not a db or server admin.")
        body = self.json_body()
        if not isinstance(body, dict):
            fail(400, "bad_request", "Request body must be a JSON object")
        with lock:
            security[db] = body
        self.send(200, {"ok": True})

    def session(self):
        # couch_httpd_auth.erl handle_session_req/2
        if self.command == "POST":
            ctype = (self.headers.get("Content-Type") or "").lower()
            if ctype.startswith("application/x-www-form-urlencoded"):
                form = dict(urllib.parse.parse_qsl(self.body.decode()))
            elif ctype.startswith("application/json"):
                form = self.json_body()
                form = {str(k): str(v) for k, v in form.items()} if isinstance(form, dict) else {}
            else:
                fail(415, "bad_content_type",
                     "Content-Type must be 'application/x-www-form-urlencoded' or 'application/json'")
            name = form.get("username", form.get("name"))  # extract_username/1
            if name is None:
                fail(400, "bad_request", "request body must contain a username")
            found = creds(name)
            if found and hmac.compare_digest(found[0].encode(), form.get("password", "").encode()):
                cookie = session_cookie(name, found[2])
                return self.send(200, {"ok": True, "name": name, "roles": found[1]}, [("Set-Cookie", cookie)])
            fail(401, "unauthorized", "Name or password is incorrect.", [("Set-Cookie", cookie_header(""))])
        if self.command in ("GET", "HEAD"):
            if self.user is None and self.q.get("basic") == "true":
                fail(401, "unauthorized", "Please login.")
            info = {"authentication_handlers": ["cookie", "default"]}
            if self.handler:
                info["authenticated"] = self.handler
            return self.send(200, {"ok": True, "userCtx": {"name": self.user, "roles": self.roles}, "info": info})
        if self.command == "DELETE":
            return self.send(200, {"ok": True}, [("Set-Cookie", cookie_header(""))])
        fail(405, "method_not_allowed", "Only GET,HEAD,POST,DELETE allowed")

    def users(self):
        # The _users database in memory, checked as couch_js_functions.hrl's
        # ?AUTH_DB_DOC_VALIDATE_FUNCTION does; only admins and the user themself get in.
        p, admin = self.parts, "_admin" in self.roles
        name = p[1].removeprefix("org.couchdb.user:") if len(p) == 2 and p[1].startswith("org.couchdb.user:") else None
        if not admin and (name is None or name != self.user):
            self.refuse("You are not allowed to access this db.", "You are not authorized to access this db.")
        if name is None:
            fail(404, "not_found", "missing")
        if self.command not in ("GET", "HEAD", "PUT"):
            fail(405, "method_not_allowed", "Only GET,HEAD,PUT allowed")
        with lock:
            old = users.get(name)
        doc_id = "org.couchdb.user:" + name
        if self.command != "PUT":
            if old is None:
                fail(404, "not_found", "missing")
            return self.send(200, {"_id": doc_id, "_rev": old["rev"], "name": name, "roles": old["roles"],
                                   "type": "user"})
        doc = self.json_body()
        if not isinstance(doc, dict):
            fail(400, "bad_request", "Document must be a JSON object")
        roles = doc.get("roles")
        for bad, reason in [(doc.get("type") != "user", "doc.type must be user"),
                            (not doc.get("name"), "doc.name is required"),
                            (roles is None, "doc.roles must exist"),
                            (not isinstance(roles, list), "doc.roles must be an array"),
                            (any(not isinstance(r, str) for r in roles or []), "doc.roles can only contain strings"),
                            (doc.get("_id", doc_id) != f"org.couchdb.user:{doc.get('name')}",
                             "Doc ID must be of the form org.couchdb.user:name"),
                            (not admin and old and sorted(old["roles"]) != sorted(roles),
                             "Only _admin may edit roles")]:
            if bad:
                fail(403, "forbidden", reason)
        if doc.get("_rev") != (old["rev"] if old else None):
            fail(409, "conflict", "Document update conflict.")
        rev = f"{int(old['rev'].split('-')[0]) + 1 if old else 1}-{uuid.uuid4().hex}"
        # a new password gets a new salt, which ends the user's sessions
        secret = {"password": str(doc["password"]), "salt": os.urandom(16)} if "password" in doc else \
            {k: old[k] for k in ("password", "salt")} if old else {"password": None, "salt": b""}
        with lock:
            users[name] = dict(secret, roles=roles, rev=rev)
        self.send(201, {"ok": True, "id": doc_id, "rev": rev})

    def config_api(self):
        # chttpd_node.erl handle_node_req/1: /_node/{node}/_config/{section}/{key}, string values
        if len(self.parts) != 5:
            fail(404, "not_found", "missing")
        key, value = tuple(self.parts[3:]), self.json_body() if self.command == "PUT" else None
        with lock:
            old = config.get(key)
        if self.command not in ("GET", "PUT", "DELETE"):
            fail(405, "method_not_allowed", "Only GET,PUT,DELETE allowed")
        if self.command != "PUT" and old is None:
            fail(404, "not_found", "unknown_config_value")
        if self.command == "PUT" and not isinstance(value, str):
            fail(400, "bad_request", "a JSON string expected")
        with lock:
            if self.command == "DELETE":
                config.pop(key, None)
            elif self.command == "PUT":
                config[key] = value.strip()
        self.send(200, old or "")  # the old value (PUT, DELETE) or the value (GET)

    def replicator_req(self):
        """The _replicator database, in memory (never UPSTREAM): documents with GET, HEAD, PUT,
        DELETE and POST /_replicator, the database's info, _all_docs; each write goes through
        couch_replicator_docs.erl before_doc_update/3 and then starts, replaces or stops its job."""
        p, m = self.parts, self.command
        # chttpd_auth_request.erl authorize_request_int/1: PUT and DELETE /_replicator, its _all_docs
        # and _changes need a server admin; the rest db_authorization_check/1 with _replicator's
        # _security, admin_only (couch_db_updater.erl default_security_object/1): 401 anonymous,
        # 403 named. (A _security that lets other users in, their `owner` checks and
        # after_doc_read/2's stripped credentials are not reproduced: only admins get in.)
        if (p == ["_replicator"] and m in ("PUT", "DELETE")) or p[1:2] in (["_all_docs"], ["_changes"]):
            self.require_admin()
        elif not is_member(self.user, self.roles, ADMIN_ONLY):
            if not repdb["exists"]:
                fail(404, "not_found", "Database does not exist.")
            self.refuse("You are not allowed to access this db.", "You are not authorized to access this db.")
        if p == ["_replicator"]:
            return self.replicator_db(m)
        if not repdb["exists"]:
            fail(404, "not_found", "Database does not exist.")
        if p[1:] == ["_all_docs"] and m in ("GET", "HEAD"):
            return self.replicator_all_docs()
        if p[1:] == ["_security"] and m in ("GET", "HEAD"):
            return self.send(200, ADMIN_ONLY)
        doc_id = p[1] if len(p) == 2 and (not p[1].startswith("_") or p[1].startswith(("_design/", "_local/"))) \
            else f"{p[1]}/{p[2]}" if len(p) == 3 and p[1] in ("_design", "_local") else None
        if doc_id is None or m not in ("GET", "HEAD", "PUT", "DELETE"):
            fail(501, "not_implemented", "the couch3 double keeps _replicator in memory: only its documents "
                                         "(GET, PUT, DELETE, POST /_replicator), _all_docs and its info")
        if m in ("GET", "HEAD"):
            with rep_lock:
                cur = repdb["docs"].get(doc_id)
            wanted = self.q.get("rev")
            if cur is None or (wanted and wanted != cur["rev"]):
                fail(404, "not_found", "missing")
            if cur["deleted"] and not wanted:
                fail(404, "not_found", "deleted")
            doc = {"_id": doc_id, "_rev": cur["rev"], **cur["body"], **({"_deleted": True} if cur["deleted"] else {})}
            return self.send(200, doc, [("ETag", f'"{cur["rev"]}"')])
        self.replicator_write(doc_id, {"_deleted": True} if m == "DELETE" else self.json_body())

    def replicator_db(self, m):
        if m in ("GET", "HEAD"):
            if not repdb["exists"]:
                fail(404, "not_found", "Database does not exist.")
            with rep_lock:
                docs = list(repdb["docs"].values())
                seq = repdb["seq"]
            return self.send(200, {"db_name": "_replicator", "update_seq": opaque("_replicator", seq),
                                   "doc_count": sum(1 for d in docs if not d["deleted"]),
                                   "doc_del_count": sum(1 for d in docs if d["deleted"]),
                                   "instance_start_time": "0", "purge_seq": 0,
                                   "sizes": {"active": 0, "external": 0, "file": 0},
                                   "props": {}, "disk_format_version": 8, "compact_running": False,
                                   "cluster": {"q": 1, "n": 1, "w": 1, "r": 1}})
        if m == "PUT":
            if repdb["exists"]:
                fail(412, "file_exists", "The database could not be created, the file already exists.")
            repdb["exists"] = True
            return self.send(201, {"ok": True})
        if m == "DELETE":  # couch_replicator_doc_processor.erl removed_db/1: every job stops
            if not repdb["exists"]:
                fail(404, "not_found", "Database does not exist.")
            with rep_lock:
                repdb.update(exists=False, docs={}, seq=0)
                gone = list(rep_jobs.values())
                rep_jobs.clear()
            for job in gone:
                job.cancel()
            return self.send(200, {"ok": True})
        if m == "POST":
            if not repdb["exists"]:
                fail(404, "not_found", "Database does not exist.")
            body = self.json_body()
            if not isinstance(body, dict):
                fail(400, "bad_request", "Document must be a JSON object")
            doc_id = body.get("_id") if isinstance(body.get("_id"), str) and body.get("_id") else uuid.uuid4().hex
            return self.replicator_write(doc_id, body)
        fail(405, "method_not_allowed", "Only DELETE,GET,HEAD,POST,PUT allowed")

    def replicator_all_docs(self):
        with rep_lock:
            rows = sorted((k, v) for k, v in repdb["docs"].items() if not v["deleted"])
        include = self.q.get("include_docs") == "true"
        out = [dict({"id": k, "key": k, "value": {"rev": v["rev"]}},
                    **({"doc": {"_id": k, "_rev": v["rev"], **v["body"]}} if include else {})) for k, v in rows]
        self.send(200, {"total_rows": len(out), "offset": 0, "rows": out})

    def replicator_write(self, doc_id, body):
        """A PUT, DELETE or POST of a _replicator document: chttpd_db.erl couch_doc_from_req/4 (the
        revision from the body, ?rev= or If-Match), couch_db.erl's conflict check (409), then
        couch_replicator_docs.erl before_doc_update/3."""
        if not isinstance(body, dict):
            fail(400, "bad_request", "Document must be a JSON object")
        for key in body:  # couch_doc.erl transfer_fields/3
            if key.startswith("_") and key not in SPECIAL | BODY_SPECIAL:
                fail(400, "doc_validation", f"Bad special document member: {key}")
        rev = body.get("_rev")
        query_rev = self.command != "POST" and (self.q.get("rev") or (self.headers.get("If-Match") or "").strip('"'))
        if query_rev and rev is not None and rev != query_rev:
            fail(400, "bad_request", "Document rev from request body and query string have different values")
        rev = rev or query_rev or None
        deleting = body.get("_deleted") is True
        fields = {k: v for k, v in body.items() if not k.startswith("_") or k in BODY_SPECIAL}
        if not doc_id.startswith(("_design/", "_local/")):
            # before_doc_update_owner/4: no owner (or null, from an admin) becomes the writer's name
            if fields.get("owner") is None:
                fields["owner"] = self.user
            # before_doc_update/3: a live document that is not marked failed must parse
            if not deleting and fields.get("_replication_state") != "failed":
                try:
                    parse_rep_doc(fields)
                except BadRepDoc as e:
                    fail(403, "forbidden", str(e))
        with rep_lock:
            if not repdb["exists"]:
                fail(404, "not_found", "Database does not exist.")
            cur = repdb["docs"].get(doc_id)
            live = cur is not None and not cur["deleted"]
            if self.command == "DELETE" and not live:  # chttpd_db.erl db_doc_req/3: couch_doc_open/4 first
                fail(404, "not_found", "deleted" if cur else "missing")
            if (live and rev != cur["rev"]) or (not live and rev is not None and (cur is None or rev != cur["rev"])):
                fail(409, "conflict", "Document update conflict.")
            new_rev = rep_new_rev(cur, fields, deleting)
            repdb["seq"] += 1
            repdb["docs"][doc_id] = {"rev": new_rev, "body": fields, "deleted": deleting, "seq": repdb["seq"]}
        rep_process(doc_id)
        self.send(200 if self.command == "DELETE" else 201, {"ok": True, "id": doc_id, "rev": new_rev},
                  [("ETag", f'"{new_rev}"')])

    def scheduler_req(self):
        """couch_replicator_httpd.erl handle_scheduler_req/1: /_scheduler/jobs[/ID] and
        /_scheduler/docs[/_replicator[/DOC]] (server admins: chttpd_auth_request.erl)."""
        p = self.parts
        if self.command not in ("GET", "HEAD"):
            fail(405, "method_not_allowed", "Only GET,HEAD allowed")
        with rep_lock:
            jobs = dict(rep_jobs)
            docs = {k: dict(v) for k, v in repdb["docs"].items() if not v["deleted"]}

        def from_doc(doc_id, body):  # couch_replicator.erl doc_from_db/3, info_from_doc/2
            state = body.get("_replication_state")
            if state == "completed":
                stats = dict(body.get("_replication_stats") or {})
                start = stats.pop("start_time", None)
                info, count = stats, 0
            elif state == "failed":
                reason = body.get("_replication_state_reason")
                info, count, start = ({"error": reason} if reason is not None else None), 1, \
                    body.get("_replication_state_time")
            else:
                state, info, count, start = None, None, 0, None

            def strip(ep):  # couch_replicator.erl strip_url_creds/1
                try:
                    return rep_endpoint(ep)["url"]
                except BadRepDoc:
                    return None
            return {"doc_id": doc_id, "database": "_replicator", "id": None, "source": strip(body.get("source")),
                    "target": strip(body.get("target")), "state": state, "error_count": count, "info": info,
                    "start_time": start, "last_updated": body.get("_replication_state_time")}

        def doc_info(doc_id):
            if doc_id in jobs:
                return jobs[doc_id].doc_ejson()
            if doc_id in docs and not doc_id.startswith(("_design/", "_local/")):
                return from_doc(doc_id, docs[doc_id]["body"])
            return None

        if p == ["_scheduler", "jobs"]:
            listed = sorted((j.job_ejson() for j in jobs.values() if not j.failed), key=lambda j: j["id"])
            return self.send(200, {"total_rows": len(listed), "offset": 0, "jobs": listed})
        if len(p) == 3 and p[1] == "jobs":
            job = next((j for j in jobs.values() if not j.failed and j.rep["id"] == p[2]), None)
            if job is None:
                fail(404, "not_found", "missing")
            return self.send(200, job.job_ejson())
        if p in (["_scheduler", "docs"], ["_scheduler", "docs", "_replicator"]):
            states = [s for s in (self.q.get("states") or "").split(",") if s]
            listed = [d for d in (doc_info(k) for k in sorted(set(jobs) | set(docs))) if d is not None
                      and (not states or d["state"] in states)]
            return self.send(200, {"total_rows": len(listed), "offset": 0, "docs": listed})
        if len(p) == 4 and p[1:3] == ["docs", "_replicator"]:
            found = doc_info(p[3])
            if found is None:
                fail(404, "not_found", "missing")
            return self.send(200, found)
        self.send(404, {"error": "not found"})

    def hooks(self):
        """Test hooks, not CouchDB: the requests seen under each database."""
        if self.parts != ["_double", "requests"]:
            fail(404, "not_found", "no such test hook")
        with lock:
            if self.command == "DELETE":
                hits.clear()
            count, paths = hits.get(self.q.get("db", ""), [0, []])
            paths = list(paths)
        self.send(200, {"ok": True} if self.command == "DELETE" else {"count": count, "paths": paths})


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Double).serve_forever()
