"""
ONNX files: save_onnx writes any kind's module as one deterministic file (fp32, or fp16-stored
weights); the rest is the char-rnn kind's step model (DESIGN "Models in pretrained/") and its
parity check, which kinds/char_rnn.py hands to the pipeline.

The step model has inputs x int64 [B], h float32 [L,B,H], c float32 [L,B,H] and outputs
logits [B,V], h_out [L,B,H], c_out [L,B,H], gates [L,G,B,H]; B is dynamic.
G and the gate order depend on the cell: see model.StepCell and model.GATE_NAMES.
"""
import copy
import json
import logging
import pathlib
import warnings

import numpy as np
import onnx
import torch

from .model import CharRNN, StepCell, GATE_NAMES

INPUT_NAMES = ["x", "h", "c"]
OUTPUT_NAMES = ["logits", "h_out", "c_out", "gates"]


def export_step_model(model: CharRNN, path: pathlib.Path, weights_dtype: str = "float32") -> None:
    """
    Write `model` as one ONNX file (weights inside, no external data) at `path`; it computes in
    fp32. With weights_dtype="float16" every weight that fp16 holds exactly is stored as fp16
    (see store_fp16): for a model trained in fp16 (the GPU zoo) that is all of its own weights.

    Inputs:  x int64 [B], h float32 [L,B,H], c float32 [L,B,H]
    Outputs: logits [B,V], h_out [L,B,H], c_out [L,B,H], gates [L,G,B,H]
      lstm: G=4, gates i, f, g, o after their nonlinearities
      gru:  G=3, gates r, z, n; c is an unused input and c_out returns it unchanged
      rnn:  G=1, the new hidden state; c is an unused input and c_out returns it unchanged
    The fused nn.LSTM/GRU/RNN weights are copied into an explicit cell (model.StepCell), which
    folds the embedding into layer 0's input weights: a [V, G*H] lookup table replaces embed
    [V, H], w_ih[0] [G*H, H] and b_ih[0] in the file; the inputs and outputs are unchanged.
    """
    step = StepCell(model).eval()
    L, H, B = model.n_layer, model.n_hidden, 2  # B=2: batch 1 would be specialised as a constant
    x = torch.zeros(B, dtype=torch.long)
    h = torch.zeros(L, B, H)
    c = torch.zeros(L, B, H)
    batch = torch.export.Dim("batch", min=1, max=4096)
    dynamic_shapes = {"x": {0: batch}, "h": {1: batch}, "c": {1: batch}}
    save_onnx(step, (x, h, c), path, INPUT_NAMES, OUTPUT_NAMES, dynamic_shapes, weights_dtype)


def save_onnx(module, args, path, input_names, output_names, dynamic_shapes, weights_dtype="float32"):
    """
    Export `module` called on the example `args` as one ONNX file at `path` (weights inside), with
    the exporter's per-node metadata stripped (strip_metadata) so that the same weights give the
    same bytes, and with weights_dtype="float16" the weights fp16 holds exactly stored as fp16
    (store_fp16). Any kind's export_onnx ends here.
    """
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the exporter's chatter (torchvision absent, pytree deprecations) says nothing about our model
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        onnx_program = torch.onnx.export(module, args, dynamo=True, external_data=False,
                                         input_names=input_names, output_names=output_names,
                                         dynamic_shapes=dynamic_shapes, verbose=False)
    proto = onnx_program.model_proto
    strip_metadata(proto)
    if weights_dtype == "float16":
        store_fp16(proto)
    onnx.save_model(proto, str(path), save_as_external_data=False)


def store_fp16(proto) -> None:
    """
    Store each fp32 initializer whose values fp16 represents exactly as fp16, followed by a Cast
    back to fp32: the file shrinks by about half, the arithmetic and its results stay those of
    the fp32 model (onnxruntime folds the Casts when it loads the session). Initializers that
    fp16 would change stay fp32, e.g. the folded input table (a float64 product, see StepCell)
    and anything of a model trained in fp32: so "fp16 storage" never alters a computed value.
    (weights_dtypes reads back what the file holds.)
    """
    from onnx import helper, numpy_helper, TensorProto
    graph = proto.graph
    kept, casts = [], []
    for init in graph.initializer:
        if init.data_type != TensorProto.FLOAT:
            kept.append(init)
            continue
        w = numpy_helper.to_array(init)
        with np.errstate(over="ignore"):  # a value beyond fp16 (e.g. a 1e9 mask constant) stays fp32
            half = w.astype(np.float16)
        if w.size > 1 and np.array_equal(half.astype(np.float32), w, equal_nan=True):
            kept.append(numpy_helper.from_array(half, init.name + "__fp16"))
            casts.append(helper.make_node("Cast", [init.name + "__fp16"], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "__to_fp32"))
        else:
            kept.append(init)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    # the Casts come first: every node that reads a weight then finds its fp32 value defined above it
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)


