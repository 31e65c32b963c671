"""Compare my posting with competitors' (issue 6): ``compare(mine, competitors, book)``.

The package's parts: ``run`` (the entry points), ``config`` (metric directions and fact cues
from ``resources/``), ``offer`` (what competitors state that mine does not, shared clichés),
``terms`` (what makes mine different) and ``types`` (the frozen result and its JSON).
"""

# The entry module names the public surface once; the package re-exports exactly that.
from .run import *  # noqa: F403
from .run import __all__ as __all__
