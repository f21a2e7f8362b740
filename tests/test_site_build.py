"""The site builds strictly with MkDocs and, unchanged, with Zensical."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin


ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def widget_names(site: Path) -> set[tuple[str, str]]:
    """(page, data-widget) pairs found in a built site."""
    found = set()
    for html in site.rglob("*.html"):
        for name in re.findall(r'data-widget="([a-z0-9-]+)"', html.read_text(encoding="utf-8")):
            found.add((html.relative_to(site).as_posix(), name))
    return found


def test_strict_mkdocs_build_is_clean(tmp_path, built_site):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stdout + proc.stderr
    assert widget_names(tmp_path / "site") == widget_names(built_site) != set()


def test_zensical_builds_the_same_widget_placeholders(built_site):
    config = ROOT / ".zensical-test.yml"
    out = ROOT / ".cache" / "zensical-site"
    shutil.rmtree(out, ignore_errors=True)
    # Zensical wants site_dir inside the project; everything else is mkdocs.yml unchanged.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("docs_dir: docs", "docs_dir: docs\nsite_dir: .cache/zensical-site", 1))
    try:
        zensical = Path(sys.executable).with_name("zensical")
        proc = subprocess.run([str(zensical), "build", "-f", str(config)], cwd=ROOT, env=ENV,
                              capture_output=True, text=True, timeout=300)
    finally:
        config.unlink()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert widget_names(out) == widget_names(built_site)


def test_build_fails_on_an_unknown_widget(tmp_path):
    docs = tmp_path / "docs"
    (docs / "includes").mkdir(parents=True)
    (docs / "includes" / "abbreviations.md").write_text("*[RNN]: Recurrent neural network\n")
    (docs / "index.md").write_text("# Page\n\n```widget\nname: no-such-widget\n```\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}", 1)
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}", 1)
    config = config.replace("base_path: [docs/includes]", f"base_path: [{docs / 'includes'}]", 1)
    (tmp_path / "mkdocs.yml").write_text(config)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "unknown widget 'no-such-widget'" in proc.stdout + proc.stderr


def test_every_page_preloads_each_weight_of_the_text_font_that_fonts_css_declares(built_site):
    # Found only through the stylesheet, the text font arrived after the first paint whenever
    # something delayed it (a service worker's first visit), and its swap for the fallback
    # re-wrapped the first paragraphs of a lab page (Lighthouse: layout shift 0.14, performance 87).
    fonts_css = built_site / "assets/build/fonts/fonts.css"
    declared = {urljoin("/assets/build/fonts/", src) for src in re.findall(
        r'font-family:"Roboto";[^}]*src:url\(([^)]+)\)', fonts_css.read_text(encoding="utf-8"))}
    assert len(declared) == 3, declared
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for html in pages:
        page_url = "/" + html.relative_to(built_site).as_posix()
        links = re.findall(r"<link rel=\"preload\"[^>]*>", html.read_text(encoding="utf-8"))
        fonts = [link for link in links if 'as="font"' in link]
        assert all(" crossorigin" in link and 'type="font/woff2"' in link for link in fonts), (page_url, fonts)
        preloaded = {urljoin(page_url, re.search(r'href="([^"]+)"', link)[1]) for link in fonts}
        assert preloaded == declared, page_url
    assert all((built_site / path.lstrip("/")).is_file() for path in declared)
