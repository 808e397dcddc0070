from datetime import datetime

import pytest

from refugee_map.domain import hours


def test_ranges_and_several_slots_are_read_and_written_back():
    parsed = hours.parse("Mo-We 09:00-12:00,14:00-16:00; Sa 10:00-13:00")
    assert parsed["Tu"] == [["09:00", "12:00"], ["14:00", "16:00"]]
    assert "Th" not in parsed
    assert hours.format(parsed) == (
        "Mo 09:00-12:00,14:00-16:00; Tu 09:00-12:00,14:00-16:00; "
        "We 09:00-12:00,14:00-16:00; Sa 10:00-13:00"
    )


def test_empty_text_means_no_fixed_hours():
    assert hours.parse("") == {}
    assert hours.format({}) == ""


@pytest.mark.parametrize(
    "text",
    ["Xx 09:00-10:00", "Mo 12:00-09:00", "Mo 25:00-26:00", "Mo 09:00-11:00,10:00-12:00", "Mo"],
)  # fmt: skip
def test_hours_that_make_no_sense_are_refused(text):
    with pytest.raises(hours.HoursError):
        hours.parse(text)


def test_is_open_compares_the_local_time_with_the_day_slots():
    week = hours.parse("Mo 09:00-12:00")
    monday = datetime(2026, 11, 23, 10, 30)
    assert hours.is_open(week, monday)
    assert not hours.is_open(week, monday.replace(hour=12))
    assert not hours.is_open(week, datetime(2026, 11, 24, 10, 30))


def test_following_days_with_the_same_slots_share_a_row():
    week = hours.parse(
        "Mo-We 09:00-12:00; Th 09:00-12:00,14:00-16:00; Fr 09:00-12:00; Su 10:00-11:00"
    )
    assert hours.grouped(week) == [
        ("Mo", "We", [["09:00", "12:00"]]),
        ("Th", "Th", [["09:00", "12:00"], ["14:00", "16:00"]]),
        ("Fr", "Fr", [["09:00", "12:00"]]),
        ("Su", "Su", [["10:00", "11:00"]]),
    ]


def test_a_day_without_hours_ends_a_row():
    week = hours.parse("Mo-Tu 09:00-12:00; Th-Fr 09:00-12:00")
    assert hours.grouped(week) == [
        ("Mo", "Tu", [["09:00", "12:00"]]),
        ("Th", "Fr", [["09:00", "12:00"]]),
    ]
    assert hours.grouped({}) == []


WEEKDAYS_AND_SATURDAY = "Mo-Fr 10:00-17:00; Sa 10:00-13:00"
MONDAY = datetime(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (MONDAY.replace(hour=11), (True, "Mo", "17:00")),
        (MONDAY.replace(hour=8), (False, "Mo", "10:00")),  # later today
        (MONDAY.replace(hour=17), (False, "Tu", "10:00")),  # closing time is closed
        (datetime(2026, 11, 28, 14), (False, "Mo", "10:00")),  # Saturday after closing
        (datetime(2026, 11, 29, 9), (False, "Mo", "10:00")),  # Sunday
    ],
)
def test_next_change_says_when_an_offer_closes_or_opens_next(moment, expected):
    assert hours.next_change(hours.parse(WEEKDAYS_AND_SATURDAY), moment) == expected


def test_next_change_follows_slots_past_midnight_and_round_the_clock():
    late = hours.parse("Fr 20:00-24:00; Sa 00:00-02:00")
    assert hours.next_change(late, datetime(2026, 11, 27, 23)) == (True, "Sa", "02:00")
    always = hours.parse("Mo-Su 00:00-24:00")
    assert hours.next_change(always, MONDAY) == (True, None, None)
    assert hours.next_change({}, MONDAY) == (False, None, None)
    only_monday = hours.parse("Mo 09:00-10:00")
    assert hours.next_change(only_monday, MONDAY.replace(hour=11)) == (False, "Mo", "09:00")
