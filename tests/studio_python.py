"""The training studio's Python (widgets/training-studio: trainer.py, onnx_export.py, session.py),
loaded as its page loads it: each file registered under the module name session.py imports it by."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

STUDIO = Path(__file__).resolve().parent.parent / "widgets" / "training-studio"
FILES = (("studio_trainer", "trainer.py"), ("studio_onnx", "onnx_export.py"), ("studio_session", "session.py"))


def studio_session() -> ModuleType:
    """session.py, its two modules loaded first (once per process)."""
    for name, file in FILES:
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, STUDIO / file)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
    return sys.modules["studio_session"]
