"""Command line: `python -m churn_case_study export OUT_DIR [options]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from churn_case_study.exporting import FORMATS, export
from churn_case_study.tables import generate


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `churn_case_study` command.

    Returns:
        A parser with one sub-command, `export`.
    """
    parser = argparse.ArgumentParser(
        prog="python -m churn_case_study",
        description="Generate the Lumen churn case-study data.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    exp = commands.add_parser("export", help="write the tables as CSV and/or Parquet files")
    exp.add_argument("out_dir", help="directory to write to (created if missing)")
    exp.add_argument("--format", choices=[*FORMATS, "both"], default="both")
    exp.add_argument("--seed", type=int, default=0)
    exp.add_argument("--n-customers", type=int, default=5000)
    exp.add_argument("--no-training-table", action="store_true", help="skip training_table.* files")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: generate the data and export it, printing each file and its size.

    Args:
        argv: The arguments after the program name; `None` reads `sys.argv`.

    Returns:
        The exit status, 0 (argparse exits with status 2 on bad arguments).
    """
    args = build_parser().parse_args(argv)
    formats = FORMATS if args.format == "both" else (args.format,)
    data = generate(seed=args.seed, n_customers=args.n_customers)
    paths = export(data, args.out_dir, formats, include_training_table=not args.no_training_table)
    for path in paths:
        print(f"{path}  ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
