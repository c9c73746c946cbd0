"""wrk cycling over several requests (GET and POST with bodies), counting every status and
every body without the expected marker through its Lua ``response()`` hook.

wrk itself reports only responses with a status of 400 or more ("Non-2xx or 3xx"); the script
counts each status, so a 3xx or a wrong page is caught too.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from harness.errors import BenchError
from harness.processes import pinned
from harness.wrk import WrkResult, parse

__all__ = [
    "MixedRequest",
    "MixedResult",
    "WebSession",
    "mix_script",
    "open_web_session",
    "run_mixed",
]

_STATUS_LINE = re.compile(r"^mix-status (\d+) (\d+)$", re.MULTILINE)
_UNMARKED_LINE = re.compile(r"^mix-unmarked (\d+)$", re.MULTILINE)
_TOKEN = re.compile(r'name="_token" value="([^"]+)"')


@dataclass(frozen=True, slots=True)
class MixedRequest:
    """One request of the mix: wrk sends the mix's requests in turn on every connection."""

    method: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: str | None = None


@dataclass(frozen=True, slots=True)
class MixedResult:
    """wrk's own figures, each status answered and how often, and how many bodies lacked the
    marker."""

    wrk: WrkResult
    statuses: dict[int, int]
    unmarked: int

    @property
    def unexpected(self) -> int:
        """Responses that were not 2xx, or 2xx without the marker."""
        other = sum(count for status, count in self.statuses.items() if not 200 <= status < 300)
        return other + self.unmarked

    @property
    def answered(self) -> int:
        """Responses the script saw, whatever their status."""
        return sum(self.statuses.values())


@dataclass(frozen=True, slots=True)
class WebSession:
    """A session opened by a browser-like GET: its ``Cookie`` header and its CSRF token."""

    cookie: str
    token: str


def open_web_session(host: str, port: int, page: str) -> WebSession:
    """GET ``page`` (a form with a ``_token`` field) and keep the cookies it sets."""
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", page)
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        cookies = response.msg.get_all("set-cookie") or []
    finally:
        connection.close()
    token = _TOKEN.search(body)
    if response.status != 200 or token is None or not cookies:
        raise BenchError(
            f"GET {page} answered {response.status} with {len(cookies)} cookie(s) and "
            f"{'a' if token else 'no'} _token field; a session needs all three:\n{body[:500]}"
        )
    cookie = "; ".join(header.split(";", 1)[0] for header in cookies)
    return WebSession(cookie, token.group(1))


def _lua_string(text: str) -> str:
    # A quoted Lua string: printable ASCII as is, anything else as decimal byte escapes.
    escaped = "".join(
        chr(byte) if 32 <= byte < 127 and byte not in (34, 92) else f"\\{byte:03d}"
        for byte in text.encode()
    )
    return f'"{escaped}"'


def _lua_request(request: MixedRequest) -> str:
    headers = ", ".join(
        f"[{_lua_string(name)}] = {_lua_string(value)}" for name, value in request.headers.items()
    )
    body = "nil" if request.body is None else _lua_string(request.body)
    method, path = _lua_string(request.method), _lua_string(request.path)
    return f"wrk.format({method}, {path}, {{{headers}}}, {body})"


def mix_script(requests: Sequence[MixedRequest], marker: str) -> str:
    """The Lua source: requests in turn; statuses and marker-less bodies counted, and printed
    by ``done()`` as ``mix-status <status> <count>`` and ``mix-unmarked <count>`` lines."""
    if not requests:
        raise BenchError("A mixed load needs at least one request.")
    formatted = ",\n    ".join(_lua_request(request) for request in requests)
    # Formatted in init(): wrk sets the Host header only then.
    return f"""
local requests = {{}}
local marker = {_lua_string(marker)}
local counter = 0
statuses = {{}}
unmarked = 0
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = {{
    {formatted}
  }}
end

function request()
  counter = counter + 1
  return requests[(counter - 1) % #requests + 1]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 200 and status < 300 and not string.find(body, marker, 1, true) then
    unmarked = unmarked + 1
  end
end

function done(summary, latency, requests)
  local totals, missing = {{}}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    missing = missing + thread:get("unmarked")
  end
  for status, count in pairs(totals) do
    io.write(string.format("mix-status %d %d\\n", status, count))
  end
  io.write(string.format("mix-unmarked %d\\n", missing))
end
"""


def run_mixed(
    url: str,
    requests: Sequence[MixedRequest],
    *,
    marker: str,
    seconds: int,
    connections: int = 64,
    cpu: int | None = None,
    timeout: int = 10,
) -> MixedResult:
    """``wrk -t1 -c<connections> -d<seconds>s`` over ``requests`` in turn against ``url``."""
    with tempfile.TemporaryDirectory(prefix="bench-mix-") as folder:
        script = Path(folder) / "mix.lua"
        script.write_text(mix_script(requests, marker))
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{timeout}s"]
        done = subprocess.run(
            pinned(cpu, [*command, "-s", str(script), url]),
            capture_output=True,
            text=True,
            # wrk stops on its own after `seconds`; the slack covers a loaded machine.
            timeout=seconds + timeout + 60,
        )
    # wrk reports a broken script on stderr but still exits 0.
    if done.returncode != 0 or done.stderr.strip():
        raise BenchError(f"wrk failed on {url} (status {done.returncode}):\n{done.stderr}")
    statuses = {int(status): int(count) for status, count in _STATUS_LINE.findall(done.stdout)}
    unmarked = _UNMARKED_LINE.search(done.stdout)
    if unmarked is None:
        raise BenchError(f"wrk's script printed no counts for {url}:\n{done.stdout}")
    return MixedResult(parse(done.stdout, url), statuses, int(unmarked.group(1)))
