"""Speed of the browser's ONNX runtime against Python onnxruntime, and the helpers its tests share.

`measure_generation(browser, base_url, model_dir)` is the figure `make bench` prints for the budget
"a 2×512 character LSTM samples ≥ 3,000 chars/s in headless Chromium; ≥ 0.8× Python onnxruntime
(one thread), ≥ 1.0× where the page is cross-origin isolated" (DESIGN.md). Figures, no assertions.

Run alone (after `make site`) to try a random-weight model, isolated and not:

    .venv/bin/python tests/bench_onnx.py --layers 2 --hidden 512

Not collected by pytest (its name does not start with test_); tests/test_onnx_parity.py imports the
helpers: a random-weight step model with its meta.json, a server that adds a model folder to the
site on the same origin. The Python side is coursekit.stepper, the reference every test steps with.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import posixpath
import statistics
import sys
import tempfile
import threading
import time

from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, PageLog, open_page  # noqa: E402
from coursekit import stepper  # noqa: E402
from coursekit.serve import SiteHandler, SiteServer  # noqa: E402

CLIENT = "/assets/build/widgets/runtime-onnx-client.js"
# 40 characters: enough structure for a text, small enough to read in a failure message.
TEST_VOCAB = list("\n !\"',-.:;?abcdefghijklmnopqrstuvwxyzTHE")
# Extra folders are mounted under this prefix, beside the site on the same origin.
MOUNT = "/_test-models/"


# ---- a random-weight model that still says something -----------------------------------------

def export_random_lstm(folder: Path, vocab: list[str] = TEST_VOCAB, n_layer: int = 2, n_hidden: int = 64,
                       seed: int = 0, rnn_scale: float = 3.0, max_logit: float = 20.0) -> Path:
    """Write `folder/model.onnx` and a matching `folder/meta.json` for a random-weight character LSTM.

    Default-initialised weights give logits of ±0.2, where any two runtimes agree; MEASURED.md: scale
    the recurrent weights up and the decoder so that logits reach about ±`max_logit`, or parity is
    meaningless. Returns the model path.
    """
    import torch

    from build_models.export import export_step_model, io_spec
    from build_models.model import CharRNN, StepCell

    torch.manual_seed(seed)
    model = CharRNN(len(vocab), n_layer, n_hidden, cell="lstm").eval()
    with torch.no_grad():
        for p in model.rnn.parameters():
            p.mul_(rnn_scale)
        # Calibrate the decoder on a probe text so the largest logit is about max_logit.
        step = StepCell(model).eval()
        h, c = model.init_state(1)
        biggest = 0.0
        for t in torch.randint(0, len(vocab), (200,), generator=torch.Generator().manual_seed(seed)):
            logits, h, c, _ = step(t.view(1), h, c)  # logits [1, V]
            biggest = max(biggest, float(logits.abs().max()))
        model.head.weight.mul_(max_logit / biggest)
        model.head.bias.mul_(max_logit / biggest)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "model.onnx"
    export_step_model(model, path)
    # The keys the runtime reads, as build_models/card.py writes them.
    meta = {
        "id": folder.name,
        "kind": "char-lstm-step",
        "vocabulary": vocab,
        "architecture": {"cell": "lstm", "layers": n_layer, "hidden": n_hidden, "vocab_size": len(vocab),
                         "parameters": model.num_params(), "dtype": "float32"},
        "io": io_spec(model),
        "files": {"model.onnx": {"bytes": path.stat().st_size, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}},
        "note": f"random weights (seed {seed}, recurrent ×{rnn_scale}, logits up to ±{max_logit}) for tests and benches",
    }
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return path


# ---- the site plus extra folders, on one origin ------------------------------------------------

def fp32_copy(src: Path, dst: Path) -> Path:
    """Write dst/model.onnx + meta.json: the fp16-stored model of src with every fp16 weight stored
    as fp32 again and its Cast removed, i.e. the same model as a plain fp32 export (for the fp16
    vs fp32 benchmark: same weights, same arithmetic, twice the bytes)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(Path(src) / "model.onnx"))
    g = model.graph
    casts = {n.input[0]: n for n in g.node if n.op_type == "Cast"}
    inits = []
    for init in g.initializer:
        if init.data_type == onnx.TensorProto.FLOAT16 and init.name in casts:
            w = numpy_helper.to_array(init).astype(np.float32)
            inits.append(numpy_helper.from_array(w, casts[init.name].output[0]))  # the name the graph reads
        else:
            inits.append(init)
    half = {i.name for i in g.initializer if i.data_type == onnx.TensorProto.FLOAT16 and i.name in casts}
    nodes = [n for n in g.node if not (n.op_type == "Cast" and n.input[0] in half)]
    del g.initializer[:]
    g.initializer.extend(inits)
    del g.node[:]
    g.node.extend(nodes)
    dst = Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    onnx.save_model(model, str(dst / "model.onnx"))
    meta = json.loads((Path(src) / "meta.json").read_text())
    meta["id"] = f"{meta['id']} (fp32 copy)"
    data = (dst / "model.onnx").read_bytes()  # the runtime checks the file against its description
    meta["files"]["model.onnx"] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    meta["architecture"]["weights_dtype"] = "float32"
    (dst / "meta.json").write_text(json.dumps(meta))
    return dst


