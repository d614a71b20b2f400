"""storage.sql: multi-row statements and IN lists of a handful of sizes whatever a batch's size."""

from __future__ import annotations

import pytest

from storage.sql import in_powers_of_two, padded_to_power_of_two, values_rows


@pytest.mark.parametrize(("count", "sizes"), [
    (0, []), (1, [1]), (2, [2]), (3, [2, 1]), (7, [4, 2, 1]), (64, [64]), (77, [64, 8, 4, 1]), (130, [64, 64, 2]),
])
def test_a_batch_is_split_into_runs_of_powers_of_two_largest_first(count, sizes):
    rows = list(range(count))
    runs = in_powers_of_two(rows)
    assert [len(run) for run in runs] == sizes
    assert [row for run in runs for row in run] == rows  # in order, each once


def test_values_rows_spells_count_rows_of_width_placeholders():
    assert values_rows(2, 3) == "(?, ?), (?, ?), (?, ?)"


@pytest.mark.parametrize(("values", "padded"), [
    ([], []), ([7], [7]), ([7, 8], [7, 8]), ([7, 8, 9], [7, 8, 9, 9]), ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 5, 5, 5]),
])
def test_an_in_list_is_padded_to_a_power_of_two_with_its_last_value(values, padded):
    assert padded_to_power_of_two(values) == padded
