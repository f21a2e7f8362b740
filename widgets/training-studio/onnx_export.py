"""
A character model trained in the browser, written as the site's ONNX step model.

The training studio trains in Pyodide, where neither `onnx` nor `protobuf` exists, yet the
trained model must run in the same onnxruntime-web runtime as the models in pretrained/. So this
module writes the ONNX ModelProto's protobuf wire format by hand (stdlib + NumPy only) and builds
the same step graph build_models/export.py exports from PyTorch:

    inputs   x int64 [B], h float32 [L,B,H], c float32 [L,B,H]
    outputs  logits [B,V], h_out [L,B,H], c_out [L,B,H], gates [L,G,B,H]
      lstm: G=4, rows i, f, g, o after their nonlinearities
      gru:  G=3, rows r, z, n; c is unused and c_out is c unchanged
      rnn:  G=1, the row "h" is the layer's new hidden state; c unused, c_out is c unchanged

export_step_model gives the .onnx bytes, meta_for the meta.json that widgets/runtime/onnx/meta.ts
and coursekit/stepper.py accept.

The parameters are the trainer's layout (G*H gate columns in the cell's gate order):
    Wx0 [V, G*H] (the input is one-hot, so a row lookup), Wx{l} [H, G*H] for l >= 1,
    Wh{l} [H, G*H], bx{l} [G*H], bh{l} [G*H], Wy [H, V], by [V]
"""
from __future__ import annotations

import datetime
import hashlib
import math

import numpy as np

GATE_NAMES = {"lstm": ["i", "f", "g", "o"], "gru": ["r", "z", "n"], "rnn": ["h"]}
INPUT_NAMES = ["x", "h", "c"]
OUTPUT_NAMES = ["logits", "h_out", "c_out", "gates"]

# IR 8 with opset 17: old enough for any onnxruntime-web since 1.13 (the site runs 1.30), new
# enough for Split's sizes and Unsqueeze's axes as inputs.
IR_VERSION = 8
OPSET = 17
PRODUCER = "rnn-course training studio (onnx_export.py)"

# TensorProto.DataType
FLOAT, INT64 = 1, 7
# AttributeProto.AttributeType
ATTR_INT = 2

# protobuf wire types
VARINT, LEN = 0, 2


# ---------------------------------------------------------------- protobuf wire format

def varint(n: int) -> bytes:
    """Base-128 varint; a negative int64 is its 64-bit two's complement (ten bytes), as protobuf."""
    n &= (1 << 64) - 1
    out = bytearray()
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def key(field: int, wire_type: int) -> bytes:
    return varint((field << 3) | wire_type)


def int_field(field: int, n: int) -> bytes:
    return key(field, VARINT) + varint(n)


def bytes_field(field: int, data: bytes) -> bytes:
    return key(field, LEN) + varint(len(data)) + data


def str_field(field: int, s: str) -> bytes:
    return bytes_field(field, s.encode("utf-8"))


# ---------------------------------------------------------------- ONNX messages (field numbers from onnx.proto)

def tensor_proto(name: str, array: np.ndarray) -> bytes:
    """TensorProto: dims (1), data_type (2), name (8), raw_data (9) little-endian."""
    if array.dtype == np.int64:
        data_type, raw = INT64, np.ascontiguousarray(array, dtype="<i8").tobytes()
    else:
        data_type, raw = FLOAT, np.ascontiguousarray(array, dtype="<f4").tobytes()
    # dims unpacked, one key each: onnx.proto is proto2, where that is the default encoding
    dims = b"".join(int_field(1, d) for d in array.shape)
    return dims + int_field(2, data_type) + str_field(8, name) + bytes_field(9, raw)


def int_attribute(name: str, value: int) -> bytes:
    """AttributeProto: name (1), i (3), type (20) = INT."""
    return str_field(1, name) + int_field(3, value) + int_field(20, ATTR_INT)


def node_proto(op_type: str, inputs: list[str], outputs: list[str], name: str, **int_attrs: int) -> bytes:
    """NodeProto: input (1), output (2), name (3), op_type (4), attribute (5)."""
    parts = [str_field(1, i) for i in inputs] + [str_field(2, o) for o in outputs]
    parts += [str_field(3, name), str_field(4, op_type)]
    parts += [bytes_field(5, int_attribute(k, v)) for k, v in sorted(int_attrs.items())]
    return b"".join(parts)


def dimension(d: int | str) -> bytes:
    """TensorShapeProto.Dimension: dim_value (1) for a size, dim_param (2) for a symbol such as "B"."""
    return str_field(2, d) if isinstance(d, str) else int_field(1, d)


