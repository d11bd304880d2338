"""The browser editor, in real Chromium against Decap's real local backend.

The editor runs on a copy of the demo site, on free ports, as `invoke edit`
runs it: what the form saves is read back from the copy's files and built.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys

import pytest
from browser import chromium
from servers import free_port, wait_port
from sites import REPO, Page
from waiting import wait_until

from signposter.cli import build, load_settings
from signposter.translation.checks import read_page, source_hash

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_args():
    """Extra command-line options for the editor (parametrise to change)."""
    return []


@pytest.fixture
def editor(tmp_path, editor_args):
    """The demo site's copy, and the editor serving it (both servers stopped after)."""
    site = tmp_path / "site"
    for name in ("content", "translations"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "pelicanconf.py", site / "pelicanconf.py")
    (site / "node_modules").symlink_to(REPO / "node_modules")
    port, backend_port = free_port(), free_port()
    command = [sys.executable, "-m", "signposter.editor"]
    command += ["--port", str(port), "--backend-port", str(backend_port)]
    command += editor_args
    # The copy is the current folder (Decap's paths are relative to it); the
    # code under test is this checkout's.
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = (tmp_path / "editor.log").open("w")
    process = subprocess.Popen(
        command,
        cwd=site,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_port(port, process)
        wait_port(backend_port, process)
        yield site, f"http://127.0.0.1:{port}/admin/"
    finally:
        # Ctrl+C, as a volunteer stops it: the editor then stops Decap's server.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            log.close()


@pytest.fixture
def admin(editor):
    site, url = editor
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        yield site, url, page


def logged_in(page, url: str, where: str, login: str = "Login", ready="Quick add"):
    page.goto(url)
    page.get_by_role("button", name=login).click()
    page.get_by_role("button", name=ready).wait_for()  # logged in
    page.goto(url + where)


def choose(page, label: str, *options: str):
    """Pick options in one of Decap's select boxes (react-select)."""
    box = page.get_by_label(label, exact=True)
    for option in options:
        box.click()
        box.fill(option)
        page.get_by_role("option", name=option).click()


def preview(page):
    return page.frame_locator("iframe").first


def publish(page):
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now", exact=True).click()


def orgs_check(site) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "signposter.cli", "orgs-check"]
    return subprocess.run(
        command + ["-s", "pelicanconf.py"],
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
    )


def build_copy(site):
    settings = load_settings(str(site / "pelicanconf.py"), str(site / "output"))
    assert build(settings) == 0
    return site / "output"


def fill_organisation(page, name: str = "Test Form Help Centre", phone: str = ""):
    """A new organisation's form, filled in as a volunteer would."""
    page.get_by_label("ID", exact=True).fill("test-form-help")
    # One box per language for the name, then for the description.
    english = page.get_by_label("English (en)", exact=True)
    if name:
        english.nth(0).fill(name)
    english.nth(1).fill("Free advice.")
    # A phone and a chat, each added with its list's button. The phone's
    # description (one per language) is optional: left empty.
    page.get_by_role("button", name="Add phones").click()
    page.get_by_label("Number", exact=True).fill(phone or "+48 22 000 00 77")
    page.get_by_role("button", name="Add messaging").click()
    choose(page, "Channel", "telegram")
    page.get_by_label("Username (optional)", exact=True).fill("test_form_help")
    choose(page, "Languages", "Polish (pl)", "Ukrainian (uk)")
    choose(page, "Countries", "Poland (PL)")
    choose(page, "Topics", "Legal advice and documents")
    page.get_by_label("Last verified", exact=True).fill("2026-11-01")


def test_an_organisation_created_in_the_form_is_saved_valid_and_listed(admin):
    site, url, page = admin
    logged_in(page, url, "#/collections/organisations/new")
    fill_organisation(page)
    status = preview(page).get_by_role("status")
    status.filter(has_text="No problems found").wait_for()
    publish(page)
    saved = site / "content/organisations/test-form-help.yaml"
    wait_until(saved.exists, what=f"{saved.name} saved by the editor")
    # The editor rewrites the file in the project's style right after Decap.
    wait_until(
        lambda: saved.read_text(encoding="utf-8").startswith("id: test-form-help"),
        what="the saved file in the project's YAML style",
    )
    text = saved.read_text(encoding="utf-8")
    # A name given in English only is plain text again, as volunteers write it;
    # the phone's optional description, left empty, is not there at all.
    assert "\nname: Test Form Help Centre\n" in text
    assert "description: {en: Free advice.}" in text or "en: Free advice." in text
    assert text.count("description") == 1
    checked = orgs_check(site)
    assert checked.returncode == 0, checked.stderr
    output = build_copy(site)
    country = Page(output / "en/help/pl/index.html")
    assert "Test Form Help Centre" in country.text


