"""Helpers shared by the browser tests: user journeys through the real forms
(found by their labels, as a user would) and page probes."""
from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("RAUMBOERSE_SCREENSHOTS", REPO / "screenshots"))
FIXTURES = REPO / "Tests" / "RoomExchangeTests" / "Fixtures"
PASSWORD = "Lindenblatt-am-Klingenberg-7"


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@verein.example"


def register(page: Page, *, name: str, email: str, org: str, kind: str = "Gemeinnützige Organisation",
             password: str = PASSWORD, snap=None):
    """Registers through /register and lands on /my."""
    page.goto("/register")
    if snap:
        snap(page, "register")
    page.get_by_label(re.compile(r"^Ihr Name")).fill(name)
    page.get_by_label(re.compile(r"^E-Mail-Adresse")).fill(email)
    page.get_by_label(re.compile(r"^Passwort")).fill(password)
    page.get_by_label("Name Ihrer Organisation").fill(org)
    page.get_by_label("Art der Organisation").select_option(label=kind)
    page.get_by_label(re.compile(r"Datenschutzerklärung gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page).to_have_url(re.compile(r"/my$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")


def login(page: Page, email: str, password: str, snap=None):
    page.goto("/login")
    if snap:
        snap(page, "login")
    page.get_by_label(re.compile(r"^E-Mail-Adresse")).fill(email)
    page.get_by_label(re.compile(r"^Passwort")).fill(password)
    page.locator("main").get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/my$"))


ROOM = {
    "title": "Gruppenraum im Nachbarschaftshaus",
    "description": "Heller Gruppenraum im Erdgeschoss mit Teeküche, für Treffen, Kurse und Beratung bis 20 Personen.",
    "capacity": "20",
    "district": "Moisling",
    "street": "Oberbüssauer Weg 2",
    "postcode": "23560",
    "price": "Gegen Spende",
    "hours": {"Montag": "09:00-17:00", "Mittwoch": "09:00-12:00, 14:00-18:00", "Freitag": "09:00-13:00"},
    "equipment": ["WLAN", "Küche", "Stühle"],
    "access": ["Stufenloser Zugang", "Barrierefreies WC"],
}


def fill_room_form(page: Page, room: dict):
    page.get_by_label(re.compile(r"^Titel")).fill(room["title"])
    page.get_by_label(re.compile(r"^Beschreibung")).fill(room["description"])
    page.get_by_label(re.compile(r"^Personen")).fill(room["capacity"])
    page.get_by_label(re.compile(r"^Stadtteil")).select_option(label=room["district"])
    page.get_by_label(re.compile(r"^Straße")).fill(room["street"])
    page.get_by_label(re.compile(r"^Postleitzahl")).fill(room["postcode"])
    page.get_by_label(re.compile(r"^Preis")).select_option(label=room["price"])
    for day, hours in room["hours"].items():
        page.get_by_label(day, exact=True).fill(hours)
    for item in room["equipment"] + room["access"]:
        page.get_by_label(item, exact=True).check()


def create_room(page: Page, room: dict = ROOM, snap=None) -> int:
    """Lists a room through /rooms/new; returns its id (we land on its edit page)."""
    page.goto("/rooms/new")
    if snap:
        snap(page, "rooms-new")
    fill_room_form(page, room)
    page.get_by_role("button", name="Raum anlegen").click()
    expect(page).to_have_url(re.compile(r"/rooms/\d+/edit\?saved=created"))
    if snap:
        snap(page, "room-created")
    return int(re.search(r"/rooms/(\d+)/edit", page.url).group(1))


def upload_photo(page: Page, room_id: int, alt: str, fixture: str = "tiny-17x9.jpg"):
    """Adds a photo on the room's edit page (we are on it afterwards)."""
    if f"/rooms/{room_id}/edit" not in page.url:
        page.goto(f"/rooms/{room_id}/edit")
    page.get_by_label(re.compile(r"^Foto\b")).set_input_files(str(FIXTURES / fixture))
    page.get_by_label(re.compile(r"^Was ist auf dem Foto")).fill(alt)
    page.get_by_role("button", name="Foto hochladen").click()
    expect(page).to_have_url(re.compile(rf"/rooms/{room_id}/edit\?saved=photo"))


def no_horizontal_scroll(page: Page) -> dict:
    return page.evaluate("""() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        wide: [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => { // leave out what scrolls inside its own region
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                    if (getComputedStyle(a).overflowX !== 'visible') return false;
                return true; })
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')
                                + ' ' + Math.round(e.getBoundingClientRect().right) + 'px'),
    })""")


FOCUS_PROBE = """() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className || ''),
        text: (el.innerText || el.value || '').trim().slice(0, 40),
        href: el.getAttribute('href'), type: el.getAttribute('type'),
        focusVisible: el.matches(':focus-visible'),
        outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0,
        outlineColor: cs.outlineColor,
        inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                    && r.top < window.innerHeight && r.left < window.innerWidth,
    };
}"""


def settle(page: Page):
    """Waits for running transitions: with reduced motion site.css still gives every
    property a 0.01 ms transition, so a focus style shows one frame after focus."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')",
                           polling="raf", timeout=2000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def focused(page: Page) -> dict:
    settle(page)
    return page.evaluate(FOCUS_PROBE)


def assert_focus_visible(page: Page, what: str = "") -> dict:
    f = focused(page)
    assert f["focusVisible"], f"{what}: focused element does not match :focus-visible: {f}"
    assert f["outlineStyle"] != "none" and f["outlineWidth"] >= 2, f"{what}: no visible focus outline: {f}"
    assert f["inViewport"], f"{what}: focused element is not on screen: {f}"
    return f


def tab_to(page: Page, selector: str, max_steps: int = 40, backwards: bool = False) -> int:
    """Presses Tab (or Shift+Tab) until the focused element matches selector;
    returns the number of key presses."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for step in range(1, max_steps + 1):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return step
        f = focused(page)
        seen.append(f"{f['tag']}#{f['id']}.{f['cls'][:20]} {f['text'][:20]!r}")
    raise AssertionError(f"{key} x{max_steps} never reached {selector}; focus went: " + " → ".join(seen))


ERROR_SUMMARY_PROBE = """() => {
    const summary = document.querySelector('.error-summary');
    if (!summary) return null;
    const form = summary.closest('section, main').querySelector('form');
    const byId = id => document.getElementById(id);
    const links = [...summary.querySelectorAll('a')].map(a => {
        const href = a.getAttribute('href') || '';
        const id = href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
        const el = id ? byId(id) : null;
        const ids = el ? (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean) : [];
        return {
            text: a.textContent.trim(), href, id, exists: !!el, tag: el ? el.tagName.toLowerCase() : null,
            invalid: el ? el.getAttribute('aria-invalid') : null,
            describedby: ids.map(d => ({id: d, exists: !!byId(d), text: byId(d) ? byId(d).textContent.trim() : null})),
        };
    });
    const r = summary.getBoundingClientRect();
    return {
        role: summary.getAttribute('role'),
        heading: (summary.querySelector('h2, h3') || {}).textContent,
        before_form: !!form && !!(summary.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING),
        top: r.top, bottom: r.bottom, viewport: window.innerHeight,
        links,
        invalid: [...document.querySelectorAll('[aria-invalid="true"]')].map(e => e.id),
    };
}"""


def error_summary(page: Page) -> dict | None:
    return page.evaluate(ERROR_SUMMARY_PROBE)