def serve_site_with(mounts: dict[str, Path], *, root: Path = SITE, isolated: bool = True):
    """Serve `root` (the built site) and each folder of `mounts` at MOUNT + name + "/".

    Same origin as the site, so the page's fetches need no CORS and COEP allows them; nothing is
    written into site/ (which `make site` may rebuild at any moment). Returns (server, base URL).
    """
    folders = {f"{MOUNT}{name}/": Path(folder) for name, folder in mounts.items()}

    class Handler(SiteHandler):
        def translate_path(self, path: str) -> str:
            clean = unquote(urlsplit(path).path)
            for prefix, folder in folders.items():
                if clean.startswith(prefix):
                    rel = posixpath.normpath("/" + clean[len(prefix):]).lstrip("/")  # "/.." cannot climb out
                    return str(folder / rel)
            return super().translate_path(path)

    Handler.isolated = isolated
    server = SiteServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    server.verbose = False  # read by SiteHandler.log_message
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---- the benchmark -------------------------------------------------------------------------------

BROWSER_SETUP = """async ({client, url, wantedSeed}) => {
  window.rt = await import(client);
  const t0 = performance.now();
  const meta = await rt.load(url);
  const loadMs = performance.now() - t0;
  // The seed text, less any character this model lacks (a names model has no capitals, say).
  const seedText = [...wantedSeed].filter((ch) => meta.vocab.includes(ch)).join("") || meta.vocab[0];
  await rt.generate(url, {seedText, length: 200, temperature: 0, rngSeed: 0}).done;  // warm-up: JIT, allocations
  return {loadMs, seedText, vocab: meta.vocab, info: await rt.runtimeInfo(url)};
}"""

BROWSER_GENERATE = """async ({url, seedText, chars}) => {
  const start = performance.now();
  const r = await rt.generate(url, {seedText, length: chars, temperature: 0, rngSeed: 0}).done;
  return {wallMs: performance.now() - start, loopMs: r.elapsedMs, text: r.text};
}"""


def open_generation_page(browser, base_url: str, log: PageLog, model_url: str, seed_text: str):
    """A page on `base_url` with the client imported as `rt` and the model at `model_url` loaded and
    warmed up (BROWSER_SETUP): (context, page, setup); the caller closes the context."""
    context, page = open_page(browser, base_url, log)
    page.set_default_timeout(300_000)
    page.goto(base_url + "/")
    return context, page, page.evaluate(BROWSER_SETUP, {"client": base_url + CLIENT, "url": model_url, "wantedSeed": seed_text})


