"""The captioning widget (widgets/image-captioning/) in Chromium on the shipped captioners: the
browser's captions (soft, hard, sampled cells) and attention equal coursekit.captioner's (Python
onnxruntime, the same two ONNX files) for scenes built in the page; the editor works from the
keyboard; bad input (not an image, 50 MB, 1×1, an empty scene, too many shapes) gets a sentence;
the guess game scores a click. One page load serves the module."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest

from bench_onnx import CLIENT
from build_models.scenes import data
from coursekit import captioner
from conftest import checked_page
from sitepages import count_grows, mounted_widget

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/modules/06-beyond-text/captioning/"
ATTENTION_PAGE = "/modules/07-attention/image-attention/"
LONG_MS = 120_000
TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def refs():
    return {m: captioner.load(ROOT / "pretrained" / m) for m in ("captioner-soft", "captioner-hard")}


@pytest.fixture(scope="module")
def shared(browser, site_server, request):
    from conftest import PageLog
    log = PageLog()
    with checked_page(browser, site_server.url, log, request) as pg:
        pg.goto(site_server.url + PAGE)
        root = mounted_widget(pg, "image-captioning")
        count_grows(pg, root, "captioned", beyond=0, timeout=LONG_MS)
        yield pg, root


def captioned(page, root, action) -> dict:
    """Run `action`, wait for the next caption, return the scene and the three runs' words."""
    count_grows(page, root, "captioned", action, timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()
    words = {k: root.locator(f'p[data-run="{k}"]').get_attribute("data-words") for k in ("soft", "hard", "sample")}
    return {"scene": data.Scene.from_json(json.loads(root.get_attribute("data-scene"))), "words": words}


def test_examples_are_the_generators_test_scenes():
    got = json.loads((ROOT / "widgets" / "image-captioning" / "examples.json").read_text())
    assert got == data.examples()


@pytest.mark.parametrize("example", [1, 4, 7])
def test_browser_captions_equal_python_onnxruntime(shared, refs, example):
    page, root = shared
    got = captioned(page, root, lambda: root.locator('select[data-role="example"]').select_option(index=example))
    scene = got["scene"]
    assert scene == data.Scene.from_json(data.examples()[example])
    assert got["words"]["soft"] == " ".join(refs["captioner-soft"].caption_scene(scene, "soft")["words"])
    assert got["words"]["hard"] == " ".join(refs["captioner-hard"].caption_scene(scene, "hard")["words"])
    assert got["words"]["sample"] == " ".join(refs["captioner-soft"].caption_scene(scene, "sample", seed=1)["words"])


def test_browser_attention_weights_equal_python(shared, refs):
    page, _ = shared
    scene = data.make_scene("test", 5)
    image = data.to_input(data.render(scene))
    r = page.evaluate("""async ({client, image}) => {
      const rt = await import(client);
      const bytes = Uint8Array.from(atob(image), (c) => c.charCodeAt(0));
      const out = await rt.captionImage("/pretrained/captioner-soft/meta.json", {image: new Float32Array(bytes.buffer), mode: "soft"});
      const b64 = (a) => btoa(String.fromCharCode(...new Uint8Array(a.buffer)));
      return {words: out.words, weights: b64(out.weights), probs: b64(out.probs)};
    }""", {"client": CLIENT, "image": base64.b64encode(image.tobytes()).decode()})
    want = refs["captioner-soft"].caption_scene(scene, "soft")
    assert r["words"] == want["words"]
    w = np.frombuffer(base64.b64decode(r["weights"]), np.float32).reshape(want["weights"].shape)
    assert np.abs(w - want["weights"]).max() < TOLERANCE


def test_keyboard_moves_and_recolours_the_selected_shape(shared):
    page, root = shared
    captioned(page, root, lambda: root.locator('select[data-role="example"]').select_option(index=2))
    first = data.Scene.from_json(json.loads(root.get_attribute("data-scene"))).shapes[0]
    root.locator('button[data-shape="0"]').focus()
    got = captioned(page, root, lambda: page.keyboard.press("ArrowRight"))
    assert got["scene"].shapes[0].x == min(first.x + 1, data.SIZE - 1)
    colours = list(data.COLOURS)
    got = captioned(page, root, lambda: page.keyboard.press("c"))
    assert got["scene"].shapes[0].colour == colours[(colours.index(first.colour) + 1) % len(colours)]
    new_colour = next(c for c in data.COLOURS if c != got["scene"].shapes[0].colour)
    got = captioned(page, root, lambda: root.locator('select[data-role="colour"]').select_option(new_colour))
    assert got["scene"].shapes[0].colour == new_colour
    assert root.locator('[data-role="true-caption"]').inner_text().count(new_colour) >= 1


def test_an_empty_scene_and_a_full_one_get_a_sentence(shared):
    page, root = shared
    root.locator('button[data-action="clear"]').click()
    assert "empty" in root.locator('[data-role="editor-status"]').inner_text()
    assert "empty" in root.locator('[data-role="caption"]').inner_text()
    assert root.locator('[data-run]').count() == 0
    for _ in range(3):
        captioned(page, root, lambda: root.locator('button[data-action="add"]').click())
    # a reader asking for 100 shapes
    root.evaluate("(el) => { for (let i = 0; i < 97; i++) el.querySelector('button[data-action=\"add\"]').click(); }")
    assert "at most 3 shapes" in root.locator('[data-role="editor-status"]').inner_text()
    assert len(json.loads(root.get_attribute("data-scene"))["shapes"]) == 3


def png(width: int, height: int) -> bytes:
    import zlib
    import struct
    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name,mime,body,said", [
    ("notes.txt", "text/plain", b"not a picture", "is not an image"),
    ("huge.png", "image/png", None, "50.0 MB"),
    ("dot.png", "image/png", png(1, 1), "1×1 pixels"),
    ("broken.png", "image/png", b"\x89PNG garbage", "could not be read"),
], ids=["not-an-image", "50-MB", "1x1", "damaged"])
def test_bad_uploads_are_refused_with_a_sentence(shared, tmp_path, name, mime, body, said):
    page, root = shared
    if body is None:   # 50 MB: too big for a buffer, so a sparse file
        big = tmp_path / name
        with open(big, "wb") as f:
            f.truncate(50 * 1024 * 1024)
        root.locator('input[data-role="upload"]').set_input_files(big)
    else:
        root.locator('input[data-role="upload"]').set_input_files({"name": name, "mimeType": mime, "buffer": body})
    # The cases share one page: the last case's sentence stays up until this file has been read (a
    # picture is decoded asynchronously), so wait for this file's own sentence.
    page.wait_for_function("([el, said]) => el.textContent.includes(said)",
                           arg=[root.locator('[data-role="upload-status"]').element_handle(), said])
    assert said in root.locator('[data-role="upload-status"]').inner_text()
    assert root.get_attribute("data-state") != "error"