def write_train_record(cfg, config, parameters, steps, seconds, curve, machine, command):
    """A finished run's `train.json` (what `run_records` reads back): its size, steps, time, curve,
    the `config` dict it trained with, the machine and the command."""
    (cfg.run_dir / "train.json").write_text(json.dumps({
        "model_id": cfg.model_id, "parameters": parameters, "steps": steps, "seconds": round(seconds, 1),
        "curve": curve, "config": config, "machine": machine, "command": command}, indent=1) + "\n")


def run_records(cfg, command):
    """A finished run's `evaluation.json` and `train.json`, read, and its `pretrained/<id>/` folder,
    made: what every package's export starts from. A missing record names the command (`command`,
    the package's `python -m ...`) that makes it."""
    run = cfg.run_dir
    for f in ("evaluation.json", "train.json"):
        if not (run / f).exists():
            raise FileNotFoundError(f"{run / f} is missing: run `{command} all {cfg.model_id}`")
    ev = json.loads((run / "evaluation.json").read_text())
    tr = json.loads((run / "train.json").read_text())
    out = cfg.path(cfg.out_dir) / cfg.model_id
    out.mkdir(parents=True, exist_ok=True)
    return ev, tr, out


def weights_dtypes(path) -> dict:
    """Bytes of initializer data per dtype in an ONNX file (meta.json records it)."""
    from onnx import numpy_helper
    out = {}
    for init in onnx.load(str(path)).graph.initializer:
        a = numpy_helper.to_array(init)
        out[str(a.dtype)] = out.get(str(a.dtype), 0) + a.nbytes
    return out


def strip_metadata(proto):
    """Drop the exporter's per-node stack traces and source paths: they would make the bytes of
    model.onnx depend on where the repository lives and on line numbers, not on the weights."""
    def clean(graph):
        graph.doc_string = ""
        for items in (graph.node, graph.input, graph.output, graph.value_info, graph.initializer):
            for item in items:
                del item.metadata_props[:]
                item.doc_string = ""
        for node in graph.node:
            for attr in node.attribute:
                if attr.HasField("g"):
                    clean(attr.g)
    clean(proto.graph)
    for f in proto.functions:
        for node in f.node:
            del node.metadata_props[:]
            node.doc_string = ""
    del proto.metadata_props[:]
    proto.doc_string = ""


def io_spec(model: CharRNN):
    """Input and output names with shapes, as written in meta.json ('B' is the dynamic batch)."""
    L, H, V, G = model.n_layer, model.n_hidden, model.vocab_size, len(GATE_NAMES[model.cell])
    return {
        "inputs": {"x": {"dtype": "int64", "shape": ["B"]},
                   "h": {"dtype": "float32", "shape": [L, "B", H]},
                   "c": {"dtype": "float32", "shape": [L, "B", H]}},
        "outputs": {"logits": {"dtype": "float32", "shape": ["B", V]},
                    "h_out": {"dtype": "float32", "shape": [L, "B", H]},
                    "c_out": {"dtype": "float32", "shape": [L, "B", H]},
                    "gates": {"dtype": "float32", "shape": [L, G, "B", H], "rows": GATE_NAMES[model.cell]}},
        "c_used": model.cell == "lstm",
    }


@torch.no_grad()
def parity(model: CharRNN, onnx_path: pathlib.Path, tokens, batch: int = 4):
    """
    Run the fused PyTorch model and the ONNX step model over the same token streams
    (`tokens` [N] split into `batch` rows) and return the max abs difference of the logits,
    and of all states and gates between the ONNX step model and the PyTorch StepCell.
    """
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(onnx_path), so, providers=["CPUExecutionProvider"])
    step = StepCell(model).eval()
    model = copy.deepcopy(model).cpu().eval()  # the fused reference, without touching the caller's model
    tokens = torch.as_tensor(np.asarray(tokens), dtype=torch.long)
    T = len(tokens) // batch
    idx = tokens[: T * batch].view(batch, T)  # [B, T]
    ref_logits, _, _ = model(idx)  # [B, T, V], fused path
    h, c = model.init_state(batch)
    hn, cn = h.numpy(), c.numpy()
    d_logits = d_other = 0.0
    for t in range(T):
        lo, ho, co, go = sess.run(None, {"x": idx[:, t].numpy(), "h": hn, "c": cn})
        sl, h, c, sg = step(idx[:, t], h, c)  # explicit PyTorch cell, same weights
        d_logits = max(d_logits, float(np.abs(lo - ref_logits[:, t].numpy()).max()))
        d_other = max(d_other, float(np.abs(ho - h.numpy()).max()), float(np.abs(co - c.numpy()).max()),
                      float(np.abs(go - sg.numpy()).max()))
        hn, cn = ho, co  # ONNX drives itself from its own state, as the browser will
    return {"max_abs_logit_diff": d_logits, "max_abs_state_gate_diff": d_other, "chars": T * batch}
