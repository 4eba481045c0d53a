"""`python -m compat.upgrade ...` (same as `python -m compat upgrade ...`)."""
import sys

from .cli import main

sys.exit(main())
