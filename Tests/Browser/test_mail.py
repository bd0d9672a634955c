"""E-mail against a real SMTP server: aiosmtpd on a loopback port receives what
`raumboerse serve --mail smtp://user:pass@127.0.0.1:PORT` sends (AUTH PLAIN
required), while the tests drive the site over HTTP like a browser without
JavaScript (cookies, CSRF tokens from the pages, no redirects followed).

Self-contained: its own site and mail server per test, no browser needed.

Environment:
  RAUMBOERSE_BIN   server binary (default .build/debug/raumboerse of this repo)
"""
from __future__ import annotations

import email
import email.policy
import html
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# aiosmtpd warns that AUTH without TLS is unsafe: here it is loopback on purpose.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning", "ignore::DeprecationWarning")

REPO = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("RAUMBOERSE_BIN", REPO / ".build" / "debug" / "raumboerse"))
SMTP_USER, SMTP_PASSWORD = "raumboerse", "smtp-geheim:1"
PASSWORD = "Lindenblatt-am-Klingenberg-7"
MODERATOR = ("moderation@luebeck.example", "Moderation-Luebeck-2024")
ADMIN = ("admin@luebeck.example", "Administration-Luebeck-2024")
# Fast timings for tests: look at the outbox every 0.2 s, retry after 1 s, 2 s, 2 s, …
FAST = {"RAUMBOERSE_MAIL_POLL_SECONDS": "0.2", "RAUMBOERSE_MAIL_RETRY_SECONDS": "1", "RAUMBOERSE_MAIL_RETRY_MAX_SECONDS": "2"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- mail server

@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    message: email.message.EmailMessage
    raw: bytes

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])  # the default policy decodes encoded-words

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()

    def links(self) -> list:
        return re.findall(r"https?://[^\s<>\"]+", self.text)


