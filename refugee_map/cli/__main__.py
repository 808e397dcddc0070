"""``python -m refugee_map.cli``: the ``refugee-map`` command without its installed script."""

from refugee_map.cli import main

main()
