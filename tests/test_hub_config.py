"""A class on one JupyterHub: what can be checked in a second, without a hub.

The load test itself (``make loadtest``, about two minutes) and the kernel
measurement (``make sizing``) are not part of ``make test``. Here: the load
test's hub configuration, the pins it runs on, the README's sizing and load
test figures against the committed measurements, and the nbgitpuller recipe.
"""

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import hub_loadtest  # noqa: E402
import kernel_cost  # noqa: E402

README = (ROOT / "README.md").read_text()


def _results(name):
    return json.loads((ROOT / "benchmarks" / name).read_text())


def test_the_load_tests_hub_config_renders(tmp_path, monkeypatch):
    ports = {"public": 8001, "hub": 8002, "proxy_api": 8003}
    for key, value in hub_loadtest.hub_environment(tmp_path, "secret", ports).items():
        if key.startswith("LOADTEST_"):
            monkeypatch.setenv(key, value)
    config = PyFileConfigLoader(hub_loadtest.CONFIG.name, str(hub_loadtest.CONFIG.parent)).load_config()
    assert config.JupyterHub.ip == config.JupyterHub.hub_ip == "127.0.0.1"
    assert (config.JupyterHub.port, config.JupyterHub.hub_port) == (8001, 8002)
    assert config.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:8003"
    assert config.ConfigurableHTTPProxy.command == [str(hub_loadtest.PROXY)]
    assert config.JupyterHub.authenticator_class == "dummy" and config.Authenticator.allow_all
    assert config.JupyterHub.spawner_class == "simple"
    assert config.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "home" / "{username}")
    assert str(tmp_path) in config.JupyterHub.db_url
    assert Path(config.Spawner.cmd[0]) == Path(sys.executable).with_name("jupyterhub-singleuser")
    [service] = config.JupyterHub.services
    [role] = config.JupyterHub.load_roles
    assert service["api_token"] == "secret" and role["services"] == [service["name"]]
    assert {"admin:users", "admin:servers", "tokens"} <= set(role["scopes"])


def test_the_hub_is_pinned_to_the_jupyterhub_of_the_image():
    """requirements-hub.txt: the versions repo2docker puts into the image built from binder/."""
    repo2docker = Path(importlib.util.find_spec("repo2docker").origin).parent  # not imported
    python = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    lock = (repo2docker / "buildpacks" / "conda"
            / f"environment.py-{python}-linux-64.lock").read_text()
    image = {name.lower(): version for name, version in
             re.findall(r"/([A-Za-z0-9_.-]+?)-(\d[^-/]*)-[^-/]+\.conda", lock)}
    pins = dict(line.lower().split("==") for line in
                (ROOT / "requirements-hub.txt").read_text().splitlines() if "==" in line)
    assert pins["jupyterhub"] == image["jupyterhub-base"] == image["jupyterhub-singleuser"]
    for name, version in pins.items():
        if name != "jupyterhub":
            assert image[name.replace("_", "-")] == version, name


def test_the_proxy_is_pinned_from_the_npm_registry():
    package = json.loads((ROOT / "tools" / "hub" / "package.json").read_text())
    lock = json.loads((ROOT / "tools" / "hub" / "package-lock.json").read_text())
    proxy = lock["packages"]["node_modules/configurable-http-proxy"]["version"]
    assert package["dependencies"] == {"configurable-http-proxy": proxy}, "an exact version"
    assert lock["packages"][""]["dependencies"] == package["dependencies"], "run npm install"
    for name, entry in lock["packages"].items():
        if name:
            assert entry["integrity"].startswith("sha512-"), name
            assert entry.get("resolved", "https://registry.npmjs.org/").startswith(
                "https://registry.npmjs.org/"), name


