"""The form renderer: the most used form templates written in Python.

Every page with a form renders it through Django's templates: the form's `div.html`, a
`field.html` per field and a widget template per input (and per radio option). That was a fifth
of a page's cost. This renderer writes the same markup in Python for those templates (ours in
`templates/django/forms/`, which restyle Django's, and Django's own widget templates) and hands
every other template (error lists, selects, file inputs …) to the template engine as before.
`tests/test_form_rendering.py` renders every form of the app both ways and compares them.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape as esc, escape, format_html
from django.utils.safestring import SafeString, mark_safe

_WIDGETS = "django/forms/widgets/"


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {escape(name)}")
        elif value is not False:
            parts.append(f' {escape(name)}="{escape("%s" % (value,))}"')
    return "".join(parts)


def _input_tag(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{escape("%s" % (value,))}"'
    return f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


def _input(context) -> str:
    return _input_tag(context["widget"]) + "\n"


def _input_option(context) -> str:
    widget = context["widget"]
    tag = _input_tag(widget)
    if not widget["wrap_label"]:
        return tag
    target = widget["attrs"].get("id")
    label_for = f' for="{esc(target)}"' if target else ""
    return f"<label{label_for}>{tag} {esc(widget['label'])}</label>"


def _multiple_input(context) -> str:
    widget = context["widget"]
    target, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = ["<div" + (f' id="{esc(target)}"' if target else "") + (f' class="{esc(css)}"' if css else "") + ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{esc(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_input_option({'widget': option})}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _textarea(context) -> str:
    widget = context["widget"]
    value = esc(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'


def _field(context) -> str:
    """Our field.html: a label (a legend in a fieldset), the help text, the errors, the widget."""
    field = context["field"]
    parts = []
    if field.use_fieldset:
        described = field.aria_describedby
        parts.append("<fieldset" + (f' aria-describedby="{esc(described)}"' if described else "") + ">")
        if field.label:
            parts.append(f"<legend>{esc(field.label)}</legend>")
    elif field.label:
        parts.append(f'<label for="{esc(field.id_for_label)}">{esc(field.label)}</label>')
    if field.help_text:
        help_id = f' id="{esc(field.auto_id)}_helptext"' if field.auto_id else ""
        parts.append(f'<div class="helptext"{help_id}>{field.help_text}</div>')  # help text is ours, trusted
    if field.errors:
        parts.append(str(field.errors))
    parts.append(str(field) + ("</fieldset>" if field.use_fieldset else ""))
    return "\n".join(parts) + "\n"


def _form(context) -> str:
    """Our div.html: the form's own errors, then a div per visible field; hidden fields last."""
    errors, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
    parts = []
    if errors:
        parts.append(str(errors))
        if not fields:
            parts.append("<div>" + "".join(str(field) for field in hidden) + "</div>")
    for position, (field, _errors) in enumerate(fields):
        classes = field.css_classes()
        parts.append(format_html("<div{}>", format_html(' class="{}"', classes) if classes else ""))
        parts.append(field.as_field_group())
        if position == len(fields) - 1:
            parts.extend(str(field) for field in hidden)
        parts.append("</div>")
    if not fields and not errors:
        parts.extend(str(field) for field in hidden)
    return "\n".join(parts) + "\n"


_IN_PYTHON = {
    "django/forms/div.html": _form,
    "django/forms/field.html": _field,
    f"{_WIDGETS}textarea.html": _textarea,
    f"{_WIDGETS}input_option.html": _input_option,
    f"{_WIDGETS}radio_option.html": _input_option,
    f"{_WIDGETS}checkbox_option.html": _input_option,
    f"{_WIDGETS}radio.html": _multiple_input,
    f"{_WIDGETS}checkbox_select.html": _multiple_input,
    f"{_WIDGETS}multiple_input.html": _multiple_input,
    **{
        f"{_WIDGETS}{name}.html": _input
        for name in (
            "input", "checkbox", "color", "date", "datetime", "email", "hidden", "number", "password",
            "search", "tel", "text", "time", "url",
        )
    },
}


class Renderer(TemplatesSetting):
    """Django's `TemplatesSetting`, with the templates above done in Python."""

    def render(self, template_name, context, request=None) -> SafeString:
        in_python = _IN_PYTHON.get(template_name)
        if in_python is not None:
            return mark_safe(in_python(context))
        return super().render(template_name, context, request=request)
