"""Print every preset of build_models/config/ as the flat config dict the loader makes of it (JSON).

    PYTHONPATH=. python tests/data/dump_presets.py > tests/data/presets-before.json

Run at commit 20ccdb4 (before Config was split into parts) to write tests/data/presets-before.json;
tests/test_build_models_config.py loads the presets with the current loader and compares.
"""
import json

from build_models.config import PRESETS, load_config, to_dict

if __name__ == "__main__":
    dump = {p.stem: to_dict(load_config(p.stem)) for p in sorted(PRESETS.glob("*.py"))}
    print(json.dumps(dump, indent=1, sort_keys=True, ensure_ascii=False))
