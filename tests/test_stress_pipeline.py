"""build_models/stress: the two tasks' generators, the split, and a tiny train → evaluate → export
run (the shipped models are checked in test_stress_shipped.py)."""
import json

import numpy as np
import onnx
import pytest
import torch

from build_models.stress import data
from build_models.stress.config import load_config
from build_models.stress.model import build, num_params

PRESETS = ["stress-rnn", "stress-gru", "stress-lstm", "stress-transformer"]
NOUNS = {w: sg for pair in data.ANIMATE + data.PLACES for w, sg in zip(pair, (True, False))}


def nouns_of(words):
    return [(w, NOUNS[w]) for w in words if w in NOUNS]


@pytest.mark.parametrize("depth", [0, 1, 3, 6])
def test_an_agreement_sentence_has_depth_nouns_between_subject_and_verb(depth):
    rng = np.random.default_rng(depth)
    for _ in range(50):
        ex = data.agreement(rng, depth)
        nouns = nouns_of(ex.words[:ex.verb_at])
        assert len(nouns) == depth + 1 and len(ex.attractors) == depth
        assert nouns[0][1] == ex.singular


def test_the_main_verb_agrees_with_the_subject_and_forms_gives_the_other_form():
    rng = np.random.default_rng(1)
    for _ in range(100):
        ex = data.agreement(rng, int(rng.integers(5)))
        right, wrong = ex.forms()
        assert right == ex.words[ex.verb_at]
        assert (right in data.SINGULAR_VERB) == ex.singular and wrong != right
        assert ex.words[-1] == "."


def test_in_a_hard_sentence_every_attractor_has_the_other_number():
    rng = np.random.default_rng(2)
    for _ in range(100):
        ex = data.agreement(rng, 4, hard=True)
        assert all(n != ex.singular for _, n in nouns_of(ex.words[:ex.verb_at])[1:])


def test_a_relative_clause_verb_agrees_with_its_own_noun():
    # "that the dogs chase": the verb after an object relative agrees with "dogs"
    rng = np.random.default_rng(3)
    transitive = {w: sg for pair in data.TRANSITIVE for w, sg in zip(pair, (True, False))}
    checked = 0
    for _ in range(300):
        ws = data.agreement(rng, 1).words
        if ws[2] == "that" and ws[3] == "the":
            assert transitive[ws[5]] == NOUNS[ws[4]]
            checked += 1
    assert checked > 10


def test_a_bracket_sequence_closes_the_environment_opened_first_after_distance_tokens():
    rng = np.random.default_rng(4)
    for distance in (1, 5, 40, 200):
        ex = data.brackets(rng, distance)
        assert ex.words[0] == data.BEGIN[ex.env] and ex.words[-1] == data.END[ex.env]
        assert len(ex.words) == distance + 2


def test_an_inner_environment_has_another_name_and_is_closed_inside():
    rng = np.random.default_rng(5)
    seen = 0
    for _ in range(200):
        ex = data.brackets(rng, 30, inner_p=1.0)
        inner = [w for w in ex.words[1:-1] if w.startswith("\\begin")]
        assert len(inner) == 1
        name = inner[0][len("\\begin{"):-1]
        assert name != data.ENVIRONMENTS[ex.env]
        assert ex.words.index(f"\\end{{{name}}}") > ex.words.index(inner[0])
        seen += 1
    assert seen == 200


def test_training_batches_never_hold_a_held_out_sequence():
    cfg = load_config("stress-lstm")
    rng = np.random.default_rng(6)
    inv = {i: w for w, i in data.INDEX.items()}
    for _ in range(20):
        for seq in data.training_batch(rng, cfg, 64):
            text = " ".join(inv[i] for i in seq[1:-1])
            assert data.split_of(text, cfg.val_frac, cfg.test_frac) == "train"


def test_held_out_sets_are_distinct_and_in_their_split():
    sets = data.held_out("agreement", [2, 5], 50, 9, "test", 0.05, 0.05, hard=True)
    for exs in sets.values():
        texts = [e.text for e in exs]
        assert len(set(texts)) == len(texts) == 50
        assert all(data.split_of(t, 0.05, 0.05) == "test" for t in texts)


def test_a_word_outside_the_vocabulary_is_refused_by_name():
    with pytest.raises(KeyError, match="unicorn"):
        data.encode(["the", "unicorn", "sleeps"])


