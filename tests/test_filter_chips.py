"""The active filters in words (lib.filters): chips, removing one, what a drill-down added, and
what a page does not apply."""
from datetime import date

import pytest

from lib.filters import (USES_ALL, USES_NONE, USES_ONE_YEAR, USES_YEAR, Filters, chips, drill_added, scope_note,
                         without)

NAMES = {"k-vs": "Victim Support", "k-ab": "Acme Bolts Ltd"}


def test_no_filter_no_chip():
    assert chips(Filters()) == []


def test_one_chip_per_filter_in_the_bar_order_with_supplier_names():
    f = Filters(fy="2025/26", month_from=date(2025, 4, 1), month_to=date(2025, 6, 1),
                departments=("Operations",), suppliers=("k-vs", "k-ab"))
    assert [c.label for c in chips(f, NAMES)] == [
        "2025/26", "Months: Apr 2025–Jun 2025", "Department: Operations",
        "Supplier: Victim Support", "Supplier: Acme Bolts Ltd"]
    assert [c.label for c in chips(Filters(month_from=date(2025, 6, 1), month_to=date(2025, 6, 1)))] == [
        "Month: Jun 2025"]


def test_many_values_make_one_chip_that_removes_them_all():
    f = Filters(categories=tuple(f"c{i}" for i in range(58)), departments=("A", "B"))
    cs = chips(f)
    assert [c.label for c in cs] == ["Department: A", "Department: B", "58 categories"]
    assert without(f, cs[2]) == Filters(departments=("A", "B"))


def test_a_supplier_without_a_name_shows_its_key():
    assert chips(Filters(suppliers=("k-zz",)), NAMES)[0].label == "Supplier: k-zz"


def test_removing_a_chip_removes_only_that_filter():
    f = Filters(fy="2025/26", month_from=date(2025, 5, 1), departments=("A", "B"), suppliers=("k-vs",))
    by = {c.label: c for c in chips(f, NAMES)}
    assert without(f, by["Department: A"]) == f.replace(departments=("B",))
    assert without(f, by["Supplier: Victim Support"]) == f.replace(suppliers=())
    assert without(f, by["Months: May 2025–end"]) == f.replace(month_from=None)
    # the year removed is every year, and the months of that year go with it
    assert without(f, by["2025/26"]) == Filters(departments=("A", "B"), suppliers=("k-vs",))


def test_what_a_drill_added_in_words():
    before = Filters(fy="2025/26")
    assert drill_added(before, before.replace(suppliers=("k-vs",)), NAMES) == "Added supplier: Victim Support"
    month = Filters(fy="2024/25", month_from=date(2024, 6, 1), month_to=date(2024, 6, 1))
    assert drill_added(before, month) == "Added year: 2024/25 · month: Jun 2024; removed year: 2025/26"
    two = Filters(departments=("A", "B"))
    assert drill_added(two, Filters(departments=("A",))) == "Removed department: B"
    assert drill_added(two, two) == "The filters are unchanged"


@pytest.mark.parametrize("uses", [USES_ALL, USES_YEAR, USES_ONE_YEAR])
def test_nothing_to_say_when_a_page_applies_the_only_filter(uses):
    assert scope_note(Filters(fy="2025/26"), uses) is None


def test_scope_note_names_the_filters_a_page_does_not_apply():
    f = Filters(fy="2025/26", month_from=date(2025, 6, 1), departments=("A",), suppliers=("k-vs",))
    assert scope_note(f, USES_ALL) is None
    assert scope_note(f, USES_YEAR) == "Showing 2025/26. The month, department and supplier filters do not apply here."
    assert scope_note(Filters(departments=("A",)), USES_YEAR, "2025/26") == (
        "Showing 2025/26, the latest year: this page shows one year at a time. "
        "The department filter does not apply here.")
    assert scope_note(Filters(departments=("A",)), USES_ONE_YEAR, "2025/26") == (
        "Showing 2025/26, the latest year: this page shows one year at a time.")
    assert scope_note(f, USES_ONE_YEAR) is None
    assert scope_note(f, USES_NONE) == "The filters above do not apply here."
    assert scope_note(Filters(), USES_NONE) is None
    # a store with no spend has no latest year: nothing to say (it printed a lone full stop)
    assert scope_note(Filters(), USES_ONE_YEAR, None) is None
    assert scope_note(Filters(), USES_YEAR, None) is None
    with pytest.raises(ValueError):
        scope_note(f, "some")
