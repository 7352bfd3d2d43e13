"""The benchmark still runs (tiny: 3 couples, 2 requests each). It asserts no time, only its shape."""

from __future__ import annotations

import re

from rekindle import bench


def test_the_bench_measures_every_page_and_ends_with_its_summary_line(db, settings):
    settings.ROOT_URLCONF = "rekindle.lib.bench_urls"
    result = bench.run(3, 2, prepare=False)
    assert {name for name, _ in bench.pages(bench_today())} | set(bench.FLOOR_URLS) == set(result["large"])
    for measured in ("small", "large", "day", "year"):
        for name, (ms, queries, status, wall) in result[measured].items():
            assert status == 200, (measured, name)
            assert queries <= 10, (measured, name, queries)
    last = bench.report(result).splitlines()[-1]
    assert re.fullmatch(r"bench: worst page \S+ [\d.]+× auth floor; worst growth .+ [\d.]+×", last), last


def bench_today():
    from rekindle.lib.dates import local_today

    return local_today("UTC")
