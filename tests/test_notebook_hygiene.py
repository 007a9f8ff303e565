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


# --- markdown: display maths, Japanese punctuation and terms, component numbering -----------------------------

JA_NOTEBOOKS = [p for p in NOTEBOOKS if p.parent.name == "ja"]
# a Japanese character: kana, kanji, Japanese punctuation and brackets (、。「」『』〜), full-width forms (（）：)
JAPANESE_CHAR = r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff65]"
# the spans that are not prose: fenced code, display maths, inline maths and inline code
NOT_PROSE = re.compile(r"```.*?```|\$\$.*?\$\$|(?<!\\)\$.+?(?<!\\)\$|`[^`]*`", re.DOTALL)
FORBIDDEN_TERMS = {  # the Japanese edition's one word for each notion (notebooks/AUTHORING.md, "Terms")
    "塊": "クラスタ",
    "チェッカー": "採点関数",
    "確かめる関数": "採点関数",
    "確認関数": "採点関数",
    "台地": "プラトー",
    "マハラノビス距離の 2 乗": "二乗マハラノビス距離",
    # chapters 11 and 12 (issue 14)
    "超パラメータ": "ハイパーパラメータ",
    "混同表": "混同行列",
    "ウィッシャート": "ウィシャート",
    "ガウス・ウィシャート": "ガウス–ウィシャート",
    "ガウス-ウィシャート": "ガウス–ウィシャート",
    "集中パラメータ": "集中度パラメータ",
    "変分下限": "変分下界",
    "ベルヌイ": "ベルヌーイ",
    "2 値化": "二値化",
    "2値化": "二値化",
    "生成的モデル": "生成モデル",
    "ディリクレー": "ディリクレ",
    "事後確率最大": "MAP 推定 (最大事後確率推定)",
    "MAP推定": "MAP 推定",
    "ダイガンマ": "ディガンマ",
    "周辺化尤度": "周辺尤度",
    "疑似カウント": "擬似カウント",
    "ハンガリアン": "ハンガリー法",
    "局所解": "局所最適解",
    "乱数の種": "シード",
}


def markdown_cells(path):
    return [(i, "".join(c["source"])) for i, c in enumerate(load(path)["cells"]) if c["cell_type"] == "markdown"]


def prose(text):
    """The markdown without code and maths (each removed span leaves a space, so no words are joined)."""
    return NOT_PROSE.sub(" ", text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_display_maths_starts_after_a_blank_line(path):
    """MyST / Sphinx (and some Markdown renderers) break a $$ block that follows a text line directly."""
    for i, text in markdown_cells(path):
        lines, inside = text.split("\n"), False
        for j, line in enumerate(lines):
            if not inside and line.lstrip().startswith("$$") and j > 0:
                assert lines[j - 1].strip() == "", f"cell {i}: $$ directly after the text line {lines[j - 1]!r}"
            inside ^= line.count("$$") % 2 == 1


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=ids(JA_NOTEBOOKS))
def test_japanese_prose_uses_the_japanese_comma(path):
    """、 and 。 throughout: no ASCII comma right after a Japanese character (maths and code aside)."""
    for i, text in markdown_cells(path):
        found = re.search(JAPANESE_CHAR + ",", prose(text))
        assert not found, f"cell {i}: ASCII comma in Japanese prose: {prose(text)[max(0, found.start() - 30):found.end() + 20]!r}"


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=ids(JA_NOTEBOOKS))
def test_japanese_terms_are_the_agreed_ones(path):
    for i, text in markdown_cells(path):
        for wrong, right in FORBIDDEN_TERMS.items():
            assert wrong not in text, f"cell {i}: {wrong!r}; write {right!r}"


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=ids(JA_NOTEBOOKS))
def test_japanese_percentages_have_a_space(path):
    """「1 % 未満」: a space between the number and %, as everywhere else in the series."""
    for i, text in markdown_cells(path):
        found = re.search(r"\d%", prose(text))
        assert not found, f"cell {i}: {prose(text)[max(0, found.start() - 20):found.end() + 10]!r}: write '{found.group()[0]} %'"


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=ids(JA_NOTEBOOKS))
def test_japanese_prose_is_in_dearu_style(path):
    for i, text in markdown_cells(path):
        found = re.search(r"(です|ます|ません|でしょう|ましょう)[。、）)]", prose(text))
        assert not found, f"cell {i}: {prose(text)[max(0, found.start() - 20):found.end()]!r} (write である調)"


