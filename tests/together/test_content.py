from rekindle.lib.content import check_all
from rekindle.together import content

GOOD = """[[ideas]]
id = "walk"
title = "A walk with no destination"
description = "Leave your phones at home and take turns choosing left or right."
place = "out"
cost = "free"
time = "1-3h"
new_to_both = false
"""


def test_packaged_ideas_load_and_are_counted():
    ideas = content.all_ideas()
    assert len(ideas) == 98
    assert len({idea.id for idea in ideas}) == len(ideas)
    assert all(len(idea.title) <= content.TITLE_MAX for idea in ideas)
    report = check_all()
    assert report.problems == []
    assert report.summary["ideas"] == 98


def test_every_place_cost_and_time_has_ideas():
    ideas = content.all_ideas()
    for key, allowed in content.CHOICES.items():
        assert {getattr(idea, key) for idea in ideas} == set(allowed), key


def test_an_operator_override_is_used(override):
    (override / "ideas.toml").write_text(GOOD)
    assert [idea.title for idea in content.all_ideas()] == ["A walk with no destination"]
    assert check_all().summary["ideas"] == 1


def test_a_broken_ideas_file_names_the_file_and_line_of_each_problem(override):
    broken = (
        GOOD
        + '\n[[ideas]]\nid = "walk"\ntitle = "' + "x" * 61 + '"\ndescription = "Again"\n'
        + 'place = "moon"\ncost = "free"\ntime = "1-3h"\nnew_to_both = "yes"\n'
        + '\n[[ideas]]\nid = "Bad Id"\ndescription = ""\nplace = "home"\ncost = "low"\ntime = "forever"\n'
        + "new_to_both = true\ncolour = \"red\"\n"
    )
    path = override / "ideas.toml"
    path.write_text(broken)
    problems = check_all().problems
    expected = [
        f"{path}:11: idea walk appears twice; each id must be unique",
        f"{path}:12: idea walk: title is 61 characters; keep it to 60",
        f"{path}:14: idea walk: place must be one of home, out",
        f"{path}:17: idea walk: new_to_both must be true or false",
        f"{path}:20: idea Bad Id: id must be lower-case letters, digits and dashes, at most 40",
        f"{path}:19: idea Bad Id is missing 'title'",
        f"{path}:21: idea Bad Id is missing 'description'",
        f"{path}:24: idea Bad Id: time must be one of under-1h, 1-3h, half-day, overnight",
        f"{path}:26: idea Bad Id: unknown key 'colour'",
    ]
    for line in expected:
        assert any(problem.startswith(line) for problem in problems), (line, problems)


def test_wrong_types_are_reported_not_crashed_on(override):
    path = override / "ideas.toml"
    path.write_text("[[ideas]]\nid = [1]\ntitle = 5\n")
    problems = check_all().problems
    assert f"{path}:2: idea ? is missing 'id'" in problems
    assert f"{path}:3: idea ? is missing 'title'" in problems


def test_a_syntax_error_points_at_its_line(override):
    path = override / "ideas.toml"
    path.write_text('[[ideas]]\nid = "a"\ntitle = oops\n')
    assert check_all().problems[0].startswith(f"{path}:3:")


def test_a_file_without_ideas_is_reported(override):
    path = override / "ideas.toml"
    path.write_text("# nothing yet\n")
    assert check_all().problems == [f"{path}:1: add at least one idea as an [[ideas]] table"]


def test_filters_combine():
    home_free = content.matching(place="home", cost="free")
    assert home_free and all(i.place == "home" and i.cost == "free" for i in home_free)
    new = content.matching(new_to_both=True)
    assert len(new) == sum(i.new_to_both for i in content.all_ideas())
    assert content.matching() == list(content.all_ideas())