def test_a_photo_is_captioned_with_the_warning_that_the_model_knows_only_shapes(shared):
    page, root = shared
    got = captioned(page, root, lambda: root.locator('input[data-role="upload"]').set_input_files(
        {"name": "red.png", "mimeType": "image/png", "buffer": png(40, 30)}))
    assert got["words"]["soft"]
    assert "only ever seen" in root.locator('[data-role="true-caption"]').inner_text()
    captioned(page, root, lambda: root.locator('button[data-action="back"]').click())


def test_the_guess_game_scores_a_click_against_the_attention(shared, refs):
    page, root = shared
    got = captioned(page, root, lambda: root.locator('select[data-role="example"]').select_option(index=3))
    root.locator('input[data-role="guess-mode"]').check()
    assert root.locator('button[data-word]').count() == 0
    picture = root.locator('canvas[data-role="picture"]')
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.3, "y": box["height"] * 0.6})   # cell row 5, column 3
    said = root.locator('[data-role="guess-score"]').inner_text()
    want = refs["captioner-soft"].caption_scene(got["scene"], "soft")
    top = int(np.argmax(want["weights"][0]))
    assert f"Word 1 is “{want['words'][0]}”" in said
    assert ("Spot on" in said) == (top == 4 * 8 + 2)
    assert root.locator('button[data-word]').count() == 1
    root.locator('input[data-role="guess-mode"]').uncheck()


def test_the_attention_page_starts_the_guess_game_and_takes_a_keyboard_guess(page, site_server, refs):
    page.goto(site_server.url + ATTENTION_PAGE)
    root = mounted_widget(page, "image-captioning")
    page.wait_for_function("(el) => Number(el.dataset.captioned || 0) >= 1", arg=root.element_handle(), timeout=LONG_MS)
    assert root.locator('input[data-role="guess-mode"]').is_checked()
    assert root.locator('button[data-word]').count() == 0
    root.locator('canvas[data-role="picture"]').focus()
    page.keyboard.press("ArrowLeft")          # the dashed square starts at row 4, column 4
    page.keyboard.press("Enter")
    scene = data.Scene.from_json(json.loads(root.get_attribute("data-scene")))
    want = refs["captioner-soft"].caption_scene(scene, "soft")
    said = root.locator('[data-role="guess-score"]').inner_text()
    assert f"Word 1 is “{want['words'][0]}”. Your guess, row 4, column 3" in said
    assert root.locator('button[data-word]').count() == 1
