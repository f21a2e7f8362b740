"""Module 10's gallery, leaderboard and peer review in Chromium: kept samples and finished studio
runs (seeded in the exact shape lib/samples.ts and lib/achievements.ts save them) shown beside our
picks, likes and notes that survive a reload, the leaderboard's order; a whole review round by
files (author exports, a reviewer in a fresh browser rates blinded, the author loads the review and
sees the means), with a corrupt file and a review of another submission refused and nothing
changed; and storage denied, and axe in both palettes."""
from __future__ import annotations

import json
import math

from playwright.sync_api import expect

from conftest import checked_page
from capstone_stores import DAY, DENY_STORAGE, NOW, kept, log, run, seed_script
from sitepages import axe_violations_by_scheme, open_widget

PAGE = "/modules/10-capstone/share/"
WIDGET = "capstone-share"




SEEDED = {
    "capstone:samples": [kept(NOW - 2 * DAY, "main(void) {\n\treturn 0;\n}"), kept(NOW - DAY, "static int foo;"),
                         kept(NOW - 3 * DAY, "ROMEO:\nWhat light", "tinyshakespeare", 1.7)],
    "achievements:log": log([run(NOW - 3 * DAY, 2.0), run(NOW - 2 * DAY, 1.6), run(NOW - DAY, 1.8), run(NOW - DAY, 1.5, "names", 2)]),
}
SEED = seed_script(SEEDED)


def storage(page) -> str:
    return page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")


def test_the_gallery_shows_kept_samples_and_ours_keeps_likes_and_notes_and_ranks_runs(page, site_server):
    page.add_init_script(SEED)
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    mine = root.locator('li[data-entry][data-mine="true"]')
    expect(mine).to_have_count(3)
    expect(mine.first).to_contain_text("static int foo;")  # newest first
    expect(mine.first).to_contain_text("best validation perplexity 6.69")
    expect(root.locator('li[data-entry^="ours:"]')).not_to_have_count(0)
    expect(root.locator('li[data-entry="ours:names:0.5"]')).to_contain_text("Our model names")
    second = mine.nth(1)
    second.locator("[data-action=like]").press("Enter")
    expect(second.locator("[data-action=like]")).to_have_attribute("aria-pressed", "true")
    second.locator("textarea[data-role=note]").fill("the braces close")
    root.locator("[data-role=liked-only]").check()
    expect(root.locator("li[data-entry]:visible")).to_have_count(1)
    expect(root.locator("[data-role=creative] li")).to_have_count(1)

    root = open_widget(page, site_server, WIDGET, reload=True)
    again = root.locator('li[data-entry][data-mine="true"]').nth(1)
    expect(again).to_have_attribute("data-liked", "true")
    expect(again.locator("textarea[data-role=note]")).to_have_value("the braces close")
    expect(root.locator("[data-role=creative]")).to_contain_text("main(void)")
    # Beginner runs on linux ranked by perplexity; the two-layer names run is intermediate, on its own.
    ppls = root.locator('table[data-board="beginner"][data-text="linux"] td[data-ppl]').all_inner_texts()
    assert ppls == [f"{math.exp(x):.2f}" for x in (1.6, 1.8, 2.0)]
    expect(root.locator('table[data-board="intermediate"][data-text="names"] tr[data-rank]')).to_have_count(1)
    expect(root.locator('[data-category="advanced"]')).to_contain_text("No advanced run yet")


def test_a_review_round_by_files_from_author_to_reviewer_and_back(page, site_server, browser, page_log, request, tmp_path):
    page.add_init_script(SEED)
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    for at in (NOW - DAY, NOW - 2 * DAY):
        root.locator(f'input[data-pick="{at}"]').check()
    root.locator("[data-role=name]").fill("x" * 10_000)
    with page.expect_download() as d:
        root.locator("[data-action=export-submission]").click()
    submission = tmp_path / "submission.json"
    d.value.save_as(submission)
    doc = json.loads(submission.read_text(encoding="utf-8"))
    assert doc["format"] == "rnn-course/submission" and doc["version"] == 1 and len(doc["samples"]) == 2
    assert doc["name"] == "x" * 40 and "linux (our excerpt)" not in json.dumps(doc)
    expect(root.locator("[data-role=export-note]")).to_contain_text("keeps the first 40")

    review = tmp_path / "review.json"
    with checked_page(browser, site_server.url, page_log, request) as reviewer:
        other = open_widget(reviewer, site_server, WIDGET, path=PAGE)
        other.locator("[data-role=submission-files]").set_input_files(str(submission))
        expect(other).to_have_attribute("data-loaded", "ok")
        section = other.locator("[data-review]")
        expect(section).not_to_contain_text("x" * 40)
        expect(section).not_to_contain_text("perplexity")
        samples = section.locator(":scope > fieldset[data-sample]")
        expect(samples).to_have_count(2)
        for k in range(2):
            index = int(samples.nth(k).get_attribute("data-sample"))
            for rating, value in (("coherence", 4), ("creativity", 2 + index), ("style", 5)):
                samples.nth(k).locator(f'fieldset[data-rating="{rating}"] input[value="{value}"]').check()
            samples.nth(k).locator("[data-role=comment]").fill(f"comment on {index}")
        with reviewer.expect_download() as d:
            section.locator("[data-action=export-review]").click()
        d.value.save_as(review)
    assert json.loads(review.read_text(encoding="utf-8"))["submission"] == doc["id"]

    root.locator("[data-role=review-files]").set_input_files(str(review))
    expect(root).to_have_attribute("data-reviews", "ok")
    result = root.locator(f'[data-results="{doc["id"]}"]')
    expect(result.locator('tr[data-sample="overall"]')).to_contain_text("4.00 (2 ratings)")
    expect(result.locator('tr[data-sample="overall"]')).to_contain_text("2.50 (2 ratings)")
    expect(result.locator('tr[data-sample="1"]')).to_contain_text("3.00 (1 rating)")
    expect(result).to_contain_text("comment on 0")

    before = storage(page)
    wrong = json.loads(review.read_text(encoding="utf-8"))
    wrong["submission"], wrong["id"] = "ffffffffffffffff", "eeeeeeeeeeeeeeee"
    root.locator("[data-role=review-files]").set_input_files(
        {"name": "other.json", "mimeType": "application/json", "buffer": json.dumps(wrong).encode()})
    expect(root).to_have_attribute("data-reviews", "refused")
    expect(root.locator("[data-role=results-note]")).to_contain_text("not one you exported")
    root.locator("[data-role=submission-files]").set_input_files(
        {"name": "bad.json", "mimeType": "application/json", "buffer": b"{oops"})
    expect(root).to_have_attribute("data-loaded", "refused")
    expect(root.locator("[data-role=review-note]")).to_contain_text("not JSON")
    expect(root.locator("[data-review]")).to_have_count(0)
    assert storage(page) == before
    expect(result.locator('tr[data-sample="overall"]')).to_contain_text("4.00 (2 ratings)")


def test_the_widget_says_saving_is_off_when_storage_is_denied_and_axe_finds_nothing(page, site_server):
    page.add_init_script(DENY_STORAGE)
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    expect(root.locator("[data-role=save-note]")).to_contain_text("does not allow this site to save")
    expect(root.locator("[data-role=no-kept]")).to_be_visible()
    root.locator('li[data-entry="ours:linux:0.5"] [data-action=like]').click()
    expect(root.locator('li[data-entry="ours:linux:0.5"]')).to_have_attribute("data-liked", "true")
    assert axe_violations_by_scheme(page) == {}