class Sink:
    """aiosmtpd handler: records every message; refuses or defers chosen recipients."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[Received] = []
        self.rcpt_attempts: dict[str, int] = {}
        self.reject: set[str] = set()        # 550 at RCPT: permanent
        self.defer: dict[str, int] = {}      # 451 at RCPT this many times: temporary

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_attempts[address] = self.rcpt_attempts.get(address, 0) + 1
            if address in self.reject:
                return "550 5.1.1 Mailbox unavailable"
            if self.defer.get(address, 0) > 0:
                self.defer[address] -= 1
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        assert session.authenticated, "the site must authenticate"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, envelope.content))
        return "250 2.0.0 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [m for m in self.messages if address in m.rcpt_tos]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def wait_for(self, address: str, subject_part: str, timeout: float = 20) -> Received:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for m in self.to(address):
                if subject_part in m.subject:
                    return m
            time.sleep(0.05)
        with self.lock:
            seen = [(m.rcpt_tos, m.subject) for m in self.messages]
        pytest.fail(f"no mail to {address} with '{subject_part}' within {timeout} s; got {seen}", pytrace=False)

    def wait_count(self, n: int, timeout: float = 20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.count() < n:
            time.sleep(0.05)
        assert self.count() >= n, f"expected {n} messages, got {self.count()}"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


class MailServer:
    """A real SMTP server (aiosmtpd) that can be stopped and started again on its port."""

    def __init__(self):
        self.port = free_port()
        self.sink = Sink()
        self.controller = None

    def start(self):
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port, authenticator=authenticate,
                                     auth_required=True, auth_require_tls=False)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://{SMTP_USER}:{urllib.parse.quote(SMTP_PASSWORD, safe='')}@127.0.0.1:{self.port}"


# ---------------------------------------------------------------- the site

class Site:
    """`raumboerse serve` with its own data directory, mailing to `mail_url`."""

    def __init__(self, mail_url: str, env: dict | None = None):
        if not (BIN.is_file() and os.access(BIN, os.X_OK)):
            pytest.fail(f"server binary not found: {BIN} (build it, or set RAUMBOERSE_BIN)", pytrace=False)
        self.mail_url = mail_url
        self.env = {**os.environ, **FAST, **(env or {})}
        self.data_dir = Path(tempfile.mkdtemp(prefix="raumboerse-mail-"))
        self.log_path = self.data_dir / "server.log"
        self.proc = None
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def create_user(self, email_address: str, password: str, role: str):
        """An account as `raumboerse user create` makes it for city staff."""
        cp = subprocess.run([str(BIN), "user", "create", "--data-dir", str(self.data_dir), "--email", email_address, "--role", role,
                             "--password-stdin"], input=password + "\n", capture_output=True, text=True, timeout=60)
        assert cp.returncode == 0, cp.stdout + cp.stderr

    def start(self):
        cmd = [str(BIN), "serve", "--port", str(self.port), "--data-dir", str(self.data_dir), "--templates", str(REPO / "Templates"),
               "--public-dir", str(REPO / "Public"), "--mail", self.mail_url, "--base-url", self.url, "--quiet"]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"server did not start; log:\n{self.log()}", pytrace=False)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def client(self) -> "Client":
        return Client(self.url)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Response:
    status: int
    headers: dict
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Client:
    """A browser without JavaScript: a cookie jar, the CSRF token of the form's page, no redirects followed."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, method: str, url: str, fields: list | None = None) -> Response:
        if not url.startswith("http"):
            url = self.base + url
        data = urllib.parse.urlencode(fields or [], doseq=True).encode() if method == "POST" else None
        req = urllib.request.Request(url, data=data, method=method)
        try:
            with self.opener.open(req, timeout=15) as r:
                return Response(r.status, dict(r.headers), r.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as e:
            return Response(e.code, dict(e.headers), e.read().decode("utf-8", "replace"))

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def submit(self, form_page: str, action: str, fields: list) -> Response:
        page = self.get(form_page)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert match, f"no csrf_token on {form_page} ({page.status})"
        return self.request("POST", action, fields + [("csrf_token", match.group(1))])

    def register(self, email_address: str, name: str, organisation: str) -> Response:
        r = self.submit("/register", "/register", [("email", email_address), ("password", PASSWORD), ("name", name),
                                                    ("organisation_name", organisation), ("organisation_kind", "nonprofit"), ("privacy", "1")])
        assert r.status == 303 and r.location == "/my", (r.status, r.text[:500])
        return r

    def login(self, email_address: str, password: str = PASSWORD) -> Response:
        return self.submit("/login", "/login", [("email", email_address), ("password", password)])

    def organisation_id(self) -> int:
        return int(re.search(r"/organisations/(\d+)/edit", self.get("/my").text).group(1))

    def invite(self, address: str):
        org = self.organisation_id()
        r = self.submit(f"/organisations/{org}/edit", f"/organisations/{org}/invitations", [("email", address)])
        assert r.status == 303, (r.status, r.text[:500])


ROOM_TITLE = "Gemeinschaftsraum an der Schlüsselbuden"


def room_fields(mode: str = "request") -> list:
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    return [("title", ROOM_TITLE), ("description", "Ein heller Raum mit Stuhlkreis, Teeküche und WLAN, gut erreichbar mit dem Bus."),
            ("district", "innenstadt"), ("street", "Schlüsselbuden 3"), ("postcode", "23552"), ("capacity", "30"),
            ("price_model", "free"), ("booking_mode", mode), ("min_minutes", "60"), ("max_minutes", "480"), ("lead_hours", "2"),
            ("max_days_ahead", "365"), ("rules", "Bitte lüften.")] + [(f"hours_{d}", "00:00-24:00") for d in days]


def create_room(owner: Client, mode: str = "request") -> int:
    r = owner.submit("/rooms/new", "/rooms", room_fields(mode))
    assert r.status == 303, (r.status, r.text[:800])
    return int(re.search(r"/rooms/(\d+)/edit", r.location).group(1))


def book_rehearsal(site: Site, room: int) -> tuple[Client, str]:
    """A choir's booker registers and books room 18:00–20:00 in a week; the booking's path."""
    booker = site.client()
    booker.register("buchung@chor.example", "Anna Weiß", "Chor Möwenschiss e.V.")
    r = booker.submit(f"/rooms/{room}", f"/rooms/{room}/bookings", [("date", in_a_week()), ("start", "18:00"), ("end", "20:00"),
                                                                      ("attendees", "12"), ("purpose", "Chorprobe"), ("repeat_weeks", "0")])
    assert r.status == 303, (r.status, r.text[:800])
    return booker, r.location


def in_a_week() -> str:
    return (datetime.now(ZoneInfo("Europe/Berlin")).date() + timedelta(days=7)).isoformat()


def path_of(link: str, site: Site) -> str:
    assert link.startswith(site.url + "/"), f"{link} is not a link to the site at {site.url}"
    return link[len(site.url):]


def assert_each_once(sink: Sink):
    with sink.lock:
        ids = [m.message["Message-ID"] for m in sink.messages]
    assert all(ids), "every message has a Message-ID"
    assert len(ids) == len(set(ids)), f"a message arrived twice: {ids}"


@pytest.fixture
def mail_server():
    server = MailServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sites():
    """Starts sites on demand; every one is stopped and deleted afterwards."""
    made = []

    def make(mail_url: str, env: dict | None = None) -> Site:
        site = Site(mail_url, env)
        made.append(site)
        return site

    yield make
    for site in made:
        site.cleanup()


# ---------------------------------------------------------------- the tests

def test_notifications_reach_the_right_people_with_umlauts_and_working_links(mail_server, sites):
    sink = mail_server.start().sink
    site = sites(mail_server.url)
    site.create_user(*MODERATOR, role="moderator")
    site.start()
    owner = site.client()
    owner.register("owner@treff.example", "Jürgen Köhler", "Stadtteiltreff Süd e.V.")
    room = create_room(owner)
    moderator = site.client()
    assert moderator.login(*MODERATOR).status == 303
    assert moderator.submit("/moderation", f"/moderation/rooms/{room}/approve", []).status == 303

    approved = sink.wait_for("owner@treff.example", "freigegeben")
    assert approved.subject == f"Ihr Raum ist freigegeben: {ROOM_TITLE}"
    assert approved.rcpt_tos == ["owner@treff.example"]
    assert approved.mail_from == "noreply@localhost"
    assert str(approved.message["From"]) == "Raumbörse Lübeck <noreply@localhost>"
    assert approved.message["To"] == "Jürgen Köhler <owner@treff.example>"
    assert approved.message["Date"] and approved.message["MIME-Version"] == "1.0"
    assert approved.message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in approved.message.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" and p["Content-Transfer-Encoding"] == "quoted-printable" for p in approved.message.iter_parts())
    assert b"=?UTF-8?Q?" in approved.raw.split(b"\r\n\r\n")[0], "the subject travels as encoded-words"
    assert max(len(line) for line in approved.raw.split(b"\r\n")) <= 78
    assert "Guten Tag Jürgen Köhler," in approved.text
    assert f"Ihren Raum „{ROOM_TITLE}“" in html.unescape(approved.html)
    settings_link = f"{site.url}/my/account#benachrichtigungen"
    assert approved.message["List-Unsubscribe"] == f"<{settings_link}>"
    room_link = next(link for link in approved.links() if re.search(r"/rooms/\d+$", link))
    public = site.client().get(path_of(room_link, site))
    assert public.status == 200 and ROOM_TITLE in html.unescape(public.text)

    # A request goes to the owning organisation's members, not to the booker.
    booker, booking_path = book_rehearsal(site, room)
    request = sink.wait_for("owner@treff.example", "Neue Buchungsanfrage")
    assert str(request.message["Reply-To"]) == "buchung@chor.example", "the owner's answer reaches the booker"
    assert request.subject == f"Neue Buchungsanfrage: {ROOM_TITLE}"
    assert "Anna Weiß (Chor Möwenschiss e.V.)" in request.text and "Chorprobe" in request.text and "18:00–20:00 Uhr" in request.text
    booking_link = next(link for link in request.links() if "/bookings/" in link)
    assert path_of(booking_link, site) == booking_path
    assert owner.get(booking_path).status == 200
    stranger = site.client().get(booking_path)
    assert stranger.status == 303 and stranger.location.startswith("/login?next=")
    assert not sink.to("buchung@chor.example")

    # The confirmation goes to the booker, whose link opens the confirmed booking.
    assert owner.submit(booking_path, booking_path + "/confirm", []).status == 303
    confirmed = sink.wait_for("buchung@chor.example", "bestätigt")
    assert str(confirmed.message["Reply-To"]) == "owner@treff.example", "and the booker's the organisation"
    assert confirmed.subject == f"Buchung bestätigt: {ROOM_TITLE}"
    page = booker.get(path_of(next(link for link in confirmed.links() if "/bookings/" in link), site))
    assert page.status == 200 and "Bestätigt" in page.text

    # The settings link leads to the switches; the booker turns booking changes off.
    settings_page = booker.get(path_of(settings_link, site))
    assert settings_page.status == 200 and "Benachrichtigungen per E-Mail" in settings_page.text
    assert 'name="mail_booking_changes" type="checkbox" value="1" checked' in settings_page.text
    r = booker.submit("/my/account", "/my/account", [("action", "mail"), ("mail_booking_requests", "1"), ("mail_booking_reminders", "1"),
                                                     ("mail_room_moderation", "1")])
    assert r.status == 303
    assert 'name="mail_booking_changes" type="checkbox" value="1" checked' not in booker.get("/my/account").text
    assert owner.submit(booking_path, booking_path + "/cancel", [("reason", "Wasserschaden im Saal")]).status == 303
    # An invitation sent afterwards arrives; the cancellation to the booker never does.
    owner.invite("neu@treff.example")
    invitation = sink.wait_for("neu@treff.example", "Einladung")
    assert invitation.subject == "Einladung in die Raumbörse Lübeck"
    assert "Jürgen Köhler lädt Sie ein" in invitation.text
    assert invitation.message["List-Unsubscribe"] is None, "an invitation has no account settings to link to"
    register_link = next(link for link in invitation.links() if "/register?invitation=" in link)
    page = site.client().get(path_of(register_link, site))
    assert page.status == 200 and "Stadtteiltreff Süd e.V." in page.text
    # The link from the mail makes a member of the organisation, once.
    token = urllib.parse.parse_qs(urllib.parse.urlparse(register_link).query)["invitation"][0]
    newcomer = site.client()
    r = newcomer.submit(path_of(register_link, site), "/register", [("invitation", token), ("email", "neu@treff.example"),
                                                                      ("password", PASSWORD), ("name", "Neu Kollegin"), ("privacy", "1")])
    assert r.status == 303 and r.location == "/my", (r.status, r.text[:500])
    assert "Stadtteiltreff Süd e.V." in newcomer.get("/my").text
    assert site.client().get(path_of(register_link, site)).status == 410
    time.sleep(1)
    assert [m.subject for m in sink.to("buchung@chor.example")] == [f"Buchung bestätigt: {ROOM_TITLE}"]
    assert_each_once(sink)


def test_mail_server_down_for_a_while_then_each_message_arrives_exactly_once(mail_server, sites):
    site = sites(mail_server.url)  # the mail server is not running yet
    site.create_user(*ADMIN, role="admin")
    site.start()
    owner = site.client()
    owner.register("owner@treff.example", "Jürgen Köhler", "Stadtteiltreff Süd e.V.")
    addresses = [f"gast{i}@verein.example" for i in range(4)]
    for address in addresses:
        owner.invite(address)
    admin = site.client()
    assert admin.login(*ADMIN).status == 303
    deadline = time.monotonic() + 10
    while True:  # attempts fail with "connection refused" and are deferred
        page = admin.get("/admin/mail")
        if page.text.count("Connection refused") == 4 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert page.status == 200
    assert "4 warten, 0 verschickt, 0 aufgegeben" in page.text
    assert page.text.count("Connection refused") == 4
    time.sleep(1.5)  # and again

    sink = mail_server.start().sink
    sink.wait_count(4)
    time.sleep(2.5)  # time for any duplicate to show up
    assert sorted(m.rcpt_tos[0] for m in sink.messages) == addresses
    assert_each_once(sink)
    assert "0 warten, 4 verschickt, 0 aufgegeben" in admin.get("/admin/mail").text


def test_permanent_failure_is_marked_failed_and_temporary_ones_are_retried(mail_server, sites):
    sink = mail_server.start().sink
    sink.reject.add("kaputt@verein.example")
    sink.defer["spaeter@verein.example"] = 2
    site = sites(mail_server.url)
    site.create_user(*ADMIN, role="admin")
    site.start()
    owner = site.client()
    owner.register("owner@treff.example", "Jürgen Köhler", "Stadtteiltreff Süd e.V.")
    for address in ["kaputt@verein.example", "spaeter@verein.example", "gleich@verein.example"]:
        owner.invite(address)
    sink.wait_for("gleich@verein.example", "Einladung")
    sink.wait_for("spaeter@verein.example", "Einladung")
    time.sleep(2.5)  # a wrongly retried 5xx would come back within 2 s
    assert sink.rcpt_attempts["kaputt@verein.example"] == 1, "a 5xx is not retried"
    assert sink.rcpt_attempts["spaeter@verein.example"] == 3, "two 451s, then accepted"
    assert not sink.to("kaputt@verein.example")
    assert len(sink.to("spaeter@verein.example")) == 1
    assert_each_once(sink)

    admin = site.client()
    assert admin.login(*ADMIN).status == 303
    page = admin.get("/admin/mail")
    assert "0 warten, 2 verschickt, 1 aufgegeben" in page.text
    failed_table = page.text.split('id="mail-aufgegeben"')[1].split('id="mail-wartend"')[0]
    assert "kaputt@verein.example" in failed_table and "550" in failed_table
    # Only admins see it.
    assert owner.get("/admin/mail").status == 403
    assert site.client().get("/admin/mail").status == 303


def test_messages_pending_at_a_restart_are_delivered_after_it(mail_server, sites):
    site = sites(mail_server.url).start()
    owner = site.client()
    owner.register("owner@treff.example", "Jürgen Köhler", "Stadtteiltreff Süd e.V.")
    owner.invite("eins@verein.example")
    owner.invite("zwei@verein.example")
    time.sleep(1.5)
    site.stop()
    sink = mail_server.start().sink
    time.sleep(1)
    assert sink.count() == 0, "nothing is sent while the site is down"
    site.start()
    sink.wait_count(2)
    time.sleep(2)
    assert sorted(m.rcpt_tos[0] for m in sink.messages) == ["eins@verein.example", "zwei@verein.example"]
    assert_each_once(sink)


def test_an_instant_booking_survives_a_kill_and_its_confirmation_arrives_after_the_restart(mail_server, sites):
    site = sites(mail_server.url)  # the mail server is not running yet: nothing leaves before the kill
    site.create_user(*MODERATOR, role="moderator")
    site.start()
    owner = site.client()
    owner.register("owner@treff.example", "Jürgen Köhler", "Stadtteiltreff Süd e.V.")
    room = create_room(owner, mode="instant")
    moderator = site.client()
    assert moderator.login(*MODERATOR).status == 303
    assert moderator.submit("/moderation", f"/moderation/rooms/{room}/approve", []).status == 303
    booker, booking_path = book_rehearsal(site, room)

    # SIGKILL right after the answer: no shutdown, no checkpoint.
    site.proc.kill()
    site.proc.wait(5)
    sink = mail_server.start().sink
    site.start()
    page = booker.get(booking_path)
    assert page.status == 200 and "Bestätigt" in page.text, "the confirmed booking is still there"
    assert "eine Bestätigung kommt per E-Mail" in page.text
    confirmed = sink.wait_for("buchung@chor.example", "bestätigt")
    assert confirmed.subject == f"Buchung bestätigt: {ROOM_TITLE}"
    assert "18:00–20:00 Uhr" in confirmed.text
    assert str(confirmed.message["Reply-To"]) == "owner@treff.example"
    assert path_of(next(link for link in confirmed.links() if "/bookings/" in link), site) == booking_path
    news = sink.wait_for("owner@treff.example", "Buchung")
    assert "Anna Weiß (Chor Möwenschiss e.V.)" in news.text
    time.sleep(1.5)
    with sink.lock:
        subjects = sorted((m.rcpt_tos[0], m.subject) for m in sink.messages)
    assert subjects == [("buchung@chor.example", f"Buchung bestätigt: {ROOM_TITLE}"),
                        ("owner@treff.example", f"Ihr Raum ist freigegeben: {ROOM_TITLE}"),
                        ("owner@treff.example", f"Neue Buchung: {ROOM_TITLE}")]
    assert_each_once(sink)


def reset_link(message: Received, site: Site) -> str:
    return path_of(next(link for link in message.links() if "/password-reset/" in link), site)


def test_password_reset_end_to_end_and_a_reused_link(mail_server, sites):
    sink = mail_server.start().sink
    site = sites(mail_server.url).start()
    signed_in = site.client()
    signed_in.register("erika@verein.example", "Erika Müller", "Nachbarschaftshilfe Moisling e.V.")
    assert 'href="/password-reset"' in site.client().get("/login").text

    visitor = site.client()
    form = visitor.get("/password-reset")
    assert form.status == 200 and "Passwort vergessen" in form.text
    known = visitor.submit("/password-reset", "/password-reset", [("email", "Erika@Verein.example")])
    unknown = visitor.submit("/password-reset", "/password-reset", [("email", "niemand@verein.example")])
    assert (known.status, known.location) == (unknown.status, unknown.location) == (303, "/password-reset?sent=1")
    assert "Wenn es zu dieser Adresse ein Konto gibt" in visitor.get(known.location).text
    assert visitor.submit("/password-reset", "/password-reset", [("email", "kein-at")]).status == 422

    message = sink.wait_for("erika@verein.example", "Passwort")
    assert message.subject == "Passwort zurücksetzen – Raumbörse Lübeck"
    assert message.message["List-Unsubscribe"] is None, "a reset link cannot be switched off"
    link = reset_link(message, site)
    assert re.fullmatch(r"/password-reset/[A-Za-z0-9_-]{43}", link)
    page = visitor.get(link)
    assert page.status == 200 and "Neues Passwort festlegen" in page.text
    short = visitor.submit(link, link, [("password", "zu kurz")])
    assert short.status == 422 and "mindestens 10 Zeichen" in short.text
    done = visitor.submit(link, link, [("password", "Ein ganz neues Passwort 2024")])
    assert (done.status, done.location) == (303, "/login?reset=1")
    assert "Ihr Passwort wurde geändert" in visitor.get("/login?reset=1").text

    # Every session ended; the new password works, the old one does not.
    assert signed_in.get("/my").status == 303
    assert site.client().login("erika@verein.example", PASSWORD).status == 422
    assert site.client().login("erika@verein.example", "Ein ganz neues Passwort 2024").status == 303

    # The link works once.
    again = visitor.get(link)
    assert again.status == 410 and "schon benutzt" in again.text
    reused = visitor.submit("/password-reset", link, [("password", "Noch ein anderes Passwort 99")])
    assert reused.status == 410
    assert site.client().login("erika@verein.example", "Noch ein anderes Passwort 99").status == 422
    assert visitor.get("/password-reset/" + "A" * 43).status == 404
    assert len(sink.messages) == 1, "the unknown address got nothing"


def test_an_expired_password_reset_link_is_refused(mail_server, sites):
    sink = mail_server.start().sink
    site = sites(mail_server.url, env={"RAUMBOERSE_PASSWORD_RESET_TTL": "2"}).start()
    site.client().register("erika@verein.example", "Erika Müller", "Nachbarschaftshilfe Moisling e.V.")
    visitor = site.client()
    visitor.submit("/password-reset", "/password-reset", [("email", "erika@verein.example")])
    link = reset_link(sink.wait_for("erika@verein.example", "Passwort"), site)
    time.sleep(3.1)
    expired = visitor.get(link)
    assert expired.status == 410 and "abgelaufen" in expired.text
    assert visitor.submit("/password-reset", link, [("password", "Ein ganz neues Passwort 2024")]).status == 410
    assert site.client().login("erika@verein.example", "Ein ganz neues Passwort 2024").status == 422
