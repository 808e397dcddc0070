"""One script for an ES module and everything it imports, made when the app starts.

The map page's script imports some twenty small modules. Loaded one by one they cost a
request each on a phone's slow link (about 0.5 KB of headers and a turn on one of the
browser's six connections) and compress worse than one file. :func:`bundle` joins them in
the order the browser would run them, each in a function of its own (so their top-level
names stay apart), an import becoming a read of the module's exports. It understands the
forms this project writes — ``import { a, b as c } from "./x.js";`` and ``export`` before a
``const``, ``function``, ``async function`` or ``class`` — and refuses anything else
(``export let``, ``export {…}``, default exports, bare or namespace imports, cycles), so a
module that needs more fails at start-up, not in a visitor's browser.

Comments on lines of their own are left out (a third of the bundle's compressed size; the
modules themselves keep them and are still served). That is safe because no string spans
lines: a template literal over several lines is refused too.
"""

import re
from pathlib import Path

IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}/[^"]+)";[ \t]*$', re.MULTILINE)
EXPORT = re.compile(r"^export (?=(?:const|function|async function|class)\s)", re.MULTILINE)
EXPORTED_NAME = re.compile(r"^export (?:const|function|async function|class)\s+(\w+)", re.M)
ANY_IMPORT_OR_EXPORT = re.compile(r"^(?:import|export)\b", re.MULTILINE)
LINE_COMMENT = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)
# from /* at the start of a line to the first */, which ends its line
BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:(?!\*/).)*\*/[ \t]*\n", re.MULTILINE | re.DOTALL)


class BundleError(ValueError):
    """A module uses a form of import or export the bundler does not join."""


def bundle(entry: Path) -> str:
    """``entry`` and the modules it imports, as one module script."""
    order: list[Path] = []
    _visit(entry.resolve(), order, ())
    names = {path: f"$module{index}" for index, path in enumerate(order)}
    return "\n".join(_wrapped(path, names) for path in order)


def _visit(path: Path, order: list[Path], importing: tuple[Path, ...]) -> None:
    """Depth first, in import order: each module after the modules it imports."""
    if path in importing:
        raise BundleError(f"import cycle through {path.name}")
    if path in order:
        return
    for _names, source in IMPORT.findall(path.read_text(encoding="utf-8")):
        _visit((path.parent / source).resolve(), order, (*importing, path))
    order.append(path)


def _wrapped(path: Path, names: dict[Path, str]) -> str:
    """The module's code in a function returning its exports, its imports read from the
    modules bundled before it."""
    source = path.read_text(encoding="utf-8")
    _refuse_strings_over_lines(path, source)

    def reads(match: re.Match) -> str:
        bindings = ", ".join(
            " ".join(part.split()).replace(" as ", ": ")
            for part in match.group(1).split(",")
            if part.strip()
        )
        return f"const {{ {bindings} }} = {names[(path.parent / match.group(2)).resolve()]};"

    code = EXPORT.sub("", IMPORT.sub(reads, BLOCK_COMMENT.sub("", LINE_COMMENT.sub("", source))))
    if leftover := ANY_IMPORT_OR_EXPORT.search(code):
        line = code[: leftover.start()].count("\n") + 1
        raise BundleError(f"{path.name}:{line}: an import or export the bundler cannot join")
    exports = ", ".join(EXPORTED_NAME.findall(source))
    return (
        f"const {names[path]} = (() => {{ // {path.name}\n{code}\nreturn {{ {exports} }};\n}})();"
    )


def _refuse_strings_over_lines(path: Path, source: str) -> None:
    """A template literal over several lines could hold a line that looks like a comment."""
    for number, line in enumerate(source.splitlines(), 1):
        if line.count("`") % 2:
            raise BundleError(f"{path.name}:{number}: a template literal over several lines")
