"""``python -m refugee_map.cli``: the ``refugee-map`` command without its installed script."""

from refugee_map.cli import main

if __name__ == "__main__":  # importing the module (tests read every module) runs nothing
    main()
