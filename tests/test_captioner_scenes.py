"""The scenes of Module 6 § 6.1 (build_models/scenes/data.py): deterministic, captioned by the
grammar, split with held-out pairs; and the browser's copy of the world (widgets/image-captioning/
scene.ts) gives the same pixels, captions and judgements as Python."""
import json

import numpy as np

from build_models.scenes import data, metrics
import jsunit

JS_VALUES = jsunit.values_source("captioner")


def test_a_scene_is_the_same_for_the_same_split_and_index():
    a, b = data.make_scene("train", 41), data.make_scene("train", 41)
    assert a == b
    assert np.array_equal(data.render(a), data.render(b))
    assert data.make_scene("train", 42) != a


def test_every_caption_is_a_sentence_of_the_grammar_that_names_the_scene():
    for i in range(300):
        s = data.make_scene("val", i)
        p = data.parse(data.caption(s))
        assert p is not None, data.caption(s)
        assert sorted(p["objects"]) == sorted((x.size, x.colour, x.shape) for x in s.shapes)


def test_two_shape_captions_put_the_left_or_upper_shape_first():
    left, right = data.Shape("circle", "red", "small", 10, 30), data.Shape("square", "blue", "large", 50, 32)
    assert data.caption(data.Scene([right, left])) == "a small red circle left of a large blue square".split()
    top, bottom = data.Shape("triangle", "green", "small", 30, 8), data.Shape("circle", "cyan", "small", 33, 50)
    assert data.caption(data.Scene([bottom, top])) == "a small green triangle above a small cyan circle".split()


def test_held_out_pairs_appear_only_in_the_novel_split():
    for split in ("train", "val", "test"):
        assert not any(data.held_out(s) for i in range(400) for s in data.make_scene(split, i).shapes)
    assert all(any(data.held_out(s) for s in data.make_scene("novel", i).shapes) for i in range(100))


def test_shapes_of_a_generated_scene_do_not_overlap():
    for i in range(200):
        s = data.make_scene("train", i)
        masks = [data.shape_mask(x) for x in s.shapes]
        assert not any((masks[j] & masks[k]).any() for j in range(len(masks)) for k in range(j))


def test_noise_is_mulberry32_and_plain_is_flat():
    s = data.Scene([], "noise", 7)
    img = data.render(s).astype(int)
    assert len(np.unique(img[..., 0])) > 20
    assert np.array_equal(data.render(data.Scene([], "plain", 7)), np.broadcast_to(np.array(data.BACKGROUND, np.uint8), img.shape))


def test_a_scene_survives_its_json_form():
    s = data.make_scene("test", 3)
    assert data.Scene.from_json(json.loads(json.dumps(s.to_json()))) == s


def test_the_browser_renders_the_same_pixels_as_python(js_values):
    for scene, pixels in zip(js_values["scenes"], js_values["pixels"]):
        want = data.render(data.Scene.from_json(scene)).reshape(-1)
        assert np.array_equal(np.array(pixels, dtype=np.uint8), want), scene


def test_the_browser_captions_scenes_as_python_does(js_values):
    assert js_values["captions"] == [data.caption(data.Scene.from_json(s)) for s in js_values["scenes"]]


def test_the_browser_judges_captions_as_the_metrics_do(js_values):
    for (t, p), got, parsed in zip(js_values["captionPairs"], js_values["judged"], js_values["parsed"]):
        assert got == metrics.judge(t.split(), p.split()), (t, p)
        want = data.parse(p.split())
        assert parsed == (None if want is None else {"objects": [list(o) for o in want["objects"]], "relation": want["relation"]})
