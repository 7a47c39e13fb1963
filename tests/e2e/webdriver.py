"""A minimal W3C WebDriver client (stdlib only) that finds elements the way a
person does: by ARIA role and accessible name, using the browser's own
computed role and label (WebDriver's computedrole / computedlabel)."""

import base64
import json
import time
import urllib.error
import urllib.request

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
# Where each role can come from. This only narrows the search: the browser's
# computed role and accessible name decide what matches.
ROLE_SOURCES = {
    "button": "button,[role=button],input[type=button],input[type=submit]",
    "link": "a[href],[role=link]",
    "heading": "h1,h2,h3,h4,h5,h6,[role=heading]",
    "navigation": "nav,[role=navigation]",
    "table": "table,[role=table],[role=grid]",
    "searchbox": "input[type=search],[role=searchbox]",
    "textbox": "input,textarea,[role=textbox]",
    "combobox": "select,input,[role=combobox]",
    "radio": "input[type=radio],[role=radio]",
    "checkbox": "input[type=checkbox],[role=checkbox]",
    "progressbar": "progress,[role=progressbar]",
    "status": "[role=status],output",
    "alert": "[role=alert]",
    "alertdialog": "[role=alertdialog]",
    "dialog": "dialog,[role=dialog]",
    "group": "fieldset,[role=group]",
    "region": "section,[role=region]",
    "form": "form,[role=form]",
    "list": "ul,ol,[role=list]",
    "rowheader": "th,[role=rowheader]",
    "columnheader": "th,[role=columnheader]",
    "slider": "input[type=range],[role=slider]",
    "article": "article,[role=article]",
    "row": "tr,[role=row]",
}
ANY_ROLE = ",".join(sorted(set(",".join(ROLE_SOURCES.values()).split(","))))


class WebDriverError(Exception):
    pass


SHADOW_KEY = "shadow-6066-11e4-a52e-4f735466cecf"


class Shadow:
    """A shadow root, as WebDriver names it; pass as `within=` to search inside."""

    def __init__(self, ident):
        self.id = ident


