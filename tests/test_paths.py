"""Learning paths: the data file, and the fences that render it at build time.

The path pages and the "next in your path" boxes are computed from
docs/paths/paths.json; these tests check the file against the course's
folders and labs, and the fences against small made-up data as well as the
real file.
"""
from __future__ import annotations

import copy
import json
import re

import markdown
import pytest

from coursekit import paths

DOCS = paths.DOCS
# Labs that exist, or that issue 6 and the Module 9 issue plan.
PLANNED_LABS = {
    "one_hot", "cross_entropy_loss", "sample_with_temperature", "perplexity", "lstm_step",
    "gradient_through_time", "rnn_forward", "compute_loss", "rnn_backward", "train_char_rnn",
}
MODULE_SLUGS = {
    "00-why-it-matters", "01-why-sequences", "02-rnn-architecture", "03-vanishing-gradients-lstm",
    "04-char-language-modeling", "05-experiments", "06-beyond-text", "07-attention",
    "08-modern-landscape", "09-implementation", "10-capstone",
}


@pytest.fixture(scope="module")
def data() -> dict:
    return paths.load()


def render(md_text: str) -> str:
    fences = [
        {"name": "path-next", "class": "rnn-path-next", "format": paths.next_format},
        {"name": "path-steps", "class": "rnn-path", "format": paths.steps_format},
        {"name": "path-overview", "class": "rnn-path-overview", "format": paths.overview_format},
    ]
    return markdown.markdown(md_text, extensions=["pymdownx.superfences"],
                             extension_configs={"pymdownx.superfences": {"custom_fences": fences}})


def tiny_data() -> dict:
    """Two paths over four modules; 05 is in no path."""
    unit = lambda i, labs=(): {"id": i, "kind": "module", "title": f"Module {i[:2]}", "minutes": 30, "labs": list(labs)}
    return {
        "units": [unit("01-why-sequences"), unit("02-rnn-architecture", ["rnn_step"]),
                  unit("03-vanishing-gradients-lstm"), unit("05-experiments")],
        "paths": [
            {"id": "a", "page": "a-x", "title": "Path A", "audience": "", "goal": "",
             "steps": [{"unit": "01-why-sequences", "focus": ""}, {"unit": "03-vanishing-gradients-lstm", "focus": ""}]},
            {"id": "b", "page": "b-x", "title": "Path B", "audience": "", "goal": "",
             "steps": [{"unit": "01-why-sequences", "focus": ""}, {"unit": "02-rnn-architecture", "focus": ""},
                       {"unit": "03-vanishing-gradients-lstm", "focus": ""}]},
        ],
    }


# ------------------------------------------------------------ the data file

def test_the_four_paths_have_pages(data):
    assert [p["id"] for p in data["paths"]] == ["a", "b", "c", "d"]
    for p in data["paths"]:
        assert (DOCS / "paths" / f"{p['page']}.md").is_file(), p["page"]


def test_every_module_slug_is_a_course_module(data):
    modules = {u["id"] for u in data["units"] if u["kind"] == "module"}
    assert modules == MODULE_SLUGS
    for u in data["units"]:
        assert paths.MODULE_ID.match(u["id"]) if u["kind"] == "module" else paths.APPENDIX_ID.match(u["id"])


def test_every_lab_exists_or_is_planned(data):
    listed = {lab for u in data["units"] for lab in u["labs"]}
    listed |= {lab for p in data["paths"] for s in p["steps"] for lab in s.get("labs", [])}
    existing = {p.parent.name for p in (DOCS / "labs").glob("*/lab.json")}
    unknown = listed - existing - PLANNED_LABS
    assert not unknown, f"labs that neither exist nor are planned: {sorted(unknown)}"


def test_path_b_is_every_module_in_order(data):
    b = paths.path_by_id(data, "b")
    modules = [s["unit"] for s in b["steps"] if paths.unit_by_id(data, s["unit"])["kind"] == "module"]
    assert modules == sorted(MODULE_SLUGS)


