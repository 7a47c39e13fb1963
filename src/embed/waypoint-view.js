// <waypoint-view>: Waypoint's board, a customer timeline, a journey map or the record counts
// inside a partner's page. The build writes this file as /waypoint-embed.js with
// this build's file names in place of the __WAYPOINT_…__ markers
// (scripts/embed_loader.py). A host page needs only:
//
//   <script type="module" src="https://crm.example/waypoint-embed.js"></script>
//   <waypoint-view view="board" readonly accounts="account:a0001" workspace="partner-a"></waypoint-view>
//
// No inline script or style is used, so a strict Content-Security-Policy works
// (see README "Embed in your portal").
import init, { mountView } from "./__WAYPOINT_GLUE__";

const WASM = new URL("./__WAYPOINT_WASM__", import.meta.url);
const CSS = new URL("./__WAYPOINT_CSS__", import.meta.url);
const ATTRIBUTES = ["view", "pipeline", "record", "map", "locale", "readonly", "accounts", "workspace", "server", "database"];

// One wasm instance for every element on the page. The flag tells Waypoint's
// own start-up code not to mount the full app into the host's <body>.
let booted = null;
function boot() {
  if (!booted) {
    globalThis.__waypointEmbedded = true;
    booted = init({ module_or_path: WASM });
  }
  return booted;
}

class WaypointView extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #handle = null;
  #credentials = null;
  #tokenProvider = null;
  #pending = null;
  #scheduled = false;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  /** `{ username, password }` for a CouchDB session; never an attribute. */
  set credentials(value) {
    this.#credentials = value || null;
    if (this.#handle && this.hasAttribute("server")) this.#handle.setCredentials(this.#credentials);
  }

  /** An async function returning a bearer token (CouchDB JWT); asked again after a 401. */
  set tokenProvider(fn) {
    this.#tokenProvider = typeof fn === "function" ? fn : null;
    if (this.isConnected) this.#render();
  }

  /** Board filters, the board URL's keys: owner, account, min, max, cur, from, to, rotting, q, pipeline. */
  setFilter(filters) {
    if (!this.#handle) throw new Error("waypoint-view is not ready yet");
    this.#handle.setFilter(filters);
  }

  /** Shows another view: `{ view, record, map, pipeline }` become attributes. */
  navigate(target) {
    for (const key of ["view", "record", "map", "pipeline"]) {
      if (target && key in target) {
        if (target[key] == null) this.removeAttribute(key);
        else this.setAttribute(key, String(target[key]));
      }
    }
  }

  /** Fills an empty workspace with the sample data (demos); resolves to whether it did. */
  async loadSampleData() {
    await this.#pending;
    if (!this.#handle) throw new Error("waypoint-view is not mounted");
    return this.#handle.loadSampleData();
  }

  /** Resolves once the view is mounted (or its attributes were refused). */
  get ready() {
    return this.#pending || Promise.resolve();
  }

  connectedCallback() {
    this.addEventListener("waypoint-sync-status", this.#onSyncStatus);
    this.#render();
  }

  disconnectedCallback() {
    this.removeEventListener("waypoint-sync-status", this.#onSyncStatus);
    this.#unmount();
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (this.isConnected && oldValue !== newValue) this.#render();
  }

  #unmount() {
    if (this.#handle) {
      this.#handle.free();
      this.#handle = null;
    }
  }

  // A refused token is refreshed once per failure, backing off (1 s, 2 s, … 60 s)
  // while the server keeps refusing; a successful round resets the delay.
  #refreshing = false;
  #refreshDelay = 1000;
  #onSyncStatus = async (event) => {
    if (event.target !== this) return;
    const d = event.detail || {};
    if (d.state === "synced") this.#refreshDelay = 1000;
    if (d.status !== 401 || !this.#tokenProvider || this.#refreshing) return;
    this.#refreshing = true;
    try {
      await new Promise((resolve) => setTimeout(resolve, this.#refreshDelay));
      this.#refreshDelay = Math.min(this.#refreshDelay * 2, 60000);
      const token = await this.#tokenProvider();
      if (this.#handle && this.isConnected) this.#handle.setCredentials({ token });
    } finally {
      this.#refreshing = false;
    }
  };

  #render() {
    // Attributes arrive one by one while the element is parsed or upgraded:
    // mount once for all of them.
    if (this.#scheduled) return;
    this.#scheduled = true;
    const run = async () => {
      this.#scheduled = false;
      await boot();
      let credentials = this.#credentials;
      if (this.#tokenProvider && this.hasAttribute("server")) {
        credentials = { token: await this.#tokenProvider() };
      }
      // Removed while loading: mount nothing (disconnectedCallback has run).
      if (!this.isConnected) return;
      const config = {};
      for (const name of ATTRIBUTES) {
        if (this.hasAttribute(name)) config[name] = this.getAttribute(name);
      }
      this.#unmount();
      const shadow = this.shadowRoot;
      shadow.replaceChildren();
      const sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = CSS.href;
      const container = document.createElement("div");
      container.className = "waypoint-root";
      shadow.append(sheet, container);
      try {
        this.#handle = mountView(container, shadow, this, JSON.stringify(config), credentials);
      } catch (error) {
        const message = String(error && error.message ? error.message : error);
        const alert = document.createElement("p");
        alert.setAttribute("role", "alert");
        alert.className = "error";
        alert.textContent = "waypoint-view: " + message;
        container.append(alert);
        this.dispatchEvent(new CustomEvent("waypoint-error", { detail: { message }, bubbles: true, composed: true }));
      }
    };
    this.#pending = (this.#pending || Promise.resolve()).then(run, run);
    return this.#pending;
  }
}

if (!customElements.get("waypoint-view")) customElements.define("waypoint-view", WaypointView);
