"""JupyterHub for the load test (``benchmarks/hub_loadtest.py``): a real hub, all on 127.0.0.1.

Not a configuration for a class: the spawner runs every student's server as
the user who started the hub, and the dummy authenticator lets anyone in
under any name. The load test sets the ``LOADTEST_*`` variables below; the
hub, configurable-http-proxy (``tools/hub/package-lock.json``) and the
single-user servers are the real programs a lecturer's hub runs.
"""

import os
import sys
from pathlib import Path

env = os.environ
run_dir = Path(env["LOADTEST_DIR"])  # the hub's database, secrets and each student's home

c = get_config()  # noqa: F821  (defined by JupyterHub when it loads this file)

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env["LOADTEST_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["LOADTEST_HUB_PORT"])
c.ConfigurableHTTPProxy.command = [env["LOADTEST_PROXY"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['LOADTEST_PROXY_API_PORT']}"
c.JupyterHub.db_url = f"sqlite:///{run_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(run_dir / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(run_dir / "jupyterhub.pid")

c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True  # JupyterHub 5 lets no one in unless told

c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: no system users needed
c.SimpleLocalProcessSpawner.home_dir_template = str(run_dir / "home" / "{username}")
# The single-user server of the hub's own environment, where actlib is installed.
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.default_url = "/lab"
# Ten servers starting at once share two cores here: a slow start is measured, not failed.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# The load test itself, as a service: it creates the students and issues their tokens.
c.JupyterHub.services = [{"name": "loadtest", "api_token": env["LOADTEST_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "loadtest",
    "services": ["loadtest"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"],
}]
