#!/usr/bin/env python
"""Same as the ``ctct`` console command, for those used to ``python manage.py``."""

import sys

from ctct.cli import main

if __name__ == "__main__":
    sys.exit(main())
