"""The int8 encoder computes the same numbers on every x86 CPU.

onnxruntime multiplies uint8 activations by int8 weights with a kernel whose 16-bit pair
sums saturate on CPUs without VNNI (AVX2 only); uint8 weights take an exact kernel. The
shipped encoder stores its weights as uint8 (tools/export_encoder.py ``uint8_weights``).
These tests run the graph's integer products on this machine and compare them with numpy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from soundoff.classifier import semantic

onnx = pytest.importorskip("onnx")  # a dev dependency; the run time never needs it
ort = pytest.importorskip("onnxruntime")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

ARTIFACT = semantic.DEFAULT_ARTIFACT_DIR / "encoder.onnx"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "export_encoder.py"


def _tool():
    spec = importlib.util.spec_from_file_location("export_encoder", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _integer_products(model, feeds: dict, limit: int | None = None):
    """Run ``model`` with the inputs and outputs of its first ``limit`` MatMulInteger nodes
    exposed; yield (node name, onnxruntime's int32 result, numpy's exact product)."""
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    nodes = [n for n in model.graph.node if n.op_type == "MatMulInteger"][:limit]
    exposed: dict[str, int] = {}
    for n in nodes:
        for name in (n.input[0], n.input[2]):
            if name not in inits:
                exposed[name] = TensorProto.UINT8
        exposed[n.output[0]] = TensorProto.INT32
    have = {o.name for o in model.graph.output}
    for name, dtype in exposed.items():
        if name not in have:
            model.graph.output.append(helper.make_tensor_value_info(name, dtype, None))
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    got = dict(zip(names, session.run(None, feeds), strict=True))
    for n in nodes:
        a = got[n.input[0]].astype(np.int64) - got[n.input[2]].astype(np.int64)
        w = inits[n.input[1]].astype(np.int64) - inits[n.input[3]].astype(np.int64)
        yield n.name, got[n.output[0]].astype(np.int64), a @ w


@pytest.mark.skipif(not ARTIFACT.is_file(), reason="semantic encoder artifact not present")
def test_shipped_encoder_weights_are_uint8_and_its_products_exact():
    from tokenizers import Tokenizer

    model = onnx.load(str(ARTIFACT))
    inits = {t.name: t for t in model.graph.initializer}
    weights = [inits[n.input[1]] for n in model.graph.node if n.op_type == "MatMulInteger"]
    assert weights and all(w.data_type == TensorProto.UINT8 for w in weights)

    tok = Tokenizer.from_file(str(ARTIFACT.with_name("tokenizer.json")))
    ids = np.array([tok.encode("These people are vermin; throw every last one of them out.").ids])
    feeds = {
        "input_ids": ids,
        "attention_mask": np.ones_like(ids),
        "token_type_ids": np.zeros_like(ids),
    }
    checked = 0
    for name, got, exact in _integer_products(model, feeds, limit=12):
        assert np.array_equal(got, exact), name
        checked += 1
    assert checked == 12


def _tiny_int8_model(weights: np.ndarray):
    """x (float) -> DynamicQuantizeLinear -> MatMulInteger with int8 ``weights``."""
    w = numpy_helper.from_array(weights.astype(np.int8), "w")
    wzp = numpy_helper.from_array(np.zeros(weights.shape[1], dtype=np.int8), "wzp")
    nodes = [
        helper.make_node("DynamicQuantizeLinear", ["x"], ["xq", "xs", "xzp"]),
        helper.make_node("MatMulInteger", ["xq", "w", "xzp", "wzp"], ["y"], name="mm"),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, weights.shape[0]])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, None)],
        initializer=[w, wzp],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_uint8_weights_keeps_the_numbers_and_makes_products_exact(tmp_path):
    rng = np.random.default_rng(0)
    weights = rng.integers(-127, 128, size=(64, 16))
    weights[:, 0] = 127  # with large activations, the pairs that saturate a 16-bit sum
    path = tmp_path / "tiny.onnx"
    onnx.save(_tiny_int8_model(weights), str(path))

    uint8_weights = _tool().uint8_weights
    assert uint8_weights(path) == 2  # the weights and their zero point
    assert uint8_weights(path) == 0  # nothing left to convert

    model = onnx.load(str(path))
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    assert inits["w"].dtype == np.uint8 and inits["wzp"].dtype == np.uint8
    dequantised = inits["w"].astype(np.int64) - inits["wzp"].astype(np.int64)
    assert np.array_equal(dequantised, weights)

    x = np.concatenate([np.full((1, 64), 1.0), rng.uniform(-1, 1, size=(7, 64))]).astype(np.float32)
    for name, got, exact in _integer_products(model, {"x": x}):
        assert np.array_equal(got, exact), name