class Session:
    def __init__(self, driver_url, chromium="/usr/bin/chromium", user_data_dir=None):
        self.base = driver_url.rstrip("/")
        args = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", "--window-size=1280,900",
        ]
        if user_data_dir:
            args.append(f"--user-data-dir={user_data_dir}")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}}
        value = self._call("POST", "/session", caps)
        self.id = value["sessionId"]

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                payload = json.load(resp)
        except urllib.error.HTTPError as e:
            payload = json.load(e)
            raise WebDriverError(f"{method} {path}: {payload.get('value', payload)}") from None
        return payload["value"]

    def cmd(self, method, path, body=None):
        return self._call(method, f"/session/{self.id}{path}", body)

    def quit(self):
        try:
            self.cmd("DELETE", "")
        except Exception:
            pass

    # navigation
    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def refresh(self):
        self.cmd("POST", "/refresh", {})

    def script(self, source, *args):
        return self.cmd("POST", "/execute/sync", {"script": source, "args": list(args)})

    def screenshot(self, path):
        png = base64.b64decode(self.cmd("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)

    # elements
    def css_all(self, selector, within=None):
        """Elements matching `selector`: in the page, inside an element, or inside a
        shadow root (a `Shadow` from `shadow_of`)."""
        if isinstance(within, Shadow):
            path = f"/shadow/{within.id}/elements"
        else:
            path = f"/element/{within}/elements" if within else "/elements"
        found = self.cmd("POST", path, {"using": "css selector", "value": selector})
        return [e[ELEMENT_KEY] for e in found]

    def shadow_of(self, el):
        """The open shadow root of `el` (a custom element), to search inside."""
        return Shadow(self.cmd("GET", f"/element/{el}/shadow")[SHADOW_KEY])

    def role(self, el):
        return self.cmd("GET", f"/element/{el}/computedrole")

    def name(self, el):
        return self.cmd("GET", f"/element/{el}/computedlabel").strip()

    def text(self, el):
        return self.cmd("GET", f"/element/{el}/text")

    def attr(self, el, name):
        return self.cmd("GET", f"/element/{el}/attribute/{name}")

    def prop(self, el, name):
        return self.cmd("GET", f"/element/{el}/property/{name}")

    def click(self, el):
        self.cmd("POST", f"/element/{el}/click", {})

    def type(self, el, text):
        self.cmd("POST", f"/element/{el}/value", {"text": text})

    def clear(self, el):
        self.cmd("POST", f"/element/{el}/clear", {})

    def press_enter(self, el):
        self.type(el, "\ue007")

    def press_escape(self, el):
        self.type(el, "\ue00c")

    def keys(self, *keys, hold=None):
        """Presses keys on the focused element, as a keyboard would (W3C actions).
        `hold` is a modifier ("\ue009" = Control) held around the presses."""
        actions = []
        if hold:
            actions.append({"type": "keyDown", "value": hold})
        for k in keys:
            actions += [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]
        if hold:
            actions.append({"type": "keyUp", "value": hold})
        self.cmd("POST", "/actions", {"actions": [{"type": "key", "id": "kbd", "actions": actions}]})
        self.cmd("DELETE", "/actions")

    def drag(self, el, to_xy, pointer_type="mouse", steps=12, offset=(0, 0)):
        """Presses on `el` (centre + offset), moves in steps to viewport point
        `to_xy`, pausing there so auto-scroll settles, and releases: real pointer events."""
        x, y = to_xy
        acts = [{"type": "pointerMove", "duration": 0, "origin": {ELEMENT_KEY: el},
                 "x": offset[0], "y": offset[1]},
                {"type": "pointerDown", "button": 0}]
        rect = self.script("const r = arguments[0].getBoundingClientRect();"
                           "return [r.left + r.width / 2, r.top + r.height / 2];", {ELEMENT_KEY: el})
        sx, sy = rect[0] + offset[0], rect[1] + offset[1]
        for i in range(1, steps + 1):
            acts.append({"type": "pointerMove", "duration": 30, "origin": "viewport",
                         "x": int(sx + (x - sx) * i / steps), "y": int(sy + (y - sy) * i / steps)})
        acts += [{"type": "pause", "duration": 100}, {"type": "pointerUp", "button": 0}]
        self.cmd("POST", "/actions", {"actions": [{
            "type": "pointer", "id": f"p-{pointer_type}",
            "parameters": {"pointerType": pointer_type}, "actions": acts}]})
        self.cmd("DELETE", "/actions")

    # windows and tabs
    def window(self):
        return self.cmd("GET", "/window")

    def new_tab(self):
        """Opens a tab and switches to it; returns the previous window handle."""
        before = self.window()
        handle = self.cmd("POST", "/window/new", {"type": "tab"})["handle"]
        self.cmd("POST", "/window", {"handle": handle})
        return before

    def close_tab(self, back_to):
        self.cmd("DELETE", "/window")
        self.cmd("POST", "/window", {"handle": back_to})

    def active(self):
        return self.cmd("GET", "/element/active")[ELEMENT_KEY]

    def all_by_role(self, role, name=None, within=None):
        out = []
        for el in self.css_all(ROLE_SOURCES.get(role, ANY_ROLE), within):
            try:
                if self.role(el) != role:
                    continue
                if name is not None and self.name(el) != name:
                    continue
            except WebDriverError:
                continue  # element went stale while we looked
            out.append(el)
        return out

    def by_role(self, role, name=None, within=None, timeout=20.0):
        """Waits until exactly one element has this role (and name), and returns it."""
        deadline = time.time() + timeout
        last = []
        while time.time() < deadline:
            last = self.all_by_role(role, name, within)
            if len(last) == 1:
                return last[0]
            time.sleep(0.25)
        raise AssertionError(f"expected one {role!r} named {name!r}, found {len(last)}")

    def by_label(self, name, timeout=20.0):
        """The one form field whose accessible name is `name`: for fields with no
        ARIA role (a password input), found by its label as a person would."""
        def one():
            found = [el for el in self.css_all("input, select, textarea") if self.name(el) == name]
            return found[0] if len(found) == 1 else None
        return self.wait_for(one, f"one field labelled {name!r}", timeout)

    def wait_for(self, predicate, what, timeout=20.0):
        deadline = time.time() + timeout
        last_error = None
        while time.time() < deadline:
            try:
                value = predicate()
                if value:
                    return value
            except (WebDriverError, AssertionError) as e:
                last_error = e
            time.sleep(0.25)
        raise AssertionError(f"timed out waiting for {what} ({last_error})")
