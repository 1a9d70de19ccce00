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
    ("６．２万人次", "6.2", "万", 62_000, Q.EXACT),  # full-width digits
    ("逾4万家", "4", "万", 40_000, Q.AT_LEAST),
    ("5万人以上", "5", "万", 50_000, Q.AT_LEAST),
    ("不少于15万人次", "15", "万", 150_000, Q.AT_LEAST),
    ("突破120万人", "120", "万", 1_200_000, Q.AT_LEAST),
    ("上万人", "1", "万", 10_000, Q.AT_LEAST),
    ("十余个", "10", "", 10, Q.AT_LEAST),
    ("近8000名", "8000", "", 8_000, Q.APPROXIMATE),
    ("约300亿元", "300", "亿", 30_000_000_000, Q.APPROXIMATE),
    ("2800元左右", "2800", "", 2_800, Q.APPROXIMATE),
    ("3年以内", "3", "", 3, Q.AT_MOST),
    ("不超过20万元", "20", "万", 200_000, Q.AT_MOST),
    ("百分之九十二", "92", "", 92, Q.EXACT),
    ("五成", "5", "成", 50, Q.EXACT),
    ("两千多名", "2000", "", 2_000, Q.AT_LEAST),
    ("2,180场", "2180", "", 2_180, Q.EXACT),
    ("计划500人", "500", "", 500, Q.TARGET),
    ("力争4.5万人", "4.5", "万", 45_000, Q.TARGET),
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


@pytest.mark.parametrize(
    "text, low, high",
    [("3至5万元", 30_000, 50_000), ("数千人", 1_000, 9_000), ("10%—15%", 10, 15)],
    ids=["both-ends-one-scale", "shu-qian", "percent-range"],
)
def test_ranges_keep_both_ends(text, low, high):
    reading = read_number(text)
    assert reading.qualifier is Q.RANGE
    assert (reading.low, reading.high) == (Decimal(low), Decimal(high))
    assert reading.base is None


@pytest.mark.parametrize("text", ["一批", "一次性", "四川", "零就业", "一些", "清零"])
def test_words_that_contain_a_numeral_are_not_numbers(text):
    assert find_numbers(text) == []


def test_a_modal_word_reaches_no_further_than_its_sentence():
    readings = find_numbers("预计今年有毕业生3万人，同比增加2000人。去年培训1万人次。")
    assert [r.qualifier for r in readings] == [Q.PROJECTED, Q.PROJECTED, Q.EXACT]


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


def test_a_target_already_reached_is_not_a_target():
    (reading,) = find_numbers("全省吸纳就业完成年度目标任务的105%")
    assert reading.qualifier is Qualifier.EXACT
    (planned,) = find_numbers("全省目标任务为新增就业5万人")
    assert planned.qualifier is Qualifier.TARGET


@pytest.mark.parametrize(
    "text, value, scale, unit",
    [
        ("城鎮新增就業45萬人", 45, "万", "人"),  # 萬 is 万
        ("發放創業擔保貸款226億元", 226, "亿", "元"),  # 億 is 亿
        ("新建服務站1500餘個", 1500, "", "个"),  # 餘 after the figure: at least
    ],
    ids=["wan", "yi", "yu"],
)
def test_traditional_characters_read_as_their_simplified_forms(text, value, scale, unit):
    (reading,) = find_numbers(text)
    assert (reading.numeral, reading.scale, reading.unit_word) == (value, scale, unit)
    assert reading.printed in text  # printed as the text prints it, in traditional characters
