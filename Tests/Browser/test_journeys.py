"""User journeys in a real browser (Debian's Chromium through Playwright)
against the real server with demo data."""
from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from support import (PASSWORD, ROOM, assert_focus_visible, create_room, error_summary, fill_room_form, focused,
                     login, no_horizontal_scroll, register, tab_to, unique_email, upload_photo)

SERVER_DEMO = True


def room_id_from(url: str) -> int:
    return int(re.search(r"/rooms/(\d+)", url).group(1))


# 1 ---------------------------------------------------------------------------
def test_volunteer_registers_lists_room_with_hours_and_photo(page, snap):
    register(page, name="Vera Ehrenamt", email=unique_email("vera"),
             org="Nachbarschaftshilfe Moisling e. V.", snap=snap)
    snap(page, "my-without-rooms")
    expect(page.locator("main")).to_contain_text("Ihre Organisation bietet noch keine Räume an")

    page.locator("main").get_by_role("link", name="Neuen Raum anbieten").click()
    expect(page).to_have_url(re.compile(r"/rooms/new$"))
    snap(page, "rooms-new")
    fill_room_form(page, ROOM)
    page.get_by_role("button", name="Raum anlegen").click()
    expect(page).to_have_url(re.compile(r"/rooms/\d+/edit\?saved=created$"))
    room_id = room_id_from(page.url)
    expect(page.get_by_role("status")).to_contain_text("Der Raum wurde angelegt")
    expect(page.locator("main .lead")).to_contain_text("Wartet auf Prüfung")
    # what was entered is what is stored
    expect(page.get_by_label("Montag", exact=True)).to_have_value("09:00-17:00")
    expect(page.get_by_label("Mittwoch", exact=True)).to_have_value("09:00-12:00, 14:00-18:00")
    expect(page.get_by_label("Dienstag", exact=True)).to_have_value("")
    expect(page.get_by_label("WLAN", exact=True)).to_be_checked()
    expect(page.get_by_label("Stufenloser Zugang", exact=True)).to_be_checked()
    expect(page.get_by_label("Beamer", exact=True)).not_to_be_checked()
    snap(page, "edit-after-create")

    alt = "Gruppenraum mit Stuhlkreis und großen Fenstern zum Garten"
    upload_photo(page, room_id, alt)
    expect(page.get_by_role("status")).to_contain_text("Das Foto wurde hinzugefügt")
    photo = page.locator(".photo-list img")
    expect(photo).to_have_count(1)
    expect(photo).to_have_attribute("alt", alt)
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth === 17 && img.naturalHeight === 9",
                           arg=photo.element_handle())
    expect(page.get_by_role("button", name=re.compile(r"^Foto entfernen\s*: " + re.escape(alt)))).to_be_visible()
    snap(page, "edit-with-photo")

    # the owner's own view of the room page tells the status
    page.goto(f"/rooms/{room_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(ROOM["title"])
    expect(page.get_by_role("status")).to_contain_text("Wartet auf Prüfung")
    expect(page.get_by_role("img", name=alt)).to_be_visible()
    snap(page, "room-page-owner")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Mein Bereich").click()
    expect(page).to_have_url(re.compile(r"/my$"))
    row = page.get_by_role("row").filter(has_text=ROOM["title"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Wartet auf Prüfung")
    expect(row).to_contain_text("Moisling")
    expect(row.get_by_role("link", name=re.compile("^Bearbeiten"))).to_have_attribute("href", f"/rooms/{room_id}/edit")
    snap(page, "my-with-pending-room")


# 2 ---------------------------------------------------------------------------
def test_moderator_approves_pending_room(new_context, server, snap):
    room = dict(ROOM, title="Werkstatt im Stadtteilhaus Buntekuh", district="Buntekuh",
                street="Korvettenstraße 10", postcode="23558")
    owner = new_context().new_page()
    register(owner, name="Otto Werkstatt", email=unique_email("otto"), org="Werkstattverein Buntekuh e. V.", snap=snap)
    room_id = create_room(owner, room, snap=snap)

    visitor = new_context().new_page()
    response = visitor.goto(f"/rooms/{room_id}")
    assert response.status == 404, "a pending room must not be public"
    snap(visitor, "pending-room-is-404-for-visitors")
    visitor.goto("/rooms?district=buntekuh")
    expect(visitor.locator("#ergebnisse")).not_to_contain_text(room["title"])
    snap(visitor, "search-before-approval")

    moderator = new_context().new_page()
    login(moderator, *server.moderator, snap=snap)
    snap(moderator, "moderator-my")
    # the moderation queue links to the pending room's page
    moderator.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Moderation").click()
    expect(moderator).to_have_url(re.compile(r"/moderation$"))
    snap(moderator, "moderation-queue")
    moderator.locator("main").get_by_role("link", name=room["title"], exact=True).click()
    expect(moderator).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(moderator.get_by_role("heading", level=1)).to_have_text(room["title"])
    expect(moderator.get_by_role("status")).to_contain_text("Wartet auf Prüfung")
    moderation = moderator.get_by_role("region", name="Moderation")
    expect(moderation).to_be_visible()
    expect(moderation.get_by_label("Grund für die Ablehnung")).to_be_visible()
    snap(moderator, "moderator-pending-room")
    with moderator.expect_navigation() as nav:
        moderation.get_by_role("button", name="Freigeben").click()
    assert nav.value.ok, f"approving answered HTTP {nav.value.status}"
    snap(moderator, "moderator-after-approval")
    moderator.goto(f"/rooms/{room_id}")
    expect(moderator.get_by_role("heading", level=1)).to_have_text(room["title"])
    expect(moderator.get_by_role("region", name="Moderation")).to_have_count(0)
    expect(moderator.locator("main")).not_to_contain_text("Wartet auf Prüfung")
    snap(moderator, "moderator-published-room")

    # a visitor finds it with the start page's search form
    visitor.goto("/")
    snap(visitor, "home")
    search = visitor.get_by_role("search", name="Raum suchen")
    search.get_by_label("Stadtteil").select_option(label="Buntekuh")
    search.get_by_role("button", name="Räume suchen").click()
    expect(visitor).to_have_url(re.compile(r"/rooms\?.*district=buntekuh"))
    result = visitor.locator("#ergebnisse").get_by_role("link", name=room["title"])
    expect(result).to_be_visible()
    snap(visitor, "search-buntekuh")
    result.click()
    expect(visitor).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(room["title"])
    expect(visitor.get_by_role("region", name="Moderation")).to_have_count(0)
    snap(visitor, "public-room-page")

    owner.goto("/my")
    row = owner.get_by_role("row").filter(has_text=room["title"])
    expect(row).to_contain_text("Veröffentlicht")
    expect(row.get_by_role("link", name=room["title"], exact=True)).to_have_attribute("href", f"/rooms/{room_id}")
    snap(owner, "owner-my-published")


# 3 ---------------------------------------------------------------------------
def test_register_and_list_room_with_keyboard_only(page, snap):
    """Tab / Shift+Tab, typing, Space and Enter only: no clicks, no fill()."""
    kb = page.keyboard
    page.goto("/register")

    # the skip link is the first Tab stop, becomes visible and jumps to the content
    kb.press("Tab")
    first = assert_focus_visible(page, "skip link")
    assert "skip-link" in first["cls"] and first["href"] == "#inhalt", first
    snap(page, "skip-link-focused")
    kb.press("Enter")
    kb.press("Tab")
    assert focused(page)["id"] == "field-name", "after the skip link, Tab goes to the first field of the form"
    assert_focus_visible(page, "name field")

    kb.type("Kim Tastatur")
    kb.press("Tab")
    assert focused(page)["id"] == "field-email"
    kb.type(unique_email("kim"))
    kb.press("Tab")
    assert focused(page)["id"] == "field-password"
    kb.type("Tastatur-ohne-Maus-2024")
    kb.press("Shift+Tab")  # back to check the e-mail field, then on again
    assert focused(page)["id"] == "field-email"
    assert_focus_visible(page, "e-mail field after Shift+Tab")
    kb.press("Tab")
    kb.press("Tab")
    assert focused(page)["id"] == "field-organisation-name"
    kb.type("Tastaturclub St. Lorenz e. V.")
    kb.press("Tab")
    assert focused(page)["id"] == "field-organisation-kind"
    kb.type("Gemein")  # type-ahead in the closed select
    expect(page.locator("#field-organisation-kind")).to_have_value("nonprofit")
    tab_to(page, "#field-privacy", max_steps=3)
    assert_focus_visible(page, "privacy checkbox")
    kb.press("Space")
    expect(page.locator("#field-privacy")).to_be_checked()
    tab_to(page, "main form button[type=submit]", max_steps=2)
    assert_focus_visible(page, "submit button")
    snap(page, "register-filled-by-keyboard")
    with page.expect_navigation():
        kb.press("Enter")
    expect(page).to_have_url(re.compile(r"/my$"))
    snap(page, "my")

    tab_to(page, 'main a[href="/rooms/new"]', max_steps=20)
    assert_focus_visible(page, "link to the room form")
    with page.expect_navigation():
        kb.press("Enter")
    expect(page).to_have_url(re.compile(r"/rooms/new$"))

    def field(selector: str, text: str | None = None, max_steps: int = 30):
        tab_to(page, selector, max_steps=max_steps)
        if text is not None:
            kb.type(text)

    field("#field-title", "Seminarraum am Koberg")
    field("#field-description", "Ruhiger Seminarraum im zweiten Stock mit Tischen und Whiteboard, gut erreichbar.", 2)
    assert_focus_visible(page, "textarea")
    field("#field-capacity", "16", 2)
    field("#field-district", max_steps=4)
    kb.type("Innen")
    expect(page.locator("#field-district")).to_have_value("innenstadt")
    field("#field-street", "Koberg 2", 2)
    field("#field-postcode", "23552", 2)
    field("#field-price-model", max_steps=2)
    kb.press("ArrowDown")  # from "free" to "free_nonprofit" without opening the list
    expect(page.locator("#field-price-model")).to_have_value("free_nonprofit")
    field("#field-price-per-hour-eur", "12,50", 2)
    field("#field-hours-mon", "08:00-18:00")
    field("#field-hours-tue", "08:00-18:00", 2)
    field("input[name=equipment][value=whiteboard]", max_steps=20)
    kb.press("Space")
    assert_focus_visible(page, "equipment checkbox")
    field("#field-step-free", max_steps=20)
    kb.press("Space")
    snap(page, "room-form-filled-by-keyboard")
    # Shift+Tab back over the form must find the title again (no focus trap)
    tab_to(page, "#field-title", max_steps=60, backwards=True)
    tab_to(page, 'main form[action="/rooms"] button[type=submit]', max_steps=60)
    assert_focus_visible(page, "room submit button")
    with page.expect_navigation():
        kb.press("Enter")
    expect(page).to_have_url(re.compile(r"/rooms/\d+/edit\?saved=created$"))
    expect(page.locator("#field-hours-mon")).to_have_value("08:00-18:00")
    expect(page.locator("#field-price-model")).to_have_value("free_nonprofit")
    expect(page.locator("#field-step-free")).to_be_checked()
    expect(page.locator("input[name=equipment][value=whiteboard]")).to_be_checked()
    snap(page, "room-created-by-keyboard")

    # back to the dashboard through the main navigation, by keyboard
    tab_to(page, '.site-nav a[href="/my"]', max_steps=10)
    assert_focus_visible(page, "navigation link")
    with page.expect_navigation():
        kb.press("Enter")
    row = page.get_by_role("row").filter(has_text="Seminarraum am Koberg")
    expect(row).to_contain_text("Wartet auf Prüfung")
    snap(page, "my-with-room")


# 4 ---------------------------------------------------------------------------
def test_no_horizontal_scrolling_at_390px(phone, snap):
    overflowing = []
    statuses = []

    def visit(path: str, label: str, status: int = 200):
        response = phone.goto(path)
        check(label, status, response.status if response else None)

    def check(label: str, status: int | None = 200, got: int | None = 200):
        if got != status:
            statuses.append(f"{label}: HTTP {got}, expected {status}")
        m = no_horizontal_scroll(phone)
        # a mobile browser zooms out to fit wide content, which widens innerWidth too
        if m["scrollWidth"] > m["innerWidth"] or m["innerWidth"] > 390:
            overflowing.append(f"{label} ({phone.url}): scrollWidth {m['scrollWidth']}, innerWidth {m['innerWidth']} "
                               f"in a 390 px screen; too wide: {m['wide']}")
        snap(phone, label)

    assert phone.viewport_size["width"] == 390
    visit("/", "home")
    visit("/rooms", "rooms")
    visit("/rooms?district=innenstadt&capacity=5&accessible=1&equipment=wifi", "rooms-filtered")
    visit("/rooms?q=zzz", "rooms-empty")
    visit("/rooms?page=2", "rooms-page-2")
    visit("/rooms/1", "room-1")
    visit("/organisations/1", "organisation-1")
    visit("/gibt-es-nicht", "not-found", 404)
    visit("/login", "login")
    visit("/register", "register")

    # a form with errors, then a member with a long German compound in the room title
    phone.get_by_role("button", name="Konto anlegen").click()
    check("register-with-errors")
    register(phone, name="Frieda Schmalbildschirm", email=unique_email("frieda"),
             org="Mehrgenerationenhausgemeinschaftsverein Kücknitz e. V.")
    room = dict(ROOM, title="Mehrgenerationenhaus-Gemeinschaftsraum „Kücknitzer Stube“", district="Kücknitz",
                postcode="23569", street="Solmitzstraße 15")
    room_id = create_room(phone, room)
    check("room-edit-created")
    upload_photo(phone, room_id, "Gemeinschaftsraum mit langen Tischen")
    check("room-edit-with-photo")
    visit("/my", "my")
    org_edit = phone.locator("main").get_by_role("link", name=re.compile("Profil bearbeiten")).get_attribute("href")
    visit("/my/account", "my-account")
    visit(f"/rooms/{room_id}", "room-owner-view")
    visit(org_edit, "organisation-edit")
    visit(org_edit.removesuffix("/edit"), "organisation-profile")
    visit("/rooms/new", "rooms-new")
    phone.get_by_role("button", name="Raum anlegen").click()
    check("rooms-new-with-errors")

    assert not statuses, "\n".join(statuses)
    assert not overflowing, "pages wider than the 390 px screen:\n" + "\n".join(overflowing)


# 5 ---------------------------------------------------------------------------
def assert_error_summary_wired(page, expect_fields: set[str], what: str):
    info = error_summary(page)
    assert info is not None, f"{what}: no error summary"
    assert info["before_form"], f"{what}: the error summary must come before its form"
    assert 0 <= info["top"] < info["viewport"], f"{what}: the error summary is not on screen: {info}"
    assert info["links"], f"{what}: the error summary lists no errors"
    linked = set()
    for link in info["links"]:
        assert link["href"].startswith("#") and link["exists"], f"{what}: summary link to nothing: {link}"
        assert link["tag"] in ("input", "select", "textarea"), f"{what}: summary link not to a field: {link}"
        assert link["invalid"] == "true", f"{what}: linked field without aria-invalid=true: {link}"
        assert link["describedby"], f"{what}: invalid field without aria-describedby: {link}"
        missing = [d["id"] for d in link["describedby"] if not d["exists"]]
        assert not missing, f"{what}: aria-describedby points to missing ids {missing}: {link}"
        assert any(d["text"] and d["text"] in link["text"] for d in link["describedby"]), \
            f"{what}: the field's description does not contain the error from the summary: {link}"
        linked.add(link["id"])
    assert set(info["invalid"]) == linked, \
        f"{what}: fields marked invalid {sorted(info['invalid'])} ≠ fields in the summary {sorted(linked)}"
    assert expect_fields <= linked, f"{what}: expected errors for {sorted(expect_fields - linked)}"
    return info


def follow_first_summary_link(page, what: str):
    link = page.locator(".error-summary a").first
    target = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()


def test_validation_errors_are_summarised_and_linked(page, snap):
    # registration: several wrong fields, one kept value
    page.goto("/register")
    page.get_by_label(re.compile(r"^Ihr Name")).fill("Paula Prüfung")
    page.get_by_label(re.compile(r"^E-Mail-Adresse")).fill("keine-adresse")
    page.get_by_label(re.compile(r"^Passwort")).fill("kurz")
    with page.expect_navigation() as nav:
        page.get_by_role("button", name="Konto anlegen").click()
    assert nav.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    assert_error_summary_wired(page, {"field-email", "field-password", "field-privacy"}, "/register")
    snap(page, "register-errors")
    expect(page.get_by_label(re.compile(r"^Ihr Name"))).to_have_value("Paula Prüfung")
    expect(page.get_by_label(re.compile(r"^E-Mail-Adresse"))).to_have_value("keine-adresse")
    expect(page.locator("#field-name")).not_to_have_attribute("aria-invalid", "true")
    follow_first_summary_link(page, "/register")

    # a room form with wrong opening hours and a fee without a price
    register(page, name="Paula Prüfung", email=unique_email("paula"), org="Prüfverein e. V.", snap=snap)
    page.goto("/rooms/new")
    fill_room_form(page, dict(ROOM, hours={"Montag": "25:00-xx"}, postcode="12345"))
    page.get_by_label(re.compile(r"^Preis")).select_option("fee")
    with page.expect_navigation() as nav:
        page.get_by_role("button", name="Raum anlegen").click()
    assert nav.value.status == 422
    assert_error_summary_wired(page, {"field-hours-mon", "field-postcode", "field-price-per-hour-eur"}, "/rooms/new")
    snap(page, "rooms-new-errors")
    expect(page.get_by_label(re.compile(r"^Titel"))).to_have_value(ROOM["title"])
    expect(page.get_by_label("Montag", exact=True)).to_have_value("25:00-xx")
    expect(page.get_by_label("WLAN", exact=True)).to_be_checked()
    follow_first_summary_link(page, "/rooms/new")

    # the photo form further down the edit page: its summary must be on screen after the post
    page.get_by_label(re.compile(r"^Preis")).select_option("free")
    page.get_by_label("Montag", exact=True).fill("09:00-17:00")
    page.get_by_label(re.compile(r"^Postleitzahl")).fill("23560")
    page.get_by_role("button", name="Raum anlegen").click()
    expect(page).to_have_url(re.compile(r"/rooms/\d+/edit\?saved=created$"))
    snap(page, "room-created")
    with page.expect_navigation() as nav:
        page.get_by_role("button", name="Foto hochladen").click()
    assert nav.value.status == 422
    assert_error_summary_wired(page, {"field-photo", "field-alt"}, "photo form")
    snap(page, "photo-errors")


# 6 ---------------------------------------------------------------------------
def test_language_switch_by_keyboard_keeps_the_page_and_is_remembered(new_context, snap):
    """The switcher in the header, reached with Tab and followed with Enter, shows
    the same search in English; the cookie keeps English on the next page; the
    browser's Accept-Language decides for a first visit."""
    page = new_context().new_page()
    page.goto("/rooms?district=moisling")
    assert page.locator("html").get_attribute("lang") == "de"
    tab_to(page, "a.language-switch")
    assert_focus_visible(page, "language switch")
    assert focused(page)["text"].strip() == "English"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "district=moisling" in page.url and "lang=en" in page.url
    expect(page.locator("h1")).to_contain_text("Find rooms")
    assert page.locator('link[rel="alternate"][hreflang="de"]').count() == 1
    snap(page, "rooms-in-english")

    page.goto("/impact")  # no ?lang=: the cookie keeps English
    assert page.locator("html").get_attribute("lang") == "en"
    switch = page.locator("a.language-switch")
    expect(switch).to_have_text("Deutsch")
    switch.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "de"

    browser = page.context.browser
    english = browser.new_context(base_url=page.url.split("/impact")[0], locale="en-GB",
                                  extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    try:
        first = english.new_page()
        first.goto("/")
        assert first.locator("html").get_attribute("lang") == "en"
    finally:
        english.close()


# 7 ---------------------------------------------------------------------------
def test_newcomer_finds_a_free_slot_registers_and_books_it(page, snap):
    """Someone without an account searches for a free slot, opens a room, registers
    from its page and books the slot, which is filled in all the way."""
    day = (date.today() + timedelta(days=10)).isoformat()
    page.goto("/rooms")
    page.get_by_label("Datum", exact=True).fill(day)
    page.get_by_label("von", exact=True).fill("10:00")
    page.get_by_label("bis", exact=True).fill("12:00")
    page.get_by_role("button", name="Räume suchen").click()
    expect(page).to_have_url(re.compile(rf"date={day}&from=10%3A00&to=12%3A00"))
    first = page.locator(".room-card").first
    expect(first).to_contain_text("Frei am")
    expect(first).to_contain_text("10:00–12:00")
    snap(page, "search-free-slot")

    title = first.locator(".room-card-link").inner_text()
    first.locator(".room-card-link").click()
    expect(page).to_have_url(re.compile(rf"/rooms/\d+\?week=\d{{4}}-W\d\d&date={day}&start=10:00&end=12:00#buchen$"))
    room = re.search(r"/rooms/(\d+)", page.url).group(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.locator("main").get_by_role("link", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_role("link", name="Jetzt registrieren").click()
    expect(page).to_have_url(re.compile(r"/register\?next="))
    page.get_by_label(re.compile(r"^Ihr Name")).fill("Clara Büro")
    page.get_by_label(re.compile(r"^E-Mail-Adresse")).fill(unique_email("clara"))
    page.get_by_label(re.compile(r"^Passwort")).fill(PASSWORD)
    page.get_by_label("Name Ihrer Organisation").fill("Hanse Logistik GmbH")
    page.get_by_label("Art der Organisation").select_option(label="Unternehmen")
    page.get_by_label(re.compile(r"Datenschutzerklärung gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()

    # Back on the room with the booking form filled in for the slot searched.
    expect(page).to_have_url(re.compile(rf"/rooms/{room}\?week=.*&date={day}&start=10:00&end=12:00#buchen$"))
    form = page.locator("#buchen")
    expect(form.get_by_label(re.compile(r"^Datum"))).to_have_value(day)
    expect(form.get_by_label(re.compile(r"^Beginn"))).to_have_value("10:00")
    expect(form.get_by_label(re.compile(r"^Ende"))).to_have_value("12:00")
    form.get_by_label(re.compile(r"^Personen")).fill("4")
    snap(page, "booking-form-filled-in")
    form.get_by_role("button", name=re.compile(r"^(Verbindlich buchen|Anfrage senden)$")).click()

    expect(page).to_have_url(re.compile(r"/bookings/\d+"))
    expect(page.locator("main")).to_contain_text(title)
    expect(page.locator("main")).to_contain_text("10:00–12:00")
    expect(page.locator("main")).to_contain_text(re.compile(r"Bestätigt|Angefragt"))
    snap(page, "booking-made")
