"""The front desk in a real browser: headless Chromium driven over the
DevTools protocol (python3-websocket), as a receptionist would use it.

    serve_browser.py CHROMIUM URL OUTDIR CSV

With JavaScript: the preview appears by itself, the language search filters,
the language is clicked, the name typed (Arabic), the date filled, the PDF
downloaded; labels, lang attributes and focus order read from the DOM;
screenshots at desk and phone widths; a booklet picked (the patient's fields
set aside), then "two cards on one A4 sheet", its preview and its PDF;
today's list uploaded, its map changed, the merged PDF and the same on A4
sheets downloaded. Then with JavaScript turned off: the same card
by clicks and typing only, downloaded, and the preview page by its button.
Writes OUTDIR/*.png, *.html, *.pdf and result.json; exits 1 with a message
when a step fails."""
import base64
import json
import os
import re
import subprocess
import sys
import time

import websocket

CHROMIUM, URL, OUT, CSV = sys.argv[1:5]
NAME = "فاطمة الزهراء"
result = {}
T0 = time.time()


def step(what):
    print("%6.1f s  %s" % (time.time() - T0, what), file=sys.stderr)


BROWSERS = []


def fail(msg):
    print("FAIL (browser): " + msg, file=sys.stderr)
    for p in BROWSERS:  # never leave a browser running
        p.kill()
        p.wait()
    sys.exit(1)


class Browser:
    def __init__(self, profile):
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--remote-debugging-port=0",
             "--user-data-dir=" + profile, "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        BROWSERS.append(self.proc)
        ws = None
        deadline = time.time() + 60
        while time.time() < deadline and ws is None:
            line = self.proc.stderr.readline()
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                ws = m.group(1)
            elif not line and self.proc.poll() is not None:
                fail("chromium exited before it listened")
        if not ws:
            fail("chromium gave no DevTools address in 60 s")
        self.ws = websocket.create_connection(ws, timeout=60, suppress_origin=True)
        self.id = 0
        self.events = []
        self._root = None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def call(self, method, session=None, **params):
        self.id += 1
        msg = {"id": self.id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            r = json.loads(self.ws.recv())
            if r.get("id") == self.id:
                if "error" in r:
                    fail("%s: %s" % (method, r["error"]))
                return r.get("result", {})
            self.events.append(r)

    def page(self, method, **params):
        return self.call(method, session=self.session, **params)

    def wait_event(self, name, timeout=60, match=lambda p: True):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == name and match(e.get("params", {})):
                    del self.events[: i + 1]
                    if name == "Page.loadEventFired":
                        self._root = None
                    return e["params"]
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        fail("no %s within %d s" % (name, timeout))

    def close(self):
        # The browser closes without answering: the message is sent, not awaited.
        try:
            self.id += 1
            self.ws.send(json.dumps({"id": self.id, "method": "Browser.close", "params": {}}))
            self.ws.close()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    # ---- the page, through the DOM domain (works with scripts off too) ----
    def root(self):
        # One document per page load: asking again would forget every node id.
        if not self._root:
            self._root = self.page("DOM.getDocument", depth=-1)["root"]["nodeId"]
        return self._root

    def node(self, selector, must=True):
        n = self.page("DOM.querySelector", nodeId=self.root(), selector=selector)["nodeId"]
        if not n and must:
            fail("no element %s on the page" % selector)
        return n

    def nodes(self, selector):
        return self.page("DOM.querySelectorAll", nodeId=self.root(), selector=selector)["nodeIds"]

    def html(self, selector="html"):
        return self.page("DOM.getOuterHTML", nodeId=self.node(selector))["outerHTML"]

    def click(self, selector):
        n = self.node(selector)
        self.page("DOM.scrollIntoViewIfNeeded", nodeId=n)
        q = self.page("DOM.getContentQuads", nodeId=n)["quads"][0]
        x, y = sum(q[0::2]) / 4, sum(q[1::2]) / 4
        for t in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=t, x=x, y=y, button="left", clickCount=1)

    def type(self, selector, text):
        self.page("DOM.focus", nodeId=self.node(selector))
        self.page("Input.insertText", text=text)

    def key(self, key, code, vk, shift=False):
        mods = 8 if shift else 0
        for t in ("rawKeyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=t, key=key, code=code, windowsVirtualKeyCode=vk, modifiers=mods)

    def load(self, url):
        self._root = None
        self.page("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")

    def wait_for(self, selector, count=1, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(self.nodes(selector)) >= count:
                return
            time.sleep(0.1)
        fail("%d of %s not there within %d s" % (count, selector, timeout))

    def screenshot(self, path, width, height):
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=width < 600)
        time.sleep(0.3)
        m = self.page("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": m["height"], "scale": 1})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def downloads(self, into):
        self.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=into, eventsEnabled=True)

    def wait_download(self):
        begin = self.wait_event("Browser.downloadWillBegin")
        done = self.wait_event("Browser.downloadProgress", match=lambda p: p.get("state") in ("completed", "canceled"))
        if done["state"] != "completed":
            fail("download of %s canceled" % begin.get("suggestedFilename"))
        return begin["suggestedFilename"]