def test_paths_follow_the_lesson_plan(data):
    numbers = {p["id"]: [s["unit"][:2] for s in p["steps"] if s["unit"][0].isdigit()] for p in data["paths"]}
    assert numbers["a"] == ["00", "01", "03", "05", "07", "08"]
    assert numbers["c"] == ["00", "01", "02", "04", "08"]
    assert numbers["d"] == ["00", "02", "03", "07", "08"]


def test_a_step_cannot_count_a_lab_its_module_lacks(data):
    bad = copy.deepcopy(data)
    bad["paths"][0]["steps"][0]["labs"] = ["rnn_step"]
    with pytest.raises(paths.PathFenceError, match="does not have"):
        paths.check(bad)


def test_a_malformed_module_slug_is_refused(data):
    bad = copy.deepcopy(data)
    bad["units"][0]["id"] = "Module-0"
    with pytest.raises(paths.PathFenceError, match="not a valid slug"):
        paths.check(bad)


def test_duration_formats_like_the_pages():
    assert [paths.duration(m) for m in (45, 60, 105, 120)] == ["45 min", "1 h", "1 h 45 min", "2 h"]


# ------------------------------------------------------------ path-next

def test_next_links_follow_each_path_that_includes_the_module(tmp_path):
    docs = tmp_path
    for slug in ("02-rnn-architecture", "03-vanishing-gradients-lstm"):
        (docs / "modules" / slug).mkdir(parents=True)
        (docs / "modules" / slug / "index.md").write_text("# x")
    html = paths.render_next(tiny_data(), "01-why-sequences", "modules/01-why-sequences/", docs)
    a = re.search(r'<li data-path="a">(.*?)</li>', html).group(1)
    b = re.search(r'<li data-path="b">(.*?)</li>', html).group(1)
    assert 'href="../03-vanishing-gradients-lstm/"' in a
    assert 'href="../02-rnn-architecture/"' in b


def test_next_link_after_the_last_step_goes_to_the_path_page():
    html = paths.render_next(tiny_data(), "03-vanishing-gradients-lstm", "modules/03-vanishing-gradients-lstm/review/")
    assert 'href="../../../paths/a-x/"' in html and 'href="../../../paths/b-x/"' in html


def test_the_next_step_skips_units_without_a_page(tmp_path):
    (tmp_path / "modules" / "03-vanishing-gradients-lstm").mkdir(parents=True)
    (tmp_path / "modules" / "03-vanishing-gradients-lstm" / "index.md").write_text("# x")
    html = paths.render_next(tiny_data(), "01-why-sequences", "modules/01-why-sequences/", tmp_path)
    b = re.search(r'<li data-path="b">(.*?)</li>', html).group(1)
    assert 'href="../03-vanishing-gradients-lstm/"' in b and "02-rnn-architecture" not in b  # 02 is not written here
    assert "coming soon" not in html


def test_after_the_last_written_step_the_next_link_is_the_end_of_the_path(tmp_path):
    html = paths.render_next(tiny_data(), "01-why-sequences", "modules/01-why-sequences/", tmp_path)
    assert "the end of the path" in html and "coming soon" not in html


def test_each_step_lists_its_units_pages_as_the_browser_keys_them(tmp_path):
    folder = tmp_path / "modules" / "02-rnn-architecture"
    folder.mkdir(parents=True)
    for name in ("index.md", "review.md", "unrolling.md"):
        (folder / name).write_text("# x")
    html = paths.render_steps(tiny_data(), "b", "paths/b-x/", tmp_path)
    step = re.search(r'<li class="rnn-path__step" data-unit="02-rnn-architecture"[^>]*>', html).group(0)
    assert 'data-pages="02-rnn-architecture 02-rnn-architecture/review 02-rnn-architecture/unrolling"' in step
    assert 'data-available="true"' in step
    soon = re.search(r'<li class="rnn-path__step" data-unit="03-vanishing-gradients-lstm"[^>]*>', html).group(0)
    assert 'data-pages=""' in soon and 'data-available="false"' in soon


