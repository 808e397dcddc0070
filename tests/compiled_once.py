"""What every app of a test process compiles the same way, compiled once per process.

The tests make some 1,500 apps a run (one per test that uses the ``app`` fixture, plus the
servers), and each new app compiled again what the last one had compiled already:

- its URL builders: ``create_app`` registers some 65 rules, and for each werkzeug writes
  two Python functions that build its URLs (an AST, then ``compile``) - about 85 % of the
  time it takes to make an app. Such a function depends only on the rule's parsed parts
  and the names of its defaults; it reaches the rule's converters and the app's map
  through its ``self`` argument, never by closure, so one function serves every app's
  copy of the same rule. A rule with a default for one of its own variables has that
  default written in by its converter: it is compiled as before.
- its templates: every app has a Jinja environment of its own, and a test rendering a
  page compiled the page's templates anew (some 40 % of a back-office test's time). A
  shared bytecode cache (Jinja's own mechanism) keeps the compiled code, checked against
  each template's source, so a changed template is compiled again. Every app is made by
  the same ``create_app`` with the same Jinja settings and extensions.
"""

from flask import Flask
from jinja2 import BytecodeCache
from werkzeug.routing.rules import Rule

_compile_builder = Rule._compile_builder
_builders: dict[tuple, object] = {}


def _compile_builder_once(rule: Rule, append_unknown: bool = True):
    defaults = rule.defaults or {}
    if any(is_dynamic and part in defaults for is_dynamic, part in rule._trace):
        return _compile_builder(rule, append_unknown)
    key = (rule.rule, tuple(rule._trace), tuple(defaults), append_unknown)
    if key not in _builders:
        _builders[key] = _compile_builder(rule, append_unknown)
    return _builders[key]


class TemplateCode(BytecodeCache):
    """Compiled templates in memory; Jinja checks each against its template's source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def compile_each_once() -> None:
    """Have every app made from now on in this process reuse what the others compiled."""
    Rule._compile_builder = _compile_builder_once
    Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": TemplateCode()}
