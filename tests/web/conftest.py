"""A real server and a real browser: `timeline serve` on 127.0.0.1, headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

TOKEN = "browser-test-token"


def _chromium() -> str:
    """The system's Chromium, or a skip (a failure when TIMELINE_REQUIRE_BROWSER=1)."""
    found = os.environ.get("TIMELINE_CHROMIUM") or shutil.which("chromium")
    reason = None
    if not found:
        reason = "no Chromium found (install Debian's `chromium` or set TIMELINE_CHROMIUM)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install -e '.[test]')"
    if reason is None:
        assert found is not None
        return found
    if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the browser tests are required (TIMELINE_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`timeline serve` on a new SQLite file, seeds loaded; its base URL."""
    _chromium()
    folder = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {
        **os.environ,
        "TIMELINE_DATABASE_URL": f"sqlite:///{folder / 'timeline.db'}",
        "TIMELINE_API_TOKEN": TOKEN,
        "TIMELINE_POLL_INTERVAL": "0.1",
    }
    command = [sys.executable, "-c", "from timeline.cli import main; raise SystemExit(main())"]
    log = open(folder / "serve.log", "wb")  # noqa: SIM115 - closed after the process ends
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"timeline serve exited: {(folder / 'serve.log').read_text()}")
            try:
                if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"timeline serve was not ready: {(folder / 'serve.log').read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on(
        "console",
        # A 404 the page asked for and handled is logged too: only other errors count.
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    yield opened
    context.close()
    assert errors == []  # no script errors and no Content-Security-Policy violations


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where screenshots go: TIMELINE_SCREENSHOTS (docs/screenshots to refresh the README's)."""
    chosen = os.environ.get("TIMELINE_SCREENSHOTS")
    folder = Path(chosen) if chosen else Path(os.environ.get("TMPDIR", "/tmp")) / "timeline-shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def post_article(server: str) -> Any:
    """Ingest an article through the API, as a client program would; its JSON answer."""

    def post(**article: Any) -> dict[str, Any]:
        response = httpx.post(
            f"{server}/articles",
            json=article,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert response.status_code in (200, 201), response.text
        body: dict[str, Any] = response.json()
        return body

    return post
