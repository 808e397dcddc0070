"""Reading the pydantic models of ``domain.offer_schema`` and ``domain.filter_schema``: each
field's kind of value, which fields take several values, a model's input from a form or query
string, and the broken rules of a failed validation as (field, kind, context)."""

from typing import Any, get_origin

from pydantic import BaseModel, ValidationError

from refugee_map.domain.value_types import Kind


def kinds(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> kind of value (:class:`Kind`), in the model's order."""
    return {
        name: next((m.name for m in field.metadata if isinstance(m, Kind)), "text")
        for name, field in model.model_fields.items()
    }


def is_repeated(model: type[BaseModel], name: str) -> bool:
    """Whether a field takes several values (a repeated parameter, a multi-select)."""
    return get_origin(model.model_fields[name].annotation) in (list, tuple)


def values_from(model: type[BaseModel], get, get_list) -> dict[str, Any]:
    """The model's input from a form or a query string: one value, or a list for fields
    that take several."""
    return {
        name: get_list(name) if is_repeated(model, name) else get(name)
        for name in model.model_fields
    }


def problems(error: ValidationError) -> list[tuple[str, str, dict]]:
    """(field, kind, context) of each broken rule, in the order of the fields."""
    found = []
    for item in error.errors(include_url=False):
        field = next((part for part in reversed(item["loc"]) if isinstance(part, str)), "")
        found.append((field, item["type"], item.get("ctx") or {}))
    return found