ZERO_COMPONENT_IN_MATHS = re.compile(r"(\\phi|\\mu|\\Sigma|\\gamma|N|\\boldsymbol\{\\mu\})_\{?(n ?,? ?)?0\}?")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_components_are_1_based_in_formulas_and_0_based_in_code(path):
    """Formulas number components k = 1..K; code, widgets and outputs from 0 ("component 0").

    So no $\\mu_0$, $\\phi_0$, ... in the maths, and a chapter that speaks of the code's component 0 says once
    how it maps to the formulas: "the code's component 0 is the formulas' $k = 1$" (ja 「コードの成分 0 が式の $k = 1$」).
    """
    cells = markdown_cells(path)
    for i, text in cells:
        for maths in re.findall(r"\$\$.*?\$\$|(?<!\\)\$.+?(?<!\\)\$", text, re.DOTALL):
            found = ZERO_COMPONENT_IN_MATHS.search(maths)
            assert not found, f"cell {i}: {found.group()!r} in a formula: formulas count components from k = 1"
    everything = "\n".join(text for _, text in cells)
    ja = path.parent.name == "ja"
    if re.search(r"成分 0\b" if ja else r"[Cc]omponents? 0\b", everything):
        mapping = r"コードの成分 0 が式の \$k = 1\$" if ja else r"the code's component 0 is the formulas' \$k = 1\$"
        assert re.search(mapping, everything), f"the chapter speaks of component 0 but never says {mapping!r}"


# --- exercises: the stored verdicts do not give away the answers; cells follow the variables they depend on ----

def code_cells(path):
    return [(i, "".join(c["source"]), c) for i, c in enumerate(load(path)["cells"]) if c["cell_type"] == "code"]


def output_text(cell):
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name.startswith("04_")], ids=lambda p: p.parent.name)
def test_chapter_04_exercise_2_verdict_leaves_the_fix_to_the_learner(path):
    """Exercise 2 asks for the argument of np.cov that makes it divide by N_k: the stub's verdict must not name it."""
    cells = code_cells(path)
    stub = next(i for i, source, cell in cells if source.startswith("def m_step_cov") and "TODO" in source)
    verdict = next(cell for i, source, cell in cells if i > stub and "check_m_step(m_step_cov)" in source)
    text = output_text(verdict)
    assert text.startswith("✗"), text
    for answer in ("bias=True", "ddof=0"):
        assert answer not in text, f"the stored hint gives the answer {answer!r}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name.startswith("05_")], ids=lambda p: p.parent.name)
def test_chapter_05_cells_follow_K_or_say_what_they_assume(path):
    """After `K = 3`, a cell fits with K (not 3), counts components with .K, and a cell that still relies on the
    chapter's three components (the textbook's printed values, components 1 and 2) says so in a comment."""
    cells = code_cells(path)
    start = next(i for i, source, _ in cells if re.search(r"^K = 3$", source, re.M))
    for i, source, _ in cells:
        if i <= start:
            continue
        for pattern in (r"fit\(X, 3\b", r"em_gmm\(X, 3\)", r"range\(3\)", r"component_colors\(3\)", r"\] \* 3\b"):
            assert not re.search(pattern, source), f"cell {i}: {pattern!r} hard-codes K = 3:\n{source}"
        if re.search(r"\.mu\[[12]\]|_book = np\.array", source):
            assert re.search(r"#.*K = 3", source), f"cell {i} relies on K = 3 without saying so:\n{source}"
