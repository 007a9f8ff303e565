# gmm-teach: every target sets up what it needs. `make lab` to learn, `make test` to check.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NB_DIRS := $(wildcard notebooks/ja notebooks/en)
PYTEST_NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: venv lab test test-fast test-notebooks test-browser notebooks classroom bench present clean

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt -e .
	touch $(STAMP)

venv: $(STAMP)

# JupyterLab on the index notebook. As root (containers, classroom images) it needs --allow-root, given
# only then. Extra options through LAB_ARGS, e.g. make lab LAB_ARGS="--no-browser --port 8890".
LAB_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
lab: $(STAMP)
	@echo "Starting JupyterLab on notebooks/ja/00_introduction.ipynb. If no browser opens, open the address"
	@echo "printed below that starts with http://127.0.0.1: and ends with ?token=... Stop with Ctrl-C (twice)."
	$(VENV)/bin/jupyter lab $(LAB_ROOT) $(LAB_ARGS) notebooks/ja/00_introduction.ipynb

# Everything CI runs: unit tests, strict nbval, Binder checks, the fresh-environment run of every
# notebook and the real-browser tests (these skip, saying why, where /usr/bin/chromium is missing).
test: $(STAMP)
	$(PY) -m pytest -q -rs tests $(NB_DIRS) $(PYTEST_NBVAL)

test-fast: $(STAMP)
	$(PY) -m pytest -q -x tests -m "not slow"

# JupyterLab and Notebook 7 in Debian's Chromium (apt-get install chromium; never `playwright install`).
test-browser: $(STAMP)
	$(PY) -m pytest -q -rs tests/browser

test-notebooks: $(STAMP)
	$(PY) -m pytest -q $(NB_DIRS) $(PYTEST_NBVAL)

notebooks: $(STAMP)
	$(PY) tools/build_notebooks.py notebooks/ja $(if $(wildcard notebooks/en),notebooks/en)

# Classroom editions in build/classroom/ (git-ignored): <lang>/student (no worked solutions), <lang>/instructor
# (full chapters, solutions, lecturer's guide, model answers) and nbgrader/<lang> (a course directory).
classroom: $(STAMP)
	$(PY) tools/build_classroom.py

bench: $(STAMP)
	$(PY) benchmarks/bench_em.py

# A chapter's widgets without the code, for projecting in a lecture: a Voilà app on http://127.0.0.1:PORT/
# (default 8866), nothing loaded from the internet. make present CHAPTER=06 EDITION=ja [PORT=8867] [NO_BROWSER=1].
# Refuses a chapter without widgets or an unknown edition in one line (tools/present.py). Voilà: requirements-test.txt.
present: $(STAMP)
	@$(PY) tools/present.py "$(CHAPTER)" "$(or $(EDITION),ja)" --port "$(or $(PORT),8866)" $(if $(NO_BROWSER),--no-browser)

# The book: a static website per edition, build/book/ja/ and build/book/en/ (open index.html; a copy on a USB
# stick works), from the committed notebooks as they are (not re-executed). Its scripts and fonts come from the
# npm registry (book/package-lock.json) and are copied into the site: no page loads anything from elsewhere.
# make pdf prints every chapter page to build/pdf/<lang>/NN_name.pdf (A4) with Debian's headless Chromium.
.PHONY: book pdf
BOOK_NPM := book/node_modules/.package-lock.json
$(BOOK_NPM): book/package.json book/package-lock.json
	cd book && npm ci --ignore-scripts --no-audit --no-fund
	touch $(BOOK_NPM)

book: $(STAMP) $(BOOK_NPM)
	$(PY) tools/build_book.py

pdf: book
	$(PY) tools/build_pdf.py

# Slides: a reveal.js deck per chapter and edition, build/slides/<lang>/NN_name.slides.html (open build/slides/index.html),
# from the committed notebooks and the slide markers of notebooks/src/ (tools/build_slides.py). Self-contained like the
# book: reveal.js, MathJax and the fonts come from npm (book/package-lock.json) and are copied into build/slides/.
.PHONY: slides
slides: $(STAMP) $(BOOK_NPM)
	$(PY) tools/build_slides.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
