"""Category groups (lib.categories): the standard list puts free-text categories in groups, staff
can change a category's group, and the Overview's bars never let "Other" be the largest."""
from decimal import Decimal as D

import pytest

from conftest import SMALL
from lib import categories as cg
from lib import store
from lib.filters import NOT_GIVEN, Filters

FY19 = Filters(fy="2019/20")


@pytest.mark.parametrize("category, group", [
    ("Vehicle Repairs", "Vehicles and fleet"), ("Vehicles", "Vehicles and fleet"), ("Tyres", "Vehicles and fleet"),
    ("Software Licences", "ICT and telecoms"), ("IT", "ICT and telecoms"), ("Digital Forensics", "Forensics and investigation"),
    ("Occupational Health", "People and training"), ("Custody Healthcare", "Custody and healthcare"),
    ("FACILITIES MGT : Lifts", "Facilities mgt"),  # a ProClass label names its own group
    ("Residential Care Spot", None),  # "car" is not a word of it: no group, shown by its own name
])
def test_default_groups(category, group):
    assert cg.default_group(category)[0] == group


def test_not_given_is_never_grouped():
    assert cg.default_group(NOT_GIVEN) == (None, "no category given")
    with pytest.raises(ValueError, match="never in a group"):
        cg.set_groups({NOT_GIVEN: "Vehicles and fleet"}, "Sam")


def _item(label, amount, kind="group"):
    return {"label": label, "amount": D(amount), "lines": 1, "members": [label], "kind": kind, "detail": ""}


def test_other_is_never_the_largest_bar():
    # a flat spread of 40 categories no group holds: no cut leaves Other smaller than a bar, so
    # every one is shown rather than an Other that dominates
    items = [_item(f"C{i:02d}", 100 - i) for i in range(40)]
    out = cg.fold_other(items, sum(i["amount"] for i in items))
    assert len(out) == 40 and not any(i["kind"] == "other" for i in out)
    # a long tail: Other is cut where it is small, the rest listed in its detail
    tail = [_item("A", 900), _item("B", 800)] + [_item(f"T{i:02d}", 10, "category") for i in range(30)]
    out = cg.fold_other(tail, sum(i["amount"] for i in tail))
    assert [i["label"] for i in out[:-1]] == ["A", "B"] + [f"T{i:02d}" for i in range(cg.SHOW_AT_LEAST - 2)]
    assert out[-1]["label"] == "Other (20 categories)" and out[-1]["detail"].startswith("T10, T11")
    groups = [_item(f"G{i:02d}", 100 - i) for i in range(11)] + [_item(f"g{i:02d}", 1) for i in range(5)]
    assert cg.fold_other(groups, D(1500))[-1]["label"] == "Other (4 groups, 4 categories)"
    skewed = [_item("A", 5000), _item("B", 2000), _item("C", 900)] + [_item(f"D{i}", 50) for i in range(30)]
    out = cg.fold_other(skewed, sum(i["amount"] for i in skewed))
    other = out[-1]
    assert other["amount"] < max(i["amount"] for i in out[:-1])
    assert other["amount"] * 100 <= cg.OTHER_AT_MOST_PCT * sum(i["amount"] for i in skewed)
    assert sum(i["amount"] for i in out) == sum(i["amount"] for i in skewed)  # nothing lost
    # an Other of one category is that category shown
    assert [i["label"] for i in cg.fold_other([_item("A", 10), _item("B", 1)], D(11))] == ["A", "B"]


def test_groups_on_the_small_store_add_up(small_store):
    df = cg.spend_by_group(small_store, FY19)
    got = {r.label: (r.amount, list(r.members)) for r in df.itertuples()}
    assert got == {"Facilities and estates": (D("2500.50"), ["Utilities"]),
                   NOT_GIVEN: (D("850.25"), [NOT_GIVEN]),
                   "Vehicles and fleet": (D("800.00"), ["Vehicles"]),
                   "ICT and telecoms": (D("499.99"), ["IT"])}
    assert sum(df["amount"]) == SMALL["fy19_total"]
    assert not df["is_other"].any()


def test_staff_choose_a_group(small_store):
    assert cg.set_groups({"IT": "Vehicles and fleet"}, "Sam Jones", small_store) == 1
    df = cg.spend_by_group(small_store, FY19).set_index("label")
    assert df.at["Vehicles and fleet", "amount"] == D("1299.99")
    assert sorted(df.at["Vehicles and fleet", "members"]) == ["IT", "Vehicles"]
    table = cg.mapping_table(small_store, FY19).set_index("category")
    assert table.at["IT", "why"] == "chosen by Sam Jones"
    version = store.cursor(small_store)
    from lib.queries import store_version
    before = store_version(version)
    cg.set_groups({"IT": ""}, "Sam Jones", small_store)  # back to the standard list
    assert cg.mapping_table(small_store, FY19).set_index("category").at["IT", "group"] == "ICT and telecoms"
    assert store_version(version) != before  # cached figures follow the change
    with pytest.raises(ValueError, match="name of who"):
        cg.set_groups({"IT": "X"}, " ", small_store)
