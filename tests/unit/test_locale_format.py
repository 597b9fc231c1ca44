from __future__ import annotations

from facilitator.locale_format import date_long, date_short, number


def test_means_have_a_decimal_comma_in_norwegian_and_a_point_in_english() -> None:
    assert number(3.75) == "3,8"
    assert number(3.75, "nn") == "3,8"
    assert number(3.75, "en") == "3.8"


def test_dates_read_as_norwegians_write_them() -> None:
    assert date_short("2027-01-15") == "15.01.2027"
    assert date_long("2027-01-15") == "15. januar 2027"
    assert date_long("2027-01-15", "en") == "15 January 2027"


def test_a_value_that_is_not_a_date_is_shown_as_typed() -> None:
    assert date_short("neste uke") == "neste uke"
    assert date_long("") == ""
