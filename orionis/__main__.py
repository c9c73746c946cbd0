"""``python -m orionis``: the same as the ``reactor`` console script."""

import sys

from orionis.console.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
