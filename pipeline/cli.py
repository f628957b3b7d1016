"""The `prestatie` command.

`prestatie run INPUT... --output DIR` runs the batch flow on PDF files and folders.
Exit codes: 0 every file succeeded, 1 some files failed, 2 all failed or wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_ALL_FAILED_OR_USAGE = 2


class UsageError(Exception):
    """Wrong arguments; the message tells the user what to change."""


def collect_pdfs(inputs: Sequence[Path]) -> list[Path]:
    """PDF files named directly or found (recursively) in the folders given, in stable order."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found += sorted(
                p for p in item.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"
            )
        elif item.is_file():
            found.append(item)
        else:
            raise UsageError(f"Input not found: {item}")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UsageError("No PDF files found in the inputs given.")
    return unique


def count_pages(pdf: Path) -> int:
    """Page count for the progress bar, read quickly with pypdfium2 (0 if unreadable)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except Exception:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="prestatie",
        description="Read Dutch prestatieafspraken from PDF into one row per agreement.",
        epilog="Exit codes: 0 all files succeeded, 1 some failed, 2 all failed or wrong usage.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="process PDF files and folders into datasets")
    run.add_argument("inputs", nargs="+", type=Path, help="PDF files and/or folders")
    run.add_argument("--output", "-o", type=Path, required=True, help="output folder")
    run.add_argument("--workers", type=int, default=2, help="documents processed at once")
    run.add_argument("--verbose", "-v", action="store_true", help="show Prefect's logs")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `prestatie` console script."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_ALL_FAILED_OR_USAGE
    if args.command == "run":
        try:
            return _run(args)
        except UsageError as exc:
            print(f"prestatie: {exc}", file=sys.stderr)
            return EXIT_ALL_FAILED_OR_USAGE
    return EXIT_ALL_FAILED_OR_USAGE


def _run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise UsageError("--workers must be at least 1.")
    pdfs = collect_pdfs(args.inputs)
    if args.output.exists() and not args.output.is_dir():
        raise UsageError(f"Output is not a folder: {args.output}")
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import flows  # noqa: F401  (sets Prefect's environment before Prefect is imported)
    from flows.batch import on_document_done, run_batch_with_workers
    from pipeline.models import DocumentResult

    console = Console(stderr=True)
    pages = {p: count_pages(p) for p in pdfs}
    console.print(
        f"Processing {len(pdfs)} PDF file(s), {sum(pages.values())} pages "
        "(starting Prefect takes up to half a minute)."
    )
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=args.no_progress,
    )
    files_task = progress.add_task("files", total=len(pdfs))
    pages_task = progress.add_task("pages", total=sum(pages.values()))

    def advance(result: DocumentResult) -> None:
        progress.advance(files_task)
        progress.advance(pages_task, pages.get(Path(result.source_file), 0))
        if result.status == "failed":
            progress.console.print(f"[red]failed[/red] {result.source_file}: {result.error}")

    on_document_done(advance)
    logging.getLogger("pipeline").setLevel(logging.INFO if args.verbose else logging.WARNING)
    with progress:
        summary = run_batch_with_workers(pdfs, args.output, args.workers)
    console.print(
        f"{summary.succeeded} of {summary.documents} file(s) processed, "
        f"{summary.agreements} agreements; outputs in {summary.output_dir}"
    )
    for source, error in summary.failed:
        console.print(f"[red]failed[/red] {source}: {error}")
    if not summary.failed:
        return EXIT_OK
    return EXIT_ALL_FAILED_OR_USAGE if summary.succeeded == 0 else EXIT_SOME_FAILED


if __name__ == "__main__":
    sys.exit(main())
