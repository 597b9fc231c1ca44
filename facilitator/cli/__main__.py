"""`python -m facilitator.cli`: the same as `trepart`."""

from facilitator.cli import main

raise SystemExit(main())
