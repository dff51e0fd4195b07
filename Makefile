# A thin wrapper over the plain commands in the README (which work without make).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# JupyterLab refuses to run as root unless told; containers and CI often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
NBVAL  := -p no:cacheprovider -p tests.conftest --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab app test notebooks bench html cheatsheet clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -r requirements.txt
	$(PY) -m pip install --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -r requirements-dev.txt
	touch $@

## lab: open the series in JupyterLab (localhost only, token on)
lab: $(VENV)/.installed
	$(PY) -m jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) --ServerApp.root_dir=notebooks

## app: the Activation Explorer as a web page (Voila; localhost only, token on)
app: $(VENV)/.installed
	$(PY) -m voila notebooks/explorer.ipynb --no-browser --Voila.ip=127.0.0.1 --token \
	    --VoilaConfiguration.extension_denylist=jupyterlab-jupytext --preheat_kernel=True --pool_size=1

## test: unit tests, notebooks (nbval) and the browser test
test: $(VENV)/.installed-dev
	$(PY) -m pytest tests
	$(PY) -m pytest $(NBVAL) --nbval notebooks/solutions
	$(PY) -m pytest $(NBVAL) --nbval-lax notebooks --ignore=notebooks/solutions

## notebooks: regenerate the student and solution notebooks from source/
notebooks: $(VENV)/.installed-dev
	$(PY) tools/build_notebooks.py

## bench: accuracy and speed of actlib, and explorer latency (see benchmarks/README.md)
bench: $(VENV)/.installed-dev
	$(PY) benchmarks/accuracy.py
	$(PY) benchmarks/explorer_latency.py

## html: static pages of the solution notebooks, an index and the cheat sheet, in build/html
html: $(VENV)/.installed
	$(PY) tools/export_html.py --out build/html

## cheatsheet: the one-page cheat sheet of every activation (PDF and PNG) in build/
cheatsheet: $(VENV)/.installed
	mkdir -p build
	$(PY) -m actlib.cheatsheet build/cheatsheet.pdf build/cheatsheet.png

clean:
	rm -rf $(VENV) .pytest_cache build
