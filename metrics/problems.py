"""Located problems: what is wrong with a file, at a line and column a person can find."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, at a place a person can find."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        message = " ".join(self.message.split("\n"))
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {message}"


class MetricsFileError(Exception):
    """A data file was refused; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)
