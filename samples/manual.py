"""Deterministic generator of an English software manual: a document that is NOT prestatieafspraken.

In: a page count and a seed. Out: a PDF that is byte-identical for the same arguments, its
chapters made of invented sentences about a fictional backup program. The easy negative of the
document gate, in the shape a municipality's folder holds it (a manual of its office software):
long, in another language, without a word of the housing-agreement vocabulary. Used by the tests
and `make gate-eval`, scanned with `samples.scans` for a scanned non-agreement.
"""

from __future__ import annotations

import random
from pathlib import Path

from samples.blocks import Block, Heading, PageBreak, Para, bullets
from samples.render import render_pdf

_TOPICS = ("Installation", "Configuration", "Scheduling", "Restoring files", "Troubleshooting")
_SENTENCES = (
    "The backup service copies every changed file to the storage server once an hour.",
    "Before you start, make sure that the storage server can be reached from this computer.",
    "Open the settings window and choose the folders that should be included in the backup.",
    "A folder that is excluded is never copied, even when one of its files has changed.",
    "The first backup can take several hours, because every file is copied in full.",
    "Later backups only copy the parts of a file that have changed since the last run.",
    "If the network connection is lost, the service waits and tries again after ten minutes.",
    "You can see the progress of the current run in the status bar at the bottom of the window.",
    "To restore a file, select it in the archive view and press the restore button.",
    "Older versions of a file are kept for thirty days and are then removed automatically.",
    "The log file lists every run with its start time, its end time and the number of files.",
    "When the disk of the storage server is almost full, the service sends a warning by mail.",
    "Administrators can change the schedule for all computers from the central console.",
    "Encrypted archives can only be opened with the key that was used when they were made.",
    "Keep a copy of that key in a safe place, because a lost key cannot be recovered.",
    "Press the pause button to stop the current run; it continues where it stopped later on.",
)
_STEPS = (
    "Open the settings window.",
    "Choose the tab with the schedule.",
    "Enter the time of the first run.",
    "Save the settings and close the window.",
    "Check the log file after the first run.",
)


def build_manual_pdf(path: Path, *, pages: int = 12, seed: int = 1) -> int:
    """Write an English manual of about `pages` pages to `path`; return its page count."""
    rng = random.Random(seed)
    blocks: list[Block] = [Para("Backup Service User Manual", style="title")]
    chapter = 0
    while len(blocks) < 9 * pages:
        topic = _TOPICS[chapter % len(_TOPICS)]
        chapter += 1
        blocks.append(Heading(f"{chapter}. {topic}", 1))
        for _ in range(6):
            blocks.append(Para(" ".join(rng.sample(_SENTENCES, 5))))
        blocks.append(bullets(rng.sample(_STEPS, 4)))
        blocks.append(PageBreak())
    path.parent.mkdir(parents=True, exist_ok=True)
    return render_pdf(blocks[:-1], path, footer="page {n}").page_count
