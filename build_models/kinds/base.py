"""
What the pipeline asks of a kind of model (build_models/README.md, "Model kinds").

The steps train, export, adopt and prepare run for every kind; they reach the model only
through its kind. The model a kind builds is a torch.nn.Module with
  - model(x, targets=y) -> (logits, state, loss): train, grid and bench call it so;
  - model.model_args() -> dict: recorded in every checkpoint; kind.rebuild(that dict) builds
    the same module again (load_state_dict then restores the weights);
  - model.num_params() -> int.
The other steps (OPTIONAL_STEPS) make sense only for some kinds: a kind lists those it has in
`steps`, and asking a kind for a step it lacks stops with a message naming the step and the kind.
"""

# Steps only some kinds have: a sample of text, the character-level evaluation with its n-gram
# baseline, the neuron analysis, the training timelapse (samples), and the throughput and grid
# searches (sizes and hidden widths of recurrent cells).
OPTIONAL_STEPS = ("sample", "evaluate", "analyse", "timelapse", "bench", "grid")


class Kind:
    """One kind of model. A subclass sets `name` and `steps` and implements the methods."""
    name = ""                # the config's `kind`
    steps = frozenset()      # the OPTIONAL_STEPS this kind has

    def has(self, step):
        return step not in OPTIONAL_STEPS or step in self.steps

    def require(self, step):
        """Stop with a clear message when this kind has no `step`."""
        if not self.has(step):
            has = ", ".join(s for s in OPTIONAL_STEPS if s in self.steps) or "none of them"
            raise ValueError(f"step {step!r} is not defined for kind {self.name!r} "
                             f"(of the steps {', '.join(OPTIONAL_STEPS)} it has {has})")

    def check(self, cfg):
        """Raise ValueError when the config's model arguments are not ones this kind can build."""

    def build(self, cfg, vocab):
        """A fresh model (random weights from torch's current seed) from the config's model arguments
        (config.ModelArgs) and the vocabulary (corpora.load_vocab)."""
        raise NotImplementedError

    def rebuild(self, model_args):
        """The model a checkpoint's `model_args` describe (weights not loaded)."""
        raise NotImplementedError

    def meta_kind(self, model):
        """meta.json's `kind`: what the site's runtime loads the ONNX file as."""
        raise NotImplementedError

    def architecture(self, model):
        """meta.json's `architecture` (export adds how the file stores the weights)."""
        raise NotImplementedError

    def export_onnx(self, model, path, weights_dtype="float32"):
        """Write the model as the one ONNX file the site runs (export.save_onnx does the writing)."""
        raise NotImplementedError

    def io_spec(self, model):
        """meta.json's `io`: the ONNX file's input and output names and shapes."""
        raise NotImplementedError

    def parity(self, model, onnx_path, tokens):
        """Run PyTorch and the ONNX file over `tokens` [N]; return their largest differences (a dict with
        max_abs_logit_diff and chars)."""
        raise NotImplementedError

    def sample(self, cfg, model, vocab):
        """`sample`: text the model generates at the config's sample_* settings (step "sample")."""
        raise NotImplementedError

    def analyse(self, cfg, model, vocab):
        """`analyse`: write runs/<model_id>/neurons.json (step "analyse")."""
        raise NotImplementedError
