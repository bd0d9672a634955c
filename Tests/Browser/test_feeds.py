"""Machine-readable outputs checked by real parsers: the iCalendar feeds with the
`icalendar` package (RFC 5545) and /metrics with prometheus-client's text parser."""
from __future__ import annotations

import datetime as dt
import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

from icalendar import Calendar
from prometheus_client.parser import text_string_to_metric_families

SERVER_DEMO = True


class Client:
    """A cookie-keeping HTTP client that sends forms with the page's CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def submit(self, page: str, action: str, fields: dict) -> int:
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.get(page)).group(1)
        data = urllib.parse.urlencode({**fields, "csrf_token": token}).encode()
        with self.opener.open(urllib.request.Request(self.base + action, data=data), timeout=30) as response:
            return response.status


def test_room_calendar_parses_and_names_nobody(server):
    text = Client(server.url).get("/rooms/1/calendar.ics")
    calendar = Calendar.from_ical(text)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert events, "room 1 has a demo booking"
    for event in events:
        assert str(event["UID"]).startswith("busy-")
        assert event["DTSTART"].dt.tzinfo is not None and event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
        assert event["DTEND"].dt > event["DTSTART"].dt
        assert str(event["STATUS"]) == "CONFIRMED"
    assert "Vereinssitzung" not in text and "Elterncafé" not in text, "no purposes in the public feed"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_private_feed_follows_a_booking_through_cancellation(server):
    client = Client(server.url)
    assert client.submit("/register", "/register", {
        "email": "feed@verein.example", "password": "ein langes Feed-Passwort", "name": "Fee Dee",
        "organisation_name": "Feed e.V.", "organisation_kind": "nonprofit", "privacy": "1"}) == 200
    day = (dt.date.today() + dt.timedelta(days=10))
    # Demo room 1 is open on some days only: try a week of days until one is bookable.
    booked = None
    for offset in range(7):
        date = (day + dt.timedelta(days=offset)).isoformat()
        try:
            client.submit("/rooms/1", "/rooms/1/bookings", {"date": date, "start": "14:00", "end": "15:00",
                                                          "attendees": "2", "purpose": "Feed-Test", "repeat_weeks": "0"})
            booked = date
            break
        except urllib.error.HTTPError as error:
            assert error.code in (409, 422)
    assert booked, "no bookable day found for room 1"
    path = re.search(r'(/my/bookings\.ics\?token=[A-Za-z0-9_-]{43})', client.get("/my/account")).group(1)
    calendar = Calendar.from_ical(urllib.request.urlopen(server.url + path, timeout=30).read())
    mine = [e for e in calendar.walk("VEVENT") if "Feed-Test" in str(e.get("DESCRIPTION", ""))]
    assert len(mine) == 1
    event = mine[0]
    assert str(event["STATUS"]) in ("CONFIRMED", "TENTATIVE") and int(event["SEQUENCE"]) == 0
    uid = str(event["UID"])
    booking = re.search(r"booking-(\d+)@", uid).group(1)
    client.submit(f"/bookings/{booking}", f"/bookings/{booking}/cancel", {"reason": "fällt aus"})
    calendar = Calendar.from_ical(urllib.request.urlopen(server.url + path, timeout=30).read())
    event = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid][0]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1, "same UID, new sequence"


def test_metrics_parse_with_the_prometheus_parser(server):
    client = Client(server.url)
    client.get("/rooms?district=moisling")

    def rooms_counted(families):
        return any(s.labels.get("route") == "/rooms" and s.labels.get("status") == "200" and s.value >= 1
                   for s in families["raumboerse_http_requests"].samples)

    # A request is counted right after its answer is sent (as nginx logs), so the
    # scrape may be served by another thread a moment before: ask again briefly.
    deadline = time.monotonic() + 5
    while True:
        families = {f.name: f for f in text_string_to_metric_families(client.get("/metrics"))}
        if rooms_counted(families) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert rooms_counted(families)
    histogram = families["raumboerse_http_request_duration_seconds"]
    assert histogram.type == "histogram"
    assert any(s.name.endswith("_count") and s.value >= 1 for s in histogram.samples)
    assert families["raumboerse_open_connections"].samples[0].value >= 1
    assert families["raumboerse_database_size_bytes"].samples[0].value > 0
    statuses = {s.labels["status"] for s in families["raumboerse_bookings"].samples}
    assert statuses == {"requested", "confirmed", "declined", "cancelled"}
