"""Widget fences become placeholders; a fence that names nothing real fails the build."""
import markdown
import pytest

from coursekit import markdown_widgets as mw

EXTENSIONS = ["pymdownx.superfences"]
CONFIG = {
    "pymdownx.superfences": {
        "custom_fences": [{"name": "widget", "class": "rnn-widget", "format": mw.fence_format}]
    }
}


def render(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=EXTENSIONS, extension_configs=CONFIG)


def test_fence_becomes_placeholder_with_data_attributes():
    html = render("```widget\nname: lab\nlab: softmax\n```\n")
    assert 'data-widget="lab"' in html
    assert 'data-lab="softmax"' in html
    assert "rnn-widget__fallback" in html


def test_unknown_widget_name_fails():
    with pytest.raises(mw.WidgetFenceError, match="unknown widget 'no-such-widget'"):
        render("```widget\nname: no-such-widget\n```\n")


def test_missing_lab_fails():
    with pytest.raises(mw.WidgetFenceError, match="names lab 'no_such_lab'"):
        render("```widget\nname: lab\nlab: no_such_lab\n```\n")


def test_fence_without_name_fails():
    with pytest.raises(mw.WidgetFenceError, match="no 'name:' line"):
        render("```widget\nlab: softmax\n```\n")


def test_malformed_line_fails():
    with pytest.raises(mw.WidgetFenceError, match="not 'key: value'"):
        render("```widget\nname lab\n```\n")


def test_values_are_html_escaped():
    html = render('```widget\nname: what-if\ncaption: a "quoted" <b>\n```\n')
    assert 'data-caption="a &quot;quoted&quot; &lt;b&gt;"' in html


def test_known_widgets_are_the_widget_folders():
    names = mw.known_widgets()
    assert "lab" in names
    assert not names & mw.NOT_WIDGETS


def test_timeline_focus_becomes_a_data_attribute():
    html = render("```widget\nname: ai-timeline\nfocus: sequence-models\n```\n")
    assert 'data-widget="ai-timeline"' in html and 'data-focus="sequence-models"' in html


def test_timeline_focus_on_a_line_it_does_not_have_fails():
    with pytest.raises(mw.WidgetFenceError, match="has no line 'no-such-line'"):
        render("```widget\nname: ai-timeline\nfocus: no-such-line\n```\n")