def test_the_four_presets_differ_only_in_cell_and_widths_and_have_about_the_same_size():
    cfgs = {p: load_config(p) for p in PRESETS}
    shape_keys = {"model_id", "cell", "emb", "hidden", "layers", "heads", "ff", "learning_rate", "warmup"}
    base = {k: v for k, v in vars(cfgs["stress-lstm"]).items() if k not in shape_keys}
    for p, c in cfgs.items():
        assert {k: v for k, v in vars(c).items() if k not in shape_keys} == base, p
    sizes = [num_params(build(c, len(data.VOCAB))) for c in cfgs.values()]
    assert max(sizes) / min(sizes) < 1.25, sizes


def test_the_transformer_attends_only_to_earlier_positions_and_each_row_sums_to_one():
    torch.manual_seed(0)
    model = build(load_config("stress-transformer"), len(data.VOCAB)).eval()
    x = torch.tensor([data.encode("the cat sleeps .".split())])
    with torch.no_grad():
        _, att = model(x)                                    # [1,L,h,T,T]
    T = x.shape[1]
    assert torch.allclose(att.sum(-1), torch.ones_like(att.sum(-1)), atol=1e-5)
    assert float(att[..., torch.ones(T, T, dtype=torch.bool).triu(1)].abs().max()) < 1e-6


def test_a_later_word_never_changes_an_earlier_prediction():
    torch.manual_seed(0)
    for p in ("stress-lstm", "stress-transformer"):
        model = build(load_config(p), len(data.VOCAB)).eval()
        a = model(torch.tensor([data.encode("the cat that the dogs chase".split())]))[0]
        b = model(torch.tensor([data.encode("the cat that the dogs chase sleeps".split())]))[0]
        assert torch.allclose(a[0], b[0, :a.shape[1]], atol=1e-5), p


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A 40-step LSTM and Transformer, evaluated and exported into a temporary folder."""
    from build_models.stress.evaluate import evaluate
    from build_models.stress.export import export
    from build_models.stress.train import train
    root = tmp_path_factory.mktemp("stress")
    torch.set_num_threads(1)
    out = {}
    for p in ("stress-lstm", "stress-transformer"):
        cfg = load_config(p, [f"--runs_dir={root / 'runs'}", f"--out_dir={root / 'pretrained'}", "--steps=40",
                              "--eval_per_size=4", "--eval_depths=0,2,5", "--eval_distances=5,60",
                              "--speed_lengths=8,32", "--speed_repeats=1"])
        train(cfg, every=20, log=lambda *_: None)
        evaluate(cfg, log=lambda *_: None)
        out[p] = (cfg, export(cfg, command=f"python -m build_models.stress all {p}"))
    return out


def test_export_writes_a_model_that_agrees_with_pytorch(tiny):
    for p, (cfg, meta) in tiny.items():
        assert max(meta["parity"]["max_abs_diff"].values()) <= 1e-4, p
        proto = onnx.load(str(cfg.path(cfg.out_dir) / cfg.model_id / "model.onnx"))
        assert [i.name for i in proto.graph.input] == ["tokens"]
        assert [o.name for o in proto.graph.output] == ["logits", "attention" if cfg.cell == "transformer" else "states"]


def test_meta_records_the_evaluation_the_vocabulary_and_the_tasks(tiny):
    cfg, meta = tiny["stress-lstm"]
    on_disk = json.loads((cfg.path(cfg.out_dir) / cfg.model_id / "meta.json").read_text())
    assert on_disk == json.loads(json.dumps(meta))
    assert meta["kind"] == "word-lm" and meta["vocabulary"] == data.VOCAB
    assert [r["depth"] for r in meta["evaluation"]["agreement"]] == [0, 2, 5]
    assert [r["distance"] for r in meta["evaluation"]["brackets"]] == [5, 60]
    assert [r["length"] for r in meta["evaluation"]["speed"]["rows"]] == [8, 32]
    assert meta["tasks"]["brackets"]["end"] == data.END
    assert meta["command"] == "python -m build_models.stress all stress-lstm"


def test_training_resumes_where_it_stopped_and_refuses_other_settings(tmp_path):
    from build_models import checkpoint
    from build_models.stress.train import train
    args = [f"--runs_dir={tmp_path}", "--steps=6"]
    cfg = load_config("stress-gru", args)
    train(cfg, every=3, log=lambda *_: None)
    again = []
    train(cfg, every=3, log=again.append)
    assert again == ["resuming stress-gru at step 6"]
    with pytest.raises(checkpoint.CheckpointError, match="hidden"):
        train(load_config("stress-gru", args + ["--hidden=64"]), every=3, log=lambda *_: None)