def model_label(meta: dict, model_dir: Path) -> str:
    """"<id> (<layers>×<hidden>)", as the bench prints a model."""
    arch = meta.get("architecture", {})
    return f"{meta.get('id', Path(model_dir).name)} ({arch.get('layers', '?')}×{arch.get('hidden', '?')})"


class RendererCpu:
    """CPU seconds the busiest Chromium renderer (our page, its worker and ORT's threads) spends
    between start() and stop(), from the DevTools protocol; None where that is unavailable."""

    def __init__(self, browser):
        try:
            self.cdp = browser.new_browser_cdp_session()
        except Exception:  # not Chromium, or no browser-level CDP: the wall figures still stand
            self.cdp = None
        self.before: dict[int, float] = {}

    def _sample(self) -> dict[int, float]:
        info = self.cdp.send("SystemInfo.getProcessInfo")["processInfo"]
        return {p["id"]: p["cpuTime"] for p in info if p["type"] == "renderer"}

    def start(self) -> None:
        self.before = self._sample() if self.cdp else {}

    def stop(self) -> float | None:
        if not self.cdp:
            return None
        after = self._sample()
        return max((t - self.before.get(pid, 0.0) for pid, t in after.items()), default=None)


def measure_generation(browser, base_url: str, model_dir: Path, *, model_url: str | None = None,
                       chars: int = 3000, runs: int = 5, seed_text: str = "The ") -> dict:
    """Greedy generation speed, chars/s: Chromium through our worker vs Python onnxruntime, 1 thread.

    `model_dir` holds model.onnx and meta.json; the browser fetches it from `model_url`, by default
    its path relative to site/ under `base_url` (a shipped model: site/pretrained/<id>/). Browser and
    Python runs alternate, so a machine busy with other work slows both alike; each figure is the
    median of `runs` generations of `chars` characters after a warm-up, and the ratio the median of
    the paired ratios. Also reports whether both produced the same greedy text (a fast wrong answer
    is no figure).
    """
    model_dir = Path(model_dir)
    if model_url is None:
        try:
            rel = model_dir.resolve().relative_to(SITE.resolve())
        except ValueError:
            raise ValueError(f"{model_dir} is not inside {SITE}: pass model_url=") from None
        model_url = f"{base_url}/{rel.as_posix()}/model.onnx"
    # The reference stepper's own greedy loop is what is timed: per character it adds an argmax and a
    # Python call to one ORT run, far below the run itself, and so one loop is both timed and compared.
    model = stepper.load(model_dir)
    meta = model.meta

    log = PageLog()
    context, page, setup = open_generation_page(browser, base_url, log, model_url, seed_text)
    cpu = RendererCpu(browser)
    browser_runs, py_times, py_cpu, same_text = [], [], [], True
    try:
        stoi = {ch: i for i, ch in enumerate(setup["vocab"])}
        seed_ids = [stoi[ch] for ch in setup["seedText"]]
        model.generate(seed_ids, 200)  # warm-up, as in the browser
        for _ in range(runs):
            cpu.start()
            b = page.evaluate(BROWSER_GENERATE, {"url": model_url, "seedText": setup["seedText"], "chars": chars})
            b["cpuS"] = cpu.stop()
            t0, c0 = time.perf_counter(), time.process_time()
            py_ids = model.generate(seed_ids, chars)
            py_times.append(time.perf_counter() - t0)
            py_cpu.append(time.process_time() - c0)
            browser_runs.append(b)
            same_text &= "".join(setup["vocab"][i] for i in py_ids) == b["text"]
    finally:
        context.close()
    if log.unexpected_errors():
        raise RuntimeError("errors in the page: " + "; ".join(log.unexpected_errors()))

    wall = statistics.median(b["wallMs"] for b in browser_runs) / 1000
    loop = statistics.median(b["loopMs"] for b in browser_runs) / 1000
    py = statistics.median(py_times)
    figures = {
        "model": model_label(meta, model_dir),
        "chars": chars,
        "isolated": setup["info"]["crossOriginIsolated"],
        "browser_threads": setup["info"]["threads"],
        "browser_chars_per_s": round(chars / wall),          # end to end: request to last character
        "browser_loop_chars_per_s": round(chars / loop),     # the worker's loop alone
        "python_chars_per_s": round(chars / py),
        "ratio": round(statistics.median(t / (b["wallMs"] / 1000) for t, b in zip(py_times, browser_runs)), 3),
        "browser_load_s": round(setup["loadMs"] / 1000, 3),
        "same_greedy_text": same_text,
        # On a machine busy with other work the wall-clock figures shrink with the share of a core each
        # side gets; characters per CPU-second do not (with 2 threads the browser's CPU counts both).
        "python_cpu_share": round(sum(py_cpu) / sum(py_times), 2),
        "python_chars_per_cpu_s": round(chars / statistics.median(py_cpu)),
    }
    if all(b["cpuS"] for b in browser_runs):
        figures["browser_cpu_share"] = round(sum(b["cpuS"] for b in browser_runs) / sum(b["wallMs"] / 1000 for b in browser_runs), 2)
        figures["browser_chars_per_cpu_s"] = round(chars / statistics.median(b["cpuS"] for b in browser_runs))
        figures["cpu_ratio"] = round(figures["browser_chars_per_cpu_s"] / figures["python_chars_per_cpu_s"], 3)
    print(f"generation {figures['model']}, isolated={figures['isolated']}, threads={figures['browser_threads']}: "
          f"browser {figures['browser_chars_per_s']:,} chars/s (loop {figures['browser_loop_chars_per_s']:,}), "
          f"Python onnxruntime 1 thread {figures['python_chars_per_s']:,} chars/s, ratio {figures['ratio']:.2f}; "
          f"load {figures['browser_load_s']} s; same greedy text: {same_text}")
    if "cpu_ratio" in figures:
        print(f"  per CPU-second: browser {figures['browser_chars_per_cpu_s']:,}, Python {figures['python_chars_per_cpu_s']:,}, "
              f"ratio {figures['cpu_ratio']:.2f} (share of a core: browser {figures['browser_cpu_share']}, "
              f"Python {figures['python_cpu_share']}; below ~0.9 the machine is busy and wall figures understate)")
    return figures


