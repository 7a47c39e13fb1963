// The demo host's own script: fills the demo workspace once, wires the search
// box to the board's filter API, and lists the events Waypoint sends.
const board = document.getElementById("partner-board");
const status = document.getElementById("demo-status");
const log = document.getElementById("event-log");

for (const name of ["waypoint-select", "waypoint-change", "waypoint-sync-status", "waypoint-error"]) {
  document.addEventListener(name, (event) => {
    const item = document.createElement("li");
    item.dataset.event = name;
    const detail = JSON.stringify(event.detail);
    item.textContent = `${name} ${detail.length > 160 ? detail.slice(0, 160) + "…" : detail}`;
    log.prepend(item);
    while (log.children.length > 20) log.lastChild.remove();
  });
}

document.getElementById("deal-search").addEventListener("input", (event) => {
  board.setFilter({ q: event.target.value });
});

customElements.whenDefined("waypoint-view").then(async () => {
  try {
    const filled = await board.loadSampleData();
    status.textContent = filled ? "Demo workspace filled with sample data." : "Demo workspace ready.";
  } catch (error) {
    status.textContent = "The demo workspace could not be prepared: " + error;
  }
});
