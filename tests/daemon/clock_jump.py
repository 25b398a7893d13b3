"""Run the daemon (``python clock_jump.py [scheduler args]``) under a wall clock that the
test moves: SIGUSR1 sets it back one day, SIGUSR2 forward two days. The monotonic clock
is untouched, as after an NTP step or ``date -s`` on a real server (time-machine)."""

from __future__ import annotations

import signal
import sys
import time
from types import FrameType

import time_machine

BACK = -86_400.0
FORWARD = 2 * 86_400.0


def main() -> int:
    coordinates = time_machine.travel(time.time(), tick=True).start()

    def jump(delta: float) -> None:
        coordinates.shift(delta)
        print(f"JUMP {delta:+.0f}", file=sys.stderr, flush=True)

    def on_usr1(signum: int, frame: FrameType | None) -> None:
        jump(BACK)

    def on_usr2(signum: int, frame: FrameType | None) -> None:
        jump(FORWARD)

    signal.signal(signal.SIGUSR1, on_usr1)
    signal.signal(signal.SIGUSR2, on_usr2)
    import scheduler

    return scheduler.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
