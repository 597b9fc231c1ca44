"""`make bench`: every benchmark, each printing its figures beside a baseline measured in the same run."""

from __future__ import annotations

from tests.bench import grouping

if __name__ == "__main__":
    grouping.main()
