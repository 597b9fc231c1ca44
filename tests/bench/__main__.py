"""`make bench`: every benchmark, each printing its figures beside a baseline measured in the same run."""

from __future__ import annotations

import asyncio

from tests.bench import grouping, phone, server, tui

if __name__ == "__main__":
    server.main()
    print()
    tui.main()
    print()
    asyncio.run(phone.main())
    print()
    grouping.main([grouping.DEV, grouping.CHECK, grouping.CHECK2, grouping.CHECK3])
