"""Function mode for Python, run inside the sandbox.

Calls `name(INPUTS)` from the entry module, or runs the entry as a script and takes the
value of its final expression, then writes one result frame to stdout between two copies
of a per-job token. print() stays the job's stdout; the logging module goes to `logs`.
"""

import ast
import asyncio
import base64
import builtins
import datetime
import http.client
import inspect
import json
import logging
import math
import os
import socket
import sys
import traceback

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
MAX_DEPTH = 256
MAX_LOG_MESSAGE = 8192
NULL_BODY_STATUSES = {101, 103, 204, 205, 304}


def _read_and_remove(name):
    path = os.path.join(HARNESS_DIR, name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    os.remove(path)
    return text


CONFIG = json.loads(_read_and_remove("config.json"))
INPUTS = json.loads(_read_and_remove("inputs.json"))
ENTRY = os.path.join("/work", CONFIG["entry"])
LOGS = []
_log_state = {"bytes": 0, "truncated": False}


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _record(level, message):
    if len(message) > MAX_LOG_MESSAGE:
        message = message[:MAX_LOG_MESSAGE] + "… (cut)"
    size = len(message.encode("utf-8", "replace")) + 40
    if _log_state["bytes"] + size > CONFIG["maxLogBytes"]:
        _log_state["truncated"] = True
        return
    _log_state["bytes"] += size
    LOGS.append({"ts": _now(), "level": level, "message": message})


class _Capture(logging.Handler):
    LEVELS = {"DEBUG": "debug", "INFO": "info", "WARNING": "warn", "ERROR": "error", "CRITICAL": "error"}

    def emit(self, record):
        try:
            _record(self.LEVELS.get(record.levelname, "info"), self.format(record))
        except Exception:  # a broken log call must not end the function
            pass


_root = logging.getLogger()
_root.handlers = [_Capture()]
_root.setLevel(logging.DEBUG)
logging.getLogger("asyncio").setLevel(logging.WARNING)  # its debug notices are not the user's


class EgressError(Exception):
    pass


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("egress", timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def _body_base64(body):
    if body is None:
        return None
    if isinstance(body, str):
        body = body.encode("utf-8")
    elif not isinstance(body, (bytes, bytearray, memoryview)):
        body = json.dumps(body).encode("utf-8")
    return base64.b64encode(bytes(body)).decode("ascii")


def http_get(url, options=None):
    """Synchronous HTTP through the egress proxy: {ok, status, statusText, headers, data}."""
    egress = CONFIG.get("egress")
    if not egress:
        raise EgressError("network access is off for this job: ask for it with network.allow (within the server's egress policy)")
    options = options or {}
    request = {
        "url": str(url),
        "method": str(options.get("method", "GET")).upper(),
        "headers": {str(k).lower(): str(v) for k, v in (options.get("headers") or {}).items()},
        "body": _body_base64(options.get("body")),
    }
    payload = json.dumps(request).encode("utf-8")
    connection = _UnixConnection(egress["socket"], egress["timeoutMs"] / 1000 + 5)
    try:
        connection.request("POST", "/v1/request", body=payload, headers={
            "content-type": "application/json", "x-runq-egress-token": egress["token"]})
        answer = json.loads(connection.getresponse().read().decode("utf-8"))
    except OSError as error:
        raise EgressError(f"egress proxy unreachable: {error}") from None
    finally:
        connection.close()
    if answer.get("error"):
        raise EgressError(answer["error"])
    body = base64.b64decode(answer.get("body") or "")
    headers = answer.get("headers") or {}
    data = body.decode("utf-8", "replace")
    if "json" in headers.get("content-type", "").lower():
        try:
            data = json.loads(data)
        except ValueError:
            pass
    status = answer["status"]
    return {"ok": 200 <= status < 300, "status": status, "statusText": answer.get("statusText", ""), "headers": headers, "data": data}


class ResultError(Exception):
    pass


def _encode(value, where, seen, depth):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ResultError(f"{where} is {value}, which JSON cannot represent")
        return value
    if depth > MAX_DEPTH:
        raise ResultError(f"{where} is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if id(value) in seen:
        raise ResultError(f"{where} refers back to an object that contains it (a cycle), which JSON cannot represent")
    if isinstance(value, (list, tuple, dict)):
        seen.add(id(value))
        try:
            if isinstance(value, dict):
                out = {}
                for key, item in value.items():
                    if isinstance(key, (bool, int, float)) or key is None:
                        key = json.dumps(key)
                    elif not isinstance(key, str):
                        raise ResultError(f"{where} has a key of type {type(key).__name__}, which JSON cannot represent")
                    out[key] = _encode(item, f"{where}.{key}", seen, depth + 1)
                return out
            return [_encode(item, f"{where}[{i}]", seen, depth + 1) for i, item in enumerate(value)]
        finally:
            seen.discard(id(value))
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    raise ResultError(f"{where} is a {type(value).__name__}, which JSON cannot represent")


def _user_frames(tb):
    return [frame for frame in traceback.extract_tb(tb) if not frame.filename.startswith(HARNESS_DIR)]


def _describe(error):
    frames = _user_frames(error.__traceback__)
    stack = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)) if frames else ""
    stack += "".join(traceback.format_exception_only(type(error), error))
    where = next((f for f in reversed(frames) if f.filename.startswith("/work/")), None)
    return {"name": type(error).__name__, "message": str(error), "stack": stack.rstrip("\n"),
            "line": where.lineno if where else None,
            "column": where.colno + 1 if where is not None and getattr(where, "colno", None) is not None else None}


def _compile_error(error):
    file = os.path.relpath(error.filename, "/work") if error.filename else CONFIG["entry"]
    return {"name": type(error).__name__, "message": f"{error.msg} ({file}:{error.lineno}:{error.offset})",
            "stack": "".join(traceback.format_exception_only(type(error), error)).rstrip("\n"),
            "line": error.lineno, "column": error.offset}


def _finish(frame, code):
    frame.update(logs=LOGS, logsTruncated=_log_state["truncated"])
    payload = json.dumps(frame, ensure_ascii=False, allow_nan=False)
    token = CONFIG["token"]
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    data = f"\n{token}\n{payload}\n{token}\n".encode("utf-8")
    while data:
        data = data[os.write(1, data):]
    os._exit(code)


async def _settle(awaitable):
    return await awaitable


def _parse():
    with open(ENTRY, encoding="utf-8") as f:
        source = f.read()
    return ast.parse(source, filename=ENTRY)


def _run(tree):
    namespace = {"__name__": "__main__" if not CONFIG.get("name") else "main", "__file__": ENTRY, "__builtins__": builtins}
    if CONFIG.get("name"):
        exec(compile(tree, ENTRY, "exec"), namespace)
        fn = namespace.get(CONFIG["name"])
        if not callable(fn):
            raise LookupError(f"{CONFIG['entry']} defines no function named {CONFIG['name']!r}")
        value = fn(INPUTS)
    else:
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, ENTRY, "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), ENTRY, "eval"), namespace) if last else None
    if inspect.isawaitable(value):
        value = asyncio.run(_settle(value))
    return value


def main():
    sys.path[0] = "/work"
    builtins.INPUTS = INPUTS
    builtins.http_get = http_get
    try:
        tree = _parse()
    except SyntaxError as error:
        _finish({"status": "compile_error", "error": _compile_error(error)}, 1)
    try:
        value = _run(tree)
    except BaseException as error:  # SystemExit too: the function did not return
        _finish({"status": "error", "error": _describe(error)}, 1)
    try:
        result = _encode(value, "result", set(), 0)
    except ResultError as error:
        _finish({"status": "error", "error": {"name": "ResultError", "message": str(error), "stack": None, "line": None, "column": None}}, 1)
    size = len(json.dumps(result, ensure_ascii=False).encode("utf-8"))
    if size > CONFIG["maxResultBytes"]:
        message = f"the result is {size} bytes of JSON, more than the limit of {CONFIG['maxResultBytes']}"
        _finish({"status": "error", "error": {"name": "ResultError", "message": message, "stack": None, "line": None, "column": None}}, 1)
    _finish({"status": "ok", "result": result}, 0)


main()