def test_the_organisation_list_shows_names_in_words(admin):
    site, url, page = admin
    logged_in(page, url, "#/collections/organisations")
    # One name per language (a map) and a plain name, both as text.
    card = page.get_by_role("link", name="Example Workers' Rights Advice (Czechia)")
    card.first.wait_for()
    page.get_by_role("link", name="Example Exploitation Support Line (UK)").wait_for()
    assert "Map {" not in page.locator("main, body").first.inner_text()


def test_an_empty_required_field_is_refused(admin):
    site, url, page = admin
    logged_in(page, url, "#/collections/organisations/new")
    fill_organisation(page, name="")
    publish(page)
    page.get_by_text("you've missed a required field").wait_for()
    page.get_by_text("English (en) is required.").wait_for()
    assert not list((site / "content/organisations").glob("*test-form*"))


def test_a_phone_number_with_letters_is_shown_as_a_problem(admin):
    site, url, page = admin
    logged_in(page, url, "#/collections/organisations/new")
    fill_organisation(page, phone="+48 22 CALL NOW")
    problems = preview(page).get_by_role("alert")
    problems.filter(has_text="phones[0].number").wait_for()
    assert "Problems to fix before saving" in problems.inner_text()


def test_a_ukrainian_page_edited_in_the_form_is_built(admin):
    site, url, page = admin
    source = site / "content/pages/en/about.md"
    stamp = source_hash(read_page(source))
    versions = sorted((site / "content/pages").glob("*/about.md"))
    before = {path: path.read_bytes() for path in versions}
    logged_in(page, url, "#/collections/pages/entries/about")
    page.get_by_role("button", name="Writing in UK").wait_for()
    # Side by side: the English source, then the Ukrainian version.
    title = page.get_by_label("Title", exact=True).nth(1)
    assert title.input_value() == "Про цей сайт"
    title.fill("Про цей сайт і його авторів")
    publish(page)
    saved = site / "content/pages/uk/about.md"
    wait_until(
        lambda: "title: Про цей сайт і його авторів" in saved.read_text("utf-8"),
        what="the Ukrainian page saved by the editor",
    )
    # Decap rewrites every language's file in its own YAML style, with
    # `template: null` for empty campaign fields; the editor gives the
    # languages that did not change their bytes back.
    others = [path for path in versions if path != saved]
    wait_until(
        lambda: all(path.read_bytes() == before[path] for path in others),
        what="every other language's about.md byte-identical",
    )
    # The one that changed keeps the project's style (quoting, header order).
    expected = (
        before[saved]
        .decode()
        .replace("title: Про цей сайт\n", "title: Про цей сайт і його авторів\n")
    )
    wait_until(
        lambda: saved.read_text("utf-8") == expected,
        what="the Ukrainian page in the project's style",
    )
    # Decap rewrites every language's file on save; the English source must
    # keep its stamp, or every translation would turn "outdated".
    assert source_hash(read_page(source)) == stamp
    output = build_copy(site)
    built = Page(output / "uk/about/index.html")
    assert "Про цей сайт і його авторів" in built.text


def open_translations(page, url: str, key: str):
    logged_in(page, url, f"#/collections/pages/entries/{key}")
    page.get_by_role("button", name="Toggle preview").click()
    table = preview(page).get_by_role("region", name="Translations (as saved)")
    table.wait_for()
    return table


def row(table, lang: str):
    return table.get_by_role("row").filter(
        has=table.page.get_by_role("rowheader", name=lang, exact=True)
    )


def test_translation_states_are_shown_and_marked_done_in_the_editor(admin):
    site, url, page = admin
    source = site / "content/pages/en/about.md"
    source.write_text(
        source.read_text("utf-8") + "\nA new sentence.\n", encoding="utf-8"
    )
    uk = site / "content/pages/uk/about.md"
    table = open_translations(page, url, "about")
    # The states `invoke status` gives, from the same code.
    wait_until(
        lambda: "outdated" in row(table, "uk").inner_text(),
        what="uk shown as outdated",
    )
    assert "source" in row(table, "en").inner_text()
    row(table, "uk").get_by_role("button", name="Mark as translated (uk)").click()
    fresh = source_hash(read_page(source))
    wait_until(
        lambda: read_page(uk).value("source_hash") == fresh,
        what="the Ukrainian page stamped with the new source",
    )
    # The editor reloads, and the table then shows it up to date.
    table = preview(page).get_by_role("region", name="Translations (as saved)")
    wait_until(
        lambda: table.count() and "ok" in row(table, "uk").inner_text().split(),
        what="uk shown as ok after the reload",
    )


