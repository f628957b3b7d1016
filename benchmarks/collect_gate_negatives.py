"""Collect the non-agreement PDFs that `make gate-eval` measures the document gate on.

Out: DIR/debian (Dutch and English manuals from Debian documentation packages, a German and a
French installation guide, and the diagrams of the Debian handbook) and DIR/pypi (the sample
PDFs shipped in the source distributions of pypdf, pikepdf and pdfminer.six; pdfminer.six
20191110 is its last release whose sdist carries them, pdfplumber's sdists carry none). Needs
`apt-get` and network access to Debian and PyPI; about 130 MB.

    .venv/bin/python -m benchmarks.collect_gate_negatives /tmp/gate-negatives
    make gate-eval GATE_NEGATIVES=/tmp/gate-negatives
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

DEBIAN_PACKAGES = (
    "debian-edu-doc-nl",
    "debian-edu-doc-legacy-nl",
    "debian-edu-doc-en",
    "lilypond-doc-pdf-nl",
    "debian-reference-en",
    "debian-handbook",
    "installation-guide-amd64",
    "debian-faq",
)
INSTALL_GUIDE_LANGUAGES = ("nl", "en", "de", "fr")
HANDBOOK_LANGUAGE = "nb-NO"
SDISTS = ("pypdf==7.1.1", "pikepdf==10.18.0", "pdfminer.six==20191110")


def _wanted(path: Path) -> bool:
    """One language of the handbook's diagrams, four of the installation guide's 19."""
    parts = path.parts
    if "installation-guide-amd64" in parts:
        return any(language in parts for language in INSTALL_GUIDE_LANGUAGES)
    if "debian-handbook" in parts:
        return HANDBOOK_LANGUAGE in parts
    return True


def collect_debian(work: Path, out: Path) -> int:
    """Download the packages, unpack them and copy their PDFs (gunzipped) to `out`."""
    subprocess.run(["apt-get", "download", *DEBIAN_PACKAGES], cwd=work, check=True)
    tree = work / "tree"
    for deb in sorted(work.glob("*.deb")):
        subprocess.run(["dpkg", "-x", str(deb), str(tree)], check=True)
    count = 0
    for found in sorted(tree.rglob("*.pdf*")):
        if found.is_symlink() or not found.is_file() or not _wanted(found.relative_to(tree)):
            continue
        name = "_".join(found.relative_to(tree / "usr" / "share").parts).removesuffix(".gz")
        data = gzip.decompress(found.read_bytes()) if found.suffix == ".gz" else found.read_bytes()
        if data.startswith(b"%PDF"):
            (out / name).write_bytes(data)
            count += 1
    return count


def collect_pypi(work: Path, out: Path) -> int:
    """Download the source distributions and copy the PDFs they ship to `out`."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*pip, "-d", str(work), *SDISTS], check=True)
    count = 0
    for sdist in sorted(work.glob("*.tar.gz")):
        with tarfile.open(sdist) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.lower().endswith(".pdf"):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        (out / member.name.replace("/", "_").replace(" ", "_")).write_bytes(
                            handle.read()
                        )
                        count += 1
    return count


def main(argv: list[str]) -> int:
    """Collect both sets into the folder given."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[0])
    for name, collect in (("debian", collect_debian), ("pypi", collect_pypi)):
        out, work = root / name, root / f".{name}-download"
        out.mkdir(parents=True, exist_ok=True)
        work.mkdir(parents=True, exist_ok=True)
        print(f"{name}: {collect(work, out)} PDFs in {out}")
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
