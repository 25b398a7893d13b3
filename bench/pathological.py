"""Time of ``classify`` on pathological inputs: one long line repeating a term, and a run of
digits. Each must stay close to linear in the input's size.

    python bench/pathological.py [--sizes 100000,200000,400000]

* ``ar line``: one Arabic line repeating "آذار " (a month: one hit of a windowed rule's term
  at each word) and ending with an arrest word, the whole line one sentence;
* ``digits``: a run of digits longer than Python converts to an int by default (4,300);
* ``en list``: one English sentence listing names with ages ("X, 12, Y, 12, ..."), each
  name a candidate victim of its own (was quadratic: 22 s at 60 kB);
* ``en names``: an article of distinct victims' names, one a sentence (each new name was
  compared with all those kept before it).
* ``and line``: one sentence repeating a group's first term beside a term its window needs
  ("قبض على", "libéré le 3 mai"), every position of one set checked against the other
  (was quadratic: 8 s at 200 kB);
* ``work line``: one sentence repeating a work noun and a telling verb ("the film tells",
  "تروي الرواية"), each noun's nearest verb bisected for the context's work discard;
* ``th run``: one token of repeated "th" (and "dh", and an Arabic run of ث) read by the
  watchlist's ``mentioned`` against one watched name (each "th" read as t or s doubled the
  spellings tried: 36 s for 22 of them).

Prints CPU seconds per input (``time.process_time``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.words import distinct_word as _word  # noqa: E402

from classifiers import classify  # noqa: E402
from classifiers.names import mentioned  # noqa: E402


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
    for repeats in (1_000, 4_000, 13_000):
        text = "Regime forces killed the four men, Ahmad Ali" + ", 12, Omar Said" * repeats + "."
        seconds, outcome = _time("Massacre in Homs", text, "en")
        print(f"en list   {len(text):>8,} chars  {seconds:7.2f} s  {outcome}")
    for count in (1_000, 4_000):
        lines = (f"The journalist {_word(k)} {_word(k + 7)} was arrested." for k in range(count))
        text = "\n".join(lines)
        seconds, outcome = _time("Arrests in Homs", text, "en")
        print(f"en names  {len(text):>8,} chars  {seconds:7.2f} s  {outcome}")
    for size in (100_000, 200_000, 400_000):
        for lang, unit, tail in (("ar", "قبض على ", "عليه"), ("fr", "libéré le 3 mai ", "il")):
            text = unit * (size // len(unit)) + tail
            seconds, outcome = _time("x", text, lang)
            print(f"and line  {len(text):>8,} chars  {seconds:7.2f} s  {lang} {outcome}")
    for size in (100_000, 200_000, 400_000):
        works = (("en", "the film tells ", "arrested"), ("ar", "تروي الرواية ", "اعتقل"))
        for lang, unit, tail in works:
            text = unit * (size // len(unit)) + tail
            seconds, outcome = _time("x", text, lang)
            print(f"work line {len(text):>8,} chars  {seconds:7.2f} s  {lang} {outcome}")
    for count in (22, 200, 2_000):
        for unit in ("th", "dh", "ثا"):
            seconds = _time_mentioned("See " + unit * count + " Haddad")
            print(f"th run    {count:>8,} × {unit}  {seconds:7.2f} s")


def _time_mentioned(text: str) -> float:
    start = time.process_time()
    mentioned(text, {"w": "Samer Haddad"})
    return time.process_time() - start


if __name__ == "__main__":
    main()
