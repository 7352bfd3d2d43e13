"""A swapped activity looks like any other: same label, no words that name what was skipped."""

from rekindle.programs.content import all_programs, touch_tags

# Words that would tell the partner an activity was swapped, or which kind of touch was skipped.
# ("swap" alone is fine: ordinary activities swap turns.)
GIVEAWAYS = ["touch", "instead", "replac", "swapped", "gentler", "alternative", "skip", "rather not"]
GIVEAWAYS += ["hug", "holding hands", "hold hands", "cuddl", "kiss", "massage", "dancing close", "in public"]


def test_the_giveaways_cover_every_kind_of_touch():
    for label in touch_tags().values():
        assert any(word in label.lower() for word in GIVEAWAYS + ["face", "affection"]), label


def test_every_alternative_reads_as_an_ordinary_activity():
    problems = []
    for program in all_programs().values():
        for step in program.steps:
            for activity in step.activities:
                alt = activity.alternative
                if alt is None:
                    continue
                assert alt.kind_label == activity.kind_label
                text = " ".join([alt.title, alt.how, alt.why]).lower()
                problems += [(program.slug, step.number, word, alt.title) for word in GIVEAWAYS if word in text]
    assert problems == []


def test_the_physical_kind_has_a_label_that_fits_both():
    labels = {a.kind_label for p in all_programs().values() for s in p.steps for a in s.activities if a.alternative}
    assert labels == {"Closeness"}
