"""The filters row atop every staff page in AppTest, on the small store: the active filters as
chips, a chip's × and Clear all, a drill-down's note and its way back, and what a page does not apply."""
from apptools import metrics, open_app


def _chips(at) -> dict:
    return {b.label: b for b in at.button if (b.key or "").startswith("chip_") and b.key != "chip_clear"}


def _scope_notes(at) -> list[str]:
    """The notes saying which filters do not apply (lib.ui.chips.scope_caption)."""
    return [c.value for c in at.caption if c.value.startswith(":material/info:")]


def _notes(at) -> str:
    return " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)


def test_the_year_is_a_chip_and_its_x_shows_every_year(small_store):
    at = open_app()
    assert list(_chips(at)) == ["2020/21"]
    assert metrics(at)["Total spend"].value == "£1.50k"
    _chips(at)["2020/21"].click().run()
    assert at.selectbox(key="flt_fy").value == "All years"
    assert _chips(at) == {} and "All years, all spend" in _notes(at)
    assert metrics(at)["Total spend"].value == "£6.15k"  # 2019/20's £4,650.74 and 2020/21's £1,500


def test_a_drill_says_what_it_added_and_goes_back(small_store):
    at = open_app()
    at.selectbox(key="flt_fy").select("2019/20").run()
    at.selectbox(key="ov_dept_pick").select("Operations (£1,550.25)").run()
    at.button(key="ov_dept_go").click().run()
    assert not at.exception
    assert list(_chips(at)) == ["2019/20", "Department: Operations"]
    assert "Added department: Operations." in _notes(at)
    assert metrics(at)["Lines"].value == "3"
    at.button(key="drill_back").click().run()
    assert at.multiselect(key="flt_departments").value == []
    assert at.selectbox(key="flt_fy").value == "2019/20"  # the year chosen before the drill stays
    assert list(_chips(at)) == ["2019/20"] and "Added department" not in _notes(at)
    assert metrics(at)["Lines"].value == "6"


def test_a_chip_removes_one_filter_and_clear_all_every_one(small_store):
    at = open_app("pages/transactions.py")
    at.selectbox(key="flt_fy").select("2019/20").run()
    at.multiselect(key="flt_departments").select("Operations").run()
    assert metrics(at)["Lines"].value == "3"
    _chips(at)["Department: Operations"].click().run()
    assert list(_chips(at)) == ["2019/20"] and metrics(at)["Lines"].value == "6"
    at.multiselect(key="flt_departments").select("Operations").run()
    at.button(key="chip_clear").click().run()
    assert _chips(at) == {} and at.selectbox(key="flt_fy").value == "All years"
    assert metrics(at)["Total"].value == "£6,150.74"


def test_a_page_says_which_filters_it_does_not_apply(small_store):
    at = open_app("pages/scorecard.py")
    at.multiselect(key="flt_departments").select("Operations").run()
    assert _scope_notes(at) == [":material/info: Showing 2020/21. The department filter does not apply here."]
    at.switch_page("pages/data.py").run()
    assert _scope_notes(at) == [":material/info: The filters above do not apply here."]
    at.switch_page("pages/overview.py").run()
    assert not _scope_notes(at)


def test_suppliers_applies_the_filters(small_store):
    at = open_app("pages/suppliers.py")
    assert "of £1,500.00 (by value, under the filters)" in metrics(at)["Matched to the register"].help
    at.selectbox(key="flt_fy").select("2019/20").run()
    assert "of £4,650.74 (by value, under the filters)" in metrics(at)["Matched to the register"].help
    at.multiselect(key="flt_departments").select("Operations").run()
    assert "of £1,550.25 (by value, under the filters)" in metrics(at)["Matched to the register"].help
    assert not _scope_notes(at)


def test_a_page_with_its_own_year_box_opens_on_the_filter_bars_year(small_store):
    """Transparency, the Monthly spend list, Redactions and Snapshot and briefing have their own year box
    (the bar does not filter them): it opens on the bar's year and follows it, so the chip at the top and the
    page never name two years; a year picked in the box holds until the bar's year changes."""
    at = open_app()
    at.selectbox(key="flt_fy").select("2019/20").run()
    for page, key in (("pages/transparency.py", "pub_fy"), ("pages/spend_list.py", "list_fy"),
                      ("pages/redactions.py", "red_fy"), ("pages/publish.py", "pubx_fy")):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert list(_chips(at)) == ["2019/20"] and at.selectbox(key=key).value == "2019/20", page
    at.switch_page("pages/transparency.py").run()
    assert metrics(at)["Payments"].value == "6"
    at.selectbox(key="pub_fy").select("2020/21").run()  # picked in the box: holds
    assert at.selectbox(key="pub_fy").value == "2020/21" and metrics(at)["Payments"].value == "2"
    at.run()
    assert at.selectbox(key="pub_fy").value == "2020/21"
    at.selectbox(key="flt_fy").select("All years").run()  # 'All years' names no one year: the box keeps its own
    assert at.selectbox(key="pub_fy").value == "2020/21"
    at.selectbox(key="flt_fy").select("2019/20").run()  # the bar's year changed: the box follows
    assert at.selectbox(key="pub_fy").value == "2019/20"
