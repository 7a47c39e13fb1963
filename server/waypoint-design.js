// The server-side rules of a Waypoint team database on CouchDB 3: the
// `validate_doc_update` function of `_design/waypoint`, and its version.
//
// CouchDB compiles the function's source text on its own, in a sandbox (the
// SpiderMonkey or QuickJS query server): everything it needs is inside it, and
// it is written in ES5 (no arrow functions, no let/const, no template strings).
// `node server/build-design.js` turns this file into waypoint-design.json, the
// body to PUT; `node server/validate.test.js` tests that JSON. See
// docs/team-server.md.
//
// Bump `version` (date, then a counter) whenever the function changes.

var version = "2026-12-07.1";

function validate_doc_update(newDoc, oldDoc, userCtx, secObj) {
  // The record types Waypoint knows: `type` of a document and its `_id`
  // prefix (`RecordType::as_str`, src/domain/records/mod.rs). A Rust test
  // (src/domain/server_rules.rs) keeps this list in step with the app.
  var RECORD_TYPES = ["account", "contact", "deal", "pipeline", "activity", "stage_transition", "ticket", "survey_response", "persona", "journey_map", "settings", "record_change", "follow", "map_snapshot", "period"];
  // Types only workspace admins may write. `members` is not a Waypoint record
  // yet: the server is ready for the `members:workspace` document.
  var ADMIN_TYPES = ["settings", "pipeline", "members"];
  var MEMBERS_ID = "members:workspace";
  // Roles that may write records; `waypoint-admin` may also write ADMIN_TYPES.
  var WRITER_ROLES = ["waypoint-admin", "waypoint-sales", "waypoint-support"];
  var PARTNER_PREFIX = "waypoint-partner-";
  // The most text one top-level field may hold, in UTF-8 bytes
  // (`MAX_FIELD_BYTES`, src/domain/doc.rs).
  var MAX_FIELD_BYTES = 256 * 1024;
  var AVATAR_MAX_BYTES = 96 * 1024;
  var CELL_MAX_CHARS = 2000;

  // `oldDoc` and `secObj` are not needed: the id prefix fixes a document's
  // type for good, and `_security` (server/security.json) has already let
  // only members through.
  var roles = (userCtx && userCtx.roles) || [];
  var name = userCtx ? userCtx.name : null;
  var id = newDoc._id;

  function has(list, x) {
    for (var i = 0; i < list.length; i++) {
      if (list[i] === x) return true;
    }
    return false;
  }
  function isArray(v) {
    return Object.prototype.toString.call(v) === "[object Array]";
  }
  function isObject(v) {
    return v !== null && typeof v === "object" && !isArray(v);
  }
  function quote(s) {
    return JSON.stringify(s);
  }

  // Rule 1: server admins write anything (set-up, and the server-side
  // replication that fills each partner's database, run as admin).
  if (has(roles, "_admin")) return;

  // Rule 2: nobody writes without signing in.
  if (name === null || name === undefined) {
    throw({unauthorized: "Sign in to change this database: in Waypoint, enter your server user name and password in Settings, under Sync with a CouchDB server."});
  }

  // Rule 3: partners only read (their own database, filled by the server); a
  // user needs waypoint-sales, waypoint-support or waypoint-admin to write.
  var writer = false;
  var partner = "";
  for (var r = 0; r < roles.length; r++) {
    if (has(WRITER_ROLES, roles[r])) writer = true;
    if (typeof roles[r] === "string" && roles[r].indexOf(PARTNER_PREFIX) === 0 && roles[r].length > PARTNER_PREFIX.length) partner = roles[r];
  }
  var admin = has(roles, "waypoint-admin");
  if (!writer && partner) {
    throw({forbidden: "The user " + quote(name) + " has partner access (" + partner + "), which can read but not change records. If you need to make changes, ask the server admin for the waypoint-sales or waypoint-support role."});
  }
  if (!writer) {
    throw({forbidden: "The user " + quote(name) + " has no Waypoint role on this server, so it cannot change records. Ask the server admin to give it the waypoint-sales, waypoint-support or waypoint-admin role."});
  }

  // Rule 4: the id is `<type>:<local id>`, the type one Waypoint knows.
  var colon = typeof id === "string" ? id.indexOf(":") : -1;
  var prefix = colon > 0 ? id.substring(0, colon) : "";
  if (colon <= 0 || colon === id.length - 1) {
    throw({forbidden: "The document id " + quote(id) + " is not a Waypoint id (type:local-id, e.g. deal:42). Only Waypoint records can be stored in this database."});
  }
  if (!has(RECORD_TYPES, prefix) && prefix !== "members") {
    throw({forbidden: "The document " + quote(id) + " has the type " + quote(prefix) + ", which Waypoint does not know. Update Waypoint on every device, or ask an admin to update the rules of this database (_design/waypoint)."});
  }
  if (prefix === "members" && id !== MEMBERS_ID) {
    throw({forbidden: "The workspace has one members document, " + quote(MEMBERS_ID) + "; " + quote(id) + " cannot be stored."});
  }

  // Rule 5: workspace settings, pipelines and the members list are for admins.
  if (has(ADMIN_TYPES, prefix) && !admin) {
    throw({forbidden: "Only a workspace admin (role waypoint-admin) can change " + (prefix === "settings" ? "the workspace settings" : prefix === "pipeline" ? "pipelines" : "the members list") + " (" + quote(id) + "). Ask a workspace admin to make this change."});
  }

  // Rule 6: every revision names its author, and the author is the signed-in
  // user. Waypoint writes `updated_by` on every revision, tombstones included
  // (`Doc::tombstone` keeps `type` and sets `updated_at`/`updated_by`), so a
  // deletion without it did not come from Waypoint and is refused too.
  var by = newDoc.updated_by;
  if (by !== name) {
    if (typeof by !== "string" || by === "") {
      throw({forbidden: "The change to " + quote(id) + " does not say who made it (updated_by is missing). In Waypoint, set the user name under Settings, Sync with a CouchDB server, to " + quote(name) + ", then make the change again."});
    }
    throw({forbidden: "The change to " + quote(id) + " is signed by " + quote(by) + " (updated_by), but you are signed in as " + quote(name) + ". A change can only be sent by the user who made it: sign in as " + quote(by) + ", or make the change again while signed in as " + quote(name) + "."});
  }

  // Rule 7: `type` equals the id prefix (a tombstone may lack it: the id says
  // what it was).
  if (newDoc._deleted === true && (newDoc.type === undefined || newDoc.type === null)) return;
  if (newDoc.type !== prefix) {
    throw({forbidden: "The document " + quote(id) + " has the type " + quote(newDoc.type === undefined ? "" : newDoc.type) + ", but its id says " + quote(prefix) + ". Waypoint documents carry their type in both."});
  }
  if (newDoc._deleted === true) return;

  // Rule 8: each type's fields, as the app checks them before it stores a
  // record (the `validate()` of src/domain/records/*.rs, and the size rule of
  // `Doc::validate`). Not mirrored, because they need other documents, cost
  // more than they protect, or only matter to the device that reads them:
  // - that a deal's stage is in its pipeline, or an activity's journey stage
  //   in the workspace's stage set (`validate_in`: needs other documents);
  // - that referenced ids (account_id, contact_id, persona_id, ...) exist;
  // - the types of optional fields beyond the enumerations checked here
  //   (e.g. `owner` being text, `consents[].source`, `support_lead`,
  //   `location` being an object) and every nested field of settings (source
  //   rules, SLA hours, lead assignment);
  // - the width of whole numbers beyond the ranges checked here (an amount
  //   past i64), and 50 versus 50.0: JSON numbers reach the function as
  //   plain numbers;
  // - that a date exists in its month (2026-02-30 has the right shape);
  // - `schema`, `updated_at` and unknown fields: the app keeps what it does
  //   not know.
  var problems = [];
  function problem(field, what) {
    problems.push(field + " " + what);
  }
  // White space as Rust sees it (`char::is_whitespace`, `str::trim`: Unicode
  // White_Space); JavaScript's \s differs (it has U+FEFF, lacks U+0085).
  var SPACE = /[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  var BLANK = /^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  function blank(s) {
    return BLANK.test(s);
  }
  function trim(s) {
    var a = 0, b = s.length;
    while (a < b && SPACE.test(s.charAt(a))) a++;
    while (b > a && SPACE.test(s.charAt(b - 1))) b--;
    return s.substring(a, b);
  }
  function text(field, v) {
    if (typeof v !== "string") problem(field, "must be text");
  }
  function required(field, v) {
    if (typeof v !== "string") problem(field, "is required");
    else if (blank(v)) problem(field, "must not be empty");
  }
  function oneOf(field, v, allowed) {
    if (!has(allowed, v)) problem(field, "must be one of " + allowed.join(", ") + (v === undefined ? " (it is missing)" : " (it is " + quote(v) + ")"));
  }
  function optionalOneOf(field, v, allowed) {
    if (v !== undefined && v !== null) oneOf(field, v, allowed);
  }
  function integer(field, v, lo, hi) {
    if (typeof v !== "number" || v % 1 !== 0) problem(field, "must be a whole number");
    else if (v < lo || v > hi) problem(field, "must be between " + lo + " and " + hi);
  }
  function number(field, v, lo, hi) {
    if (typeof v !== "number") problem(field, "must be a number");
    else if (!(v >= lo && v <= hi)) problem(field, "must be between " + lo + " and " + hi);
  }
  function array(field, v, nonEmpty) {
    if (!isArray(v)) {
      problem(field, "must be a list");
      return [];
    }
    if (nonEmpty && v.length === 0) problem(field, "must not be empty");
    return v;
  }
  // Milliseconds since 1970 of a Waypoint time (`Timestamp::parse`:
  // YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fff]] in UTC), or null.
  function time(v) {
    if (typeof v !== "string") return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?(?:Z|\+00:00))?$/.exec(trim(v));
    if (!m) return null;
    var mo = +m[2], d = +m[3], h = +(m[4] || 0), mi = +(m[5] || 0), s = +(m[6] || 0);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    var ms = m[7] ? +((m[7] + "00").substring(0, 3)) : 0;
    return Date.UTC(+m[1], mo - 1, d, h, mi, s, ms);
  }
  function when(field, v) {
    var t = time(v);
    if (t === null) problem(field, "must be a date and time like 2026-12-07T09:30:00.000Z");
    return t;
  }
  function money(field, v) {
    if (!isObject(v)) {
      problem(field, "must be an amount with a currency");
      return;
    }
    if (typeof v.amount !== "number" || v.amount % 1 !== 0) problem(field + ".amount", "must be a whole number of the currency's smallest unit");
    else if (v.amount < 0) problem(field + ".amount", "must not be negative");
    oneOf(field + ".currency", v.currency, ["VND", "USD", "EUR"]);
  }
  function optionalMoney(field, v) {
    if (v !== undefined && v !== null) money(field, v);
  }
  // `validate::is_email`: one @, a local part, a dotted domain, no spaces.
  function email(field, v) {
    if (typeof v !== "string") return problem(field, "must be text");
    if (v === "") return;
    var at = v.indexOf("@");
    var local = at < 0 ? "" : v.substring(0, at);
    var domain = at < 0 ? "" : v.substring(at + 1);
    var parts = domain.split(".");
    var ok = at > 0 && domain.indexOf("@") < 0 && !SPACE.test(v) && parts.length >= 2;
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "") ok = false;
    }
    if (!ok || local === "") problem(field, "is not an email address (name@example.com)");
  }
  function utf8Bytes(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
  function textBytes(v) {
    var n = 0;
    if (typeof v === "string") return utf8Bytes(v);
    if (isArray(v)) {
      for (var i = 0; i < v.length; i++) n += textBytes(v[i]);
    } else if (isObject(v)) {
      for (var k in v) {
        if (Object.prototype.hasOwnProperty.call(v, k)) n += textBytes(v[k]);
      }
    }
    return n;
  }
  function chars(s) {
    return s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "x").length;
  }
  // Ids that must be unique within one list (stages, columns and steps).
  function unique(field, seen, key) {
    if (typeof key !== "string") return;
    if (Object.prototype.hasOwnProperty.call(seen, "#" + key)) problem(field, "repeats the id " + quote(key));
    seen["#" + key] = true;
  }

  // `JourneyMap::validate`, also for the copy inside a map snapshot.
  function journeyMap(p, m) {
    if (!isObject(m)) return problem(p.replace(/\.$/, ""), "must be a journey map");
    required(p + "title", m.title);
    required(p + "persona_id", m.persona_id);
    var columns = array(p + "columns", m.columns, true);
    var seen = {};
    for (var i = 0; i < columns.length; i++) {
      var c = columns[i] || {};
      var cp = p + "columns[" + i + "]";
      text(cp + ".id", c.id);
      unique(cp + ".id", seen, c.id);
      var steps = c.steps === undefined ? [] : array(cp + ".steps", c.steps, false);
      for (var j = 0; j < steps.length; j++) {
        var st = steps[j] || {};
        text(cp + ".steps[" + j + "].id", st.id);
        text(cp + ".steps[" + j + "].name", st.name);
        unique(cp + ".steps[" + j + "].id", seen, st.id);
      }
    }
    var lanes = array(p + "lanes", m.lanes, false);
    for (var l = 0; l < lanes.length; l++) {
      var lane = lanes[l] || {};
      text(p + "lanes[" + l + "].id", lane.id);
      oneOf(p + "lanes[" + l + "].kind", lane.kind, ["mindset", "emotion", "touchpoints", "channels", "pains", "opportunities", "departments", "metrics", "custom"]);
      if (lane.kind === "custom") required(p + "lanes[" + l + "].title", lane.title);
    }
    if (isObject(m.cells)) {
      for (var k in m.cells) {
        if (Object.prototype.hasOwnProperty.call(m.cells, k)) {
          if (typeof m.cells[k] !== "string") problem(p + "cells." + k, "must be text");
          else if (chars(m.cells[k]) > CELL_MAX_CHARS) problem(p + "cells." + k, "is longer than " + CELL_MAX_CHARS + " characters");
        }
      }
    }
    var feelings = ["emotion", "emotion_to_be"];
    for (var f = 0; f < feelings.length; f++) {
      var e = m[feelings[f]];
      if (isObject(e)) {
        for (var ek in e) {
          if (Object.prototype.hasOwnProperty.call(e, ek)) integer(p + feelings[f] + "." + ek, e[ek], -2, 2);
        }
      }
    }
  }

  var d = newDoc;
  var i;
  for (var key in d) {
    if (Object.prototype.hasOwnProperty.call(d, key) && key.charAt(0) !== "_" && textBytes(d[key]) > MAX_FIELD_BYTES) {
      problem(key, "holds more than 256 KiB of text");
    }
  }
  if (prefix === "account") {
    required("name", d.name);
  } else if (prefix === "contact") {
    required("name", d.name);
    if (d.email !== undefined) email("email", d.email);
    var consents = d.consents === undefined || d.consents === null ? [] : array("consents", d.consents, false);
    for (i = 0; i < consents.length; i++) {
      required("consents[" + i + "].purpose", (consents[i] || {}).purpose);
    }
  } else if (prefix === "deal") {
    required("title", d.title);
    required("pipeline_id", d.pipeline_id);
    required("stage_id", d.stage_id);
    oneOf("status", d.status, ["open", "won", "lost"]);
    money("value", d.value);
    if (d.probability !== undefined && d.probability !== null) integer("probability", d.probability, 0, 100);
    when("stage_entered_at", d.stage_entered_at);
  } else if (prefix === "pipeline") {
    required("name", d.name);
    var stages = array("stages", d.stages, true);
    var stageIds = {};
    for (i = 0; i < stages.length; i++) {
      var s = stages[i] || {};
      if (typeof s.id !== "string" || blank(s.id) || SPACE.test(s.id)) problem("stages[" + i + "].id", "must be an id without spaces");
      else unique("stages[" + i + "].id", stageIds, s.id);
      required("stages[" + i + "].name", s.name);
      integer("stages[" + i + "].probability", s.probability, 0, 100);
      if (s.wip_limit === 0) problem("stages[" + i + "].wip_limit", "must be at least 1");
    }
  } else if (prefix === "activity") {
    oneOf("kind", d.kind, ["call", "email", "meeting", "field_visit", "note", "chat", "webinar", "ad_click", "page_view", "purchase", "churn"]);
    oneOf("channel", d.channel, ["website", "landing_page", "app", "social", "blog", "email", "webinar", "live_chat", "review_site", "community", "phone", "store", "field", "demo", "support", "knowledge_base"]);
    required("journey_stage", d.journey_stage);
    when("occurred_at", d.occurred_at);
    if (d.emotion !== undefined) integer("emotion", d.emotion, -2, 2);
    if (d.kind === "churn") required("reason", d.reason);
    if (isObject(d.location)) {
      number("location.lat", d.location.lat, -90, 90);
      number("location.lon", d.location.lon, -180, 180);
    }
    if ((d.contact_id === undefined || d.contact_id === null) && (d.account_id === undefined || d.account_id === null)) {
      problem("contact_id", "is required (or account_id): an activity belongs to a contact or an account");
    }
  } else if (prefix === "stage_transition") {
    oneOf("subject", d.subject, ["deal", "contact"]);
    required("subject_id", d.subject_id);
    required("to_stage", d.to_stage);
    when("occurred_at", d.occurred_at);
  } else if (prefix === "ticket") {
    required("subject", d.subject);
    oneOf("priority", d.priority, ["low", "normal", "high", "urgent"]);
    optionalOneOf("status", d.status, ["new", "open", "pending_customer", "resolved", "closed"]);
    optionalOneOf("channel", d.channel, ["website", "landing_page", "app", "social", "blog", "email", "webinar", "live_chat", "review_site", "community", "phone", "store", "field", "demo", "support", "knowledge_base"]);
    integer("sla_first_response_min", d.sla_first_response_min, 0, 4294967295);
    integer("sla_resolution_min", d.sla_resolution_min, 0, 4294967295);
    var opened = when("opened_at", d.opened_at);
    var later = ["first_response_at", "resolved_at"];
    for (i = 0; i < later.length; i++) {
      if (d[later[i]] !== undefined && d[later[i]] !== null) {
        var t = when(later[i], d[later[i]]);
        if (t !== null && opened !== null && t < opened) problem(later[i], "must not be before opened_at");
      }
    }
  } else if (prefix === "survey_response") {
    oneOf("kind", d.kind, ["nps", "csat", "ces"]);
    var scales = {nps: [0, 10], csat: [1, 5], ces: [1, 7]};
    var scale = Object.prototype.hasOwnProperty.call(scales, d.kind) ? scales[d.kind] : null;
    if (scale) integer("score", d.score, scale[0], scale[1]);
    required("contact_id", d.contact_id);
    when("answered_at", d.answered_at);
  } else if (prefix === "persona") {
    required("name", d.name);
    if (typeof d.avatar === "string" && d.avatar !== "" && (d.avatar.indexOf("data:image/") !== 0 || utf8Bytes(d.avatar) > AVATAR_MAX_BYTES)) {
      problem("avatar", "must be a data:image/ picture of at most 96 KiB");
    }
  } else if (prefix === "journey_map") {
    journeyMap("", d);
  } else if (prefix === "map_snapshot") {
    required("map_id", d.map_id);
    when("taken_at", d.taken_at);
    journeyMap("map.", d.map);
  } else if (prefix === "settings") {
    oneOf("locale", d.locale, ["vi", "en"]);
    oneOf("currency", d.currency, ["VND", "USD", "EUR"]);
    oneOf("stage_preset", d.stage_preset, ["classic", "lifecycle", "saas"]);
    var journey = array("journey_stages", d.journey_stages, true);
    var journeyIds = {};
    for (i = 0; i < journey.length; i++) {
      var js = journey[i] || {};
      if (typeof js.id !== "string" || blank(js.id)) problem("journey_stages[" + i + "].id", "must not be empty");
      else unique("journey_stages[" + i + "].id", journeyIds, js.id);
      text("journey_stages[" + i + "].en", js.en);
      text("journey_stages[" + i + "].vi", js.vi);
    }
  } else if (prefix === "record_change") {
    required("subject_id", d.subject_id);
    array("changes", d.changes, false);
    when("occurred_at", d.occurred_at);
  } else if (prefix === "follow") {
    required("subject_id", d.subject_id);
    when("since", d.since);
  } else if (prefix === "period") {
    if (typeof d.month !== "string" || blank(d.month)) problem("month", "is required");
    else if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(d.month)) problem("month", "must be a month like 2026-12");
    optionalMoney("acquisition_spend", d.acquisition_spend);
    optionalMoney("revenue", d.revenue);
    if (isObject(d.recurring_revenue)) {
      for (var account in d.recurring_revenue) {
        if (Object.prototype.hasOwnProperty.call(d.recurring_revenue, account)) {
          if (account.indexOf("account:") !== 0 || blank(account.substring(8))) problem("recurring_revenue." + account, "must be keyed by an account id (account:...)");
          money("recurring_revenue." + account, d.recurring_revenue[account]);
        }
      }
    }
  }
  // `members`: no fields are defined yet; admins only (rule 5).

  if (problems.length > 0) {
    throw({forbidden: "The " + prefix.replace(/_/g, " ") + " " + quote(id) + " was refused: " + problems.join("; ") + ". Correct it in Waypoint and save it again."});
  }
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = {version: version, validate_doc_update: validate_doc_update};
}