def measure_isolated_vs_not(browser, isolated_base: str, plain_base: str, model_dir: Path, *,
                            chars: int = 3000, runs: int = 5, seed_text: str = "The ") -> dict:
    """One shipped model (`model_dir`, under site/) generating greedily in two pages open at once,
    one cross-origin isolated (`isolated_base`) and one not (`plain_base`), and in Python onnxruntime
    (one thread), in rounds: isolated, not, Python; then not, isolated, Python; … A machine whose
    speed drifts between the runs of a round slows all three about alike, where two measurements
    made minutes apart (as make bench's did before) differed by up to a third on one model; and each
    page loads the model once for both comparisons. Figures: each side's median chars/s, the median
    and the range of the paired ratios isolated / not, in how many pairs isolated was the slower (a
    sign test: slower in every one of five pairs happens by chance once in 32 when the two are
    equally fast), the median of the paired ratios isolated browser / Python, and whether all three
    wrote the same greedy text."""
    rel = Path(model_dir).resolve().relative_to(SITE.resolve()).as_posix()
    model = stepper.load(model_dir)
    log = PageLog()
    pages, setups, contexts = {}, {}, []
    try:
        for name, base in (("isolated", isolated_base), ("plain", plain_base)):
            url = f"{base}/{rel}/model.onnx"
            context, pages[name], setup = open_generation_page(browser, base, log, url, seed_text)
            contexts.append(context)
            setups[name] = setup | {"url": url}
        stoi = {ch: i for i, ch in enumerate(setups["isolated"]["vocab"])}
        seed_ids = [stoi[ch] for ch in setups["isolated"]["seedText"]]
        model.generate(seed_ids, 200)  # warm-up, as in the browser
        walls: dict[str, list[float]] = {"isolated": [], "plain": [], "python": []}
        cpu_s: dict[str, list[float | None]] = {"isolated": [], "python": []}
        renderer = RendererCpu(browser)
        texts = set()
        for i in range(runs):
            # In turn, and each page first in every other round: a second run that gains from the
            # first (caches, the clock) favours neither.
            for name in (("isolated", "plain") if i % 2 == 0 else ("plain", "isolated")):
                renderer.start()
                b = pages[name].evaluate(BROWSER_GENERATE, {"url": setups[name]["url"], "seedText": setups[name]["seedText"], "chars": chars})
                if name == "isolated":
                    cpu_s["isolated"].append(renderer.stop())
                walls[name].append(b["wallMs"] / 1000)
                texts.add(b["text"])
            t0, c0 = time.perf_counter(), time.process_time()
            py_ids = model.generate(seed_ids, chars)
            walls["python"].append(time.perf_counter() - t0)
            cpu_s["python"].append(time.process_time() - c0)
            texts.add(model.decode(py_ids))
    finally:
        for context in contexts:
            context.close()
    if log.unexpected_errors():
        raise RuntimeError("errors in the page: " + "; ".join(log.unexpected_errors()))
    ratios = [p / i for i, p in zip(walls["isolated"], walls["plain"])]  # isolated chars/s over not
    per_second = {name: round(chars / statistics.median(w)) for name, w in walls.items()}
    if all(cpu_s["isolated"]):
        # As measure_generation: per CPU-second the figures do not shrink on a busy machine, and with
        # two threads the isolated page's CPU counts both.
        per_cpu_s = {name: round(chars / statistics.median(c)) for name, c in cpu_s.items()}
        share = sum(cpu_s["isolated"]) / sum(walls["isolated"])
        print(f"  {model_label(model.meta, model_dir)} isolated, per CPU-second: browser {per_cpu_s['isolated']:,}, "
              f"Python {per_cpu_s['python']:,}, ratio {per_cpu_s['isolated'] / per_cpu_s['python']:.2f} "
              f"(share of a core: browser {share:.2f}, Python {sum(cpu_s['python']) / sum(walls['python']):.2f})")
    return {
        "model": model_label(model.meta, model_dir),
        "isolated_threads": setups["isolated"]["info"]["threads"],
        "isolated_chars_per_s": per_second["isolated"],
        "plain_chars_per_s": per_second["plain"],
        "python_chars_per_s": per_second["python"],
        "ratio": round(statistics.median(ratios), 2),
        "ratio_range": (round(min(ratios), 2), round(max(ratios), 2)),
        "slower_pairs": sum(r < 1 for r in ratios),
        "pairs": len(ratios),
        "isolated_over_python": round(statistics.median(py / i for i, py in zip(walls["isolated"], walls["python"])), 3),
        "same_text": len(texts) == 1,
    }


