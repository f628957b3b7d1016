"""The `prestatie` command.

`prestatie run INPUT... --output DIR` runs the batch flow on PDF files and folders and adds
them to the folder's dataset; `prestatie remove`, `prestatie review import|export-training` and
`prestatie report` work on an output folder.
Exit codes: 0 every file succeeded, 1 some files failed or were read without damaged pages
(`partial`), 2 all failed or wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.inputs import UsageError, collect_pdfs, count_pages
from flows.office import add_learn, add_model_options, chosen_models, models_note, run_learn

if TYPE_CHECKING:
    from flows.settings import BatchSettings
    from pipeline.process import PipelineSettings

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_ALL_FAILED_OR_USAGE = 2


class _Stopped(BaseException):
    """The command was asked to stop (SIGTERM); unwinds like Ctrl-C's KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, _frame: object) -> None:
    """Signal handler of `prestatie run`: remember the signal, then unwind (a library may
    wrap the exception on its way out; the remembered signal still says it was a stop)."""
    _record.signal = signum
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise _Stopped(signum)


@dataclass
class _RunRecord:
    """What `prestatie run` has done so far, for the line it prints when it is stopped."""

    total: int = 0
    done: int = 0
    signal: int | None = None  # the stop signal received, if any
    handlers: dict[int, Any] = field(default_factory=dict)  # the ones to restore after
    output: Path = Path()
    outputs_before: dict[str, tuple[int, int]] = field(default_factory=dict)


_record = _RunRecord()


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="prestatie",
        description="Read Dutch prestatieafspraken from PDF into one row per agreement.",
        epilog="Exit codes: 0 all files succeeded, 1 some failed or partial, 2 all failed or "
        "wrong usage.",
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the package, pipeline and model versions and exit",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _add_run(commands)
    _add_serve(commands)
    _add_evaluate(commands)
    _add_remove(commands)
    add_review_and_report(commands)
    add_learn(commands)
    return parser


def _add_run(commands: Any) -> None:
    """`prestatie run`: process PDF files and folders into an output folder."""
    run = commands.add_parser("run", help="process PDF files and folders into datasets")
    run.add_argument("inputs", nargs="+", type=Path, help="PDF files and/or folders")
    run.add_argument("--output", "-o", type=Path, required=True, help="output folder")
    _add_batch_options(run)
    run.add_argument(
        "--replace",
        action="store_true",
        help="the output folder holds this batch only (default: add it to the documents there)",
    )
    add_model_options(run)
    run.add_argument("--verbose", "-v", action="store_true", help="show Prefect's logs")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument(
        "--csv-dialect",
        choices=("standard", "excel-nl"),
        default="standard",
        help="excel-nl also writes <table>_excel-nl.csv (';', UTF-8 BOM, decimal comma)",
    )


def _add_serve(commands: Any) -> None:
    """`prestatie serve`: the batch on a schedule."""
    serve = commands.add_parser(
        "serve", help="run the batch on a schedule (needs a Prefect server, see README)"
    )
    serve.add_argument("inputs", nargs="+", type=Path, help="folders (or PDF files) to read")
    serve.add_argument("--output", "-o", type=Path, required=True, help="output folder")
    serve.add_argument("--cron", default="0 2 * * *", help="when to run (default nightly 02:00)")
    serve.add_argument("--timezone", default="Europe/Amsterdam", help="time zone of --cron")
    serve.add_argument("--name", default="nightly", help="name of the deployment")
    _add_batch_options(serve)


def _add_evaluate(commands: Any) -> None:
    """`prestatie evaluate`: the scores of the learned models."""
    evaluate = commands.add_parser(
        "evaluate",
        help="score type and SMART on the real corpus (cross-validated by municipality, then "
        "its dev split) and on the written test municipalities",
    )
    evaluate.add_argument(
        "--corpus",
        type=Path,
        default=Path("data/annotations"),
        help="the written corpus: part_*.jsonl and a splits.json with train, dev and test "
        "municipalities (default: data/annotations)",
    )
    evaluate.add_argument(
        "--real",
        type=Path,
        default=Path("../shared/realworld"),
        help="the real corpus: agreements.jsonl and a splits.json with train and dev "
        "municipalities (default: ../shared/realworld)",
    )
    evaluate.add_argument(
        "--no-comparison",
        action="store_true",
        help="skip the comparison of model variants (saves about half the time)",
    )


