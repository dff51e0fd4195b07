"""Run All in a kernel of a Jupyter server, over its REST API and websocket, as JupyterLab does.

Shared by ``kernel_cost.py`` (one student's kernel on one core) and
``hub_loadtest.py`` (a class on one JupyterHub): no browser, but the same
messages a browser sends, so the server relays every output as it would to a
student.

- :func:`open_session` is what JupyterLab does on opening a notebook
  (``POST /api/sessions``: a kernel whose working directory is the
  notebook's folder);
- :func:`run_all` sends a ``kernel_info_request``, waits for the reply, then
  sends every code cell at once, as *Run All* does, and waits until the last
  cell is done or one raised (``stop_on_error``: the kernel skips the rest).

Only tornado and jupyter_server are needed, both pinned in requirements.txt.
"""

import asyncio
import dataclasses
import json
import time
import uuid

from jupyter_server.services.kernels.connection.base import deserialize_binary_message
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect

#: iopub messages a student sees as output.
OUTPUTS = {"stream", "display_data", "execute_result", "update_display_data", "error"}
#: Large enough for the PNG of a figure with its widget state.
MAX_MESSAGE = 256 * 2 ** 20


@dataclasses.dataclass
class Run:
    """What one Run All gave; times in seconds from :func:`run_all`'s ``t0``.

    ``error`` is None when every cell ran; otherwise the first error (the
    exception of a cell, a dead kernel, a closed connection or the deadline).
    """

    first_output: float | None = None
    done: float | None = None
    cells: int = 0
    error: str | None = None
    stdout: str = ""


async def request(url, token, method="GET", body=None, timeout=60):
    """``method url`` with the token; return the JSON reply (None if empty).

    Raises tornado's ``HTTPClientError`` for a status of 400 or more.
    """
    reply = await AsyncHTTPClient().fetch(HTTPRequest(
        url, method=method, headers={"Authorization": f"token {token}"},
        body=None if body is None else json.dumps(body),
        allow_nonstandard_methods=True, request_timeout=timeout))
    return json.loads(reply.body) if reply.body else None


async def open_session(server, token, path):
    """Open the notebook ``path`` (relative to the server's root) with a python3 kernel.

    Returns
    -------
    (session id, kernel id)
    """
    reply = await request(f"{server}/api/sessions", token, "POST",
                          {"path": path, "name": path, "type": "notebook",
                           "kernel": {"name": "python3"}})
    return reply["id"], reply["kernel"]["id"]


async def close_session(server, token, session):
    """Close a session and shut its kernel down, as closing the notebook's tab does."""
    await request(f"{server}/api/sessions/{session}", token, "DELETE")


def code_cells(nb):
    """The sources of the code cells of a notebook (an nbformat node or its JSON)."""
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def _message(msg_type, content, session):
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
              "username": "student", "version": "5.3",
              "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content,
            "channel": "shell", "buffers": []}


def _parse(frame):
    # Messages with buffers (a widget's PNG) come as binary frames, the rest as text.
    return deserialize_binary_message(frame) if isinstance(frame, bytes) else json.loads(frame)


async def run_all(server, token, kernel, sources, deadline, t0=None):
    """Run ``sources`` (cell after cell) in ``kernel`` through the server's websocket.

    Parameters
    ----------
    server : str
        Base URL of the server, e.g. ``http://127.0.0.1:8888`` or a hub's
        ``http://127.0.0.1:8000/user/NAME``.
    token : str
    kernel : str
        Kernel id, from :func:`open_session`.
    sources : list of str
    deadline : float
        ``time.monotonic()`` by which the run must be done.
    t0 : float, optional
        ``time.monotonic()`` the times are counted from (now by default).

    Returns
    -------
    Run
        It never raises for a failed run: the failure is in ``Run.error``.
    """
    t0 = time.monotonic() if t0 is None else t0
    run, session = Run(), uuid.uuid4().hex
    # The token goes in a header: JupyterHub 5's servers refuse it in the URL.
    url = HTTPRequest(server.replace("http", "ws", 1)
                      + f"/api/kernels/{kernel}/channels?session_id={session}",
                      headers={"Authorization": f"token {token}"})
    ws = None
    try:
        ws = await asyncio.wait_for(websocket_connect(url, max_message_size=MAX_MESSAGE),
                                    max(0.1, deadline - time.monotonic()))

        async def receive():
            frame = await asyncio.wait_for(ws.read_message(), max(0.1, deadline - time.monotonic()))
            if frame is None:
                raise ConnectionError("the server closed the websocket")
            return _parse(frame)

        # JupyterLab waits for the kernel's info before it executes anything.
        info = _message("kernel_info_request", {}, session)
        await ws.write_message(json.dumps(info))
        while not ((msg := await receive())["msg_type"] == "kernel_info_reply"
                   and msg["parent_header"].get("msg_id") == info["header"]["msg_id"]):
            pass
        requests = [_message("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, session) for code in sources]
        ids = [r["header"]["msg_id"] for r in requests]
        for r in requests:
            await ws.write_message(json.dumps(r))
        replies, idle = {}, set()
        while not (len(replies) == len(ids)
                   and all(i in idle for i in ids if replies[i] != "aborted")):
            msg = await receive()
            parent, kind = msg["parent_header"].get("msg_id"), msg["msg_type"]
            if msg["channel"] == "iopub":
                state = msg["content"].get("execution_state")
                if state in ("dead", "restarting"):
                    raise ConnectionError(f"the kernel died ({state})")
                if parent not in ids:
                    continue
                if kind in OUTPUTS and run.first_output is None:
                    run.first_output = time.monotonic() - t0
                if kind == "stream" and msg["content"]["name"] == "stdout":
                    run.stdout += msg["content"]["text"]
                if kind == "error" and run.error is None:
                    run.error = f"{msg['content']['ename']}: {msg['content']['evalue']}"[:300]
                if state == "idle":
                    idle.add(parent)
            elif kind == "execute_reply" and parent in ids:
                replies[parent] = msg["content"]["status"]
                run.cells += msg["content"]["status"] == "ok"
        run.done = time.monotonic() - t0
    except (OSError, asyncio.TimeoutError, HTTPClientError, WebSocketClosedError) as exc:
        run.error = run.error or (f"{type(exc).__name__}: {exc}" if str(exc) else
                                  f"{type(exc).__name__} (deadline)")
    finally:
        if ws is not None:
            ws.close()
    return run