INPAGE = "/assets/build/widgets/runtime-onnx-inpage.js"

WORKER_VS_INPAGE = """async ({client, inpage, url, seedText, chars, runs}) => {
  const rt = await import(client);
  const ip = await import(inpage);
  // The longest gap between 5 ms timer ticks while a generation runs: how long the page could not
  // answer the reader (scrolling, typing) because the main thread was busy.
  const stalls = async (fn) => {
    let last = performance.now(), worst = 0;
    const t = setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - last); last = now; }, 5);
    const r = await fn();
    clearInterval(t);
    worst = Math.max(worst, performance.now() - last);
    return {...r, stallMs: worst};
  };
  const worker = () => stalls(async () => {
    const t0 = performance.now();
    const r = await rt.generate(url, {seedText, length: chars, temperature: 0, rngSeed: 0}).done;
    return {text: r.text, wallMs: performance.now() - t0};
  });
  const inPage = () => stalls(async () => {
    const t0 = performance.now();
    const r = await ip.generateInPage(url, seedText, chars);
    return {text: r.text, wallMs: performance.now() - t0};
  });
  await rt.generate(url, {seedText, length: 200, temperature: 0, rngSeed: 0}).done;  // warm-up both
  await ip.generateInPage(url, seedText, 200);
  const out = {worker: [], inPage: []};
  for (let i = 0; i < runs; i++) {  // alternate, so a busy machine slows both alike
    out.worker.push(await worker());
    out.inPage.push(await inPage());
  }
  return {...out, isolated: crossOriginIsolated};
}"""