def _add_remove(commands: Any) -> None:
    """`prestatie remove`: take documents out of a dataset."""
    remove = commands.add_parser(
        "remove", help="take documents out of an output folder's dataset and rewrite its files"
    )
    remove.add_argument(
        "documents", nargs="+", help="document_id, or the path or name of the file (documenten)"
    )
    remove.add_argument("--output", "-o", type=Path, required=True, help="output folder")


def _evaluate(args: argparse.Namespace) -> int:
    """`prestatie evaluate`: the scorecard, or a clear message when a corpus cannot be used."""
    from pipeline.label.cues import CueMatcher
    from pipeline.process import load_language
    from training.corpus import CorpusError, load_corpus, load_splits
    from training.scorecard import run_evaluation

    try:
        for folder in (args.corpus, args.real):
            load_splits(folder)
            load_corpus(folder)
    except CorpusError as exc:
        print(f"prestatie evaluate: {exc}", file=sys.stderr)
        return EXIT_ALL_FAILED_OR_USAGE
    matcher = CueMatcher(load_language())
    print(run_evaluation(args.corpus, args.real, matcher, compare=not args.no_comparison))
    return EXIT_OK


def version_text() -> str:
    """The versions a user quotes with a question: the package, and the `pipeline_version` and
    `model_version` every output row carries (with the version of each model in it)."""
    from pipeline.process import pipeline_version, resources_version

    model = resources_version()
    lines = [
        f"prestatie {pipeline_version()}",
        f"pipeline_version: {pipeline_version()}",
        f"model_version: {model}",
    ]
    lines += [f"  {part}" for part in model.split("+")]
    return "\n".join(lines)


class _VersionAction(argparse.Action):
    """`--version`: the versions are read only when asked for (it imports the pipeline)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(version_text())
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `prestatie` console script."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_ALL_FAILED_OR_USAGE
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "learn":
        return run_learn(args)
    if args.command in ("review", "report", "remove"):
        try:
            return _remove(args) if args.command == "remove" else _review_or_report(args)
        except UsageError as exc:
            print(f"prestatie: {exc}", file=sys.stderr)
            return EXIT_ALL_FAILED_OR_USAGE
    if args.command in ("run", "serve"):
        try:
            return _run(args) if args.command == "run" else _serve(args)
        except UsageError as exc:
            print(f"prestatie: {exc}", file=sys.stderr)
            return EXIT_ALL_FAILED_OR_USAGE
        except BaseException as exc:
            signum = _stop_signal(exc)
            if signum is None or args.command != "run":
                raise
            return _stopped(signum)
        finally:
            for signum, handler in _record.handlers.items():
                signal.signal(signum, handler)
    return EXIT_ALL_FAILED_OR_USAGE


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    """Options of how a batch runs (README "Batches, caching and schedules", "Running on Dask")."""
    command.add_argument(
        "--workers", type=int, help="documents processed at once (default: 2, or fewer CPUs)"
    )
    command.add_argument(
        "--timeout", type=float, help="seconds before a document is stopped (default: 300)"
    )
    command.add_argument(
        "--state-dir", type=Path, help="results kept between runs (default: .state/results)"
    )
    command.add_argument("--dask-address", help="run on an existing Dask cluster (tcp://HOST:PORT)")
    command.add_argument("--dask-local", type=int, metavar="N", help="run on a local Dask cluster")
    command.add_argument(
        "--no-gate",
        action="store_true",
        help="process every PDF, also those the document gate does not take for "
        "prestatieafspraken (status skipped)",
    )


def _pipeline_settings(args: argparse.Namespace, models: Path | None) -> Any:
    """The stage settings of a run: the defaults, with the adapted `models` and the document
    gate's `--no-gate`."""
    from pipeline.label.gate import GateSettings
    from pipeline.process import PipelineSettings

    return PipelineSettings(models=models, gate=GateSettings(process_all=args.no_gate))


