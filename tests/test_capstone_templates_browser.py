"""Module 10's project template selector in Chromium: a chosen project shows its facts and its
downloads work (the notebook is nbformat-4 JSON), the choice survives a reload, axe finds nothing;
"Train it in the studio here" mounts the training studio on the project's own text and reads it
(no training), and the custom domain opens the studio's upload step instead."""
from __future__ import annotations

import json
from pathlib import Path

from sitepages import axe_violations_by_scheme, open_widget
from test_training_studio_browser import LONG_MS, wait

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/modules/10-capstone/projects/"
CAT = json.loads((ROOT / "docs/data/capstone/templates.json").read_text(encoding="utf-8"))
BY_ID = {p["id"]: p for p in CAT["projects"]}


def choose(root, difficulty: str, domain: str):
    root.locator(f'input[data-difficulty][value="{difficulty}"]').check()
    root.locator(f'input[data-domain][value="{domain}"]').check()
    wait(root.page, root, f"el.dataset.project === '{difficulty}-{domain}'")


def test_a_chosen_project_shows_its_facts_and_downloads_and_is_remembered(page, site_server):
    root = open_widget(page, site_server, "project-template", path=PAGE)
    p = BY_ID["intermediate-code"]
    choose(root, "intermediate", "code")
    card = root.locator('[data-role="card"]').inner_text()
    assert p["goal"] in card and "linux.txt" in card
    assert f"below {p['targets']['val_perplexity']:.1f}" in card
    assert f"{round(p['targets']['closed_fraction'] * 100)}%" in card
    links = root.locator("a[data-download]")
    assert sorted(links.evaluate_all("(as) => as.map((a) => a.dataset.download)")) == ["data", "notebook", "script"]
    got = page.evaluate("""async (urls) => Promise.all(urls.map(async (u) => {
        const r = await fetch(u); return { status: r.status, text: await r.text() }; }))""",
                        links.evaluate_all("(as) => as.map((a) => a.href)"))
    assert [g["status"] for g in got] == [200, 200, 200]
    nb = json.loads(got[0]["text"])
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "class CharRNN(nn.Module):" in got[1]["text"] and "int " in got[2]["text"]
    assert axe_violations_by_scheme(page) == {}
    root = open_widget(page, site_server, "project-template", reload=True)
    wait(page, root, "el.dataset.project === 'intermediate-code'")
    assert root.locator('input[data-difficulty][value="intermediate"]').is_checked()
    assert root.locator('input[data-domain][value="code"]').is_checked()


def test_train_it_in_the_studio_mounts_the_studio_on_the_projects_text(page, site_server):
    root = open_widget(page, site_server, "project-template", path=PAGE)
    choose(root, "advanced", "music")
    root.locator('[data-action="studio"]').click()
    wait(page, root, "el.dataset.studio === 'mounted' && el.querySelector('.rnn-ts[data-mode]')")
    studio = root.locator(".rnn-ts")
    assert "abc-reels.txt" in studio.locator('[data-role="fixed-text"]').inner_text()
    assert studio.locator('[data-role="file"]').count() == 0  # its own text: no upload
    studio.locator('[data-action="prepare"]').click()  # reads the text into the studio; no training
    wait(page, studio, "el.dataset.mode === 'prepared'", LONG_MS)
    vocab = studio.locator(".rnn-ts__vocab").text_content()
    assert all(tag in vocab for tag in "①②③")  # the three styles' tags, as the notebook tags the text
    # Another project closes this studio; the custom domain opens the studio's upload step.
    choose(root, "beginner", "custom")
    assert root.locator(".rnn-ts").count() == 0
    root.locator('[data-action="studio"]').click()
    wait(page, root, "el.dataset.studio === 'mounted' && el.querySelector('.rnn-ts[data-mode]')")
    assert root.locator('.rnn-ts [data-role="file"]').count() == 1
    assert root.locator('.rnn-ts [data-role="fixed-text"]').count() == 0
