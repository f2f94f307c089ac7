"""CSV files edited row by row without touching the bytes of the rows that stay the same.

A package's CSV is read into records that keep their original text; a changed record is written
again with the package's dialect (comma, minimal quoting, ``\\n``), a new one is inserted after the last
record of the same series. Unchanged records, and so an unchanged file, keep every byte.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass
class Record:
    values: dict[str, str]
    raw: str | None  # the original text, None once changed or when new


@dataclass
class CsvFile:
    header: list[str]
    records: list[Record] = field(default_factory=list)
    newline_at_end: bool = True

    @classmethod
    def parse(cls, data: bytes) -> CsvFile:
        text = data.decode("utf-8")
        lines = text.splitlines(keepends=True)
        reader = csv.reader(lines)
        header = next(reader)
        records, start = [], reader.line_num
        for row in reader:
            raw = "".join(lines[start : reader.line_num])
            start = reader.line_num
            records.append(Record(dict(zip(header, row, strict=False)), raw))
        return cls(header, records, text.endswith("\n"))

    def to_bytes(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header)
        text = out.getvalue()
        for record in self.records:
            if record.raw is not None:
                text += record.raw if record.raw.endswith("\n") else record.raw + "\n"
            else:
                line = io.StringIO()
                csv.writer(line, lineterminator="\n").writerow([record.values.get(h, "") for h in self.header])
                text += line.getvalue()
        if not self.newline_at_end and self.records and self.records[-1].raw is not None:
            text = text.removesuffix("\n")
        return text.encode("utf-8")

    def update(self, record: Record, changes: Mapping[str, str]) -> None:
        record.values.update(changes)
        record.raw = None

    def insert(self, values: Mapping[str, str], series: Callable[[Mapping[str, str]], tuple], year: int) -> None:
        """Insert a new record after the last one of the same series with an earlier year (else at the end)."""
        key = series(values)
        position = None
        for index, record in enumerate(self.records):
            if series(record.values) == key and int(record.values["year"]) < year:
                position = index + 1
        if position is None:
            position = len(self.records)
            for index, record in enumerate(self.records):
                if series(record.values) == key:
                    position = index
                    break
        self.records.insert(position, Record(dict(values), None))