def attrs(b, n):
    a = b.page("DOM.getAttributes", nodeId=n)["attributes"]
    return dict(zip(a[0::2], a[1::2]))


def check_labels(b, where):
    """Every control a person fills has a label that names it."""
    unlabelled = []
    for n in b.nodes("input:not([type=hidden]), select"):
        a = attrs(b, n)
        if a.get("type") == "radio":
            continue  # radios sit inside their <label>: counted below
        i = a.get("id")
        if not i or not b.nodes('label[for="%s"]' % i):
            unlabelled.append(a.get("name") or a.get("id") or "?")
    if unlabelled:
        fail("%s: controls without a label: %s" % (where, unlabelled))
    radios = len(b.nodes("label > input[type=radio]"))
    if radios != len(b.nodes("input[type=radio]")):
        fail("%s: a radio button outside its label" % where)


os.makedirs(OUT, exist_ok=True)

# ================= with JavaScript =================
b = Browser(os.path.join(OUT, "profile-js"))
b.page("Page.enable")
b.downloads(os.path.join(OUT, "dl-js"))
b.load(URL)
step('b.wait_for')
b.wait_for("#preview img", 2)  # the first preview, without a click
check_labels(b, "desk page")
# Each language option is marked with its language.
for n in b.nodes("#lang-list input[type=radio]"):
    v = attrs(b, n)["value"]
    if not b.nodes('#lang-list span[lang="%s"]' % v):
        fail("language %s has no lang attribute" % v)
# The search box filters by the language's own name.
b.type("#lang-search", "عرب")
time.sleep(0.2)
shown = [attrs(b, n).get("data-search") for n in b.nodes("#lang-list .choice:not([hidden])")]
if len(shown) != 1 or "ar" not in shown[0]:
    fail("search for عرب shows %s" % shown)
step('before = attrs')
before = attrs(b, b.node("#preview img"))["src"]
b.click('#lang-list input[value="ar"]')
b.type("#name", NAME)
# The date: keyboard into the date input is the browser's locale's; set it
# as the date picker would, with the events it sends.
b.page("Runtime.evaluate", expression="var d=document.getElementById('date');d.value='2026-11-30';"
       "d.dispatchEvent(new Event('input',{bubbles:true}));d.dispatchEvent(new Event('change',{bubbles:true}));")
step('deadline = time.time')
deadline = time.time() + 60
while time.time() < deadline:
    imgs = b.nodes("#preview img")
    if imgs and attrs(b, imgs[0])["src"] != before and \
            attrs(b, b.node("#preview")).get("aria-busy") != "true":
        break
    time.sleep(0.2)
time.sleep(1.5)  # the last preview of the typing settles
step('b.screenshot')
b.screenshot(os.path.join(OUT, "desk.png"), 1280, 900)
with open(os.path.join(OUT, "desk.html"), "w") as f:
    f.write(b.html())
b.click('button[value="pdf"]')
step('result["js_download"]')
result["js_download"] = b.wait_download()
# Print: the PDF comes into the hidden frame, from this server, and the
# browser's print is called on it.
b.click('button[value="print"]')
deadline = time.time() + 60
kind = ""
while time.time() < deadline and kind != "application/pdf":
    kind = b.page("Runtime.evaluate", expression="(function(){var d=document.getElementById('print-frame')"
                  ".contentDocument;return d&&d.URL!=='about:blank'?d.contentType:''})()")["result"].get("value", "")
    time.sleep(0.2)
result["print_frame"] = kind
# Focus order: Tab from the name goes to the date, then to Print.
b.page("DOM.focus", nodeId=b.node("#name"))
order = []
for _ in range(6):  # the date input has a stop for each of its parts
    b.key("Tab", "Tab", 9)
    f = b.page("Runtime.evaluate", expression="document.activeElement.id||document.activeElement.value")["result"]["value"]
    if not order or order[-1] != f:
        order.append(f)
