"""The widgets' TypeScript type-checks (esbuild bundles without checking types)."""
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_widgets_typecheck_cleanly():
    proc = subprocess.run([str(ROOT / "node_modules/.bin/tsc"), "--noEmit", "-p", "widgets/tsconfig.json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
