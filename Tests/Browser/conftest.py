"""Fixtures for the browser tests: the real server on a free port with a fresh
data directory (one per test module), Debian's Chromium through Playwright, a
desktop `page` (1280 px) and a `phone` (390 px), and `snap` for screenshots.

Environment:
  RAUMBOERSE_BIN          server binary (default .build/debug/raumboerse of this repo)
  RAUMBOERSE_SCREENSHOTS  where screenshots go (default ./screenshots, gitignored)
  RAUMBOERSE_CHROMIUM     browser binary (default /usr/lib/chromium/chromium)
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from support import REPO, SCREENSHOTS

BIN = Path(os.environ.get("RAUMBOERSE_BIN", REPO / ".build" / "debug" / "raumboerse"))
CHROMIUM = os.environ.get("RAUMBOERSE_CHROMIUM", "/usr/lib/chromium/chromium")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

MODERATOR_EMAIL = "m@stadt.example"
MODERATOR_PASSWORD = "Moderation-Luebeck-2024"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`raumboerse serve` with its own temporary data directory."""

    def __init__(self, demo: bool):
        if not (BIN.is_file() and os.access(BIN, os.X_OK)):
            pytest.fail(f"server binary not found: {BIN} (build it, or set RAUMBOERSE_BIN)", pytrace=False)
        self.demo = demo
        self.data_dir = Path(tempfile.mkdtemp(prefix="raumboerse-browser-"))
        self.log_path = self.data_dir / "server.log"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.moderator = (MODERATOR_EMAIL, MODERATOR_PASSWORD)
        self.create_user(MODERATOR_EMAIL, MODERATOR_PASSWORD, role="moderator", name="Mona Moderatorin")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def create_user(self, email: str, password: str, role: str = "member", name: str | None = None):
        cmd = [str(BIN), "user", "create", "--data-dir", str(self.data_dir), "--email", email,
               "--role", role, "--password-stdin"]
        if name:
            cmd += ["--name", name]
        cp = subprocess.run(cmd, input=password + "\n", capture_output=True, text=True, timeout=60)
        if cp.returncode != 0:
            pytest.fail(f"user create failed ({cp.returncode}): {cp.stdout}{cp.stderr}", pytrace=False)

    def start(self):
        for _attempt in range(3):  # a free port can be taken between probe and bind
            self.port = free_port()
            cmd = [str(BIN), "serve", "--port", str(self.port), "--data-dir", str(self.data_dir),
                   "--templates", str(REPO / "Templates"), "--public-dir", str(REPO / "Public"), "--quiet"]
            if self.demo:
                cmd.append("--demo")
            log = open(self.log_path, "ab")
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log.close()
            if self._wait_healthy(20):
                return self
            self.stop()
        pytest.fail(f"server did not become healthy; log:\n{self.log()}", pytrace=False)

    def _wait_healthy(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as r:
                    if r.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        return False

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: graceful shutdown
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def server(request):
    """A fresh server per test module. A module sets SERVER_DEMO = True for demo data."""
    srv = Server(demo=getattr(request.module, "SERVER_DEMO", False))
    try:
        yield srv.start()
    finally:
        srv.cleanup()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def new_context(browser, server):
    """Makes extra browser contexts (own cookies), e.g. a second user."""
    contexts = []

    def make(width: int = DESKTOP["width"], mobile: bool = False):
        opts = {"viewport": PHONE if width == PHONE["width"] else {"width": width, "height": DESKTOP["height"]},
                "base_url": server.url, "locale": "de-DE", "reduced_motion": "reduce"}
        if mobile:
            opts.update(is_mobile=True, has_touch=True, device_scale_factor=1)
        ctx = browser.new_context(**opts)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(new_context):
    """A desktop page, 1280 px wide."""
    return new_context(DESKTOP["width"]).new_page()


@pytest.fixture
def phone(new_context):
    """A phone page, 390 px wide (mobile viewport, touch)."""
    return new_context(PHONE["width"], mobile=True).new_page()


@pytest.fixture
def snap(request):
    """snap(page, label): full-page screenshots of the page as it is now, at
    1280 px and at 390 px, into $RAUMBOERSE_SCREENSHOTS/<module>/<test>/."""
    module = request.node.path.stem
    test = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder = SCREENSHOTS / module / test
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    counter = [0]

    def take(pg, label: str):
        counter[0] += 1
        name = f"{counter[0]:02d}-{re.sub(r'[^A-Za-z0-9_-]+', '-', label).strip('-')}"
        original = pg.viewport_size
        try:
            for size in (DESKTOP, PHONE):
                pg.set_viewport_size(size)
                pg.screenshot(path=str(folder / f"{name}-{size['width']}.png"), full_page=True,
                              animations="disabled", caret="initial")
        finally:
            pg.set_viewport_size(original)

    return take
