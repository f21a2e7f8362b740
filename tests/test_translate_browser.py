"""The browser's translator (widgets/runtime/onnx/kinds/seq2seq.ts, in the ONNX worker) gives the
Python reference's translations (coursekit.translator: onnxruntime, the same greedy and beam rules)
on the shipped models, in Chromium; and it answers bad input with a sentence, not a freeze.

The page imports the client's test-only entry, /assets/build/widgets/runtime-onnx-client.js, the
module widgets use through the bundle."""
from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pytest

from bench_onnx import CLIENT
from coursekit import translator

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ["She has a red car.", "I don't know what you're talking about.", "Tom wants to buy a new house near the station.",
             "Where is the nearest bank?", "We have to leave before it starts raining.", "The black cat sat on the mat."]
TOLERANCE = 1e-4
ANSWER_MS = 180_000

SETUP = """async (client) => {
  window.rt = await import(client);
  window.b64 = (a) => { const u8 = new Uint8Array(a.buffer, a.byteOffset, a.byteLength); let s = "";
    for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000)); return btoa(s); };
}"""


@pytest.fixture(scope="module")
def references():
    return {m: translator.load(ROOT / "pretrained" / m) for m in ("fra-attn", "fra-noattn")}


def run(page, script: str, arg=None):
    return page.evaluate(f"(arg) => Promise.race([({script})(arg), new Promise((_, reject) => setTimeout("
                         f"() => reject(new Error('no answer in {ANSWER_MS // 1000} s')), {ANSWER_MS}))])", arg)


def translate(page, model: str, text: str, **options):
    return run(page, """async ({model, text, options}) => {
      const r = await rt.translate(`/pretrained/${model}/meta.json`, {text, strategy: "greedy", ...options});
      return {...r, attention: b64(r.attention), states: b64(r.states), final: b64(r.final)};
    }""", {"model": model, "text": text, "options": options})


def floats(b: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b), dtype=np.float32)


@pytest.fixture
def rt_page(page, site_server):
    page.goto(site_server.url + "/")
    page.evaluate(SETUP, site_server.url + CLIENT)
    return page


@pytest.mark.parametrize("model", ["fra-attn", "fra-noattn"])
def test_greedy_translations_and_attention_match_python(rt_page, references, model):
    for text in SENTENCES:
        ours, ref = translate(rt_page, model, text), references[model].translate(text)
        assert ours["words"] == ref["out_words"] and ours["text"] == ref["text"], text
        assert ours["sourceWords"] == ref["words"]
        S = len(ref["words"])
        assert np.abs(floats(ours["attention"]).reshape(-1, S) - ref["attention"]).max(initial=0) <= TOLERANCE
        assert np.abs(floats(ours["final"]) - ref["final"]).max() <= TOLERANCE
        # the top-5 next words are sorted and the chosen word is the first of them
        for step in ours["steps"]:
            ps = [c["p"] for c in step["top"]]
            assert ps == sorted(ps, reverse=True) and step["top"][0]["word"] == step["word"] and sum(ps) <= 1 + 1e-6


def test_beam_search_matches_python_and_width_one_is_greedy(rt_page, references):
    ref = references["fra-attn"]
    for text in SENTENCES[:4]:
        ours = translate(rt_page, "fra-attn", text, strategy="beam", beam=4, trace=True)
        expected = ref.translate(text, beam=4)
        assert ours["words"] == expected["out_words"], text
        assert abs(ours["score"] - expected["score"]) <= 1e-4
        assert len(ours["beamTrace"]) >= 1 and all(len(s["alive"]) <= 4 for s in ours["beamTrace"])
        one = translate(rt_page, "fra-attn", text, strategy="beam", beam=1)
        assert one["words"] == ref.translate(text)["out_words"]


def test_hard_attention_uses_one_source_word_per_step(rt_page):
    ours = translate(rt_page, "fra-attn", "She has a red car.", hard="argmax")
    S = len(ours["sourceWords"])
    soft = floats(ours["attention"]).reshape(-1, S)
    assert [s["focus"] for s in ours["steps"]] == [int(np.argmax(r)) for r in soft]


def test_bad_input_gets_a_sentence_and_long_input_is_cut(rt_page):
    symbols = run(rt_page, """async () => { try { await rt.translate('/pretrained/fra-attn/meta.json', {text: ' !? … 😀', strategy: 'greedy'});
      return null; } catch (e) { return e.message; } }""")
    assert symbols == "There are no words to translate, only punctuation or symbols: type an English sentence."
    empty = run(rt_page, """async () => { try { await rt.translate('/pretrained/fra-attn/meta.json', {text: '   ', strategy: 'greedy'});
      return null; } catch (e) { return e.message; } }""")
    assert empty == "There is nothing to translate: type an English sentence."
    long = translate(rt_page, "fra-attn", "the cat " * 500)
    assert long["truncated"] == 1000 - len(long["sourceWords"]) > 0
    odd = translate(rt_page, "fra-attn", "Zorglub <b>likes</b> 😀")
    assert "zorglub" in odd["unknown"] and "😀" in odd["unknown"]
