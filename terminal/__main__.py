import sys

from terminal.cli.main import main

sys.exit(main())
