"""Exceptions the core raises, so adapters can report them without tracebacks."""

from __future__ import annotations


class LetterError(ValueError):
    """A file that is not a whole, readable IMR letter.

    ``reason`` is one line a person can act on ("empty file", "cut short:
    item 2 has no decision rationale"); ``path`` names the file when known.
    """

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


def is_engine_panic(e: BaseException) -> bool:
    """Whether ``e`` is a panic inside the index engine: PyO3 raises one as a bare ``BaseException``,
    which every ``except Exception`` lets through, so callers turn it into an ``IndexProblem``."""
    return not isinstance(e, (Exception, KeyboardInterrupt, SystemExit, GeneratorExit))


class IndexProblem(Exception):
    """Base for index problems; ``str()`` is the message a user sees."""


class IndexNotFound(IndexProblem):
    """No index at the path: build one with ``imr-search index``."""


class SchemaMismatch(IndexProblem):
    """The index was built by another version of imr-search."""


class IndexLocked(IndexProblem):
    """Another ``imr-search index`` is writing this index now."""


class IndexBuildError(IndexProblem):
    """A build could not finish (disk full, read-only folder...); the previous index is untouched."""


class IndexDamaged(IndexProblem):
    """The index's files are damaged (the engine panicked reading them); a rebuild mends it."""


class UserDataError(Exception):
    """A user's file (the packet, the saved searches) that cannot be read; it is left as it is."""