def _batch_settings(args: argparse.Namespace) -> Any:
    """The batch settings: the environment's defaults, overridden by the options given."""
    from pydantic import ValidationError

    import flows  # noqa: F401  (sets Prefect's environment before Prefect is imported)
    from flows.settings import BatchSettings

    given = {
        "workers": args.workers,
        "timeout_seconds": args.timeout,
        "state_dir": args.state_dir.resolve() if args.state_dir else None,
        "dask_address": args.dask_address,
        "dask_local": args.dask_local,
    }
    given = {k: v for k, v in given.items() if v is not None}
    try:
        return BatchSettings(**given)
    except ValidationError as exc:
        problems = "; ".join(_problem(e, set(given)) for e in exc.errors())
        raise UsageError(problems + ".") from exc
    except ValueError as exc:  # an environment variable that is not a number
        raise UsageError(f"{exc}.") from exc


BATCH_OPTIONS = {
    "workers": ("--workers", "PRESTATIE_WORKERS"),
    "timeout_seconds": ("--timeout", "PRESTATIE_TIMEOUT"),
    "state_dir": ("--state-dir", "PRESTATIE_STATE_DIR"),
    "dask_address": ("--dask-address", "PRESTATIE_DASK_ADDRESS"),
    "dask_local": ("--dask-local", None),
}
"""Each `BatchSettings` field: its option, and the environment variable it comes from when the
option is not given. Messages name what the user typed, not the field."""


def _problem(error: Any, given: set[str]) -> str:
    """One validation error of `BatchSettings` in the user's terms."""
    field = str(error["loc"][0]) if error["loc"] else ""
    if field not in BATCH_OPTIONS:
        # the check across fields (both Dask options): its own message names the options
        return str(error["ctx"]["error"]) if "error" in error.get("ctx", {}) else error["msg"]
    option, variable = BATCH_OPTIONS[field]
    name = option if field in given or variable is None else variable
    limits = error.get("ctx", {})
    if error["type"] == "greater_than":
        return f"{name} must be greater than {limits['gt']:g}"
    if error["type"] == "greater_than_equal":
        return f"{name} must be at least {limits['ge']:g}"
    return f"{name}: {error['msg'][:1].lower()}{error['msg'][1:]}"


def _check_dask_address(batch: BatchSettings, args: argparse.Namespace) -> None:
    """Stop before any work when the Dask cluster does not answer (README "Running on Dask")."""
    from flows.settings import DaskUnreachableError

    try:
        batch.check_dask_address()
    except DaskUnreachableError as exc:
        given = "--dask-address" if args.dask_address else "PRESTATIE_DASK_ADDRESS"
        raise UsageError(f"{given}: {exc}") from exc


def _serve(args: argparse.Namespace) -> int:
    for item in args.inputs:
        if not item.exists():
            raise UsageError(f"Input not found: {item}")
    batch = _batch_settings(args)
    from flows.serve import NoServerError, serve_batch, wait_for_server

    try:
        url = wait_for_server()
    except NoServerError as exc:
        raise UsageError(str(exc)) from exc
    print(f"Serving the batch flow on {url}: {args.cron} ({args.timezone}).", file=sys.stderr)
    serve_batch(
        args.inputs,
        args.output,
        batch,
        args.cron,
        args.timezone,
        args.name,
        no_gate=args.no_gate,
    )
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    """`prestatie run`: the batch flow over the inputs, with progress and a closing summary."""
    pdfs, batch = _start_run(args)
    settings = _pipeline_settings(args, chosen_models(args.output, args.models, args.base_models))
    # first: the workers load while Prefect is imported and started
    _prestart_workers(pdfs, batch, settings)
    from flows.batch import on_document_done, run_batch

    console = _console()
    if settings.models is not None:
        console.print(models_note(settings.models), soft_wrap=True)
    progress, advance = _progress_of(pdfs, console, disabled=args.no_progress)
    on_document_done(advance)
    from flows import keep_server_from_terminal_signals

    keep_server_from_terminal_signals()
    with progress, _without_flow_heartbeats():
        state = run_batch(
            pdfs, args.output, batch, settings, replace=args.replace, return_state=True
        )
    return _finish_run(console, state, args)


