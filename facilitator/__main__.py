from facilitator.cli import main

raise SystemExit(main())
