"""The Python form renderer writes what the templates it stands in for write, for every form."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from types import SimpleNamespace

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.test.html import parse_html

import rekindle
from rekindle.lib.form_rendering import Renderer


def _app_forms() -> list[type[forms.BaseForm]]:
    found = {}
    for module_info in pkgutil.walk_packages(rekindle.__path__, "rekindle."):
        if not module_info.name.endswith("forms") or ".migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith("rekindle.") and value.base_fields:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


APP_FORMS = _app_forms()


# What the forms that need more than data are made with on their pages.
_ARGUMENTS = {
    "item_id": 7,
    "today": dt.date(2026, 5, 3),
    "earliest": dt.date(2026, 5, 1),
    # Names in choice labels are escaped too.
    "couple": SimpleNamespace(me=SimpleNamespace(display_name="Sam & Jo"), partner=SimpleNamespace(display_name="<Alex>")),
}


def _make(form_class, **kwargs):
    wanted = inspect.signature(form_class.__init__).parameters
    extra = {name: value for name, value in _ARGUMENTS.items() if name in wanted}
    return form_class(**kwargs, **extra)


def _both_ways(form) -> tuple[str, str]:
    form.renderer = Renderer()
    fast = str(form)
    form.renderer = TemplatesSetting()
    return fast, str(form)


def test_the_app_has_forms_to_compare():
    assert len(APP_FORMS) > 40


@pytest.mark.parametrize("form_class", APP_FORMS, ids=lambda form_class: form_class.__qualname__)
def test_an_empty_form_renders_the_same(db, form_class):
    fast, templated = _both_ways(_make(form_class))
    assert parse_html(fast) == parse_html(templated)


@pytest.mark.parametrize("form_class", APP_FORMS, ids=lambda form_class: form_class.__qualname__)
def test_a_form_with_errors_and_typed_words_renders_the_same(db, form_class):
    data = {name: 'Sam & "Jo" <3' for name in form_class.base_fields}
    form = _make(form_class, data=data)
    form.is_valid()
    fast, templated = _both_ways(form)
    assert parse_html(fast) == parse_html(templated)
    assert "<3" not in fast  # what someone typed is escaped, never markup


def test_the_renderer_is_the_one_forms_use(settings):
    assert settings.FORM_RENDERER == "rekindle.lib.form_rendering.Renderer"
