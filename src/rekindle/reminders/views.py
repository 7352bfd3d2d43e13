from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from rekindle.reminders import registry, services
from rekindle.reminders.forms import ReminderForm, initial_for
from rekindle.reminders.selectors import reminder_choices_for
from rekindle.reminders.tokens import read_unsubscribe_token
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for_request


@login_required
def reminders(request):
    person = request.user
    settings_by_kind, prefs = reminder_choices_for(person)
    form = ReminderForm(request.POST or None, initial=initial_for(settings_by_kind, prefs))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reminders_save(
                    person=person,
                    choices=form.choices(),
                    quiet_from=form.cleaned_data["quiet_from"],
                    quiet_until=form.cleaned_data["quiet_until"],
                    site_url=request.build_absolute_uri("/").rstrip("/"),
                )
            except ValidationError as exc:
                for field_name, errors in exc.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, errors)
            else:
                messages.success(request, "Saved. You can change these any time.")
                return redirect("reminders")
        status = 400
    couple = couple_for_request(request)
    from rekindle.reminders.push import push_enabled, public_key

    return render(
        request,
        "reminders/settings.html",
        {
            "form": form,
            "prefs": prefs,
            "paused": prefs is not None and prefs.is_paused(),
            "has_partner": couple is not None and couple.partner is not None,
            "any_on": any(s.enabled for s in settings_by_kind.values()),
            "push_key": public_key() if push_enabled() else "",
        },
        status=status,
    )


@login_required
@require_POST
def reminders_pause(request):
    services.reminders_pause(person=request.user)
    messages.success(request, "All reminders are paused for a week. They start again on their own.")
    return redirect("reminders")


@login_required
@require_POST
def reminders_resume(request):
    services.reminders_resume(person=request.user)
    messages.success(request, "Reminders are back on.")
    return redirect("reminders")


@login_required
@require_POST
def push_subscription(request):
    """This phone's Web Push subscription, sent by pwa.js: {"endpoint", "keys": {"p256dh", "auth"}},
    or {"endpoint", "remove": true}. Answers JSON."""
    from rekindle.reminders.push import push_enabled

    if not push_enabled():
        return JsonResponse({"ok": False, "error": "Notifications aren't switched on for this server."}, status=404)
    try:
        data = json.loads(request.body or b"{}")
        endpoint = str(data.get("endpoint", ""))
        if data.get("remove"):
            services.push_unsubscribe(person=request.user, endpoint=endpoint)
            return JsonResponse({"ok": True, "on": False})
        keys = data.get("keys") or {}
        services.push_subscribe(person=request.user, endpoint=endpoint, p256dh=str(keys.get("p256dh", "")),
                                auth=str(keys.get("auth", "")))
    except (ValueError, AttributeError, TypeError):
        return JsonResponse({"ok": False, "error": "That didn't come through properly. Please try again."}, status=400)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "on": True})


@csrf_exempt  # the signed link is the permission; mail clients POST it with no cookie (RFC 8058)
def unsubscribe(request, signed: str):
    """Turn a reminder off from the link in its e-mail, signed in or not.

    GET asks (link checkers open links, and must not turn anything off); POST turns it off —
    the button on that page, or a mail client's one-click unsubscribe.
    """
    found = read_unsubscribe_token(signed)
    person = Person.objects.filter(pk=found.person_id, is_active=True).first() if found else None
    if person is None:
        return render(request, "reminders/unsubscribe.html", {"invalid": True}, status=404)
    kind = registry.get(found.kind)
    which = request.POST.get("which", found.kind) if request.method == "POST" else found.kind
    if which not in {found.kind, "all"}:
        which = found.kind
    label = "every reminder" if which == "all" or kind is None else kind.label.lower()
    if request.method == "POST":
        services.reminders_unsubscribe(person_id=person.pk, kind=which)
        return render(request, "reminders/unsubscribe.html", {"done": True, "label": label})
    return render(request, "reminders/unsubscribe.html", {"label": label, "token": signed, "kind": kind})


@require_safe
def manifest(request):
    icon = staticfiles_storage.url
    data = {
        "name": "Rekindle",
        "short_name": "Rekindle",
        "description": "A private place for two partners to stay close, a few minutes a day.",
        "id": reverse("today"),
        "start_url": reverse("today"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#fbf8f4",
        "theme_color": "#a4411e",
        "icons": [
            {"src": icon("rekindle/app/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": icon("rekindle/app/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": icon("rekindle/app/maskable-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "maskable"},
            {"src": icon("rekindle/app/maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": icon("rekindle/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        ],
    }
    return HttpResponse(json.dumps(data, indent=2), content_type="application/manifest+json")


# What the service worker keeps for offline use: the offline page and the files it needs.
# Never a page with a couple's words — pages always come from the server.
PRECACHE = [
    "rekindle/rekindle.css",
    "rekindle/icon.svg",
    "rekindle/exit-guard.js",
    "rekindle/pwa.js",
    "rekindle/app/icon-192.png",
]


@require_safe
def service_worker(request):
    assets = [staticfiles_storage.url(path) for path in PRECACHE]
    body = render_to_string(
        "reminders/sw.js",
        {
            "version": json.dumps(hashlib.sha256("|".join(assets).encode()).hexdigest()[:12]),
            "offline_url": json.dumps(reverse("pwa_offline")),
            "assets": json.dumps(assets),
            "static_prefix": json.dumps(settings.STATIC_URL),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request):
    """Shown by the service worker when there is no connection. It holds no one's words."""
    return render(request, "reminders/offline.html")