def test_marking_a_translation_with_a_different_number_is_refused(admin):
    site, url, page = admin
    uk = site / "content/pages/uk/about.md"
    uk.write_text(uk.read_text("utf-8") + "\nДзвоніть 112.\n", encoding="utf-8")
    before = uk.read_bytes()
    table = open_translations(page, url, "about")
    wait_until(
        lambda: "mismatch" in row(table, "uk").inner_text(),
        what="uk shown as mismatch",
    )
    assert "'112' is not in the source page" in row(table, "uk").inner_text()
    row(table, "uk").get_by_role("button", name="Mark as translated (uk)").click()
    refusal = table.get_by_role("alert")
    refusal.filter(has_text="not stamped").wait_for()
    assert "'112' is not in the source page" in refusal.inner_text()
    assert uk.read_bytes() == before


def test_only_the_editors_own_page_may_post(editor):
    """Another website open in the same browser cannot stamp or check."""
    import urllib.error
    import urllib.request

    site, url = editor
    html = urllib.request.urlopen(url).read().decode()
    token = html.split('name="signposter-token" content="', 1)[1].split('"', 1)[0]
    origin = url.removesuffix("/admin/")
    body = b'{"key": "about", "lang": "uk"}'

    def post(path="translated", **headers):
        request = urllib.request.Request(
            f"{origin}/admin/{path}", data=body, headers=headers, method="POST"
        )
        try:
            return urllib.request.urlopen(request).status
        except urllib.error.HTTPError as error:
            return error.code

    good = {"X-Signposter-Token": token, "Origin": origin}
    assert post("status", **good) == 200
    assert post(**{**good, "X-Signposter-Token": "guessed"}) == 403
    assert post(**{"Origin": origin}) == 403
    assert post(**{**good, "Origin": "https://evil.example"}) == 403
    assert post("check", **{"Origin": "https://evil.example"}) == 403
    # A DNS-rebinding page reaches 127.0.0.1 under its own name.
    assert post(**{**good, "Host": "evil.example"}) == 403
    rebound = urllib.request.Request(url, headers={"Host": "evil.example"})
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(rebound)
        raise AssertionError("the admin page was served to another host name")
    # POST only: a link or an image cannot stamp.
    uk = site / "content/pages/uk/about.md"
    before = uk.read_bytes()
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(f"{origin}/admin/translated?key=about&lang=uk")
        raise AssertionError("GET /admin/translated answered")
    assert uk.read_bytes() == before


FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    text: (e.innerText || e.value || "").trim(), id: e.id || "",
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def press_until(page, key: str, wanted, limit: int = 80) -> dict:
    """Press ``key`` until the focused element is the one wanted (at most ``limit``)."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"{key} never reached the element wanted")


def test_an_organisation_is_edited_and_saved_by_keyboard_alone(admin):
    site, url, page = admin
    saved = site / "content/organisations/example-cz-work-rights.yaml"
    page.goto(url)
    page.get_by_role("button", name="Login").wait_for()
    press_until(page, "Tab", lambda f: f["text"] == "Login")
    page.keyboard.press("Enter")
    name = "Example Workers' Rights Advice (Czechia)"
    page.get_by_text(name).wait_for()
    card = press_until(page, "Tab", lambda f: f["text"].startswith(name))
    assert card["outline"], "the focused entry is not visibly outlined"
    page.keyboard.press("Enter")
    page.get_by_label("ID", exact=True).wait_for()
    # The name's Ukrainian box (one box per language).
    box = press_until(page, "Tab", lambda f: f["id"].startswith("uk-field"))
    assert box["outline"]
    page.keyboard.press("End")
    page.keyboard.type(" — Прага")
    publish = press_until(page, "Shift+Tab", lambda f: f["text"] == "Publish")
    assert publish["outline"], "the Publish button is not visibly outlined"
    page.keyboard.press("Enter")  # opens the menu, "Publish now" first
    wait_until(
        lambda: page.evaluate(FOCUSED)["text"] == "Publish now",
        what="focus on Publish now",
    )
    page.keyboard.press("Enter")
    wait_until(
        lambda: "(Чехія) — Прага" in saved.read_text("utf-8"),
        what="the organisation saved from the keyboard",
    )
    assert orgs_check(site).returncode == 0


@pytest.mark.parametrize("editor_args", [["--locale", "uk"]])
def test_the_editor_speaks_ukrainian_and_fits_a_phone(admin, tmp_path):
    site, url, page = admin
    page.set_viewport_size({"width": 360, "height": 740})
    logged_in(page, url, "#/collections/organisations/new", "Увійти", "Додати")
    # Decap's own Ukrainian words (its `uk` locale).
    page.get_by_role("button", name="Опублікувати").first.wait_for()
    # Our own labels and hints, from the site's Ukrainian catalog.
    page.get_by_text("Приклад (необов’язково)").wait_for()
    assert page.get_by_text("Назва", exact=True).count() == 1
    page.get_by_label("Англійська (en)", exact=True).first.wait_for()
    page.get_by_label("Ідентифікатор", exact=True).fill("test-phone")
    page.screenshot(path=tmp_path / "phone.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the form is {width} px wide on a 360 px phone"
