"""The bundler (web/bundle.py): modules joined in the browser's order, each in a scope of its
own; what it cannot join is refused when the app starts, not in a visitor's browser."""

import re

import pytest

from refugee_map.web.bundle import BundleError, bundle


def write(folder, files: dict[str, str]):
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / "main.js"


def order(joined: str) -> list[str]:
    return re.findall(r"^const \$module\d+ = \(\(\) => \{ // (\S+)$", joined, re.MULTILINE)


def test_each_module_comes_after_what_it_imports_and_once(tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import { b } from "./b.js";\nimport { a } from "./a.js";\nb(a);\n',
            "a.js": "export const a = 1;\n",
            "b.js": 'import { a as one } from "./a.js";\n'
            "export function b(x) { return x + one; }\n",
        },
    )
    joined = bundle(entry)
    assert order(joined) == ["a.js", "b.js", "main.js"]
    assert "const { a: one } = $module0;" in joined  # renamed on import
    assert "return { b };" in joined and "export" not in joined


def test_top_level_names_stay_apart(tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import { x } from "./a.js";\nconst app = x;\n',
            "a.js": "const app = 2;\nexport const x = app;\n",
        },
    )
    assert bundle(entry).count("(() => {") == 2  # each const app in a function of its own


def test_comments_on_lines_of_their_own_are_left_out_code_is_not(tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": '// a note\n/**\n * a doc\n */\nconst url = "http://x"; // kept\n'
            "/* one */ const y = 1;\nconst z = 2 /* two */;\n",
        },
    )
    joined = bundle(entry)
    assert "a note" not in joined and "a doc" not in joined
    for code in ['const url = "http://x"; // kept', "/* one */ const y = 1;", "2 /* two */;"]:
        assert code in joined


@pytest.mark.parametrize(
    "source",
    [
        'import x from "./a.js";\n',
        'import * as a from "./a.js";\n',
        'import "./a.js";\n',
        "export let counter = 0;\n",
        "export { thing };\n",
        "export default 1;\n",
        "const text = `one\nline // two`;\n",
    ],
)
def test_what_it_cannot_join_is_refused(tmp_path, source):
    entry = write(tmp_path, {"main.js": source, "a.js": "export const a = 1;\n"})
    with pytest.raises(BundleError, match="main.js:1"):
        bundle(entry)


def test_an_import_cycle_is_refused(tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import { a } from "./a.js";\n',
            "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
            "b.js": 'import { a } from "./a.js";\nexport const b = 1;\n',
        },
    )
    with pytest.raises(BundleError, match="cycle"):
        bundle(entry)
