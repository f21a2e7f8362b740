"""The translator reads words the same way in the browser and in build_models: the TypeScript
tokeniser (tests/js/translator.values.ts) against data.py on test sentences, raw corpus lines and
awkward input (curly quotes, no-break spaces, HTML, emoji, other scripts)."""
from __future__ import annotations

import json
from pathlib import Path

import jsunit
from build_models.translate import data

JS_VALUES = jsunit.values_source("translator")
SENTENCES = json.loads((Path(__file__).parent / "data" / "translate-tokens.json").read_text(encoding="utf-8"))


def test_english_tokens_match_python(js_values):
    assert js_values["english"] == [data.tokenise_en(s) for s in SENTENCES["english"]]


def test_french_tokens_match_python(js_values):
    assert js_values["french"] == [data.tokenise_fr(s) for s in SENTENCES["french"]]


def test_french_detokenising_matches_python(js_values):
    assert js_values["detokenised"] == [data.detokenise_fr(data.tokenise_fr(s)) for s in SENTENCES["french"]]


def test_tokeniser_splits_clitics_the_way_each_language_writes_them():
    assert data.tokenise_en("I don't know.") == ["i", "don", "'t", "know", "."]
    assert data.tokenise_fr("J'ai faim\u202f!") == ["j'", "ai", "faim", "!"]
    assert data.detokenise_fr(["est", "-", "ce", "que", "j'", "ai", "faim", "?"]) == "est-ce que j'ai faim ?"