def value_info(name: str, elem_type: int, shape: list[int | str]) -> bytes:
    """ValueInfoProto name (1), type (2) -> TypeProto.tensor_type (1) -> elem_type (1), shape (2)."""
    shape_proto = b"".join(bytes_field(1, dimension(d)) for d in shape)
    tensor_type = int_field(1, elem_type) + bytes_field(2, shape_proto)
    return str_field(1, name) + bytes_field(2, bytes_field(1, tensor_type))


def graph_proto(name: str, nodes: list[bytes], initializers: list[bytes],
                inputs: list[bytes], outputs: list[bytes]) -> bytes:
    """GraphProto: node (1), name (2), initializer (5), input (11), output (12)."""
    return b"".join([*(bytes_field(1, n) for n in nodes), str_field(2, name),
                     *(bytes_field(5, t) for t in initializers),
                     *(bytes_field(11, i) for i in inputs), *(bytes_field(12, o) for o in outputs)])


def model_proto(graph: bytes) -> bytes:
    """ModelProto: ir_version (1), producer_name (2), graph (7), opset_import (8) -> domain "" (1), version (2)."""
    opset = str_field(1, "") + int_field(2, OPSET)
    return int_field(1, IR_VERSION) + str_field(2, PRODUCER) + bytes_field(7, graph) + bytes_field(8, opset)


# ---------------------------------------------------------------- the step graph

