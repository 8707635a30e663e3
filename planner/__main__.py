"""``python -m planner``."""

import sys

from planner.shell.cli.main import main

sys.exit(main())
