"""Quality floor: fail when a label/language F1 or a fact score drops below the baseline.

python -m classifiers.eval_gate CORPUS.jsonl [CORPUS.jsonl ...] [--write-baseline]
                                [--baseline-dir DIR | --baseline PATH]

Each corpus is gated on its own baseline file, named after the corpus file's stem:
``eval_baseline.json`` for ``dev.jsonl`` (its historical name) and ``eval_baseline_<stem>.json``
for any other corpus (``dev2.jsonl`` -> ``eval_baseline_dev2.json``), in ``classifiers/`` unless
``--baseline-dir`` says otherwise. One file per corpus keeps a raised floor on one corpus from
touching the other's, and lets CI gate on whichever corpora are present. ``--baseline PATH``
names the file directly when one corpus is given.

Exit codes: 0 every corpus at or above its floor (or baselines written), 1 a figure dropped,
2 a corpus cannot be read or has no baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from classifiers.evaluate import EvalError, evaluate, read_corpus

DEFAULT_DIR = Path(__file__).parent
DEFAULT_BASELINE = DEFAULT_DIR / "eval_baseline.json"
TOLERANCE = 0.001


def baseline_for(corpus: Path, directory: Path = DEFAULT_DIR) -> Path:
    """The baseline file of one corpus (see the module docstring)."""
    stem = corpus.stem
    return directory / ("eval_baseline.json" if stem == "dev" else f"eval_baseline_{stem}.json")


def drops(current: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """One line per figure of the baseline that the current figures fall below (a figure
    missing from the current table counts as 0)."""
    return [
        f"{key}: {current.get(key, 0.0):.4f} < baseline {floor:.4f}"
        for key, floor in sorted(baseline.items())
        if current.get(key, 0.0) < floor - TOLERANCE
    ]


def gate_one(corpus: Path, baseline: Path, write: bool) -> tuple[int, list[str]]:
    """Score one corpus, print its report, then write or check its baseline.

    Returns (exit code, failure lines)."""
    report = evaluate(read_corpus(corpus))
    print(f"== {corpus} ({report.items} items), baseline {baseline}")
    print(report.render())
    current = report.gate_table()
    if write:
        baseline.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        print(f"\nbaseline written to {baseline}\n")
        return 0, []
    failures = [f"{corpus.name}: {line}" for line in drops(current, _read_baseline(baseline))]
    print(f"\n{corpus.name}: {'FAILED' if failures else 'passed'}\n")
    return (1 if failures else 0), failures


def _read_baseline(path: Path) -> dict[str, float]:
    if not path.exists():
        raise EvalError(f"no baseline at {path}; run with --write-baseline first")
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the baseline ({exc})") from None
    if not isinstance(figures, dict):
        raise EvalError(f"{path}: the baseline must be a JSON object of figures")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classifiers.eval_gate")
    parser.add_argument("corpora", type=Path, nargs="+", metavar="CORPUS", help="JSONL corpus")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--baseline", type=Path, help="baseline file (one corpus only)")
    where.add_argument(
        "--baseline-dir", type=Path, default=DEFAULT_DIR, help="where the baseline files are"
    )
    parser.add_argument("--write-baseline", action="store_true", help="record the current figures")
    args = parser.parse_args(argv)
    if args.baseline and len(args.corpora) > 1:
        print("--baseline names one file; with several corpora use --baseline-dir", file=sys.stderr)
        return 2
    codes: list[int] = []
    failures: list[str] = []
    for corpus in args.corpora:
        baseline = args.baseline or baseline_for(corpus, args.baseline_dir)
        try:
            code, lines = gate_one(corpus, baseline, args.write_baseline)
        except EvalError as exc:
            print(f"error: {exc}", file=sys.stderr)
            code, lines = 2, []
        codes.append(code)
        failures += lines
    if failures:
        print("QUALITY GATE FAILED:\n  " + "\n  ".join(failures))
    elif not args.write_baseline and max(codes) == 0:
        print("quality gate passed")
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
