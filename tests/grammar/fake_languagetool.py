"""A loopback stand-in for a LanguageTool HTTP server (``/v2/languages``, ``/v2/check``).

It answers with the JSON shapes the real server sends (see language-tool-python's ``Match``
docstring and LanguageTool's HTTP API), finds a few fixed mistakes by regex and reports their
offsets in UTF-16 code units, as Java does. Behaviour switches (slow, HTTP 500, malformed JSON)
let tests reproduce a misbehaving server. Run as a script (``python fake_languagetool.py
--port N``) it plays the server a fake ``java`` starts in the local-mode test.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]

# (pattern, rule id, issue type, category id, category name, message, replacements)
MISTAKES = [
    (
        r"\bteh\b",
        "MORFOLOGIK_RULE_EN_US",
        "misspelling",
        "TYPOS",
        "Possible Typo",
        "Possible spelling mistake found.",
        ["the", "tech", "ten", "tea", "Te", "eh", "tel"],
    ),
    (
        r"\bKubernetez\b",
        "MORFOLOGIK_RULE_EN_US",
        "misspelling",
        "TYPOS",
        "Possible Typo",
        "Possible spelling mistake found.",
        ["Kubernetes"],
    ),
    (
        r"\ba (?=[aeiou])",
        "EN_A_VS_AN",
        "misspelling",
        "MISC",
        "Miscellaneous",
        "Use “an” instead of ‘a’ if the following word starts with a vowel sound.",
        ["an"],
    ),
    (
        r"\bthe the\b",
        "ENGLISH_WORD_REPEAT_RULE",
        "duplication",
        "MISC",
        "Miscellaneous",
        "Possible typo: you repeated a word.",
        ["the"],
    ),
    (
        r"\bvery unique\b",
        "VERY_UNIQUE",
        "style",
        "MISC",
        "Miscellaneous",
        "“Unique” is absolute; “very” adds nothing.",
        ["unique"],
    ),
    (
        r"\bin order to\b",  # a style category Posting Studio switches off (dry.wordy's job)
        "IN_ORDER_TO",
        "style",
        "REDUNDANCY",
        "Redundant Phrases",
        "Consider using “to”.",
        ["to"],
    ),
    (
        r"😀\s?x",  # a span that itself contains an emoji
        "EMOJI_SPAN",
        "grammar",
        "GRAMMAR",
        "Grammar",
        "Emoji followed by x.",
        [],
    ),
]


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def check_reply(text: str, disabled: set[str]) -> dict[str, object]:
    matches = []
    for pattern, rule_id, issue, cat_id, cat_name, message, replacements in MISTAKES:
        if rule_id in disabled:
            continue
        for found in re.finditer(pattern, text):
            start, end = utf16(text, found.start()), utf16(text, found.end())
            matches.append(
                {
                    "message": message,
                    "shortMessage": "",
                    "replacements": [{"value": r} for r in replacements],
                    "offset": start,
                    "length": end - start,
                    "context": {"text": text[:80], "offset": start, "length": end - start},
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {
                        "id": rule_id,
                        "description": f"{cat_name}: {rule_id.lower()}",
                        "issueType": issue,
                        "category": {"id": cat_id, "name": cat_name},
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
    matches.sort(key=lambda m: m["offset"])
    return {
        "software": {"name": "LanguageTool", "version": "6.8-fake", "apiVersion": 1},
        "language": {"name": "English (US)", "code": "en-US"},
        "matches": matches,
    }


class FakeLanguageTool:
    """Runs in a thread on 127.0.0.1. ``behaviour``: normal | slow | http500 | malformed |
    trickle (a 200 answer whose body comes one byte every ``trickle_s`` seconds, so no single
    read ever times out) | garbage (an HTML page, as from a wrong URL)."""

    def __init__(self, port: int = 0) -> None:
        self.behaviour = "normal"
        self.trickle_s = 0.2
        self.release = threading.Event()  # a "slow" request waits until this is set
        self.slow_started = threading.Event()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = port
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def checks(self) -> list[dict[str, str]]:
        with self._lock:
            return [params for path, params in self.requests if path.endswith("/check")]

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                query = {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}
                self.answer(urlsplit(self.path).path, query)

            def do_POST(self) -> None:  # noqa: N802
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size).decode("utf-8")
                self.answer(urlsplit(self.path).path, {k: v[-1] for k, v in parse_qs(body).items()})

            def answer(self, path: str, params: dict[str, str]) -> None:
                with fake._lock:
                    fake.requests.append((path, params))
                if path.rstrip("/") == "/v2/languages":
                    return self.send(200, json.dumps(LANGUAGES))
                if path.rstrip("/") == "/v2/healthcheck":
                    return self.send(200, "OK", "text/plain")
                if path.rstrip("/") != "/v2/check":
                    return self.send(404, "Not found")
                if fake.behaviour == "slow":
                    fake.slow_started.set()
                    fake.release.wait(10)
                if fake.behaviour == "http500":
                    return self.send(500, "Error: Internal Server Error\njava.lang.Oops")
                if fake.behaviour == "trickle":
                    return self.trickle(json.dumps(check_reply(params.get("text", ""), set())))
                if fake.behaviour == "garbage":
                    return self.send(
                        200, "<html><body>Welcome to nginx!</body></html>", "text/html"
                    )
                if fake.behaviour == "malformed":
                    return self.send(200, '{"matches": [ {"offset": 1,', "application/json")
                disabled = set(filter(None, params.get("disabledRules", "").split(",")))
                reply = check_reply(params.get("text", ""), disabled)
                return self.send(200, json.dumps(reply))

            def trickle(self, body: str) -> None:
                data = body.encode("utf-8")
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    for index in range(len(data)):
                        self.wfile.write(data[index : index + 1])
                        self.wfile.flush()
                        if fake.release.wait(fake.trickle_s):
                            return
                except OSError:
                    pass  # the client gave up, as it should

            def send(self, status: int, body: str, kind: str = "application/json") -> None:
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        server = self._server
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.05), daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Go away: close the listening socket (the port can be reused by start())."""
        self.release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)


if __name__ == "__main__":
    # Played by a fake `java ... --port N` in the local-mode test.
    # language-tool-python passes "-p N"; Posting Studio's own launcher "--port N".
    flag = "--port" if "--port" in sys.argv else "-p"
    port = int(sys.argv[sys.argv.index(flag) + 1])
    server = FakeLanguageTool(port)
    threading.Event().wait()