def test_the_sizing_rule():
    results = {"server": {"peak_mib": 100.0}, "notebooks": [
        {"notebook": "a", "peak_mib": 200.0, "run_all_cpu_s": 12.0},
        {"notebook": "b", "peak_mib": 300.0, "run_all_cpu_s": 6.0}]}
    z = kernel_cost.sizing(results)
    # 1.5 x (100 + 300) = 600 and 1.5 x (100 + 600) = 1050, rounded up to 128 MiB
    assert (z["memory_guarantee_mib"], z["memory_limit_mib"]) == (640, 1152)
    assert (z["kernel_notebook"], z["cpu_notebook"], z["cpu_guarantee"]) == ("b", "a", 0.2)
    # 2 cores, 8 GiB, less 0.5 core and 1 GiB: 7168 // 640 = 11 by memory, 1.5 / 0.2 -> 7 by CPU
    assert z["nodes"][0] == (2, 8, 11, 7, 7)
    # The load test's single-user server counts when it is the larger: 1.5 x 450 -> 768
    assert kernel_cost.sizing(results, {"rss_mib": {"server": 150.0}})["memory_guarantee_mib"] == 768
    assert (kernel_cost.byte_spec(1024), kernel_cost.byte_spec(640)) == ("1G", "640M")


def test_readme_sizing_is_what_the_committed_measurement_gives():
    expected = kernel_cost.sizing_markdown(_results("kernel_cost.json"), _results("hub_loadtest.json"))
    assert expected in README, "paste `python benchmarks/kernel_cost.py --readme` into the README"


def test_readme_load_test_figures_are_the_committed_ones():
    results = _results("hub_loadtest.json")
    assert hub_loadtest.readme_markdown(results) in README, \
        "paste `python benchmarks/hub_loadtest.py --readme` into the README"
    assert results["students"] >= 10


def test_readme_nbgitpuller_link_opens_a_student_notebook_of_the_students_branch():
    links = re.findall(r"https://\S*?/hub/user-redirect/git-pull\?[^\s)`>]+", README)
    assert links, "the README gives an nbgitpuller link"
    for link in links:
        assert "solutions" not in link
        query = {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}
        assert query["branch"] == "students"  # what tools/students_branch.sh makes
        # nbgitpuller clones into a folder named after the repository.
        folder = query["repo"].rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
        assert query["urlpath"].startswith(f"lab/tree/{folder}/notebooks/"), query["urlpath"]
        notebook = query["urlpath"].removeprefix(f"lab/tree/{folder}/")
        assert (ROOT / notebook).is_file() and Path(notebook).parent == Path("notebooks"), notebook


def test_the_students_branch_has_the_student_notebooks_and_no_solutions(tmp_path):
    clone = tmp_path / "activation-functions"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def run(*command):
        return subprocess.run(command, cwd=clone, env=env, check=True, capture_output=True,
                              text=True).stdout

    run("bash", str(ROOT / "tools" / "students_branch.sh"))
    files = run("git", "ls-tree", "-r", "--name-only", "students").split()
    hidden = ("notebooks/solutions/", "notebooks/zh/solutions/", "source/")
    assert not [f for f in files if f.startswith(hidden)]
    head = run("git", "ls-tree", "-r", "--name-only", "HEAD").split()
    assert set(files) == {f for f in head if not f.startswith(hidden)}
    assert "notebooks/zh/01_step_and_sigmoid.ipynb" in files  # the Chinese student edition stays
    assert "already" in run("bash", str(ROOT / "tools" / "students_branch.sh"))  # nothing new
    assert run("git", "status", "--porcelain") == ""  # the work tree and index untouched


def test_a_failed_notebook_or_student_is_a_miss_in_the_benchmark_report():
    import report

    costs, load = _results("kernel_cost.json"), _results("hub_loadtest.json")
    assert report.format_kernel_cost(costs)[1] == [] and report.format_loadtest(load)[1] == []
    costs["notebooks"][0]["error"] = "ZeroDivisionError: division by zero"
    text, misses = report.format_kernel_cost(costs)
    assert len(misses) == 1 and "failed: ZeroDivisionError" in text and "README" not in text
    load["rows"][0]["error"] = "not finished by the deadline"
    assert report.format_loadtest(load)[1] == [f"load test: 1 of {load['students']} students failed"]
    assert report.format_loadtest(None)[1] and report.format_kernel_cost(None)[1]