def _start_run(args: argparse.Namespace) -> tuple[list[Path], BatchSettings]:
    """Check the arguments, collect the inputs and take over the stop signals."""
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1.")
    pdfs = collect_pdfs(args.inputs)
    if args.output.exists() and not args.output.is_dir():
        raise UsageError(f"Output is not a folder: {args.output}")
    if not args.verbose:
        _quiet_logging()
    batch = _batch_settings(args)
    _check_dask_address(batch, args)
    global _record
    _record = _RunRecord(total=len(pdfs), output=args.output)
    for each in (signal.SIGINT, signal.SIGTERM):  # unwind and clean up, and say so
        _record.handlers[each] = signal.signal(each, _raise_stopped)
    _record.outputs_before = _output_files(args.output)
    logging.getLogger("pipeline").setLevel(logging.INFO if args.verbose else logging.WARNING)
    return pdfs, batch


def _progress_of(pdfs: list[Path], console: Any, disabled: bool) -> tuple[Any, Any]:
    """The progress bars of a run (files and pages) and the callback that advances them and
    prints one line per failed, partial or suspicious file."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipeline.write.cache import DocumentOutcome
    from pipeline.write.tables import document_warning

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
        disable=disabled,
    )
    files_task = progress.add_task("files", total=len(pdfs))
    pages_task = progress.add_task("pages", total=sum(pages.values()))

    def advance(result: DocumentOutcome) -> None:
        _record.done += 1
        progress.advance(files_task)
        progress.advance(pages_task, pages.get(Path(result.source_file), 0))
        if result.status == "failed":  # the one line per failed file (README "Usage")
            progress.console.print(
                f"[red]failed[/red] {escape(result.source_file)}: {escape(result.error)}"
            )
        elif result.status == "partial":
            progress.console.print(
                f"[yellow]partial[/yellow] {escape(result.source_file)}: {escape(result.error)}"
            )
        elif result.status == "skipped":
            progress.console.print(
                f"[yellow]skipped[/yellow] {escape(result.source_file)}: "
                f"{escape(result.gate_reason)}"
            )
        elif warning := document_warning(result.status, result.agreements):
            progress.console.print(
                f"[yellow]warning[/yellow] {escape(result.source_file)}: {escape(warning)}"
            )

    return progress, advance


def _finish_run(console: Any, state: Any, args: argparse.Namespace) -> int:
    """Print the run's summary line and what the folder holds; the exit code."""
    from rich.markup import escape

    from flows.batch import BatchSummary

    summary = state.result(raise_on_failure=False)
    if not isinstance(summary, BatchSummary):
        console.print(f"[red]The batch stopped[/red]: {escape(str(state.message or summary))}")
        return EXIT_ALL_FAILED_OR_USAGE
    failed = f"; {len(summary.failed)} failed (see documenten.csv)" if summary.failed else ""
    if summary.partial:
        failed = f"; {len(summary.partial)} partial (damaged pages left out){failed}"
    if summary.skipped:
        failed = (
            f"; {len(summary.skipped)} skipped (not prestatieafspraken; --no-gate processes "
            f"them){failed}"
        )
    console.print(
        f"{summary.processed} of {summary.documents} file(s) processed, "
        f"{summary.agreements} agreements in {summary.seconds:.2f} s (after Prefect's "
        f"start-up){failed}; outputs in {escape(summary.output_dir)}"
    )
    _report_dataset(console, summary)
    _after_write(console, args.output, args.csv_dialect)
    if not summary.failed and not summary.partial:
        return EXIT_OK
    return EXIT_ALL_FAILED_OR_USAGE if summary.succeeded == 0 else EXIT_SOME_FAILED


def _report_dataset(console: Any, summary: Any) -> None:
    """Say what the output folder holds besides this batch: kept, dropped and duplicate files."""
    if summary.kept:
        console.print(
            f"{summary.kept} document(s) kept from earlier runs in {summary.output_dir} "
            "(--replace to keep only this batch; `prestatie remove` takes one out).",
            soft_wrap=True,
        )
    if summary.lost:
        console.print(
            f"[yellow]warning[/yellow] {len(summary.lost)} document(s) of earlier runs dropped, "
            f"their stored results are gone: {', '.join(summary.lost)}",
            soft_wrap=True,
        )
    if summary.corrections_applied or summary.corrections_stale:
        console.print(
            f"Stored corrections: {summary.corrections_applied} applied, "
            f"{summary.corrections_carried_over} of them carried over from another version of "
            f"their document, {summary.corrections_stale} stale.",
            soft_wrap=True,
        )
    for duplicate, original in summary.duplicates:
        console.print(
            f"[yellow]warning[/yellow] {duplicate} has the same content as {original}: "
            "counted once (see duplicate_files in documenten)",
            soft_wrap=True,
        )


