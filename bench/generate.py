"""Generate valid, realistic metrics files of any size for benchmarks (never committed).

python -m bench.generate 100000 bench/generated/facts-100k.yaml
python -m bench.generate 20000 bench/generated/facts-20k-varied.yaml --varied   # metric_zh as curators word them
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from metrics.catalogue.load import END_MARKER

HEADER = "# Generated for benchmarks (regions as codes; units, categories and the typology as data)."
"""The first line; a file with another was written by an older generator and is written again."""
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "metrics.yaml"
REGIONS = (
    "210000",
    "370832",
    "440000",
    "640000",
    "420000",
    "513400",
    "110000",
    "330100",
    "500000",
    "650000",
    "430000",
    "530000",
)
"""Twelve provinces (one named by a county, two by a prefecture), as GB/T 2260 codes."""
PERIODS = ("2021", "2022-06", "2022-09-30", "2022-01/2022-10")


def _vocabulary() -> list[str]:
    """The shipped file's vocabularies (``units`` to ``indicators``), as its lines."""
    text = SHIPPED.read_text(encoding="utf-8")
    start, end = text.index("\nunits:\n"), text.index("\nprogrammes:\n")
    return text[start + 1 : end].rstrip().splitlines()


LEVELS = ("province", "city", "county", "institution", "company")
INTERVENTIONS = ("services", "training", "employment-incentives", "skills-certification", "talent-recruitment")
TARGET_GROUPS = ("graduates", "rural-labour", "workers", "incumbent-workers")

# (quote template, value kind, scale, unit, category, qualifier, metric, metric_zh)
TEMPLATES = [
    (
        "已对接离校未就业毕业生{v}余人",
        "int",
        None,
        "persons",
        "people",
        "at_least",
        "Graduates contacted",
        "已对接毕业生",
    ),
    (
        "累计开展焊工培训{v}万余人次",
        "small",
        "万",
        "person-times",
        "person-times",
        "at_least",
        "Welder training",
        "焊工培训",
    ),
    ("全省共有{v}家企业", "int", None, "organisations", "organisations", "exact", "Enterprises registered", "备案企业"),
    (
        "举办各类线上和线下招聘活动{v}余场",
        "int",
        None,
        "events",
        "activities",
        "at_least",
        "Recruitment events",
        "招聘活动",
    ),
    (
        "今年预计有普通高校毕业生{v}万人",
        "decimal",
        "万",
        "persons",
        "people",
        "projected",
        "Graduates expected",
        "毕业生",
    ),
    ("最高月工资可达{v}万元", "small", "万", "yuan", "money", "at_most", "Top monthly wage", "最高月工资"),
    ("确保就业服务率均达{v}%", "percent", None, "percent", "rates", "target", "Service rate target", "就业服务率"),
    ("帮助数万人就业", "range", "万", "persons", "people", "range", "People employed", "帮助就业"),
    ("在校学生超过{v}人", "int", None, "persons", "people", "at_least", "Students enrolled", "在校学生"),
    ("开拓新岗位增量{v}个", "int", None, "positions", "jobs", "exact", "New positions", "新岗位"),
    (
        "职业技能等级认定累计{v}万人次",
        "decimal",
        "万",
        "person-times",
        "person-times",
        "exact",
        "Assessments",
        "技能认定",
    ),
]


CORES = (
    ("对接毕业生", "走访毕业生", "登记失业人员", "帮扶就业困难人员"),
    ("焊工培训", "技能培训", "开展补贴性职业技能培训", "电商培训"),
    ("备案企业", "服务用人单位", "参与企业", "认定创业园区"),
    ("招聘活动", "组织招聘会", "送岗下乡活动", "直播带岗"),
    ("毕业生", "普通高校毕业生", "离校未就业毕业生", "应届毕业生"),
    ("最高月工资", "月平均工资", "稳岗奖励", "创业担保贷款"),
    ("就业服务率", "帮扶率", "见习留用率", "目标完成率"),
    ("帮助就业", "带动就业", "吸纳就业", "转移就业"),
    ("在校学生", "在读学员", "参加见习", "参训学员"),
    ("新岗位", "提供岗位", "公益性岗位", "见习岗位"),
    ("技能认定", "职业技能等级认定", "获证", "新增技能人才"),
)
"""For each template, what its facts may count: with a group and a modifier, about 4,000 distinct metric_zh."""
GROUPS = (
    "",
    "高校毕业生",
    "农村劳动力",
    "脱贫人口",
    "退役军人",
    "返乡人员",
    "失业人员",
    "残疾人",
    "务工人员",
    "企业职工",
    "青年",
    "妇女",
    "易地搬迁群众",
    "新就业形态劳动者",
)
MODIFIERS = ("", "", "累计", "新增", "全年", "全省", "线上", "每个")
PROGRAMME_WORDS = {  # a varied file's programme names: group, kind and number
    "services": "就业服务专项行动",
    "training": "职业技能提升行动",
    "employment-incentives": "稳岗扩岗补贴",
    "skills-certification": "技能等级认定",
    "talent-recruitment": "人才引进计划",
}


