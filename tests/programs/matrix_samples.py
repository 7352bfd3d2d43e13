"""Program content for the authorization matrix: a shared note, a sealed reflection, another couple's note."""

from rekindle.programs.models import ActivityDone, ClosingReflection, Enrolment
from rekindle.spaces.selectors import couple_for


def add_samples(alice, bob, carol, dave):
    from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED

    ours = Enrolment.objects.create(space=couple_for(alice).space, program_slug="reconnect-30", started_on=alice.today())
    ActivityDone.objects.create(enrolment=ours, step=1, kind="emotional", author=alice, note=f"{ALICE_SHARED} note")
    ClosingReflection.objects.create(enrolment=ours, author=alice, answers=[f"{ALICE_SEALED} answer"] * 4)
    theirs = Enrolment.objects.create(space=couple_for(carol).space, program_slug="nine-weeks", started_on=carol.today())
    ActivityDone.objects.create(enrolment=theirs, step=1, kind="emotional", author=carol, note=f"{CAROL_SHARED} note")
    return {"slug": "reconnect-30", "enrolment_id": ours.pk, "number": 1}
