// Tests of _design/waypoint's validate_doc_update, run with plain Node:
//
//   node server/validate.test.js
//
// The function under test is the one in waypoint-design.json, compiled from
// its source string in a fresh JavaScript context (no require, no module, no
// console), the way CouchDB's query server compiles it, and called with
// CouchDB 3's arguments: newDoc (with _id, _rev, _revisions, _deleted), oldDoc
// (null for a new document), userCtx {db, name, roles} and the database's
// _security object. The fixtures under server/fixtures/ are also checked by
// the app's own validation (src/domain/server_rules.rs), so the two agree.
"use strict";

const assert = require("assert");
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { build, SOURCE, OUTPUT } = require("./build-design.js");

const here = (f) => path.join(__dirname, f);
const readJson = (f) => JSON.parse(fs.readFileSync(here(f), "utf8"));
const ddocText = fs.readFileSync(OUTPUT, "utf8");
const ddoc = JSON.parse(ddocText);
const secObj = readJson("security.json");
const valid = readJson("fixtures/valid-docs.json");
const invalid = readJson("fixtures/invalid-docs.json");
const notMirrored = readJson("fixtures/not-mirrored.json");

// Compiled as CouchDB does: the source string evaluated to a function value in
// a sandbox of its own.
const vdu = vm.runInNewContext("(" + ddoc.validate_doc_update + ")", {}, { filename: "_design/waypoint" });
assert.strictEqual(typeof vdu, "function");

const RECORD_TYPES = ["account", "contact", "deal", "pipeline", "activity", "stage_transition", "ticket", "survey_response", "persona", "journey_map", "settings", "record_change", "follow", "map_snapshot", "period"];

const clone = (v) => JSON.parse(JSON.stringify(v));
const user = (name, roles) => ({ db: "waypoint", name, roles });
const LAN_SALES = user("lan", ["waypoint-sales"]);
const MINH_SUPPORT = user("minh", ["waypoint-support"]);
const HOA_ADMIN = user("hoa", ["waypoint-admin"]);
const SERVER_ADMIN = user("root", ["_admin"]);
const ANONYMOUS = user(null, []);

// What CouchDB hands the function for a write: `_revisions` as the replicator
// (or `new_edits=false`) sends it, the author set to `by`.
function incoming(doc, by) {
  const d = clone(doc);
  if (by !== undefined) d.updated_by = by;
  if (d._rev) {
    const [pos, hash] = d._rev.split("-");
    d._revisions = { start: +pos, ids: [hash].concat(+pos > 1 ? ["0a1b2c3d4e5f60718293a4b5c6d7e8f9"] : []) };
  }
  return d;
}

