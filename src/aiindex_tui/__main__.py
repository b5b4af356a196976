from aiindex_tui.cli import main

raise SystemExit(main())
