"""News for the authorization matrix: news of every kind, made from things holding sealed and shared words.

News carries no words, so nobody — bob included — may find a marker word in it; the matrix
walks Today and `news/seen/` as everyone and checks exactly that.
"""

from __future__ import annotations

from rekindle.checkins import services as checkins
from rekindle.news.models import NewsItem
from rekindle.prompts import services as prompts
from rekindle.rituals import services as rituals
from rekindle.spaces.selectors import couple_for
from rekindle.together import services as together


def add_samples(alice, bob, carol, dave) -> dict:
    from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED

    ab, cd = couple_for(alice), couple_for(carol)
    # alice's news for bob, from things that hold her sealed and shared words
    draw = prompts.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="dreams")
    prompts.answer_save(person=alice, draw_id=draw.pk, text=f"{ALICE_SEALED} news answer")
    item = together.bucket_item_add(person=alice, couple=ab, title=f"{ALICE_SHARED} news", note=f"{ALICE_SHARED} note")
    together.bucket_item_mark_done(person=alice, couple=ab, item_id=item.pk, done_on=alice.today(), memory=ALICE_SHARED)
    commitment = rituals.commitment_make(person=alice, couple=ab, text=f"{ALICE_SHARED} news promise", due_on=alice.today())
    rituals.commitment_not_kept(person=alice, commitment_id=commitment.pk, alternative=f"{ALICE_SHARED} instead")
    experiment = rituals.experiment_start(person=alice, couple=ab, title=f"{ALICE_SHARED} news trial", plan="", days=7)
    rituals.experiment_review(person=alice, couple=ab, experiment_id=experiment.pk, decision="keep", note=ALICE_SHARED)
    # carol's news for dave, with her words in the things
    checkins.appreciation_create(person=carol, couple=cd, text=f"{CAROL_SHARED} news thanks", submission=None)
    together.bucket_item_add(person=carol, couple=cd, title=f"{CAROL_SHARED} news", note=CAROL_SHARED)
    assert NewsItem.objects.filter(actor=alice).exists() and NewsItem.objects.filter(actor=carol).exists()
    return {}
