"""What a committed notebook must look like: clean outputs, in order, small, and in its own language."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[a-z][a-z]/[0-9][0-9]_*.ipynb"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def ids(paths):
    return [f"{p.parent.name}/{p.name}" for p in paths]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_errors_warnings_or_stderr_in_stored_outputs(path):
    for i, cell in enumerate(load(path)["cells"]):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"cell {i}: an error output"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), f"cell {i}: stderr"
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert "Traceback" not in text, f"cell {i}: {text[:120]!r}"  # (warnings would be on stderr)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_executed_in_order_with_python3_small_and_untimed(path):
    nb = load(path)
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert path.stat().st_size < 2_000_000
    assert not any("execution" in c.get("metadata", {}) for c in nb["cells"])


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "en"],
                         ids=ids([p for p in NOTEBOOKS if p.parent.name == "en"]))
def test_english_outputs_have_no_japanese(path):
    for i, cell in enumerate(load(path)["cells"]):
        for out in cell.get("outputs", []):
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")) + \
                   "".join(out.get("data", {}).get("text/html", ""))
            found = JAPANESE.search(text)
            assert not found, f"cell {i}: Japanese {found.group()!r} in an output: {text[max(0, found.start() - 60):found.start() + 40]!r}"
