"""`python -m ccos` runs the same entry point as the `ccos` script."""

from ccos.entry import main

main()
