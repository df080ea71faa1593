"""The HTML page: parsed strictly (it is well-formed XML too), self-contained, cost curves as
SVG; and, where Chromium is installed, rendered by a real browser to a PNG that is not blank."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from grader.render import render
from grader.render.svg_plot import HEIGHT, TOP, cost_plot

from png_pixels import pixels
from sample_reports import STATUSES, sample_report

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"meta", "br", "link", "img", "input", "hr"}


class _Tags(HTMLParser):
    """Checks that every element an HTML parser opens is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()


def _page(tmp_path: Path) -> str:
    text = render(sample_report(tmp_path), "html")
    text.encode("utf-8")
    return text


def test_the_page_parses_and_holds_no_script_and_no_link_out(tmp_path: Path) -> None:
    text = _page(tmp_path)
    parser = _Tags()
    parser.feed(text)
    parser.close()
    assert parser.open == []
    tags = {tag for tag, _ in parser.seen}
    assert "script" not in tags and "iframe" not in tags and "link" not in tags
    for tag, attrs in parser.seen:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)  # no event handlers
            if name in ("href", "src"):
                assert value is not None and value.startswith("#"), (tag, value)
    assert "default-src 'none'" in text  # the browser refuses anything from outside
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)


def test_scores_and_a_details_block_per_function(tmp_path: Path) -> None:
    root = ET.fromstring(_page(tmp_path))
    rows = root.findall(".//table[@class='scores']/tbody/tr")
    names = [row.findtext("td/a/code") for row in rows if row.get("class") != "part"]
    assert names == list(STATUSES)
    blocks = {d.get("id"): d for d in root.iter("details")}
    assert list(blocks) == [f"week4-{name}" for name in STATUSES]
    for name, status in STATUSES.items():
        block = blocks[f"week4-{name}"]
        assert (block.get("open") is not None) == (status.value != "pass"
                                                   or name == "L_layer_model"), name
    failing = blocks["week4-linear_backward"].findtext("pre") or ""
    assert "[0, 1]: yours=0.75, expected=0.25" in failing and "hint     dW is m" in failing
    assert root.findtext(".//div[@class='total']") == "20/80 (25%)"


def test_hostile_learner_text_is_shown_as_text(tmp_path: Path) -> None:
    text = _page(tmp_path)
    assert "<script>alert(1)</script>" not in text
    root = ET.fromstring(text)
    shown = root.find(".//details[@id='week4-L_model_backward']/pre")
    assert shown is not None and "<script>alert(1)</script>" in (shown.text or "")
    assert "\\x1b[31mred" in (shown.text or "") and "\x1b" not in text


def test_training_functions_get_a_cost_plot(tmp_path: Path) -> None:
    root = ET.fromstring(_page(tmp_path))
    plots = {d.get("id"): d.findall(f".//{SVG}svg") for d in root.iter("details")}
    assert {key for key, found in plots.items() if found} == {
        "week4-L_layer_model", "week4-two_layer_model"}
    falling = plots["week4-L_layer_model"][0]
    lines = falling.findall(f"{SVG}polyline")
    assert len(lines) == 2  # the learner's and the reference's
    points = [tuple(map(float, p.split(","))) for p in lines[0].get("points", "").split()]
    assert len(points) == 25
    assert all(y2 > y1 for (_, y1), (_, y2) in zip(points, points[1:]))  # falling cost: down
    assert all(TOP <= y <= HEIGHT for _, y in points)


def test_a_cost_that_becomes_nan_breaks_the_line_and_is_named(tmp_path: Path) -> None:
    root = ET.fromstring(_page(tmp_path))
    block = root.find(".//details[@id='week4-two_layer_model']")
    assert block is not None
    caption = block.findtext(".//figcaption") or ""
    assert "Your cost becomes nan at recorded value 4" in caption
    yours = [p for p in block.iter(f"{SVG}polyline") if p.get("stroke-dasharray") is None]
    assert len(yours[0].get("points", "").split()) == 4  # the four finite costs only


@pytest.mark.parametrize("yours,expected", [
    ((), ()), ((1.0,), (1.0,)), ((2.0, 2.0), (2.0, 2.0)), ((math.inf, math.nan), (0.5,)),
    ((1e300, -1e300), (0.0, 0.0)),
])
def test_odd_cost_histories_give_valid_svg(yours: tuple[float, ...],
                                           expected: tuple[float, ...]) -> None:
    svg = cost_plot(yours, expected, "model")
    if not yours and not expected:
        assert svg == ""
        return
    root = ET.fromstring(svg)
    numbers = re.findall(r'(?:x|y)\d?="([^"]+)"|points="([^"]+)"', svg)
    for single, many in numbers:
        for value in (single.split() if single else many.replace(",", " ").split()):
            assert math.isfinite(float(value)), svg
    assert root.tag == f"{SVG}svg"


def _chromium() -> str | None:
    return next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (Debian package "
                    "`chromium`; .ci/run installs it)")
def test_chromium_renders_the_page_and_it_is_not_blank(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_page(tmp_path), encoding="utf-8")
    shot = tmp_path / "report.png"
    profile = tmp_path / "profile"
    profile.mkdir()
    done = subprocess.run(
        [str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={shot}",
         "--window-size=1000,2400", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert shot.exists(), done.stderr[-2000:]
    colours = pixels(shot.read_bytes())
    total = sum(colours.values())
    assert total == 1000 * 2400
    _, most = colours.most_common(1)[0]
    assert most < 0.9 * total and len(colours) > 50  # text, tables, not one flat colour
    assert colours[bytes.fromhex("2da44e")] > 100  # the score bar's green: the CSS applied
    assert colours[bytes.fromhex("1f6feb")] > 20  # the learner's cost curve: the SVG drawn


def test_a_notebook_fragment_is_each_functions_block_open_and_scoped(tmp_path: Path) -> None:
    from grader.render.html import fragment

    week = sample_report(tmp_path).weeks[0]
    text = fragment(week)
    root = ET.fromstring(text)
    assert root.tag == "div" and root.get("class") == "grade-check"
    style = root.findtext("style") or ""
    rules = [rule.split("{")[0] for rule in style.replace("\n", "").split("}") if "{" in rule]
    assert rules and all(s.strip().startswith(".grade-check") for r in rules
                         for s in r.split(","))  # nothing leaks into the notebook's page
    blocks = root.findall("details")
    assert [b.findtext("summary/code") for b in blocks] == list(STATUSES)
    assert all(b.get("open") == "open" and b.get("id") is None for b in blocks)
    failing = blocks[list(STATUSES).index("linear_backward")].findtext("pre") or ""
    assert "[0, 1]: yours=0.75, expected=0.25" in failing and "hint     dW is m" in failing
    assert root.findtext("p[@class='total']") == "20/80 (25%)"
    assert "<script>alert(1)</script>" not in text
