from decimal import Decimal

import pytest

from metrics.articles.numbers import Qualifier, find_numbers, parse_chinese_numeral, read_number

Q = Qualifier

# (printed form, numeral as printed, scale, base value or None, qualifier)
READINGS = [
    ("40.6 万", "40.6", "万", 406_000, Q.EXACT),  # space left by PDF extraction
    ("1804万", "1804", "万", 18_040_000, Q.EXACT),
    ("138.18万人次", "138.18", "万", 1_381_800, Q.EXACT),
    ("百余", "100", "", 100, Q.AT_LEAST),
    ("千余", "1000", "", 1_000, Q.AT_LEAST),
    ("2万余", "2", "万", 20_000, Q.AT_LEAST),  # 余 after the scale
    ("1600余场", "1600", "", 1_600, Q.AT_LEAST),
    ("400多", "400", "", 400, Q.AT_LEAST),
    ("超过800", "800", "", 800, Q.AT_LEAST),
    ("数万", None, "万", None, Q.RANGE),
    ("6万元", "6", "万", 60_000, Q.EXACT),
    ("100%", "100", "", 100, Q.EXACT),
    ("三个", "3", "", 3, Q.EXACT),
    ("3年内", "3", "", 3, Q.AT_MOST),
    ("预计40.6万人", "40.6", "万", 406_000, Q.PROJECTED),
    ("1.5亿", "1.5", "亿", 150_000_000, Q.EXACT),
]


@pytest.mark.parametrize(
    "text, numeral, scale, base, qualifier", READINGS, ids=[r[0].replace(" ", "_") for r in READINGS]
)
def test_reads_printed_forms(text, numeral, scale, base, qualifier):
    reading = read_number(text)
    assert reading.numeral == (None if numeral is None else Decimal(numeral))
    assert reading.scale == scale
    assert reading.base == (None if base is None else Decimal(base))
    assert reading.qualifier is qualifier


def test_tens_of_thousands_is_a_range_not_a_number():
    reading = read_number("数万人")
    assert (reading.low, reading.high) == (Decimal(10_000), Decimal(90_000))


def test_at_least_has_no_upper_bound():
    assert read_number("3400余人").high is None


@pytest.mark.parametrize(
    "text",
    ["", "万", "余", "about 40", "40.6万 and 11万", "数"],
    ids=["empty", "scale-alone", "qualifier-alone", "english", "two-numbers", "shu-alone"],
)
def test_refuses_text_that_is_not_one_number(text):
    with pytest.raises(ValueError, match="not a number form"):
        read_number(text)


@pytest.mark.parametrize(
    "text, value",
    [("一", 1), ("十", 10), ("二十", 20), ("百", 100), ("千", 1000), ("一千二百三十四", 1234), ("两", 2)],
    ids=["one", "ten", "twenty", "hundred", "thousand", "compound", "liang"],
)
def test_parses_chinese_numerals(text, value):
    assert parse_chinese_numeral(text) == value


# (clause, printed forms found, qualifier of the last one)
CLAUSES = [
    ("确保跟踪回访率和就业服务率均达100%", ["100%"], Q.TARGET),
    ("最高月工资可达6万元", ["6万元"], Q.AT_MOST),
    ("预计2023年底杨嘉汽车可申请发明专利1项，实用新型专利10项", ["2023年", "1项", "10项"], Q.PROJECTED),
    ("目前广东技能人才总数已达1804万人", ["1804万人"], Q.EXACT),  # 已达 reports, it does not aim
    ("毕业生 举办各类线上和线下招聘活动 1600\n\n余场", ["1600余场"], Q.AT_LEAST),
]


@pytest.mark.parametrize(
    "clause, printed, qualifier", CLAUSES, ids=["target", "at-most", "projected", "reached", "broken-line"]
)
def test_finds_numbers_in_clauses_with_their_wording(clause, printed, qualifier):
    readings = find_numbers(clause)
    assert [r.printed for r in readings] == printed
    assert readings[-1].qualifier is qualifier
