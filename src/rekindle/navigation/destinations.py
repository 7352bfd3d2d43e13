"""The five destinations and which one each page belongs to.

Every page name maps to a destination (its tab) and, for pages below a hub, to the page one
step up, so the layout can show one obvious way back. A new page is placed by its URL name's
prefix; add it to PARENTS when its way back is not its hub.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Destination:
    key: str
    label: str
    url_name: str
    icon: str


DESTINATIONS = (
    Destination("today", "Today", "today", "sun"),
    Destination("talk", "Talk", "talk", "message-circle"),
    Destination("together", "Together", "together", "heart"),
    Destination("us", "Us", "us", "users"),
    Destination("me", "Me", "me", "user"),
)
BY_KEY = {d.key: d for d in DESTINATIONS}
HUBS = {d.url_name for d in DESTINATIONS}

# URL-name prefixes, longest first wins.
_PREFIXES = {
    "today": ("today", "partner_status", "checkin", "reflect", "reflection", "appreciation", "news"),
    "talk": ("talk", "listening", "pause", "breathe", "parked", "gentle"),
    "together": ("together", "memor"),
    "us": ("us", "meeting", "commitment", "experiment", "review", "program", "progress", "touch_preferences",
           "goals", "values"),
    "me": ("me", "profile", "space", "invite", "export", "support", "safety", "joint_exercises",
           "ask_for_help", "dismiss_suggestion", "account", "private_note", "selfcare", "cared_for",
           "reminders", "pwa", "api_token", "delete_account"),
}
_ORDERED = sorted(((p, key) for key, ps in _PREFIXES.items() for p in ps), key=lambda pk: -len(pk[0]))

# Pages whose way back is not their hub: url name -> (parent url name, label).
PARENTS = {
    "checkin_history": ("today", "Today"),
    "checkin_day": ("checkin_history", "Check-in history"),
    "appreciations": ("today", "Today"),
    "talk_question": ("talk", "Talk"),
    "talk_timer": ("talk", "Talk"),
    "listening_session": ("listening", "Listening sessions"),
    "listening_transcript": ("listening", "Listening sessions"),
    "pause_detail": ("pause", "The pause"),
    "breathe": ("pause", "The pause"),
    "meeting_record": ("meetings", "Meetings"),
    "meeting_step": ("meetings", "Meetings"),
    "review": ("reviews", "Reviews"),
    "program_detail": ("programs", "Programs"),
    "program_progress": ("programs", "Programs"),
    "program_step": ("programs", "Programs"),
    "program_closing": ("programs", "Programs"),
    "safety_check": ("support", "Support and safety"),
    "safety_result": ("support", "Support and safety"),
    "joint_exercises": ("support", "Support and safety"),
    "ask_for_help": ("support", "Support and safety"),
    "together_plan": ("together_plans", "Plans"),
    "together_plan_new": ("together_plans", "Plans"),
    "together_calendar": ("together_plans", "Plans"),
    "progress_monthly": ("progress", "Progress"),
    "progress_weekly": ("progress", "Progress"),
    "progress_report": ("progress", "Progress"),
    "account_change_password": ("me", "Me"),
    "delete_account": ("profile", "Profile"),
    "goals_new": ("goals", "Goals and values"),
    "goals_detail": ("goals", "Goals and values"),
    "goals_edit": ("goals", "Goals and values"),
    "goals_step_edit": ("goals", "Goals and values"),
    "values": ("goals", "Goals and values"),
    "cared_for_questions": ("cared_for", "How I feel cared for"),
    "account_email": ("me", "Me"),
    "memories_photos": ("memories", "Memories"),
    "memory_new": ("memories", "Memories"),
    "memory_detail": ("memories", "Memories"),
    "memory_edit": ("memories", "Memories"),
    "memory_delete": ("memories", "Memories"),
    "private_note_edit": ("private_notes", "Private notes"),
}

# Pages that already open with their own link one step up (a breadcrumb line): no second one.
OWN_WAY_BACK = {"meeting_step", "program_step", "listening_session", "listening_transcript"}


def destination_for(url_name: str | None) -> Destination | None:
    if not url_name:
        return None
    for prefix, key in _ORDERED:
        if url_name.startswith(prefix):
            return BY_KEY[key]
    return None


def way_back(url_name: str | None) -> tuple[str, str] | None:
    """(url name, label) of the page one step up, or None on a hub and outside the app."""
    if not url_name or url_name in HUBS or url_name in OWN_WAY_BACK or url_name == "home":
        return None
    if url_name in PARENTS:
        return PARENTS[url_name]
    destination = destination_for(url_name)
    if destination is None or url_name.startswith("account"):
        return None
    return destination.url_name, destination.label
