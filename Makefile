# A thin wrapper over the plain commands in the README (which work without make).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# JupyterLab refuses to run as root unless told; containers and CI often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
NBVAL  := -p no:cacheprovider -p tests.conftest --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab app test notebooks bench sizing loadtest html cheatsheet screenshots clean

$(VENV)/.installed: requirements.txt pyproject.toml binder/postBuild binder/lab-overrides.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -r requirements.txt
	PATH="$(abspath $(VENV))/bin:$$PATH" bash binder/postBuild  # actlib and the JupyterLab defaults, as on Binder
	touch $@

# tests/test_nbgrader.py needs nbgrader's command line only. Its server and JupyterLab
# extensions, enabled on install, would load into every server of this venv (+33 MiB each, the
# load test's included), which the Binder image has not: they are disabled.
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -r requirements-dev.txt
	$(PY) -m jupyter server extension disable --sys-prefix nbgrader.server_extensions.formgrader \
	    nbgrader.server_extensions.validate_assignment nbgrader.server_extensions.assignment_list \
	    nbgrader.server_extensions.course_list
	$(PY) -m jupyter labextension disable --level=sys_prefix @jupyter/nbgrader
	touch $@

# The load test's JupyterHub (pinned in requirements-hub.txt) and its proxy, from npm (pinned
# in tools/hub/package-lock.json).
$(VENV)/.installed-hub: $(VENV)/.installed-dev requirements-hub.txt
	$(PY) -m pip install -r requirements-hub.txt
	touch $@

tools/hub/node_modules/.installed: tools/hub/package.json tools/hub/package-lock.json
	cd tools/hub && npm ci --no-audit --no-fund
	touch $@

## lab: open the series in JupyterLab (localhost only, token on)
lab: $(VENV)/.installed
	$(PY) -m jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) --ServerApp.root_dir=notebooks

## app: the Activation Explorer as a web page (Voila; localhost only, token on); LANGUAGE=zh for Chinese
LANGUAGE ?= en
APP := notebooks/$(if $(filter-out en,$(LANGUAGE)),$(LANGUAGE)/)explorer.ipynb
app: $(VENV)/.installed
	$(PY) -m voila $(APP) --no-browser --Voila.ip=127.0.0.1 --token \
	    --VoilaConfiguration.extension_denylist=jupyterlab-jupytext \
	    --VoilaConfiguration.extension_denylist=@jupyter-notebook/lab-extension --preheat_kernel=True --pool_size=1

## test: unit tests, notebooks (nbval) and the browser test
test: $(VENV)/.installed-dev
	@mkdir -p build && date +%s > build/.test-start
	# Two workers (pytest-xdist): the browser test's two editions, nbgrader's course and the app's
	# servers each stay on one worker (xdist_group marks). The English solutions run alone, each
	# cell twice, within their time budgets (a student's single kernel, which two at once on two
	# cores are not); the same code in the Chinese solutions and the student versions runs on two
	# workers, a notebook each, without budgets (tests/conftest.py).
	$(PY) -m pytest tests -n 2 --dist loadgroup --durations=10
	$(PY) -m pytest $(NBVAL) --nbval notebooks/solutions
	$(PY) -m pytest $(NBVAL) --no-budgets -n 2 --dist loadfile --nbval notebooks/zh/solutions
	$(PY) -m pytest $(NBVAL) --no-budgets -n 2 --dist loadfile --nbval-lax notebooks \
	    --ignore=notebooks/solutions --ignore=notebooks/zh/solutions
	@echo "$$(( $$(date +%s) - $$(cat build/.test-start) )) $$(date -u +%Y-%m-%dT%H:%MZ)" > build/test-suite-time.txt

## notebooks: regenerate the student and solution notebooks from source/
notebooks: $(VENV)/.installed-dev
	$(PY) tools/build_notebooks.py

## bench: accuracy, speed, explorer latency (server and browser), notebook and import times -> benchmarks/REPORT.md
bench: $(VENV)/.installed-dev
	$(PY) benchmarks/report.py

## sizing: one student's kernel per notebook, on one core -> benchmarks/kernel_cost.json (the README's sizing)
sizing: $(VENV)/.installed-dev
	$(PY) benchmarks/kernel_cost.py

## loadtest: ten students start a server and Run All at once on a local JupyterHub (about 2 min) -> benchmarks/hub_loadtest.json
loadtest: $(VENV)/.installed-hub tools/hub/node_modules/.installed
	$(PY) benchmarks/hub_loadtest.py

## screenshots: docs/explorer.png, the explorer picture for the README (needs chromium)
screenshots: $(VENV)/.installed-dev
	$(PY) tools/screenshot.py

## html: static pages of the solution notebooks, an index and the cheat sheet, in build/html
html: $(VENV)/.installed
	$(PY) tools/export_html.py --out build/html

## cheatsheet: the cheat sheet of every activation, and each notebook's remember points (PDF and PNGs) in build/, in English and Chinese
cheatsheet: $(VENV)/.installed
	mkdir -p build
	$(PY) tools/series.py --remember-json > build/remember.json
	$(PY) -m actlib.cheatsheet --remember build/remember.json build/cheatsheet.pdf build/cheatsheet.png
	$(PY) tools/series.py --remember-json --language zh > build/remember-zh.json
	$(PY) -m actlib.cheatsheet --language zh --remember build/remember-zh.json build/cheatsheet-zh.pdf build/cheatsheet-zh.png

clean:
	rm -rf $(VENV) .pytest_cache build
