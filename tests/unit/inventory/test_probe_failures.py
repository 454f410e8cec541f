"""When the upload check itself fails, the line says how, and blames the file only for memory."""

import os
import signal
import subprocess
import textwrap
from pathlib import Path

import pytest

from fulfilment.errors import BadInput
from inventory.uploads import checked_pdf, probe_facts
from tests.integration.inventory import pdfs

NOT_JUDGED = "the file was not judged, so report this line to whoever looks after litcenter"
BOMB = "could not be read within 1000 MB of memory; it is damaged or a decompression bomb"
TRACEBACK = 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'


def _refusal(returncode: int, stdout: str = "", stderr: str = "") -> str:
    done = subprocess.CompletedProcess(["probe"], returncode, stdout, stderr)
    with pytest.raises(BadInput) as refused:
        probe_facts(done, "cover.pdf")
    message = str(refused.value)
    assert "\n" not in message and message.startswith("cover.pdf ")
    return message


@pytest.mark.parametrize(
    ("returncode", "stderr", "explained"),
    [
        (1, TRACEBACK + "ModuleNotFoundError: No module named 'pypdf'",
         "(exit status 1: ModuleNotFoundError: No module named 'pypdf')"),
        (1, TRACEBACK + "ImportError: cannot import name 'PdfReader' from 'pypdf'\n\n",
         "(exit status 1: ImportError: cannot import name 'PdfReader' from 'pypdf')"),
        (-signal.SIGSEGV, "", "(killed by SIGSEGV: no error output)"),
        (-signal.SIGABRT, "Fatal Python error: Aborted", "(killed by SIGABRT: Fatal Python error"),
        (2, "x" * 1000, "(exit status 2: " + "x" * 300 + ")"),
    ],
)  # fmt: skip
def test_a_check_that_crashes_says_how_and_that_the_file_was_not_judged(
    returncode: int, stderr: str, explained: str
) -> None:
    message = _refusal(returncode, stderr=stderr)

    assert message.startswith("cover.pdf was not accepted because the PDF check itself failed ")
    assert explained in message and message.endswith(NOT_JUDGED)
    assert "memory" not in message and "bomb" not in message


@pytest.mark.parametrize(
    ("returncode", "stderr"),
    [
        (-signal.SIGKILL, ""),
        (1, TRACEBACK + "MemoryError"),
        (1, TRACEBACK + "ImportError: /x/_zlib.so: failed to map segment from shared object"),
    ],
)
def test_a_check_that_runs_out_of_memory_refuses_the_file(returncode: int, stderr: str) -> None:
    assert BOMB in _refusal(returncode, stderr=stderr)


@pytest.mark.parametrize(
    ("stdout", "shown"),
    [
        ("", "(no output)"),
        ('{"pages": 3, "paper\n', """('{"pages": 3, "paper')"""),
        ('{"pages": 3, "paper_size": "A4"}\nloaded 3 pages', "('loaded 3 pages')"),
        ('{"pages": "3"}', """('{"pages": "3"}')"""),
    ],
)  # fmt: skip
def test_an_answer_that_is_not_the_checks_result_is_one_line(stdout: str, shown: str) -> None:
    message = _refusal(0, stdout=stdout)

    assert message == (
        f"cover.pdf was not accepted because the PDF check gave no result it could read "
        f"{shown}; {NOT_JUDGED}"
    )


def test_a_refusal_and_a_result_are_read_from_the_last_line() -> None:
    warned = "pypdf warning: odd xref\n"
    assert _refusal(0, stdout=warned + '{"refused": "has no pages"}\n') == "cover.pdf has no pages"
    done = subprocess.CompletedProcess([], 0, warned + '{"pages": 2, "paper_size": "A4"}\n', "")
    assert probe_facts(done, "cover.pdf") == {"pages": 2, "paper_size": "A4"}


def _fake_pypdf(folder: Path, monkeypatch: pytest.MonkeyPatch, *, on_import: str = "",
                on_read: str = "") -> None:  # fmt: skip
    """Put a pypdf in front of the real one for the check's child process only.

    on_import runs as the child imports it, on_read when the check opens the file.
    """
    package = folder / "fake" / "pypdf"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        f"import os, signal, sys\n{on_import}\n"
        "class PasswordType:\n    NOT_DECRYPTED = 0\n"
        f"def PdfReader(path):\n{textwrap.indent(on_read or 'pass', '    ')}\n"
    )
    (package / "errors.py").write_text("class LimitReachedError(Exception):\n    pass\n")
    (package / "generic.py").write_text(
        "".join(
            f"class {name}:\n    pass\n"
            for name in ("ArrayObject", "DictionaryObject", "IndirectObject", "StreamObject")
        )
    )
    paths = [str(folder / "fake"), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in paths if p))


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"on_import": "raise ImportError('pypdf is half installed')"},
         "(exit status 1: ImportError: pypdf is half installed)"),
        ({"on_read": "raise ModuleNotFoundError(\"No module named 'Crypto'\")"},
         "(exit status 1: ModuleNotFoundError: No module named 'Crypto')"),
        ({"on_read": "os.kill(os.getpid(), signal.SIGSEGV)"}, "(killed by SIGSEGV: "),
        ({"on_import": "print('pypdf 9 says hello')\nsys.exit(0)"},
         "gave no result it could read ('pypdf 9 says hello')"),
    ],
)  # fmt: skip
def test_a_crashing_check_process_is_reported_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: dict[str, str], expected: str
) -> None:
    good = pdfs.write(tmp_path, "cover.pdf", pdfs.brochure(pages=1))
    _fake_pypdf(tmp_path, monkeypatch, **fault)

    with pytest.raises(BadInput) as refused, checked_pdf(good):
        pass

    message = str(refused.value)
    assert expected in message and message.endswith(NOT_JUDGED)
    assert "\n" not in message and "memory" not in message and "damaged" not in message


def test_a_check_process_killed_for_memory_refuses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = pdfs.write(tmp_path, "cover.pdf", pdfs.brochure(pages=1))
    _fake_pypdf(tmp_path, monkeypatch, on_read="os.kill(os.getpid(), signal.SIGKILL)")

    with pytest.raises(BadInput, match=f"^cover.pdf {BOMB}"), checked_pdf(good):
        pass