// Calls the function as CouchDB's Validate.validate does: a thrown object is
// the refusal; a JavaScript error (with name and stack) is a bug.
function run(newDoc, ctx, oldDoc) {
  try {
    vdu(newDoc, oldDoc === undefined ? null : oldDoc, ctx, secObj);
    return { ok: true };
  } catch (e) {
    if (e && e.name && e.stack) throw e;
    const keys = Object.keys(e);
    assert.strictEqual(keys.length, 1, "a refusal has one key: " + JSON.stringify(e));
    assert.ok(keys[0] === "forbidden" || keys[0] === "unauthorized", JSON.stringify(e));
    const reason = e[keys[0]];
    assert.strictEqual(typeof reason, "string");
    assert.ok(!/undefined|\[object |NaN/.test(reason), "an unreadable reason: " + reason);
    return { [keys[0]]: reason };
  }
}
function allowed(doc, ctx, oldDoc) {
  const r = run(doc, ctx, oldDoc);
  assert.deepStrictEqual(r, { ok: true }, "expected " + doc._id + " to be accepted for " + JSON.stringify(ctx));
}
function forbidden(doc, ctx, pattern, oldDoc) {
  const r = run(doc, ctx, oldDoc);
  assert.ok(r.forbidden, "expected " + doc._id + " to be forbidden, got " + JSON.stringify(r));
  if (pattern) assert.match(r.forbidden, pattern);
  return r.forbidden;
}

const byId = (id) => valid.find((d) => d._id === id);
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// --- the installed document ---------------------------------------------

test("waypoint-design.json is built from the current waypoint-design.js", () => {
  const fresh = build(fs.readFileSync(SOURCE, "utf8"));
  assert.ok(fresh === ddocText, "server/waypoint-design.json is stale: run node server/build-design.js");
});

test("the design document has its id, language and version", () => {
  assert.deepStrictEqual(Object.keys(ddoc), ["_id", "language", "version", "validate_doc_update"]);
  assert.strictEqual(ddoc._id, "_design/waypoint");
  assert.strictEqual(ddoc.language, "javascript");
  assert.match(ddoc.version, /^\d{4}-\d{2}-\d{2}\.\d+$/);
  assert.match(ddoc.validate_doc_update, /^function\(newDoc, oldDoc, userCtx, secObj\) \{/);
});

test("the function is written in the ES5 subset CouchDB's engines run", () => {
  // Comments, strings and regular expressions are left out before looking.
  const code = ddoc.validate_doc_update
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, '""')
    .replace(/\/(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+\/[gimsuy]*(?=[.,;)\s])/g, "/r/");
  for (const [what, re] of [
    ["arrow functions", /=>/],
    ["let", /\blet\s/],
    ["const", /\bconst\s/],
    ["template strings", /`/],
    ["classes", /\bclass\s/],
    ["spread or rest", /\.\.\./],
    ["for...of", /\bof\b/],
    ["default parameters", /function[^(]*\([^)]*=/],
    ["computed keys", /[{,]\s*\[[^\]]*\]\s*:/],
  ]) {
    assert.ok(!re.test(code), "the function uses " + what);
  }
  // It compiles without Node's globals (checked by the sandbox above) and
  // without strict-mode or newer syntax errors.
  assert.doesNotThrow(() => vm.runInNewContext("(" + ddoc.validate_doc_update + ")"));
});

test("the security object gives admins and members by role", () => {
  assert.deepStrictEqual(secObj, {
    admins: { names: [], roles: ["waypoint-admin"] },
    members: { names: [], roles: ["waypoint-admin", "waypoint-sales", "waypoint-support"] },
  });
});

test("the fixtures cover every record type", () => {
  const types = new Set(valid.map((d) => d.type));
  for (const t of RECORD_TYPES) assert.ok(types.has(t), "no valid fixture of type " + t);
  for (const t of RECORD_TYPES) assert.ok(ddoc.validate_doc_update.includes('"' + t + '"'), t);
});

// --- rule 1: server admins ----------------------------------------------

test("a server admin (_admin) may write anything", () => {
  allowed({ _id: "anything", whatever: 1 }, SERVER_ADMIN);
  allowed(incoming(byId("settings:workspace"), "somebody-else"), SERVER_ADMIN);
  allowed({ _id: "settings:workspace", _rev: "2-ab", _deleted: true }, SERVER_ADMIN);
  allowed({ _id: "members:workspace", type: "members", members: {} }, user("root", ["_admin", "waypoint-partner-acme"]));
});

// --- rule 2: anonymous --------------------------------------------------

test("an anonymous user writes nothing (unauthorized)", () => {
  for (const ctx of [ANONYMOUS, user(null, ["waypoint-sales"]), { db: "waypoint", roles: [] }]) {
    const r = run(incoming(byId("deal:d1"), null), ctx);
    assert.ok(r.unauthorized, JSON.stringify(r));
    assert.match(r.unauthorized, /Sign in/);
  }
});

// --- rule 3: roles ------------------------------------------------------

test("a partner-only user writes nothing", () => {
  const partner = user("acme-1", ["waypoint-partner-acme"]);
  forbidden(incoming(byId("deal:d1"), "acme-1"), partner, /partner access \(waypoint-partner-acme\)/);
  forbidden(incoming(byId("activity:v1"), "acme-1"), user("acme-1", ["waypoint-partner-acme", "other"]), /partner/);
  // A tombstone too.
  forbidden(incoming(byId("deal:d2"), "acme-1"), partner, /partner/);
});

test("a partner role beside a writer role does not take the writer role away", () => {
  allowed(incoming(byId("deal:d1"), "lan"), user("lan", ["waypoint-partner-acme", "waypoint-sales"]));
});

test("a user with no Waypoint role writes nothing", () => {
  for (const roles of [[], ["sales"], ["waypoint-partner-"], ["waypoint-viewer"]]) {
    forbidden(incoming(byId("account:a1"), "lan"), user("lan", roles), /no Waypoint role/);
  }
});

test("sales and support may write every record type but settings and pipelines", () => {
  for (const ctx of [LAN_SALES, user("lan", ["waypoint-support"])]) {
    for (const doc of valid) {
      if (doc.type === "settings" || doc.type === "pipeline") continue;
      allowed(incoming(doc, "lan"), ctx);
    }
  }
});

test("sales may write a deal but not settings or a pipeline", () => {
  allowed(incoming(byId("deal:d1"), "lan"), LAN_SALES);
  forbidden(incoming(byId("settings:workspace"), "lan"), LAN_SALES, /Only a workspace admin \(role waypoint-admin\) can change the workspace settings/);
  forbidden(incoming(byId("pipeline:new"), "lan"), LAN_SALES, /can change pipelines/);
  forbidden(incoming(byId("pipeline:new"), "minh"), MINH_SUPPORT, /can change pipelines/);
});

test("the admin role may write settings, pipelines and every other type", () => {
  for (const doc of valid) allowed(incoming(doc, "hoa"), HOA_ADMIN);
});

test("the members document is for admins, and there is only one", () => {
  const members = { _id: "members:workspace", type: "members", updated_at: "2026-12-07T00:00:00.000Z", updated_by: "hoa", members: { lan: ["sales"] } };
  allowed(members, HOA_ADMIN);
  forbidden(Object.assign(clone(members), { updated_by: "lan" }), LAN_SALES, /the members list/);
  forbidden(Object.assign(clone(members), { _id: "members:other" }), HOA_ADMIN, /one members document/);
  forbidden(Object.assign(clone(members), { type: "settings" }), HOA_ADMIN, /its id says "members"/);
});

// --- rule 4: ids and types ----------------------------------------------

test("an unknown type is refused", () => {
  forbidden({ _id: "gadget:1", type: "gadget", updated_by: "lan" }, LAN_SALES, /type "gadget", which Waypoint does not know/);
  forbidden({ _id: "Deal:1", type: "Deal", updated_by: "lan" }, LAN_SALES, /does not know/);
});

test("an id that is not type:local-id is refused", () => {
  for (const id of ["deal", "deal:", ":42", "", "a1b2c3"]) {
    forbidden({ _id: id, type: "deal", updated_by: "lan" }, LAN_SALES, /is not a Waypoint id/);
  }
});

test("a type that differs from the id prefix is refused", () => {
  const d = incoming(byId("deal:d1"), "lan");
  d.type = "account";
  forbidden(d, LAN_SALES, /has the type "account", but its id says "deal"/);
  delete d.type;
  forbidden(d, LAN_SALES, /has the type "", but its id says "deal"/);
});

test("a local id may hold colons (follow:contact:c1~lan)", () => {
  allowed(incoming(byId("follow:contact:c1~lan"), "lan"), LAN_SALES);
});

// --- rule 6: the author -------------------------------------------------

test("a forged author is refused", () => {
  const why = forbidden(incoming(byId("deal:d1"), "minh"), LAN_SALES, /signed by "minh" \(updated_by\), but you are signed in as "lan"/);
  assert.match(why, /make the change again while signed in as "lan"/);
  forbidden(incoming(byId("deal:d1"), "Lan"), LAN_SALES, /signed by "Lan"/);
  forbidden(incoming(byId("settings:workspace"), "lan"), HOA_ADMIN, /signed by "lan"/);
});

test("a missing or empty author is refused", () => {
  for (const by of ["", null, 7]) {
    forbidden(incoming(byId("account:a1"), by), LAN_SALES, /does not say who made it|signed by/);
  }
  const d = incoming(byId("account:a1"));
  delete d.updated_by;
  forbidden(d, LAN_SALES, /does not say who made it/);
});

test("an edit of someone else's record is fine when the new revision is yours", () => {
  const old = incoming(byId("deal:d1"), "minh");
  const next = incoming(byId("deal:d1"), "lan");
  next._rev = "2-1f2e3d4c5b6a79880011223344556677";
  next._revisions = { start: 2, ids: ["1f2e3d4c5b6a79880011223344556677", "0d1f8a5c1e6b4a2f9c3d7e8b5a4c2f10"] };
  allowed(next, LAN_SALES, old);
});

// --- tombstones ---------------------------------------------------------

test("a Waypoint tombstone (type, updated_at, updated_by) is accepted", () => {
  const t = byId("deal:d2");
  allowed(incoming(t, "lan"), LAN_SALES, incoming(byId("deal:d1"), "minh"));
  // Without its type the id still says what it was.
  const bare = incoming(t, "lan");
  delete bare.type;
  allowed(bare, LAN_SALES);
});

test("a tombstone needs its author", () => {
  forbidden({ _id: "deal:d2", _rev: "3-ab", _deleted: true }, LAN_SALES, /does not say who made it/);
  forbidden(incoming(byId("deal:d2"), "minh"), LAN_SALES, /signed by "minh"/);
});

test("a tombstone is not checked for the record's fields, but keeps the rules of its type", () => {
  const t = { _id: "ticket:k9", _rev: "2-ab", _deleted: true, type: "ticket", updated_at: "2026-12-07T00:00:00.000Z", updated_by: "minh" };
  allowed(t, MINH_SUPPORT);
  forbidden(Object.assign(clone(t), { type: "deal" }), MINH_SUPPORT, /its id says "ticket"/);
  const settings = { _id: "settings:workspace", _rev: "4-ab", _deleted: true, type: "settings", updated_at: "2026-12-07T00:00:00.000Z", updated_by: "lan" };
  forbidden(settings, LAN_SALES, /workspace settings/);
  allowed(Object.assign(clone(settings), { updated_by: "hoa" }), HOA_ADMIN);
  forbidden({ _id: "gadget:1", _rev: "2-ab", _deleted: true, updated_by: "lan" }, LAN_SALES, /does not know/);
});

// --- rule 8: fields ------------------------------------------------------

test("every valid fixture is accepted", () => {
  for (const doc of valid) allowed(incoming(doc, "hoa"), HOA_ADMIN, null);
});

test("every invalid fixture is refused, naming its field", () => {
  for (const { field, doc } of invalid) {
    const why = forbidden(incoming(doc, "hoa"), HOA_ADMIN);
    assert.ok(why.includes(field), doc._id + ": expected the reason to name " + field + ": " + why);
  }
});

test("a record without one of its required fields is refused", () => {
  const required = {
    account: ["name"], contact: ["name"],
    deal: ["title", "pipeline_id", "stage_id", "status", "value", "stage_entered_at"],
    pipeline: ["name", "stages"],
    activity: ["kind", "channel", "journey_stage", "occurred_at"],
    stage_transition: ["subject", "subject_id", "to_stage", "occurred_at"],
    ticket: ["subject", "priority", "sla_first_response_min", "sla_resolution_min", "opened_at"],
    survey_response: ["kind", "contact_id", "answered_at"],
    persona: ["name"], journey_map: ["title", "persona_id", "columns", "lanes"],
    settings: ["locale", "currency", "stage_preset", "journey_stages"],
    record_change: ["subject_id", "changes", "occurred_at"], follow: ["subject_id", "since"],
    map_snapshot: ["map_id", "taken_at", "map"], period: ["month"],
  };
  assert.deepStrictEqual(Object.keys(required).sort(), RECORD_TYPES.slice().sort());
  for (const doc of valid.filter((d) => !d._deleted)) {
    for (const field of required[doc.type]) {
      const d = incoming(doc, "hoa");
      if (!(field in d)) continue;
      delete d[field];
      const why = forbidden(d, HOA_ADMIN);
      assert.ok(why.includes(field), doc._id + " without " + field + ": " + why);
      assert.match(why, /Correct it in Waypoint and save it again\.$/);
    }
  }
});

test("refusals list every problem of the record", () => {
  const d = incoming(byId("deal:d1"), "lan");
  d.title = "";
  d.value.amount = -1;
  const why = forbidden(d, LAN_SALES);
  assert.strictEqual(why, 'The deal "deal:d1" was refused: title must not be empty; value.amount must not be negative. Correct it in Waypoint and save it again.');
});

test("sizes are measured as the app measures them", () => {
  // 256 KiB of UTF-8 text in one top-level field, summed over nested strings.
  const a = incoming(byId("account:a1"), "lan");
  a.notes = { a: "x".repeat(128 * 1024), b: "ồ".repeat(43690) + "x" };
  assert.strictEqual(Buffer.byteLength(a.notes.a + a.notes.b), 256 * 1024 - 1);
  allowed(a, LAN_SALES);
  a.notes.b += "xy";
  forbidden(a, LAN_SALES, /notes holds more than 256 KiB of text/);
  // Four UTF-8 bytes for a character outside the BMP.
  a.notes = "x".repeat(256 * 1024 - 4) + "😀";
  allowed(a, LAN_SALES);
  a.notes += "x";
  forbidden(a, LAN_SALES, /notes/);
  // An avatar of at most 96 KiB, a map cell of at most 2000 characters.
  const p = incoming(byId("persona:p1"), "lan");
  p.avatar = "data:image/png;base64," + "A".repeat(96 * 1024 - 22);
  allowed(p, LAN_SALES);
  p.avatar += "A";
  forbidden(p, LAN_SALES, /avatar must be a data:image\/ picture of at most 96 KiB/);
  const m = incoming(byId("journey_map:m1"), "lan");
  m.cells["l2/c1"] = "😀".repeat(2000);
  allowed(m, LAN_SALES);
  m.cells["l2/c1"] += "ồ";
  forbidden(m, LAN_SALES, /cells\.l2\/c1 is longer than 2000 characters/);
});

test("blank means blank to Rust: Unicode spaces, not U+FEFF", () => {
  const a = incoming(byId("account:a1"), "lan");
  for (const s of ["", " ", "\u00a0", "\u3000\t", "\u0085", "\u2028"]) {
    a.name = s;
    forbidden(a, LAN_SALES, /name must not be empty/);
  }
  a.name = "\ufeff"; // not white space to Rust's trim: the app accepts it
  allowed(a, LAN_SALES);
});

test("times are read as the app reads them", () => {
  const t = incoming(byId("stage_transition:t1"), "lan");
  for (const ok of ["2026-11-20", "2026-11-20T09:30Z", "2026-11-20 09:30:15+00:00", "2026-11-20T09:30:15.123456789Z", " 2026-11-20T09:30:00.000Z "]) {
    t.occurred_at = ok;
    allowed(t, LAN_SALES);
  }
  for (const bad of ["", "2026-11-20T09:30", "2026-11-20T09:30:00+07:00", "2026-13-01", "2026-11-20T24:00Z", "20/11/2026", 1763631000000, null]) {
    t.occurred_at = bad;
    forbidden(t, LAN_SALES, /occurred_at must be a date and time/);
  }
});

test("checks the app does not make locally are not made on the server either, and vice versa", () => {
  for (const { why, doc } of notMirrored) allowed(incoming(doc, "hoa"), HOA_ADMIN, null);
});

test("odd values are refused or accepted, never a crash", () => {
  const odd = [null, 0, -1, 1.5, "", "x", true, [], [null], {}, { amount: "1" }];
  for (const doc of valid) {
    for (const key of Object.keys(doc)) {
      if (key.charAt(0) === "_" || key === "type" || key === "updated_by") continue;
      for (const v of odd) {
        const d = incoming(doc, "hoa");
        d[key] = clone(v);
        run(d, HOA_ADMIN); // throws only on a JavaScript error
      }
    }
  }
  run({ _id: 42, updated_by: "lan" }, LAN_SALES);
  run({ _id: "deal:1", type: "deal", updated_by: "lan", value: null, stages: null }, LAN_SALES);
  run({ _id: "journey_map:1", type: "journey_map", updated_by: "lan", columns: [null, 5], lanes: [null, "x"], cells: [], emotion: null }, LAN_SALES);
  run({ _id: "survey_response:1", type: "survey_response", updated_by: "lan", kind: "constructor" }, LAN_SALES);
  run({ _id: "period:1", type: "period", updated_by: "lan", month: "2026-01", recurring_revenue: { "__proto__": 1, "account:": null } }, LAN_SALES);
  run(incoming(byId("deal:d1"), "lan"), { db: "waypoint", name: "lan" });
});

// --- runner ---------------------------------------------------------------

let failed = 0;
for (const { name, fn } of tests) {
  try {
    fn();
    console.log("ok   " + name);
  } catch (e) {
    failed++;
    console.log("FAIL " + name + "\n     " + String(e && e.stack ? e.stack : e).split("\n").join("\n     "));
  }
}
console.log((tests.length - failed) + " of " + tests.length + " passed");
process.exit(failed ? 1 : 0);