def _metric_zh(template: int, rng: random.Random) -> str:
    """A curator's metric_zh for a fact of ``template``: a modifier, a group and what is counted."""
    return rng.choice(MODIFIERS) + rng.choice(GROUPS) + rng.choice(CORES[template])


def _programme_zh(p: int) -> str:
    return f"{GROUPS[p % len(GROUPS)]}{PROGRAMME_WORDS[INTERVENTIONS[p % len(INTERVENTIONS)]]}{p}"


def _value(kind: str, rng: random.Random) -> str:
    if kind == "int":
        return str(rng.randint(1, 50_000))
    if kind == "small":
        return str(rng.randint(1, 99))
    if kind == "decimal":
        return f"{rng.randint(1, 3000)}.{rng.randint(1, 9)}"
    if kind == "percent":
        return str(rng.randint(50, 100))
    return "null"


def generate(n_facts: int, seed: int = 2022, varied: bool = False) -> str:
    """A metrics file with ``n_facts`` facts over about ``n_facts / 20`` programmes. Each fact's metric_zh is its
    template's with a number; ``varied``, it is worded as a curator would (a modifier, a group and what is counted,
    from ``MODIFIERS``, ``GROUPS`` and ``CORES``: a realistic pool for suggestions by likeness), and programmes are
    named by their group and kind."""
    rng = random.Random(seed)
    n_programmes = max(4, n_facts // 20)
    lines = [HEADER, "sources:"]
    for region in REGIONS:
        lines += [
            f"  - id: src-{region}",
            "    publisher: 经济日报 (Economic Daily)",
            "    page: Employment page",
            '    published: "2022-11"',
            f"    headline: {region} 就业报道",
            "    byline: 本报记者",
        ]
    lines += _vocabulary()
    if "indicators:" not in lines:
        lines.append("indicators:")
    for i, template in enumerate(TEMPLATES):  # each fact's indicator is its template's category and number
        lines += [
            f"  - id: {template[4]}-{i}",
            f"    name_en: {template[6]}",
            f"    name_zh: {template[7]}",
            "    definition_en: A generated indicator.",
            "    definition_zh: 生成的指标。",
            f"    unit: {template[3]}",
            f"    measure: {'participants' if template[3] in ('persons', 'person-times') else 'activities'}",
        ]
    lines.append("programmes:")
    for p in range(n_programmes):
        region = REGIONS[p % len(REGIONS)]
        lines += [
            f"  - id: prog-{p}",
            f'    region: "{region}"',
            f"    name_zh: {_programme_zh(p) if varied else f'就业项目{p}'}",
            f"    name_en: Employment programme {p}",
            f"    level: {LEVELS[p % len(LEVELS)]}",
            f"    intervention: {INTERVENTIONS[p % len(INTERVENTIONS)]}",
            f"    target_group: {TARGET_GROUPS[p % len(TARGET_GROUPS)]}",
            f"    place: Place {p}",
        ]
    lines.append("facts:")
    for f in range(n_facts):
        p = rng.randrange(n_programmes)
        region = REGIONS[p % len(REGIONS)]
        quote, kind, scale, unit, category, qualifier, metric, metric_zh = TEMPLATES[f % len(TEMPLATES)]
        value = _value(kind, rng)
        lines += [
            f"  - id: fact-{f}",
            f'    region: "{region}"',
            f"    programme: prog-{p}",
            f"    metric: {metric} {f % 97}",
            f"    metric_zh: {_metric_zh(f % len(TEMPLATES), rng) if varied else f'{metric_zh}{f % 97}'}",
            f"    value: {value}",
        ]
        if scale:
            lines.append(f"    scale: {scale}")
        lines += [
            f"    unit: {unit}",
            f"    qualifier: {qualifier}",
            f"    category: {category}",
            f"    measure: {'participants' if unit in ('persons', 'person-times') else 'activities'}",
            f"    indicator: {category}-{f % len(TEMPLATES)}",
            f'    as_of: "{PERIODS[f % len(PERIODS)]}"',
            f"    quote: {quote.format(v=value)}",
            f"    source: src-{region}",
        ]
        if f < 12:
            lines.append("    headline: true")
    lines.append(END_MARKER)
    return "\n".join(lines) + "\n"


def write(n_facts: int, path: Path, varied: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate(n_facts, varied=varied), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("facts", type=int, help="how many facts")
    parser.add_argument("path", type=Path, help="where to write the file")
    parser.add_argument("--varied", action="store_true", help="metric_zh worded as curators word them")
    args = parser.parse_args(argv)
    print(write(args.facts, args.path, args.varied))


if __name__ == "__main__":
    main()
