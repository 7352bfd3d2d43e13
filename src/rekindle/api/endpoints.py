"""The API's operations. Each one calls the selectors and services its page calls, and
validates with the page's own form, so sealing, privacy and messages are the same."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import HttpError

from rekindle.api import auth
from rekindle.api import schemas as s
from rekindle.api.errors import NOT_IN_SPACE, FormErrors, install
from rekindle.checkins import selectors as checkins
from rekindle.checkins import services as checkin_services
from rekindle.checkins.forms import AppreciationForm, CheckInForm
from rekindle.checkins.models import ITEMS
from rekindle.dates import selectors as dates
from rekindle.dates.calendar import repeat_label
from rekindle.portability.archive import build_archive
from rekindle.prompts import selectors as prompts
from rekindle.prompts import services as prompt_services
from rekindle.prompts.forms import AnswerForm
from rekindle.rituals import selectors as rituals
from rekindle.spaces.exports import export_for
from rekindle.spaces.selectors import Couple, couple_for

ID_MAX = 2**31 - 1  # ids beyond this can't exist, and some databases refuse to compare with them

api = NinjaAPI(
    title="Rekindle",
    version="1",
    description=(
        "Your own words in Rekindle, for your own scripts, shortcuts and dashboards. "
        "Make a token on your profile page and send it as `Authorization: Bearer <token>`. "
        "What your partner wrote reaches you here exactly as on the pages: sealed answers only once you have both answered."
    ),
    urls_namespace="api",
    auth=auth.read,
)
install(api)


def _couple(request) -> Couple:
    couple = couple_for(request.user)
    if couple is None:
        raise HttpError(404, NOT_IN_SPACE)
    return couple


def _cleaned(form) -> dict:
    if not form.is_valid():
        raise FormErrors(form)
    return form.cleaned_data


# --- check-ins -----------------------------------------------------------------------------------


def _today(person, couple) -> dict:
    day = checkins.checkin_today(person, couple)
    return {
        "date": day.date,
        "mine": day.mine,
        "partner": day.theirs,
        "revealed": day.revealed,
        "partner_answered": day.partner_answered,
        "waiting_for_partner": day.waiting,
    }


@api.get("/checkins/today", response={200: s.CheckInToday, **s.ERRORS}, tags=["check-ins"], url_name="api_checkin")
def checkin_today(request):
    """Today's check-in: yours, and your partner's once you have both answered (as on Today)."""
    return _today(request.user, _couple(request))


@api.post("/checkins/today", response={200: s.CheckInToday, **s.ERRORS}, tags=["check-ins"], auth=auth.write,
          url_name="api_checkin_submit")
def checkin_submit(request, payload: s.CheckInIn):
    """Check in (or edit your check-in while your partner hasn't answered yet)."""
    couple = _couple(request)
    data = _cleaned(CheckInForm(payload.model_dump()))
    checkin_services.checkin_submit(
        person=request.user, couple=couple, answers={item: data[item] for item in ITEMS}, revision=data["revision"]
    )
    return _today(request.user, couple)


# --- appreciations -------------------------------------------------------------------------------


@api.get("/appreciations", response={200: s.AppreciationPage, **s.ERRORS}, tags=["appreciations"],
         url_name="api_appreciations")
def appreciation_list(request, page: int = Query(1, ge=1, le=ID_MAX)):
    """Both partners' appreciations, newest first, 20 a page, with their replies."""
    _couple(request)
    feed = checkins.appreciation_feed(request.user, page, whole=True)
    return {"items": list(feed.object_list), "page": feed.number, "pages": feed.paginator.num_pages,
            "count": feed.paginator.count}


@api.post("/appreciations", response={201: s.Appreciation, **s.ERRORS}, tags=["appreciations"], auth=auth.write,
          url_name="api_appreciation_create")
def appreciation_create(request, payload: s.AppreciationIn):
    """Share an appreciation with your partner."""
    couple = _couple(request)
    data = _cleaned(AppreciationForm({"text": payload.text, "submission": payload.submission or ""}))
    made = checkin_services.appreciation_create(
        person=request.user, couple=couple, text=data["text"], submission=data["submission"]
    )
    return Status(201, checkins.appreciation_for(request.user, made.pk))


# --- tonight's question --------------------------------------------------------------------------


def _draw(person, couple, draw_id: int) -> dict:
    view = prompts.draw_view(person, couple, draw_id)
    if view is None:
        raise Http404
    return {
        "id": view.draw.pk,
        "question": view.question,
        "deck": view.deck_title,
        "open": not view.settled,
        "i_answered": view.i_answered,
        "partner_answered": view.partner_answered,
        "revealed": view.revealed,
        "mine": view.mine,
        "partner": view.theirs,
    }


@api.get("/talk/tonight", response={200: s.Tonight, **s.ERRORS}, tags=["talk"], url_name="api_tonight")
def tonight(request):
    """The newest question drawn in your space, with the answers you may read."""
    couple = _couple(request)
    newest = prompts.recent_draws(request.user, couple, limit=1)
    return {"draw": _draw(request.user, couple, newest[0].draw.pk) if newest else None}


@api.get("/talk/draws/{draw_id}", response={200: s.Draw, **s.ERRORS}, tags=["talk"], url_name="api_draw")
def draw(request, draw_id: int = Path(..., ge=1, le=ID_MAX)):
    """One drawn question, with the answers you may read."""
    return _draw(request.user, _couple(request), draw_id)


@api.post("/talk/draws/{draw_id}/answer", response={200: s.Draw, **s.ERRORS}, tags=["talk"], auth=auth.write,
          url_name="api_draw_answer")
def draw_answer(request, payload: s.AnswerIn, draw_id: int = Path(..., ge=1, le=ID_MAX)):
    """Answer a drawn question, or change your answer while it is still sealed."""
    couple = _couple(request)
    _draw(request.user, couple, draw_id)  # 404 when it isn't in your space
    data = _cleaned(AnswerForm({"answer": payload.answer}))
    prompt_services.answer_save(person=request.user, draw_id=draw_id, text=data["answer"])
    return _draw(request.user, couple, draw_id)


# --- commitments and plans -----------------------------------------------------------------------


@api.get("/commitments", response={200: s.Commitments, **s.ERRORS}, tags=["us"], url_name="api_commitments")
def commitments(request):
    """Open commitments, and the latest ones settled."""
    _couple(request)
    return {"open": rituals.open_commitments(request.user), "recent": rituals.recent_outcomes(request.user)}


@api.get("/plans", response={200: s.Plans, **s.ERRORS}, tags=["together"], url_name="api_plans")
def plans(request):
    """Planned dates and rituals coming up, and proposals waiting for your answer."""
    page = dates.plans_page(request.user, _couple(request))
    upcoming = [
        {"plan_id": o.plan.pk, "title": o.plan.title, "place": o.plan.place, "starts_at": o.starts_at,
         "ends_at": o.ends_at, "when": when, "partner_when": partner_when, "repeat": repeat_label(o.plan)}
        for o, when, partner_when in page.coming
    ]
    to_answer = [{"plan_id": v.plan.pk, "title": v.plan.title, "place": v.plan.place, "when": v.when}
                 for v in page.for_me]
    return {"upcoming": upcoming, "to_answer": to_answer}


# --- export --------------------------------------------------------------------------------------


@api.get("/export", response={200: s.Export, **s.ERRORS}, tags=["export"], url_name="api_export")
def export(request, include_shared: bool = False):
    """Everything you wrote, as JSON: the same rows as the ZIP on your export page. With
    `include_shared`, also what your partner shares with you, each of those rows marked
    `"author": "partner"` — never what is sealed or private to them."""
    return export_for(request.user, include_shared=include_shared)


@api.get("/export.zip", response={**s.ERRORS}, tags=["export"], url_name="api_export_zip",
         openapi_extra={"responses": {"200": {"description": "The export ZIP, as downloaded from the export page.",
                                              "content": {"application/zip": {"schema": {"type": "string",
                                                                                         "format": "binary"}}}}}})
def export_zip(request, include_shared: bool = False):
    """The whole export as the ZIP from the export page: a JSON file per kind, your photos and a readable copy."""
    response = HttpResponse(build_archive(request.user, include_shared=include_shared), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="rekindle-{timezone.localdate():%Y-%m-%d}.zip"'
    return response
