"""Run the real app with the scripted test hooks: ``python -m tests.support.launch [FILE]``.

The product has no test-only code: this launcher passes :func:`tests.support.test_hooks.install`
to :func:`postingstudio.app.run_app`'s documented ``on_started`` hook, and the hooks act only when
their ``POSTINGSTUDIO_TEST_*`` variables are set. Run it from the repository root.
"""

from __future__ import annotations

import sys

from postingstudio.app import run_app


def _on_started(workspace) -> None:  # type: ignore[no-untyped-def]
    from tests.support import test_hooks

    if test_hooks.active():
        test_hooks.install(workspace)


if __name__ == "__main__":
    sys.exit(run_app(sys.argv[1:], on_started=_on_started))