def _remove(args: argparse.Namespace) -> int:
    """`prestatie remove`: documents out of the dataset, outputs written again."""
    from rich.console import Console

    from pipeline.write.dataset import DatasetError, remove_documents

    console = Console(stderr=True)
    if not (args.output / "afspraken.parquet").exists():
        raise UsageError(f"No outputs in {args.output}: run `prestatie run ... --output DIR`.")
    try:
        removed = remove_documents(args.output, args.documents)
    except DatasetError as exc:
        raise UsageError(str(exc)) from exc
    for document in removed:
        console.print(f"removed {document.source_file} ({document.document_id})", soft_wrap=True)
    console.print(
        f"{len(removed)} document(s) removed; outputs in {args.output} written again.",
        soft_wrap=True,
    )
    _after_write(console, args.output, None)
    return EXIT_OK


def _stop_signal(exc: BaseException) -> int | None:
    """The signal behind an exception that stops the command (Ctrl-C, SIGTERM), else None."""
    if _record.signal is not None:
        return _record.signal
    if isinstance(exc, KeyboardInterrupt):
        return int(signal.SIGINT)
    if isinstance(exc, _Stopped):
        return exc.signum
    if type(exc).__name__ == "TerminationSignal":  # Prefect's, raised during a flow run
        return int(getattr(exc, "signal", signal.SIGTERM))
    return None


def _stopped(signum: int) -> int:
    """End a stopped `prestatie run`: the workers end now, a second signal is ignored, one
    line says what was done; the exit code is 128 + the signal (130 for Ctrl-C). Prefect's
    temporary server is stopped when Python exits."""
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_IGN)
    from flows.workers import stop_workers

    stop_workers()
    name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    changed = _output_files(_record.output) != _record.outputs_before
    outputs = "were written before the stop" if changed else "were not changed"
    print(
        f"Stopped ({name}): {_record.done} of {_record.total} file(s) done, their results kept "
        f"for the next run; the outputs in {_record.output} {outputs}.",
        file=sys.stderr,
    )
    return 128 + signum


def _output_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of each file in the output folder."""
    try:
        return {
            p.name: (p.stat().st_mtime_ns, p.stat().st_size)
            for p in folder.iterdir()
            if p.is_file()
        }
    except OSError:
        return {}


def _console() -> Any:
    """The command's console on stderr. Lines are never wrapped: a path broken over two lines
    cannot be found or copied from a log."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def _quiet_logging() -> None:
    """Without `--verbose`: Prefect records its logs (warnings included, in its database) but
    prints only errors, and Dask prints only warnings; set before either is imported, so that
    Dask's worker processes inherit it. The command prints its own line per failed file."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "ERROR")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


@contextmanager
def _without_flow_heartbeats() -> Iterator[None]:
    """Run the batch flow without flow-run heartbeats.

    Heartbeats let a Prefect server notice that a deployment's run has crashed; a run started
    from this command does not need them. Prefect ends a flow run only after its heartbeat
    thread wakes from a one-second sleep, which added 0 to 1 s to every command.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _prestart_workers(
    pdfs: Sequence[Path], batch: BatchSettings, settings: PipelineSettings
) -> None:
    """Let the worker processes load the language resources while Prefect is imported and
    starts up (so nothing before this imports Prefect or the output libraries: 1.5 s).

    Only as many as there are documents without a stored result (none for an unchanged
    folder), and only for local workers: on Dask the workers live in the cluster. With a
    memory limit set in the environment, the first worker is started before anything else,
    so that a limit too low to load a worker is said once, before the batch (exit code 2).
    """
    if batch.dask_address or batch.dask_local:
        return
    from flows.workers import (
        MEMORY_LIMIT_ENV,
        WorkerMemoryLimitError,
        prestart_workers,
        start_worker_now,
    )
    from pipeline.process import pipeline_version, resources_version
    from pipeline.write.cache import ResultStore, partition_by_cache

    versions = (pipeline_version(), resources_version(settings.models))
    settings_json = settings.model_dump_json()
    _, pending = partition_by_cache(
        pdfs, ResultStore(batch.state_dir), versions, settings_json, settings.gated_json()
    )
    count = min(batch.workers, len(pending))
    if count and MEMORY_LIMIT_ENV in os.environ:  # a limit of one's own: can a worker load?
        try:
            start_worker_now()
        except WorkerMemoryLimitError as exc:
            raise UsageError(str(exc)) from None
        count -= 1
    prestart_workers(count)