result["tab_order_after_name"] = order[:3]
step('b.screenshot')
b.screenshot(os.path.join(OUT, "phone.png"), 390, 844)
b.page("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
# The keyboard in the choices: an arrow picks the next, Tab leaves the group
# for the language search.
b.page("DOM.focus", nodeId=b.node("input[name=kind]:checked"))
b.key("ArrowRight", "ArrowRight", 39)
time.sleep(0.2)
js = "(function(){var k=document.querySelector('input[name=kind]:checked');" \
     "return [k.value, document.getElementById('how-text').textContent, document.activeElement.value]})()"
picked = b.page("Runtime.evaluate", expression=js, returnByValue=True)["result"]["value"]
b.key("Tab", "Tab", 9)
picked.append(b.page("Runtime.evaluate", expression="document.activeElement.id")["result"]["value"])
result["kind_keys"] = picked
# A booklet prints no patient: the name and date are set aside; the words
# on how to print follow the choice.
b.click('input[name=kind][value="booklet-a4"]')
time.sleep(0.3)
result["booklet_patient_disabled"] = "disabled" in attrs(b, b.node("#patient"))
result["booklet_how"] = b.page("Runtime.evaluate", expression="document.getElementById('how-text').textContent")[
    "result"]["value"]
# Two cards on one A4 sheet: the preview shows the sheet's sides, then the
# PDF is downloaded.
b.click('input[name=kind][value="card-a4"]')
result["sheet_how"] = b.page("Runtime.evaluate", expression="document.getElementById('how-text').textContent")[
    "result"]["value"]
deadline = time.time() + 60
while time.time() < deadline:
    imgs = b.nodes("#preview img")
    if imgs and attrs(b, imgs[0]).get("alt") == "Preview: Sheet 1, front" and \
            attrs(b, b.node("#preview")).get("aria-busy") != "true":
        break
    time.sleep(0.2)
else:
    fail("no preview of the A4 sheet within 60 s")
result["sheet_preview"] = [attrs(b, n).get("alt") for n in b.nodes("#preview img")]
b.screenshot(os.path.join(OUT, "sheet.png"), 1280, 900)
b.click('button[value="pdf"]')
step('result["sheet_download"]')
result["sheet_download"] = b.wait_download()
# Today's list: the file chosen, checked, the map changed, all downloaded.
b.page("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
b.page("DOM.setFileInputFiles", files=[CSV], nodeId=b.node("#csv"))
b.click('#list-form button[value="check"]')
b.wait_event("Page.loadEventFired")
b.wait_for("#list-count")
step('result["list_count"]')
result["list_count"] = b.html("#list-count")
result["list_errors"] = b.html("#list .errors") if b.nodes("#list .errors") else ""
check_labels(b, "list page")
b.page("Runtime.evaluate", expression="document.getElementById('map-2').value='';")
b.screenshot(os.path.join(OUT, "list.png"), 1280, 900)
b.click('#list-form button[value="pdf"]')
step('result["list_download"]')
result["list_download"] = b.wait_download()
# Beside it: the same cards two to an A4 sheet.
b.click('#list-form button[value="sheets"]')
step('result["list_sheets_download"]')
result["list_sheets_download"] = b.wait_download()
b.close()

step('# ================= JavaScript')
# ================= JavaScript off =================
b = Browser(os.path.join(OUT, "profile-nojs"))
b.page("Page.enable")
b.page("Emulation.setScriptExecutionDisabled", value=True)
b.downloads(os.path.join(OUT, "dl-nojs"))
b.load(URL)
if "hidden" not in attrs(b, b.node(".search")):
    fail("without JavaScript the search box (which needs it) is shown")
if b.nodes("#preview img"):
    fail("a preview without JavaScript before any click")
b.click('#lang-list input[value="ar"]')
b.type("#name", NAME)
b.click('button[value="pdf"]')
step('result["nojs_download"]')
result["nojs_download"] = b.wait_download()
b.click('button[value="preview"]')
b.wait_event("Page.loadEventFired")
b.wait_for("#preview img", 2)
result["nojs_preview_name"] = NAME in b.html("#card-form")
b.screenshot(os.path.join(OUT, "nojs.png"), 1280, 900)
with open(os.path.join(OUT, "nojs.html"), "w") as f:
    f.write(b.html())
b.close()

step('with open')
with open(os.path.join(OUT, "result.json"), "w") as f:
    json.dump(result, f, ensure_ascii=False, indent=1)
print(json.dumps(result, ensure_ascii=False))
