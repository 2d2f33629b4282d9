"""The bundle's entry point: the command line, which opens the app when given no command."""

import sys

from juryapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
