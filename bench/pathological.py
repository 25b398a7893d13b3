"""Time of ``classify`` on pathological inputs: one long line repeating a term, and a run of
digits. Each must stay close to linear in the input's size.

    python bench/pathological.py [--sizes 100000,200000,400000]

* ``ar line``: one Arabic line repeating "آذار " (a month: one hit of a windowed rule's term
  at each word) and ending with an arrest word, the whole line one sentence;
* ``digits``: a run of digits longer than Python converts to an int by default (4,300).

Prints CPU seconds per input (``time.process_time``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers import classify  # noqa: E402


def _time(title: str, text: str, lang: str) -> tuple[float, str]:
    start = time.process_time()
    try:
        classify(title, text, lang)
        outcome = "ok"
    except Exception as error:  # noqa: BLE001 - a benchmark reports, it does not stop
        outcome = f"{type(error).__name__}"
    return time.process_time() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000,400000")
    args = parser.parse_args()
    classify("warm-up", "Security forces arrested a man in Homs.", "en")
    for size in (int(s) for s in args.sizes.split(",")):
        line = "آذار " * (size // 5) + "اعتقل"
        seconds, outcome = _time("تقرير", line, "ar")
        print(f"ar line   {size:>8,} chars  {seconds:7.2f} s  {outcome}")
    for size in (5_000, 50_000):
        seconds, outcome = _time("Report", "Detainees counted: " + "7" * size + ".", "en")
        print(f"digits    {size:>8,} chars  {seconds:7.2f} s  {outcome}")


if __name__ == "__main__":
    main()
