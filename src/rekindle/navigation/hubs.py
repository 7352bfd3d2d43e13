"""What each hub page links to: (url name, title, one line about it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class HubLink:
    url_name: str
    title: str
    about: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


TALK_MORE = (
    HubLink("listening", "Listening sessions", "One speaks, one listens and says back what they heard — then swap."),
    HubLink("pause", "The pause", "When a talk gets heated: time apart, then back together at a set time."),
    HubLink("parked_topics", "Parked topics", "Things you set aside during a pause, waiting for a calmer moment."),
    HubLink("gentle_draft", "Start gently", "A private helper to find a softer way to raise something hard."),
)

TOGETHER = (
    HubLink("together_plans", "Plans", "Dates and rituals you plan together, in both your calendars."),
    HubLink("together_ideas", "Ideas", "Things to do together, at home or out, for any budget and any evening."),
    HubLink("together_bucket", "Our bucket list", "The things you both want to do one day — and the ones you've done."),
    HubLink("memories", "Memories", "Your good moments and small wins, with photos — and what each of you remembers."),
)

US = (
    HubLink("meetings", "Weekly meeting", "A State of the Union in seven short steps: appreciations first, then one topic."),
    HubLink("commitments", "Commitments", "What each of you said you'd do, and how it went."),
    HubLink("experiments", "Experiments", "Small changes you're trying for a while, and what you learned."),
    HubLink("goals", "Goals and values", "What you both care about, turned into small steps with dates."),
    HubLink("reviews", "Quarterly review", "Every few months, look back at the season together."),
    HubLink("programs", "Programs", "The 30-day reconnection challenge and the nine-week path."),
    HubLink("progress", "Progress", "Your monthly and weekly check-ups over time, and what you've practised."),
)

ME = (
    HubLink("profile", "Your profile", "Your name and your time zone."),
    HubLink("space", "Our space", "Your space, your partner, invites, and leaving."),
    HubLink("private_notes", "Private notes", "A notebook only you can read."),
    HubLink("selfcare", "Self-care", "A private plan for looking after yourself. Only you ever see it."),
    HubLink("cared_for", "How I feel cared for", "What helps you feel loved, and your partner's “how to love me” card."),
    HubLink("reminders", "Reminders", "Gentle e-mails for the check-in, the weekly meeting and news — all off until you choose."),
    HubLink("api_tokens", "API tokens", "Let your own scripts, shortcuts or a home dashboard read — or write — your words."),
    HubLink("account_change_password", "Password", "Change the password you sign in with."),
    HubLink("support", "Support and safety", "The private safety check, help lines and when to look for a professional."),
)
