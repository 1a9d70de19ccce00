"""The page's own words in both languages it speaks (no data text here): headings, help, notes and names."""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "zh"]

TEXT: dict[str, dict[Lang, str]] = {
    "title": {"en": "Regional employment programmes, {years}", "zh": "{years}年地方就业项目"},
    "tab_title": {"en": "Regional employment programmes", "zh": "地方就业项目"},
    "choose": {"en": "Choose", "zh": "请选择"},
    "all_kinds": {"en": "All kinds", "zh": "全部类型"},
    "symbols": {
        "en": "Markers: ● exact, ▶ at least, ◀ at most, ◆ about, ◉ projected, ★ target, a solid line between two "
        "printed ends for a range; a dotted line across a decade for an order of magnitude (数万: somewhere in it).",
        "zh": "标记：● 确数，▶ 不少于，◀ 不超过，◆ 约数，◉ 预计，★ 目标，实线连接原文给出的区间两端；"
        "虚线横跨一个数量级，表示原文只给出量级（如“数万”）。",
    },
    "subtitle": {
        "en": "Figures from {publishers}, {period}. Click a dot to read the clause it was printed in; "
        "the table gives every figure's.",
        "zh": "数据来自{publishers}（{period}）。点击图中圆点可查看数字所在原文；表格列出每个数字的原文。",
    },
    "findings": {"en": "In one line per region", "zh": "各地一句话概要"},
    "matrix": {"en": "What each region does", "zh": "各地做什么"},
    "matrix_help": {
        "en": "Programmes by kind of intervention (Eurostat/OECD labour market policy categories, and two additions): "
        "how many each region runs, and the largest reach among them. Hover over or tap a square to list its "
        "programmes.",
        "zh": "按干预类型（欧盟统计局/经合组织劳动力市场政策分类，另加两类）归类的项目："
        "各地项目个数及其中最大的服务人数。鼠标悬停或轻触方块可列出项目。",
    },
    "reach": {"en": "How many people each programme reaches", "zh": "各项目服务多少人"},
    "reach_help": {
        "en": "One dot per programme: its headline participants figure. Persons and person-times are separate "
        "panels, each with its own axis; a log axis where figures span a hundredfold. Population figures such as "
        "graduates expected are context, not reach, and are not drawn. Hover over a dot for its figure; click it "
        "to see its clause.",
        "zh": "每个点代表一个项目的主要参与人数。“人”与“人次”分开绘制，各有坐标轴；数值相差百倍以上时用对数轴。"
        "预计毕业生等背景数字不是服务人数，不绘出。悬停圆点可见数字，点击可看原文。",
    },
    "reach_unit": {"en": "Participants, in {unit}", "zh": "参与人数（{unit}）"},
    "person_times_note": {
        "en": " (one person counts once per course or assessment)",
        "zh": "：同一人每参加一次计一次",
    },
    "reach_per_resident": {"en": "Participants per {n} residents", "zh": "每{n}常住人口参与人数"},
    "per_residents": {"en": "per {n} residents", "zh": "每{n}人"},
    "reach_scale": {"en": "Show reach", "zh": "显示方式"},
    "as_printed": {"en": "As printed", "zh": "原文数字"},
    "per_resident_option": {"en": "Per 10,000 residents", "zh": "每万常住人口"},
    "denominator": {
        "en": "Divided by each area's resident population for the same year:",
        "zh": "除以同一年份各地常住人口：",
    },
    "no_denominator": {
        "en": "Per-resident figures need a resident population for the same area and year; missing here:",
        "zh": "按人口折算需要同一地区、同一年份的常住人口，以下缺少：",
    },
    "no_reach": {
        "en": "No programme in this selection reports how many people it serves.",
        "zh": "所选范围内没有项目报告服务人数。",
    },
    "reach_no_figure": {
        "en": "No dot for {regions}: no programme there reports how many people it reaches. Their figures are in "
        "the cards and the table below.",
        "zh": "{regions}没有圆点：当地没有项目报告服务人数。其数字见下方卡片和表格。",
    },
    "reach_cut": {
        "en": "Not drawn: {regions}, past the {n} dots a panel holds. Choose fewer regions to see them here; their "
        "figures are in the table below.",
        "zh": "未绘出：{regions}，超出每栏{n}个点的上限。减少所选地区即可在此看到；其数字见下表。",
    },
    "reach_shown_of": {"en": " · {shown} of {total} programmes", "zh": " · 共{total}个项目，绘出{shown}个"},
    "more_in_table": {
        "en": "+{n} more: choose this kind in the sidebar, and the table lists them all",
        "zh": "另有{n}项：在侧栏选择此类型，下表列出全部",
    },
    "more_named": {"en": "+{n} more with a reach", "zh": "另{n}项有服务人数"},
    "programme_count": {"en": "{n} prog.", "zh": "{n}个项目"},
    "like_with_like": {"en": "Same indicator, several regions", "zh": "同一指标的地区对比"},
    "like_left_out": {
        "en": "{n} more indicators that several regions share are not drawn here: choose fewer regions or kinds "
        "to see them, or find their figures in the table.",
        "zh": "另有{n}项多个地区共有的指标未在此绘出：减少所选地区或类型即可看到，全部数字见下表。",
    },
    "shown_of": {"en": " · largest {shown} of {total}", "zh": " · 最大的{shown}个（共{total}个）"},
    "clause": {"en": "The clause it was printed in", "zh": "原文出处"},
    "unknown_interventions": {
        "en": "The link names kinds of intervention that are not in this data:",
        "zh": "链接中的以下干预类型不在本数据中：",
    },
    "interventions": {"en": "Kinds of intervention", "zh": "干预类型"},
    "regions": {"en": "Regions", "zh": "地区"},
    "sources": {"en": "Articles", "zh": "报道"},
    "over_time": {"en": "Over time", "zh": "历年变化"},
    "unknown_regions": {
        "en": "The link names regions that have no figures here, or that are not regions of China:",
        "zh": "链接中的以下地区在本数据中没有数字，或不是中国的行政区：",
    },
    "no_regions": {
        "en": "No region selected. Pick one or more regions in the sidebar to see their figures.",
        "zh": "未选择地区。请在侧栏选择一个或多个地区。",
    },
    "no_facts": {"en": "No figures match these filters.", "zh": "没有符合筛选条件的数据。"},
    "cards": {"en": "Programmes", "zh": "项目概览"},
    "table": {"en": "All figures with their sources", "zh": "全部数据及出处"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "download_xlsx": {"en": "Download spreadsheet (XLSX)", "zh": "下载电子表格（XLSX）"},
    "download_package": {"en": "Download data package (zip)", "zh": "下载数据包（zip）"},
    "errors": {"en": "The data file has problems", "zh": "数据文件有误"},
    "data_url": {
        "en": "The same CSV at a plain URL on this server (also .json and datapackage.zip):",
        "zh": "同一份 CSV 的固定网址（另有 .json 与 datapackage.zip）：",
    },
    "being_written": {
        "en": "A newer version of the data file is still being written; this page shows the last complete one.",
        "zh": "数据文件的新版本仍在写入中；本页显示的是上一个完整版本。",
    },
    "errors_help": {
        "en": "Nothing is drawn until these are fixed. Each line gives file:line:column.",
        "zh": "修正以下问题后才会显示图表。每行给出 文件:行:列。",
    },
    "source": {"en": "Source", "zh": "出处"},
    "printed": {"en": "Printed", "zh": "原文"},
    "colon": {"en": ": ", "zh": "："},
    "card_more": {"en": "Programmes in all: {n}. Every figure is in the table.", "zh": "共{n}个项目，全部数字见下表。"},
    "cards_help": {
        "en": "Figures the charts do not draw (context, providers, outcomes), each with its programme.",
        "zh": "图中未绘出的数字（背景、实施主体、成效），均注明所属项目。",
    },
    "page": {"en": "Table page", "zh": "表格页码"},
    "rows": {"en": "rows", "zh": "行"},
    "targets": {"en": "Did each region do what it planned?", "zh": "各地是否完成了计划？"},
    "targets_help": {
        "en": "Official indicators that the reports print with a target: each region's results by period, the "
        "year's target beside them and the share of the target reached as printed. Solid bars are whole years; "
        "hatched bars are part of a year, labelled by their period and never added to the year; outlined bars "
        "are targets.",
        "zh": "报告中既有结果又有目标的官方指标：各地分时期的结果、当年目标及原文所载完成目标的比例。"
        "实心条为全年数，斜线条为年内部分时期（按原文时期标注，不与全年数相加），空心条为目标。",
    },
    "of_target": {"en": "{share} of target", "zh": "完成目标{share}"},
    "part_of_year": {"en": "part of the year", "zh": "年内部分时期"},
    "years": {"en": "Years", "zh": "年份"},
    "all_years": {"en": "All years", "zh": "全部年份"},
    "unknown_years": {
        "en": "The link names years the data has no figures for; they are left out:",
        "zh": "链接中的以下年份没有数据，已忽略：",
    },
}

QUALIFIER_NAMES: dict[str, dict[Lang, str]] = {
    "exact": {"en": "exact", "zh": "确数"},
    "at_least": {"en": "at least", "zh": "不少于"},
    "at_most": {"en": "at most", "zh": "不超过"},
    "projected": {"en": "projected", "zh": "预计"},
    "target": {"en": "target", "zh": "目标"},
    "range": {"en": "range", "zh": "区间"},
    "approximate": {"en": "about", "zh": "约"},
    "magnitude": {"en": "order of magnitude", "zh": "数量级"},
}


def text(key: str, lang: Lang) -> str:
    return TEXT[key][lang]
