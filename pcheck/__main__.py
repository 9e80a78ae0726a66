"""``python -m pcheck``: the same as the ``pcheck`` command."""

from pcheck.cli import main

main()
