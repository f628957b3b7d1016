"""Benchmarks of the pipeline: speed, memory and how cost grows, beside the PDF-library floors.

`make bench` (`python -m benchmarks.run`) generates inputs at controlled sizes, measures the
floors, each stage, the Dutch language pipeline and the `prestatie` command end to end, and
rewrites BENCHMARKS.md. Nothing here is a test: figures are medians of several runs, with the
minimum and maximum, on whatever machine runs it.
"""
