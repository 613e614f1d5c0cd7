"""Run a command that dies with its parent: `python -IS parent_death.py <pid> <command...>`.

Linux's parent-death signal (prctl PR_SET_PDEATHSIG) is set here, then the command is exec'd in this
process, which keeps the setting: if the harness is killed outright (SIGKILL, no atexit), the server
it started gets SIGTERM instead of living on as an orphan. Setting it from the harness itself would need
`preexec_fn`, which is unsafe once the harness runs threads. Standard library only.
"""

import contextlib
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def main() -> None:
    parent, command = int(sys.argv[1]), sys.argv[2:]
    with contextlib.suppress(OSError, AttributeError):  # not Linux: atexit and SIGTERM handlers remain
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the signal was armed
        sys.exit(1)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main()
