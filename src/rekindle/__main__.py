from rekindle.cli import main

raise SystemExit(main())
