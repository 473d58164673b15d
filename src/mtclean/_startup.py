"""Run first when the package is imported (see ``_quiet_interrupt_at_startup``)."""

from __future__ import annotations

import os as _os
import signal as _signal
import sys as _sys


def _quiet_interrupt_at_startup() -> None:
    """Ctrl-C while the ``mtclean`` command is still importing: exit 130, no traceback.

    Only for the command (``python -m mtclean`` or the console script), and
    only until ``mtclean.cli.main`` installs its own handler; importing the
    library from anywhere else changes nothing.
    """
    argv = list(getattr(_sys, "orig_argv", []))
    as_module = any(a == "-m" and b == "mtclean" for a, b in zip(argv, argv[1:]))
    as_script = bool(_sys.argv) and _os.path.basename(_sys.argv[0]) == "mtclean"
    if (as_module or as_script) and _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        try:
            _signal.signal(_signal.SIGINT, lambda signum, frame: _os._exit(130))
        except ValueError:  # not the main thread
            pass


_quiet_interrupt_at_startup()