class GraphBuilder:
    """Collects nodes and initializers; `op` returns its output's name (a list of names for n_out > 1)."""

    def __init__(self):
        self.nodes: list[bytes] = []
        self.initializers: list[bytes] = []
        self._constants: dict[tuple, str] = {}
        self._count = 0
        self.bytes_by_dtype: dict[str, int] = {}  # meta.json's weight_bytes_by_dtype

    def weight(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(tensor_proto(name, array))
        dtype = "int64" if array.dtype == np.int64 else "float32"
        self.bytes_by_dtype[dtype] = self.bytes_by_dtype.get(dtype, 0) + array.size * (8 if dtype == "int64" else 4)
        return name

    def constant(self, array: np.ndarray) -> str:
        """A small constant (an index, axes, split sizes), shared between the nodes that use it."""
        k = (array.dtype.str, array.shape, array.tobytes())
        if k not in self._constants:
            self._constants[k] = self.weight(f"const_{len(self._constants)}", array)
        return self._constants[k]

    def op(self, op_type: str, *inputs: str, n_out: int = 1, name: str | None = None, **attrs: int):
        self._count += 1
        base = name or f"{op_type.lower()}_{self._count}"
        outputs = [base] if n_out == 1 else [f"{base}_{k}" for k in range(n_out)]
        self.nodes.append(node_proto(op_type, list(inputs), outputs, f"n{self._count}_{op_type}", **attrs))
        return outputs[0] if n_out == 1 else outputs

    def ints(self, values: list[int]) -> str:
        return self.constant(np.array(values, np.int64))

    def unsqueeze0(self, t: str) -> str:
        return self.op("Unsqueeze", t, self.ints([0]))  # [...] -> [1, ...]

    def stack0(self, ts: list[str], name: str | None = None) -> str:
        """Stack along a new leading axis (torch.stack): Unsqueeze each, then Concat."""
        return self.op("Concat", *(self.unsqueeze0(t) for t in ts), name=name, axis=0)


def layer_input(g: GraphBuilder, params: dict, layer: int, below: str) -> str:
    """x@Wx + bx [B, G*H]: layer 0 looks up the row of its one-hot token, the others multiply."""
    if layer == 0:
        xw = g.op("Gather", g.weight("Wx0", params["Wx0"]), "x", axis=0)  # [B, G*H]
    else:
        xw = g.op("MatMul", below, g.weight(f"Wx{layer}", params[f"Wx{layer}"]))  # [B,H]@[H,G*H]
    return g.op("Add", xw, g.weight(f"bx{layer}", params[f"bx{layer}"]))


def layer_recurrent(g: GraphBuilder, params: dict, layer: int, h_prev: str) -> str:
    """h@Wh + bh [B, G*H]."""
    hw = g.op("MatMul", h_prev, g.weight(f"Wh{layer}", params[f"Wh{layer}"]))  # [B,H]@[H,G*H]
    return g.op("Add", hw, g.weight(f"bh{layer}", params[f"bh{layer}"]))


def split_gates(g: GraphBuilder, t: str, n: int, hidden: int) -> list[str]:
    """[B, n*H] -> n tensors [B, H] in column-block order."""
    if n == 1:
        return [t]
    return g.op("Split", t, g.ints([hidden] * n), n_out=n, axis=1)


def lstm_cell(g, xa, ha, h_prev, c_prev, hidden):
    """i, f, g, o from a = x@Wx + bx + h@Wh + bh; c' = f*c + i*g; h' = o*tanh(c')."""
    i, f, gg, o = split_gates(g, g.op("Add", xa, ha), 4, hidden)
    i, f, gg, o = g.op("Sigmoid", i), g.op("Sigmoid", f), g.op("Tanh", gg), g.op("Sigmoid", o)
    c_new = g.op("Add", g.op("Mul", f, c_prev), g.op("Mul", i, gg))
    h_new = g.op("Mul", o, g.op("Tanh", c_new))
    return h_new, c_new, [i, f, gg, o]


def gru_cell(g, xa, ha, h_prev, c_prev, hidden):
    """PyTorch's GRU: the reset gate scales only the recurrent part of the candidate n."""
    xr, xz, xn = split_gates(g, xa, 3, hidden)
    hr, hz, hn = split_gates(g, ha, 3, hidden)
    r = g.op("Sigmoid", g.op("Add", xr, hr))
    z = g.op("Sigmoid", g.op("Add", xz, hz))
    n = g.op("Tanh", g.op("Add", xn, g.op("Mul", r, hn)))
    one = g.constant(np.array(1.0, np.float32))
    h_new = g.op("Add", g.op("Mul", g.op("Sub", one, z), n), g.op("Mul", z, h_prev))  # (1-z)*n + z*h
    return h_new, c_prev, [r, z, n]


def rnn_cell(g, xa, ha, h_prev, c_prev, hidden):
    """h' = tanh(x@Wx + bx + h@Wh + bh); its one "gate" row is h' itself, as the shipped models."""
    h_new = g.op("Tanh", g.op("Add", xa, ha))
    return h_new, c_prev, [h_new]


CELLS = {"lstm": lstm_cell, "gru": gru_cell, "rnn": rnn_cell}


def build_graph(params: dict, cell: str, layers: int, hidden: int, vocab_size: int) -> tuple[bytes, dict]:
    """The GraphProto bytes, and the initializers' bytes by dtype."""
    g = GraphBuilder()
    hs, cs, gates = [], [], []
    below = None
    for layer in range(layers):
        index = g.constant(np.array(layer, np.int64))  # a scalar index drops the layer axis
        h_prev = g.op("Gather", "h", index, axis=0)  # [L,B,H] -> [B,H]
        c_prev = g.op("Gather", "c", index, axis=0) if cell == "lstm" else None
        xa = layer_input(g, params, layer, below)
        ha = layer_recurrent(g, params, layer, h_prev)
        h_new, c_new, rows = CELLS[cell](g, xa, ha, h_prev, c_prev, hidden)
        hs.append(h_new)
        cs.append(c_new)
        gates.append(g.stack0(rows))  # [G, B, H]
        below = h_new
    logits_mm = g.op("MatMul", below, g.weight("Wy", params["Wy"]))  # [B,H]@[H,V]
    g.op("Add", logits_mm, g.weight("by", params["by"]), name="logits")  # [B, V]
    g.stack0(hs, name="h_out")  # [L, B, H]
    if cell == "lstm":
        g.stack0(cs, name="c_out")
    else:
        g.op("Identity", "c", name="c_out")  # GRU and RNN carry c through unchanged
    g.stack0(gates, name="gates")  # [L, G, B, H]

    G = len(GATE_NAMES[cell])
    inputs = [value_info("x", INT64, ["B"]),
              value_info("h", FLOAT, [layers, "B", hidden]),
              value_info("c", FLOAT, [layers, "B", hidden])]
    outputs = [value_info("logits", FLOAT, ["B", vocab_size]),
               value_info("h_out", FLOAT, [layers, "B", hidden]),
               value_info("c_out", FLOAT, [layers, "B", hidden]),
               value_info("gates", FLOAT, [layers, G, "B", hidden])]
    return graph_proto(f"char_{cell}_step", g.nodes, g.initializers, inputs, outputs), g.bytes_by_dtype


# ---------------------------------------------------------------- parameters

def expected_shapes(config: dict) -> dict[str, tuple[int, ...]]:
    cell, L, H, V = config["cell"], config["layers"], config["hidden"], config["vocab_size"]
    GH = len(GATE_NAMES[cell]) * H
    shapes = {"Wy": (H, V), "by": (V,)}
    for layer in range(L):
        shapes[f"Wx{layer}"] = (V if layer == 0 else H, GH)
        shapes.update({f"Wh{layer}": (H, GH), f"bx{layer}": (GH,), f"bh{layer}": (GH,)})
    return shapes


def checked_params(params: dict, config: dict, vocabulary: list[str] | None = None) -> dict[str, np.ndarray]:
    """The parameters as float32 arrays, or a ValueError naming what does not fit the config:
    a wrong shape would otherwise surface only as an onnxruntime error in the reader's browser."""
    cell = config.get("cell")
    if cell not in GATE_NAMES:
        raise ValueError(f"cell must be lstm, gru or rnn, got {cell!r}")
    if vocabulary is not None and len(vocabulary) != config["vocab_size"]:
        raise ValueError(f"the vocabulary has {len(vocabulary)} characters but vocab_size is {config['vocab_size']}")
    shapes = expected_shapes(config)
    missing = sorted(set(shapes) - set(params))
    if missing:
        raise ValueError(f"missing parameters: {', '.join(missing)}")
    out = {}
    for name, shape in shapes.items():
        a = np.asarray(params[name], dtype=np.float32)
        if a.shape != shape:
            raise ValueError(f"{name} has shape {list(a.shape)}, expected {list(shape)}")
        out[name] = a
    return out


def parameter_count(config: dict) -> int:
    return sum(int(np.prod(s)) for s in expected_shapes(config).values())


# ---------------------------------------------------------------- public

def export_step_model(params: dict, config: dict, vocabulary: list[str]) -> bytes:
    """The .onnx bytes of one time step of the model (module docstring: inputs, outputs, gates)."""
    return _export(params, config, vocabulary)[0]


def _export(params: dict, config: dict, vocabulary: list[str]) -> tuple[bytes, dict]:
    arrays = checked_params(params, config, vocabulary)
    graph, bytes_by_dtype = build_graph(arrays, config["cell"], config["layers"], config["hidden"], config["vocab_size"])
    return model_proto(graph), bytes_by_dtype


def io_spec(config: dict) -> dict:
    """meta.json's `io`, as build_models/export.py io_spec writes it ('B' is the dynamic batch)."""
    L, H, V, cell = config["layers"], config["hidden"], config["vocab_size"], config["cell"]
    rows = GATE_NAMES[cell]
    state = {"dtype": "float32", "shape": [L, "B", H]}
    return {
        "inputs": {"x": {"dtype": "int64", "shape": ["B"]}, "h": dict(state), "c": dict(state)},
        "outputs": {"logits": {"dtype": "float32", "shape": ["B", V]},
                    "h_out": dict(state), "c_out": dict(state),
                    "gates": {"dtype": "float32", "shape": [L, len(rows), "B", H], "rows": list(rows)}},
        "c_used": cell == "lstm",
    }


def meta_for(params: dict, config: dict, vocabulary: list[str], *, model_id: str, name: str,
             corpus_summary, validation_loss_nats: float | None, training: dict,
             date: str | None = None) -> dict:
    """
    meta.json for the model that export_step_model writes: the export is deterministic, so the
    bytes written again here have the file's size and sha256. `date` defaults to now (UTC).
    `corpus_summary` is stored as `corpus` (a dict as is; a string as {"description": ...}).
    Fields of the shipped models that have no meaning for a model trained in the browser
    (commit, gpu_run, test loss, n-gram baseline, parity) are left out: meta.ts reads none of them.
    """
    model_bytes, bytes_by_dtype = _export(params, config, vocabulary)
    cell = config["cell"]
    n_params = parameter_count(config)
    validation = None
    if validation_loss_nats is not None:
        nats = float(validation_loss_nats)
        validation = {"loss_nats": round(nats, 4), "bits_per_char": round(nats / math.log(2), 4)}
    corpus = dict(corpus_summary) if isinstance(corpus_summary, dict) else {"description": str(corpus_summary)}
    return {
        "id": model_id,
        "name": name,
        "kind": f"char-{cell}-step",
        "vocabulary": list(vocabulary),
        "architecture": {
            "cell": cell, "layers": config["layers"], "hidden": config["hidden"],
            # no embedding: layer 0 reads a one-hot token, i.e. a row of Wx0 [V, G*H]
            "input": "one-hot",
            "vocab_size": config["vocab_size"], "parameters": n_params,
            "dtype": "float32", "weights_dtype": "float32",
            "weight_bytes_by_dtype": bytes_by_dtype,  # int64: the graph's indices, axes and split sizes
        },
        "io": io_spec(config),
        "corpus": corpus,
        "validation": validation,
        "files": {"model.onnx": {"bytes": len(model_bytes), "sha256": hashlib.sha256(model_bytes).hexdigest()}},
        "training": dict(training),
        "commit": None,  # trained in the reader's browser, not built from a commit of this repository
        "date": date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "producer": PRODUCER,
    }
