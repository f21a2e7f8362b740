"""
The translator's data: a subset of eng-fra (English side of at most max_words words), word
tokens, one vocabulary per language from the train split, and a split by English sentence.

Tokenising is the same in the browser (widgets/translation-sandbox/tokens.ts must agree; a test
compares them on the test sentences): lowercase, NFC, the narrow and plain no-break spaces and
curly apostrophes made plain, then runs of letters and digits, an apostrophe with the letters
after it in English ("don't" -> don 't) or before it in French ("j'ai" -> j' ai), and each
other non-space character alone.

data/eng-fra-w<max_words>/prepared.json: the vocabularies, the split rule and counts, and the
pairs of each split as token ids; the test split keeps every reference of a source sentence
(Tatoeba often has several French translations of one English sentence: BLEU uses them all).
"""
import collections
import hashlib
import json
import re
import unicodedata

from ..corpora import read_corpus

PAD, UNK, BOS, EOS = 0, 1, 2, 3
SPECIALS = ["<pad>", "<unk>", "<s>", "</s>"]

_EN = re.compile(r"[^\W_]+|'[^\W_]+|[^\s\w]|_")
_FR = re.compile(r"[^\W_]+'|[^\W_]+|[^\s\w]|_")


def normalise(text):
    text = unicodedata.normalize("NFC", text).lower()
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'").strip()


def tokenise_en(text):
    return _EN.findall(normalise(text))


def tokenise_fr(text):
    return _FR.findall(normalise(text))


_NO_SPACE_BEFORE = {".", ",", ")", "-", "'"}
_NO_SPACE_AFTER = {"(", "-"}


def detokenise_fr(tokens):
    """French tokens -> text: no space after an elided word (j'), around hyphens, before . , ) ;
    French typography keeps a space before ! ? : ; (as the corpus does, with U+202F made plain)."""
    out = ""
    for i, t in enumerate(tokens):
        if i and not (t in _NO_SPACE_BEFORE or out.endswith("'") or tokens[i - 1] in _NO_SPACE_AFTER):
            out += " "
        out += t
    return out


def split_of(source, val_frac, test_frac):
    """'train', 'val' or 'test' for a normalised English sentence, from its md5: every translation
    of one sentence lands in the same split, and the rule needs no random state."""
    r = int(hashlib.md5(source.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000
    return "test" if r < test_frac else "val" if r < test_frac + val_frac else "train"


def build_vocab(token_lists, size, min_count):
    counts = collections.Counter(t for toks in token_lists for t in toks)
    words = [w for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= min_count]
    return SPECIALS + words[: size - len(SPECIALS)]


def prepare(cfg):
    text, row = read_corpus(cfg)
    splits = {"train": [], "val": [], "test": []}
    for line in text.split("\n"):
        if not line.strip():
            continue
        en, fr = line.split("\t")[:2]
        if len(en.split()) > cfg.max_words:
            continue
        src = normalise(en)
        splits[split_of(src, cfg.val_frac, cfg.test_frac)].append((src, tokenise_en(en), tokenise_fr(fr), normalise(fr)))
    src_words = build_vocab([p[1] for p in splits["train"]], cfg.src_vocab, cfg.min_count)
    tgt_words = build_vocab([p[2] for p in splits["train"]], cfg.tgt_vocab, cfg.min_count)
    s_id = {w: i for i, w in enumerate(src_words)}
    t_id = {w: i for i, w in enumerate(tgt_words)}

    def ids(toks, table):
        return [table.get(t, UNK) for t in toks]

    out = {"corpus": cfg.corpus, "file": row["file"], "sha256": row["sha256"], "max_words": cfg.max_words,
           "src_words": src_words, "tgt_words": tgt_words,
           "split": {"rule": "md5 of the normalised English sentence; every translation of a sentence in one split",
                     "val_frac": cfg.val_frac, "test_frac": cfg.test_frac},
           "counts": {}, "unk_rate": {}}
    for name, pairs in splits.items():
        src_unk = sum(t == UNK for p in pairs for t in ids(p[1], s_id)) / max(1, sum(len(p[1]) for p in pairs))
        tgt_unk = sum(t == UNK for p in pairs for t in ids(p[2], t_id)) / max(1, sum(len(p[2]) for p in pairs))
        out["unk_rate"][name] = {"english": round(src_unk, 5), "french": round(tgt_unk, 5)}
        out["counts"][name] = {"pairs": len(pairs), "sources": len({p[0] for p in pairs})}
        if name == "test":
            grouped = {}
            for src, s_toks, _, fr in pairs:
                g = grouped.setdefault(src, {"source": src, "src": ids(s_toks, s_id), "words": len(src.split()), "refs": []})
                g["refs"].append(fr)
            out["test"] = sorted(grouped.values(), key=lambda g: g["source"])
        else:
            out[name] = [[ids(p[1], s_id), ids(p[2], t_id)] for p in pairs]
    path = cfg.prepared_dir / "prepared.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False))
    c = out["counts"]
    print(f"prepared {cfg.corpus} (English <= {cfg.max_words} words): train {c['train']['pairs']:,} pairs, "
          f"val {c['val']['pairs']:,}, test {c['test']['pairs']:,} pairs ({c['test']['sources']:,} sources); "
          f"vocab {len(src_words):,} English / {len(tgt_words):,} French; unk in test "
          f"{out['unk_rate']['test']['english']:.2%} / {out['unk_rate']['test']['french']:.2%} -> {path}")
    return out


def load(cfg):
    """The prepared data, re-preparing when missing or made from another corpus version or subset."""
    path = cfg.prepared_dir / "prepared.json"
    if path.exists():
        d = json.loads(path.read_text())
        if (d.get("max_words") == cfg.max_words and len(d["src_words"]) <= cfg.src_vocab
                and len(d["tgt_words"]) <= cfg.tgt_vocab and d["split"]["val_frac"] == cfg.val_frac
                and d["split"]["test_frac"] == cfg.test_frac):
            from ..corpora import read_manifest
            rows = read_manifest(cfg.path(cfg.corpora_dir))
            if rows.get(cfg.corpus, {}).get("sha256") == d["sha256"]:
                return d
    return prepare(cfg)
