"""Module 5's generated content, from the models in pretrained/ (re-runnable, fixed seeds).

    python -m coursekit.samples           # (re)write docs/includes/generated/ and the Spot-the-Bug data
    python -m coursekit.samples --check   # exit 1 if a committed file differs from what it would write

For every model folder `pretrained/<id>/` (model.onnx + meta.json) it writes, stepping the models
with coursekit.stepper (Python onnxruntime on one thread) and NumPy's seeded generator, one module each:

- `experiments`: `experiment-<key>.md`, our samples at two temperatures for each experiment of
  Karpathy's post that has a model of ours (or a plain sentence saying why not);
- `timelapse`: `timelapse.md`, the samples saved during training, measured against the corpus;
- `neurons`: `neurons.md`, character heatmaps of the cells neurons.json found, drawn from the
  activations the analysis recorded there, as static HTML;
- `spot_the_bug`: `docs/assets/data/spot-the-bug.json`, samples cut into tokens, with the errors
  the automatic checkers of `coursekit.textchecks` find (the answer key).

`common` holds what they share. The corpora are read from ../shared/corpora (MANIFEST.md) beside
the checkout. New models appear on the next run: nothing here names a model id.
"""
from __future__ import annotations

from pathlib import Path

from coursekit.samples import experiments, neurons, spot_the_bug, timelapse
from coursekit.samples.common import PRETRAINED, load_models

# Page family → the files it writes; in the order `python -m coursekit.samples` reports them.
PAGES = {
    "experiments": experiments.render,
    "timelapse": timelapse.render,
    "neurons": neurons.render,
    "spot_the_bug": spot_the_bug.render,
}


def render_all(pretrained: Path = PRETRAINED, pages: tuple[str, ...] = tuple(PAGES)) -> dict[Path, str]:
    """Every generated file of `pages` and its content, from the models of `pretrained`."""
    loaded = load_models(pretrained)
    files: dict[Path, str] = {}
    for name in pages:
        files.update(PAGES[name](loaded))
    return files