# --- review and report ------------------------------------------------------------------

DEFAULT_OUTPUT = Path("data/output")


def add_review_and_report(commands: Any) -> None:
    """The `review` and `report` subcommands (README "Review and corrections", "Report")."""
    review = commands.add_parser("review", help="review workbook: import corrections, export")
    actions = review.add_subparsers(dest="review_command", required=True)
    imp = actions.add_parser("import", help="store the corrections of a reviewed afspraken.xlsx")
    imp.add_argument("workbook", type=Path, help="the corrected workbook")
    imp.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, help="output folder")
    train = actions.add_parser(
        "export-training", help="write the corrections as annotation records (JSON Lines)"
    )
    train.add_argument("out_file", type=Path, help="JSON Lines file to write")
    train.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, help="output folder")
    report = commands.add_parser("report", help="write the HTML comparison report")
    report.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, help="output folder")
    report.add_argument("--html", type=Path, help="HTML file (default: <output>/rapport.html)")


def _review_or_report(args: argparse.Namespace) -> int:
    from rich.markup import escape

    console = _console()
    if not (args.output / "afspraken.parquet").exists():
        raise UsageError(f"No outputs in {args.output}: run `prestatie run ... --output DIR`.")
    if args.command == "report":
        from pipeline.write.report import write_report

        html = write_report(args.output, args.html)
        console.print(f"Report written to {escape(str(html))}")
        _after_write(console, args.output, None)
        return EXIT_OK
    from pipeline.write.training_export import export_training
    from pipeline.write.workbook_import import ReviewImportError, import_workbook

    if args.review_command == "export-training":
        count = export_training(args.output, args.out_file)
        console.print(f"{count} annotation record(s) written to {escape(str(args.out_file))}")
        return EXIT_OK
    if not args.workbook.is_file():
        raise UsageError(f"Workbook not found: {args.workbook}")
    try:
        result = import_workbook(args.workbook, args.output)
    except ReviewImportError as exc:
        raise UsageError(str(exc)) from exc
    for warning in result.warnings:
        console.print(f"[yellow]warning[/yellow] {escape(warning)}")
    console.print(
        f"{len(result.records)} correction(s) stored in "
        f"{escape(str(result.store or '(nothing new)'))}; "
        f"{result.unchanged} row(s) unchanged."
    )
    _after_write(console, args.output, None, refresh=True)
    return EXIT_OK


def _after_write(
    console: Any, output: Path, csv_dialect: str | None, refresh: bool = False
) -> None:
    """Rewrite the outputs if asked, write the extra CSV dialect, report stale corrections."""
    from rich.markup import escape

    from pipeline.write.corrections import STALE_FILE
    from pipeline.write.tables import refresh_outputs, write_csv_dialect

    if not (output / "afspraken.parquet").exists():
        return
    if refresh:
        files = refresh_outputs(output)
        console.print(
            f"Outputs in {escape(str(output))} written again; "
            f"{files.corrections_applied} correction(s) applied "
            f"({files.corrections_carried_over} carried over from another version of their "
            f"document), {files.corrections_stale} stale.",
            soft_wrap=True,
        )
    if csv_dialect == "excel-nl":
        for path in write_csv_dialect(output, "excel-nl"):
            console.print(f"CSV for Dutch Excel: {escape(str(path))}")
    stale = output / STALE_FILE
    if stale.exists():
        import pandas as pd

        count = len(pd.read_csv(stale))
        console.print(
            f"[yellow]{count} stored correction(s) not applied[/yellow]: the agreement text "
            f"changed since the review; see {escape(str(stale))}",
            soft_wrap=True,
        )


if __name__ == "__main__":
    sys.exit(main())