def measure_worker_vs_inpage(browser, base_url: str, model_url: str, *, chars: int = 3000, runs: int = 5,
                             seed_text: str = "the ") -> dict:
    """Greedy generation chars/s through the ONNX worker vs the same loop with ORT on the page's main
    thread (runtime-onnx-inpage.js), alternating runs, medians; plus the longest main-thread stall
    during each (the worker's point: the page stays responsive while it generates)."""
    log = PageLog()
    context, page = open_page(browser, base_url, log)
    try:
        page.set_default_timeout(300_000)
        page.goto(base_url + "/")
        r = page.evaluate(WORKER_VS_INPAGE, {"client": base_url + CLIENT, "inpage": base_url + INPAGE, "url": model_url,
                                             "seedText": seed_text, "chars": chars, "runs": runs})
    finally:
        context.close()
    if log.unexpected_errors():
        raise RuntimeError("errors in the page: " + "; ".join(log.unexpected_errors()))
    med = lambda runs_, k: statistics.median(x[k] for x in runs_)  # noqa: E731
    figures = {
        "isolated": r["isolated"],
        "worker_chars_per_s": round(chars / (med(r["worker"], "wallMs") / 1000)),
        "inpage_chars_per_s": round(chars / (med(r["inPage"], "wallMs") / 1000)),
        "worker_stall_ms": round(med(r["worker"], "stallMs"), 1),
        "inpage_stall_ms": round(med(r["inPage"], "stallMs"), 1),
        "same_text": all(w["text"] == p["text"] for w, p in zip(r["worker"], r["inPage"])),
    }
    figures["worker_over_inpage"] = round(figures["worker_chars_per_s"] / figures["inpage_chars_per_s"], 3)
    print(f"worker vs in-page, isolated={figures['isolated']}: worker {figures['worker_chars_per_s']:,} chars/s, "
          f"main thread {figures['inpage_chars_per_s']:,} chars/s (ratio {figures['worker_over_inpage']:.2f}); "
          f"longest main-thread stall: worker {figures['worker_stall_ms']} ms, in-page {figures['inpage_stall_ms']} ms; "
          f"same text: {figures['same_text']}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="Browser vs Python generation speed on a random-weight LSTM.")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--isolation", choices=["both", "on", "off"], default="both")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        name = f"random-{args.layers}x{args.hidden}"
        folder = Path(tmp) / name
        export_random_lstm(folder, n_layer=args.layers, n_hidden=args.hidden)
        print(f"model: {name}, {(folder / 'model.onnx').stat().st_size / 1e6:.1f} MB")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for isolated in {"both": (True, False), "on": (True,), "off": (False,)}[args.isolation]:
                server, base = serve_site_with({name: folder}, isolated=isolated)
                try:
                    measure_generation(browser, base, folder, model_url=f"{base}{MOUNT}{name}/model.onnx",
                                       chars=args.chars, runs=args.runs)
                    measure_worker_vs_inpage(browser, base, f"{base}{MOUNT}{name}/model.onnx", chars=args.chars, runs=args.runs)
                finally:
                    server.shutdown()
            browser.close()


if __name__ == "__main__":
    main()
