"""``python -m juryapp``: the command line (which opens the app with no command)."""

from juryapp.cli import main

raise SystemExit(main())