def test_module_in_no_path_points_to_the_paths_page():
    html = paths.render_next(tiny_data(), "05-experiments", "modules/05-experiments/")
    assert "No learning path includes this page" in html
    assert 'href="../../paths/"' in html
    assert "<li" not in html


def test_unknown_module_fails_the_build():
    with pytest.raises(paths.PathFenceError, match="unknown module '99-nothing'"):
        render("```path-next\nmodule: 99-nothing\n```\n")


def test_path_next_fence_needs_exactly_a_module_line():
    with pytest.raises(paths.PathFenceError, match="exactly one line"):
        render("```path-next\npath: a\n```\n")


def test_module_2_next_links_come_from_the_data_file(data):
    html = render("```path-next\nmodule: 02-rnn-architecture\n```\n")
    expected = {p["id"] for p in data["paths"] if any(s["unit"] == "02-rnn-architecture" for s in p["steps"])}
    assert set(re.findall(r'<li data-path="(\w)">', html)) == expected
    assert "02-rnn-architecture" in (DOCS / "modules/02-rnn-architecture/index.md").read_text(encoding="utf-8").split("```path-next")[1]


# ------------------------------------------------------------ path-steps, overview

def test_path_steps_list_every_step_with_its_labs_and_the_total(data):
    html = render("```path-steps\npath: c\n```\n")
    c = paths.path_by_id(data, "c")
    units = re.findall(r'<li class="rnn-path__step" data-unit="([^"]+)" data-labs="([^"]*)"', html)
    assert [u for u, _ in units] == [s["unit"] for s in c["steps"]]
    assert dict(units)["02-rnn-architecture"] == "rnn_step"
    total = sum(paths.step_minutes(s, paths.unit_by_id(data, s["unit"])) for s in c["steps"])
    assert f"about {paths.duration(total)} in all" in html
    assert 'data-widget="path-progress"' in html


def test_path_steps_link_existing_modules_from_the_path_page():
    html = render("```path-steps\npath: b\n```\n")
    assert 'href="../../modules/02-rnn-architecture/"' in html


def test_unknown_path_fails_the_build():
    with pytest.raises(paths.PathFenceError, match="unknown learning path 'z'"):
        render("```path-steps\npath: z\n```\n")


def test_overview_lists_the_four_paths(data):
    html = render("```path-overview\n```\n")
    for p in data["paths"]:
        assert f'href="{p["page"]}/"' in html
        assert paths.duration(paths.path_minutes(data, p)) in html


def test_overview_table_is_styled_like_the_markdown_tables(data):
    # Material styles `table:not([class])` only: the class goes on a wrapper, so the paths table looks
    # like the home page's module table beside it.
    html = render("```path-overview\n```\n")
    assert '<div class="rnn-path-overview"><table>' in html
    assert "<table class" not in html


def test_data_file_is_valid_json_for_the_browser():
    # The file is published with the site; it must stay plain JSON.
    json.loads(paths.DATA.read_text(encoding="utf-8"))


def test_links_resolve_from_the_page_url_in_mkdocs_and_from_the_file_folder_in_zensical():
    from types import SimpleNamespace as NS

    mkdocs_md = NS(treeprocessors={"relpath": NS(file=NS(url="paths/b-practitioner/"))}, preprocessors={})
    zensical_md = NS(treeprocessors={}, preprocessors={"rendering_context": NS(page=NS(path="paths/b-practitioner.md"))})
    assert paths.current_page_url(mkdocs_md, "x/") == "paths/b-practitioner/"
    assert paths.current_page_url(zensical_md, "x/") == "paths/"
    assert paths.current_page_url(NS(treeprocessors={}, preprocessors={}), "x/") == "x/"
