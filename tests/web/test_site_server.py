"""The stand-in site server: loopback only, a visitor's state per browser (its cookie), the three form
actions, nothing served from outside its folder, and its site model checked like every other file."""

from __future__ import annotations

import http.cookiejar
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.devices.sites import site_variables
from harness.errors import InvalidInputError
from harness.kinds import classify
from harness.sim.site.server import ExposedSiteError, SiteServer
from tests.web.web_tier import SITE


class Visitor:
    """A browser of its own: its cookie jar, following redirects."""

    def __init__(self, site: SiteServer):
        self.site = site
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.site.url + path, timeout=5) as answer:
            return urllib.parse.urlsplit(answer.geturl()).path, answer.read().decode()

    def post(self, path: str, **fields: str) -> tuple[str, str]:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.site.url + path, data, timeout=5) as answer:
            return urllib.parse.urlsplit(answer.geturl()).path, answer.read().decode()

    def sign_in(self, password: str = "demo-password") -> tuple[str, str]:
        return self.post("/login", email="demo@example.com", password=password)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer(SITE) as server:
        yield server


def test_the_site_listens_on_the_loopback_only() -> None:
    for host in ("0.0.0.0", "192.168.1.10", "::"):
        with pytest.raises(ExposedSiteError, match=f"127.0.0.1 only, not on {host}"):
            SiteServer(SITE, host=host)


def test_a_visitor_signs_in_sees_the_pages_and_a_wrong_password_is_told_once(site: SiteServer) -> None:
    visitor = Visitor(site)
    assert visitor.get("/")[0] == "/login"
    assert visitor.get("/account")[0] == "/login"  # a signed-in page: a stranger is sent to sign in
    where, page = visitor.sign_in("wrong")
    assert where == "/login"
    assert "Incorrect password for demo@example.com." in page and 'id="login-error"' in page
    assert "login-error" not in visitor.get("/login")[1]  # told once: a reload shows the plain form
    assert visitor.sign_in()[0] == "/profiles"
    assert visitor.get("/")[0] == "/browse" and visitor.get("/login")[0] == "/browse"
    where, page = visitor.get("/account")
    assert where == "/account" and "Sign out of all devices?" in page


def test_each_browser_has_its_own_state_and_signing_out_everywhere_ends_them_all(site: SiteServer) -> None:
    phone, laptop, stranger = Visitor(site), Visitor(site), Visitor(site)
    phone.sign_in()
    laptop.sign_in()
    assert stranger.get("/browse")[0] == "/login"  # a cookie of its own: not signed in
    assert site.visitors.signed_in_count() == 2
    laptop.post("/logout")  # this browser only
    assert laptop.get("/browse")[0] == "/login" and phone.get("/browse")[0] == "/browse"
    laptop.sign_in()
    assert phone.post("/account/sign-out-all")[0] == "/login"
    assert site.visitors.signed_in_count() == 0
    assert laptop.get("/account")[0] == "/login"


def test_nothing_outside_the_folder_and_its_list_is_served(site: SiteServer) -> None:
    visitor = Visitor(site)
    assert visitor.get("/style.css")[1].startswith("/* The stand-in site's one style sheet")
    for path in ("/site.yaml", "/login.html", "/../../../etc/passwd", "/%2e%2e/site.yaml", "/nope"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            visitor.get(path)
        assert caught.value.code == 404, path
    with pytest.raises(urllib.error.HTTPError) as caught:
        visitor.post("/login", email="x" * 70_000)
    assert caught.value.code == 413
    with urllib.request.urlopen(site.url + "/login", timeout=5) as answer:
        policy = answer.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'")  # no page loads anything from elsewhere


def test_the_site_model_is_checked_with_its_lines(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    shutil.copytree(SITE, folder)
    text = (folder / "site.yaml").read_text()
    (folder / "site.yaml").write_text(text.replace("home: /browse", "home: /brwose").replace(
        "/help: {file: help.html, visitor: any}", "/help: {file: gone.html, visitor: everyone}"))
    assert classify(folder / "site.yaml") == "site_model"
    _, problems = lint_paths([str(folder / "site.yaml")])
    messages = [p.message for p in problems]
    assert any(m.startswith("visitor: expected 'signed_in', 'signed_out' or 'any', got \"everyone\"")
               for m in messages), messages
    with pytest.raises(InvalidInputError):
        SiteServer(folder)
    assert lint_paths([str(SITE)]) == (1, [])  # the shipped site is clean


def test_the_profile_gives_the_served_sites_address_and_account_unless_the_environment_names_a_site(
) -> None:
    from harness.devices.profiles import load_profile

    profile = load_profile("web-chromium")
    served = site_variables(profile, {})
    assert served["NETFLIX_WEB_URL"].startswith("http://127.0.0.1:")
    assert (served["NETFLIX_EMAIL"], served["NETFLIX_PASSWORD"]) == ("demo@example.com", "demo-password")
    assert site_variables(profile, {"NETFLIX_WEB_URL": ""}) == served  # empty: the same stand-in, once
    assert site_variables(profile, {"NETFLIX_WEB_URL": "https://www.example.com"}) == {}
    emulator = load_profile("android-chrome", environ={})
    assert site_variables(emulator, {})["NETFLIX_WEB_URL"].startswith("http://10.0.2.2:")
