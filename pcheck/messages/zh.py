"""中文措辞：每条消息按编号给出（见 :mod:`pcheck.messages`）。

The Chinese wording of every message, by id, as a statistics or science bureau
writes it. Like ``en.py`` it imports nothing of pcheck; the operators' words come
from their registry (:func:`pcheck.messages.catalog`)."""

from __future__ import annotations

_PERIODS = (
    "请写累计期（2024、2024Q2、2024H1、2024-06、2024年、2024年1-6月、"
    "2024年上半年、2024年前二季度、截至2024年6月末）或单期"
    "（2024年二季度、2024年4-6月、2024年6月当月）"
)

MESSAGES: dict[str, str] = {
    # -- 状态 ----------------------------------------------------------------------------
    "status.pass": "通过",
    "status.at_risk": "有风险",
    "status.fail": "未达标",
    "status.no_data": "无数据",
    # -- 提示 ----------------------------------------------------------------------------
    "hint.none": "",
    "hint.did-you-mean": "；是否指 {names}？",
    "hint.did-you-mean-ids": "；是否指 {ids}？",
    # -- 文件 ----------------------------------------------------------------------------
    "file.unreadable": "无法读取文件：{reason}",
    "file.not-a-file": "不是普通文件",
    "file.too-large": "文件超过 {limit} 字节",
    "file.too-many": "本文件另有 {count} 个问题未列出",
    # -- 写出的报告 ----------------------------------------------------------------------
    "output.is-input": "这是输入文件 {input}，写报告会覆盖它",
    "output.directory": "是一个目录；请给出报告的文件名",
    "output.failed": "无法写入报告：{reason}",
    "output.stdout-failed": "pcheck：无法写入标准输出：{reason}",
    # -- 单个数值 ------------------------------------------------------------------------
    "number.empty": "数值为空",
    "number.formula": "{text!r} 是电子表格公式，不是数字",
    "number.scientific": "{text!r} 是科学计数法，不精确；请写出完整数字",
    "number.separators": "{text!r} 的千位分隔符位置不对",
    "number.space": "{text!r} 的数字中间有空格",
    "number.invalid": "{text!r} 不是数字",
    "number.too-long": "{text!r} 超过 {limit} 位数字，pcheck 无法精确比较",
    "unit.unknown": "未知单位 {unit!r}",
    "unit.inconvertible": "无法将 {source} 换算为 {target}",
    "period.invalid": "{text!r} 不是期间；" + _PERIODS,
    "period.day": (
        "{text!r} 是某一天，而期间应为月、季、半年或年（某月第一天或最后一天的日期代表该月）；"
        + _PERIODS
    ),
    "period.backwards": "{text!r}：月份从 {first} 倒退到 {last}；" + _PERIODS,
    "period.single": (
        "{text!r} 仅为 {year} 年 {first} 至 {last} 月的单期数；请给出累计数，如 {year}年1-{last}月"
    ),
    "period.year-range": "{text!r}：年份 {year} 超出范围",
    "period.month-range": "{text!r}：月份 {month} 超出范围",
    # -- YAML ----------------------------------------------------------------------------
    "yaml.not-utf8": "不是 UTF-8 编码（第 {byte} 字节）：请将文件另存为 UTF-8",
    "yaml.syntax": "YAML 语法错误：{detail}",
    "yaml.invalid": "YAML：{detail}",
    "yaml.alias": "不允许使用锚点和别名",
    "yaml.documents": "一个文件只能包含一个 YAML 文档",
    "yaml.tag": "不允许使用标签 {tag!r}",
    "yaml.depth": "嵌套超过 {limit} 层",
    "yaml.key": "键必须是普通的词",
    "yaml.duplicate-key": "键 {key!r} 重复",
    "yaml.whole-number": "{text!r} 不是普通整数",
    "key.unknown": "未知的键 {key!r}{hint}",
    "key.missing": "缺少 {key!r}",
    "value.mapping": "{what}必须是键值映射",
    "value.list": "{key!r} 必须是列表",
    "value.text": "{key!r} 必须是非空字符串",
    "value.texts": "{key!r} 必须是字符串或字符串列表",
    "value.number": "{key!r} 必须是数字，而不是 {value!r}",
    "value.choice": "{key!r} 必须是 {choices} 之一，而不是 {value!r}",
    "value.year": "'year' 必须是年份",
    "thing.key": "{key!r} ",
    "thing.target-file": "目标文件",
    "thing.target": "目标",
    "thing.metrics-file": "指标文件",
    "thing.metric": "指标",
    "thing.regions-file": "地区文件",
    "thing.region": "地区",
    # -- 目录（指标与地区） ----------------------------------------------------------------
    "metric.unknown": "未知指标 {metric!r}{hint}",
    "metric.kind": "缺少 'kind'：flow（流量）或 level（存量）",
    "metric.id": "指标编号 {id!r} 必须是小写下划线形式",
    "metric.twice": (
        "指标 {id!r} 定义了两次；如要为其补充别名或界限，请写 'extends: {id}' 而不是 'id'"
    ),
    "metric.extends-id": (
        "请给出 'id'（新指标）或 'extends'（补充别名或界限的已有指标），不能同时给出"
    ),
    "metric.extends-fixed": (
        "扩展不能改变 {metric} 的 {key}（现为 {current!r}，而非 {given!r}）；请另行定义"
        "一个新编号的指标"
    ),
    "metric.extends-widens": (
        "{key!r} {value} 会放宽该指标的界限（{key} {bound}）；扩展只能收窄界限"
    ),
    "metric.bounds": "'min' {low} 大于 'max' {high}",
    "metric.name-taken": "{name!r} 已是指标 {other} 的名称（名称比较不区分大小写）",
    "region.unknown": "未知地区 {region!r}{hint}",
    "region.ambiguous": "地区 {region!r} 有歧义：可能是 {candidates}{more}；请使用代码",
    "region.more": " 等另 {count} 个",
    "region.abolished": "{old} 已于 {year} 年撤销；按 {new} 读取",
    "region.renamed": "{old} 已于 {year} 年更名；按 {new} 读取",
    "region.abolished-since": "{old} 已于 {year} 年撤销；其区域现属 {new}",
    "region.abolished-split": (
        "{old} 已于 {year} 年撤销；其区域现分属 {candidates}{more}：请使用所指地区的代码"
    ),
    "region.abolished-several": (
        "{region!r} 所指的地区已不再使用，其区域现分属 {candidates}{more}：请使用所指地区的代码"
    ),
    "region.abolished-gone": "{old} 已于 {year} 年撤销，且无记录说明由哪个地区承继；请使用现行代码",
    "region.standard-name": "{code} 在 GB/T 2260 中为 {name}；请省略 'name' 或照此填写",
    "region.standard-parent": "{code} 在 GB/T 2260 中隶属 {parent}；请省略 'parent'",
    "region.no-parent": "无上级地区",
    "region.code": "{code!r} 不是六位 GB/T 2260 代码",
    "region.twice": "地区 {code!r} 定义了两次",
    "region.parent": "地区 {code} 的上级 {parent} 未知",
    "region.cycle": "地区 {code} 隶属于其自身：{chain}",
    "catalog.no-region": "没有与 {search!r} 匹配的地区{hint}",
    "catalog.no-metric": "没有与 {search!r} 匹配的指标",
    # -- 配置 ----------------------------------------------------------------------------
    "config.unreadable": "无法读取配置：{reason}",
    "config.targets": "{name}：'targets' 是目标文件所在的文件夹，应为文本",
    "config.key": "配置中有未知的键 {key!r}；可用的键为 {known}",
    "config.choice": "{key} 必须是 {known} 之一",
    "config.table": "[{key}] 必须是文本组成的表",
    "config.column": "列 {column!r} 不能表示 {role!r}；请使用 {known} 之一",
    # -- 目标文件 ------------------------------------------------------------------------
    "targets.not-a-directory": "不是存放目标文件的目录",
    "document.needs": "'document' 需要 {key!r}",
    "target.duplicate-id": "目标编号 {id!r} 已在 {where} 使用",
    "target.unknown": "没有目标 {id!r}{hint}",
    "target.no-metric": "'metric' 必须指明一个指标（求和时可为多个）",
    "target.reference-self": "'reference' 是该目标自身的指标 {metric}：目标不能以自身为门槛",
    "target.id": "编号 {id!r} 必须为小写：a-z、0-9、. _ -",
    "target.value-and-reference": "请给出 'value' 或 'reference'，不能同时给出",
    "target.op-reference": "'op' {op!r} 不接受 'reference'",
    "target.between": "'between' 的值应为 [下限, 上限]，且下限 < 上限",
    "target.unit": "单位 {unit} 无法换算为 {metric} 的单位 {metric_unit}",
    "target.growth-unit": "增长目标以 % 计",
    "target.growth-shape": "增长目标只取一个指标和一个数值",
    "target.baseline": "基数用于增长目标，或给出跨年目标起算的、目标年份之前的年份",
    "target.each-year": "'each_year_from' {first} 晚于目标年份 {year}",
    "target.each-year-path": "逐年目标没有基期年份，也不累计",
    "baseline.value-unit": "基数的 'value' 和 'unit' 须同时给出",
    "baseline.empty": "基数需要 'value' 和 'unit'，或 'year'，或两者都有",
    "baseline.after": "基数年份必须早于目标年份 {year}",
    "milestone.order": "阶段目标须按年份先后列出，每年一次",
    "milestone.year": "阶段目标的年份须在起点 {start} 之后、{year} 之前",
    "milestone.no-start": (
        "阶段目标需要一条路径：请给出带年份的基数，或 'accumulated_from'；否则请把每个"
        "阶段目标写成各自年份的目标"
    ),
    "milestone.average-growth": "年均增长没有阶段目标",
    "accumulated.after": "'accumulated_from' {first} 晚于目标年份 {year}",
    "accumulated.shape": "跨年累计从零开始：没有基数，也没有增长基期",
    "accumulated.flow": "只有流量（某年的数量）才能跨年累计",
    "accumulated.growth": "跨年累计按线性推进：每年份额相同",
    "method.one-year": "'method' 用于描绘跨年目标的路径：请给出带年份的基数，或 'accumulated_from'",
    "method.average-growth": "年均增长是恒定增长：不能用 'linear'",
    "method.growth-positive": "恒定增长路径只能连接大于零的数值",
    "course.reference": "跨年目标应给出数值，而不是 'reference'",
    "course.between": "跨年目标是下限或上限，不能用 'between'",
    "target.sum-kinds": "求和把流量与存量相加",
    "target.reference-kind": "{reference} 与该指标不是同一类（流量或存量）",
    "target.range": "{value} {unit} 超出 {metric} 的可能范围",
    "target.stretch": "力争值必须高于目标值",
    "target.stretch-tier": "带力争值的目标本身属于基本档（base）",
    "target.tolerance": "'tolerance'（>= 0）只用于 op 'approx'",
    "target.band": "'band' 是小于 1 的比例，如 0.1",
    "lint.override": "地区或年份与文件的不同；请加注释说明原因",
    "lint.growth-of-rate": "{metric} 的增长，而它本身是百分比：通常指的是百分点的变化",
    "lint.source-name": "来源 {source!r} 必须是来源目录中的文件名",
    "lint.source-missing": "来源 {source!r} 不在 {directory} 中",
    "lint.source-unreadable": "无法读取来源 {source!r}：{reason}",
    "lint.quote-missing": "引文不在 {source} 中（空白与拼音除外）",
    "lint.figure-missing": "引文没有写出目标的数值 {figure} {unit}",
    "lint.figure-missing-stretch": (
        "引文既没有写出目标的数值 {figure} {unit}，也没有写出力争值 {stretch}"
    ),
    # -- 数据文件 ------------------------------------------------------------------------
    "data.utf16": "文件是 UTF-16 编码；请另存为 UTF-8 CSV",
    "data.binary": "文件是二进制文件，不是 CSV 文本",
    "data.encoding": "既不是 UTF-8 也不是 GB18030 文本；请另存为 UTF-8 CSV",
    "data.encoding-changes": (
        "不是有效的 {encoding}（此前文本的编码）：文件中途换了编码，或有字节损坏"
    ),
    "data.csv": "无法读取的 CSV：{detail}",
    "csv.quote-unclosed": "本记录中的引号直到文件末尾或 {limit} 个字符内都未闭合",
    "csv.quote-runs-on": (
        "一个带引号的字段使本记录跨了 {lines} 行，有 {found} 个字段，而表头有 {width} 个；"
        "有多余的引号或引号未闭合"
    ),
    "csv.line-too-long": "该行超过 {limit} 字节",
    "data.empty": "文件为空",
    # -- 工作簿（.xlsx、.xlsm、.xlsb、.xls、.ods） ------------------------------------------
    "workbook.unreadable": "无法读取工作簿：{reason}",
    "workbook.not-a-file": "不是普通文件；工作簿须从文件读取",
    "workbook.not-a-workbook": "不是工作簿：该文件不是压缩的 .{kind} 文件",
    "workbook.encrypted": "工作簿设有密码保护；请另存为无密码的文件",
    "workbook.too-large": "工作簿解压后为 {size} 字节，超过 pcheck 读取的上限 {limit} 字节",
    "workbook.bomb": "部件 {part!r} 解压后为压缩大小的 {ratio} 倍：按压缩炸弹拒绝",
    "workbook.too-many-cells": (
        "该工作表延伸到单元格 {last}，距 A1 超过 {limit} 个单元格；请删除远离表格的单元格"
    ),
    "workbook.no-such-sheet": "没有工作表 {sheet!r}；工作表有：{sheets}",
    "workbook.hidden-sheet": "该工作表已隐藏，未读取；如需读取请用 --sheet 指明",
    "workbook.sheet-unreadable": "无法读取该工作表：{reason}",
    "header.delimiter": "各列以{separator}分隔；CSV 需要逗号",
    "separator.semicolons": "分号",
    "separator.tabs": "制表符",
    "separator.bars": "竖线",
    "header.unknown": "未知列 {column!r}；可用的列为 {known}",
    "header.twice": "列 {column!r} 出现两次",
    "header.missing": "缺少列：{columns}",
    "layout.long": "长表：每行一个数，位于数值列",
    "layout.metrics": "指标分列：{count} 列以指标命名的数（{columns}…）",
    "layout.periods": "期间分列：{count} 列以期间命名的数（{columns}…）",
    "layout.missing": (
        "{layout}，但没有{roles}：请作为一列给出、写在表格上方的行中"
        "（地区：…、指标：…、时间：…），或写入配置（[tool.pcheck.data]）"
    ),
    "layout.above": "表格上方另列：{text}",
    "layout.column-skipped": "未读取列 {column!r}：{reason}",
    "layout.growth": "该列是增长率，而非数值",
    "layout.not-figures": "其表头既非指标、期间，也非已知列（请在 [tool.pcheck.columns] 中指明）",
    "layout.mixed": "表格中其他数值列属于另一类",
    "row.total": "{label!r} 是合计，不是地区：未读取",
    "row.item": "{label!r} 是上一行的分项，不是地区：未读取",
    "row.growth": "{label!r} 是增长率行，不是数值：未读取",
    "file.unpublished": "{count} 个数未公布（…、—、-、空）：视为无数据，绝不当作零；位于 {places}",
    "file.marked": "{count} 个数带有注释标记，已去掉标记读取：{places}",
    "file.notes": "第 {first}–{last} 行是表格下方的注释：未读取",
    "row.ragged": "应有 {width} 个字段，实有 {found} 个",
    "row.future": "{period!r} 尚未到来",
    "row.unit-mismatch": "数值写的是 {written}，而单位列写的是 {column}",
    "row.unit-for-metric": "{reason}（指标 {metric}）",
    "row.range": "{value} 超出 {metric} 的范围 [{low}, {high}] {unit}",
    "row.duplicate": "重复了 {region} {metric} {period} 的数，另见 {where}",
    "row.year-to-date-falls": (
        "{region} {metric} 从 {higher}（{earlier}）降到 {lower}（{later}；另一行在 {where}）："
        "累计数不会下降；其中是否有单期数？"
    ),
    "row.conflict": "与 {where} 冲突：{region} {metric} {period} 再次给出为 {value} {unit}",
    "row.accumulated": "{region} {metric}：{period} 累计读作 {value}，为 {rows} 各数之和",
    "row.single-unchained": (
        "{region} {metric}：{year} 年 {first} 至 {last} 月的单期数无法读作累计数："
        "缺少第 {months} 月的数；请给出累计数"
    ),
    "row.single-disagrees": (
        "{region} {metric}：{period} 的累计数为 {given}（位于 {where}），"
        "但 {rows} 各数之和为 {built}；采用累计数"
    ),
    "row.single-inconsistent": (
        "{region} {metric}：各单期数相加得出 {period} 的不同数值（{values}）；均不采用"
    ),
    "row.single-duplicate": (
        "重复了 {region} {metric} {year} 年 {first} 至 {last} 月单期的数，另见 {where}"
    ),
    "row.single-conflict": (
        "与 {where} 冲突：{region} {metric} {year} 年 {first} 至 {last} 月单期的数再次"
        "给出为 {value}；均不采用"
    ),
    # -- 规划文件 ------------------------------------------------------------------------
    "plan.kind": "pcheck 不读取 {suffix!r} 类规划文件（可读：{suffixes}）",
    "plan.binary": "文件是二进制文件（含 NUL 字节），不是文本",
    "plan.encoding": "不是 {encodings} 文本：第 {byte} 字节不是有效的 {encoding}",
    "plan.docx-not-zip": "不是 .docx 文件：不是 zip 压缩包",
    "plan.docx-damaged": ".docx 压缩包已损坏：{reason}",
    "plan.docx-part": "不是 .docx 文件：缺少 {part}",
    "plan.docx-entries": "压缩包中的条目多于文档应有的数量（至多 {limit} 个）",
    "plan.docx-too-large": "文档的 XML 解压后超过 {limit} 字节",
    "plan.docx-dtd": "{part} 含有文档类型声明，而 .docx 从不含此声明",
    "plan.docx-xml": "{part}：第 {line} 行第 {column} 列 XML 无效：{detail}",
    # -- 评估 ----------------------------------------------------------------------------
    "nothing.no-rows": "{files} 中没有数据行：无可评估",
    "nothing.no-targets": "{where}没有目标：无可评估",
    "nothing.other-years": (
        "{where}没有 {year} 年的目标：有目标的年份为 {years}；请试 --year {suggestion}"
    ),
    "nothing.in": "{region}",
    "reason.no-figure": "{region} {metric} 缺少 {year} 年的数",
    "reason.no-figure-since": "{region} {metric} 缺少 {first} 至 {last} 年的数",
    "reason.no-base": "缺少目标起算年 {year} 的全年数",
    "reason.growth-base": "恒定增长路径只能连接大于零的数值，无法从 {start} 年的数起算",
    "reason.growth-unreadable": "无法从这些数算出 {start} 年以来的年均增长",
    "reason.sum-missing": "跨年累计需要 {year} 年的数",
    "reason.sum-partial": "跨年累计需要全年数，而不是 {period}",
    "reason.unreadable-rows": "{reason}；有 {count} 行相关数据无法读取",
    "reason.periods-apart": "所需的数属于不同期间：{periods}",
    "reason.no-baseline": "增长需要基数：缺少 {period} 的 {metric} 数，目标中也没有基数",
    "reason.zero-baseline": "基数为零时无法计算增长（{basis}）",
    "reason.pace": (
        "截至 {period} 为 {actual}：完成全年目标 {goal} 的 {progress}，时间过去 {elapsed}（序时进度"
        " {pace}）"
    ),
    "reason.course": (
        "{period} 为 {actual}，按从 {start} 年 {base} 到 {due} 年 {goal} 的路径（{method}），"
        "此时应达 {expected}"
    ),
    "reason.course-growth": "{start} 年至 {period} 年均 {actual}，目标为到 {due} 年年均 {goal}",
    "reason.course-sum": (
        "{first} 至 {period} 累计 {actual}，对照到 {due} 年累计 {goal} 此时应达的 {expected}"
    ),
    "method.linear": "线性",
    "method.growth": "恒定增长",
    # 规划中期评估的分类，原文如此。
    "outlook.achieved": "已提前实现",
    "outlook.ahead": "快于预期",
    "outlook.on_track": "基本符合预期",
    "outlook.behind": "滞后于预期",
    "reason.pass": "{period} 为 {actual}，达到目标 {goal}",
    "reason.at_risk": "{period} 为 {actual}，接近目标 {goal}",
    "reason.fail": "{period} 为 {actual}，未达到目标 {goal}",
    "goal.value": "{op}{value}",
    "goal.between": "介于 {low} 与 {high} 之间",
    "goal.reference": "{goal}（{reference}）",
    "goal.growth": "增长{goal}",
    "basis.same-period": "比 {period}",
    "basis.prorated": "比 {year} 年按时间折算至全年的 {share}",
    "basis.stated": "比给定基数 {baseline}",
    "basis.stated-prorated": "比给定基数 {baseline} 按时间折算至全年的 {share}",
    "note.growth": "同比增长，{basis}",
    "note.above-band": "高于区间 {value} ± {tolerance}",
    "note.unreadable-rows": "该目标有 {count} 行数据无法读取",
    "note.reached": "目标已于 {period} 达到（{value}）",
    # 从规划文本起草目标文件（pcheck extract）。
    "extract.past-heading": "位于回顾性标题 {heading} 之下",
    "extract.past-opener": "句子以 {words} 开头：为过去的数",
    "extract.past-cue": "{words}：为过去的数",
    "extract.ordinal": "序数（第…），不是目标",
    "extract.name": "引号中名称的一部分，不是目标",
    "extract.document-number": "文号的一部分，不是目标",
    "extract.framing": "统计规划覆盖范围的数，不是目标",
    "extract.threshold": "修饰名词的门槛，不是目标",
    "extract.no-year": "文本没有写明目标年份：请给出 --year",
    "extract.no-region": "文本没有写明 pcheck 已知的地区：请给出 --region",
    "extract.check-op": "没有动词说明如何比较；按“不低于”读取",
    "extract.check-metric": "目录中没有与 {phrase} 匹配的指标；已建议新增指标",
    "extract.check-points": "百分点的变化：请写成要达到的水平",
    "extract.check-reference": "与 {reference} 相比：请指明所比较的指标",
    "extract.check-yearly-average": "多年的年均增速",
    "extract.draft-header": (
        "由 pcheck extract 从 {source} 起草：请核对每一行标有 check 的内容，然后运行 pcheck targets"
        " lint --sources"
    ),
    "extract.proposals-header": "目录中没有的指标，建议加入 catalog/metrics.yaml：",
    "extract.passed-header": "未采用的数及原因：",
    "extract.proposals-kept": "已存在，因此下列 {count} 个建议指标未写入：请补充草稿需要的指标",
    "extract.check-title": "文本没有写明标题",
    "extract.check-issuer": "文本没有写明发文机关",
    "extract.check-date": "文本没有写明日期；以规划年份代替",
    "extract.check-table": "取自表格中 {year} 年一列",
    "extract.check-cumulative": "规划期累计数，不是某一年的数",
    "extract.table-without-goals": "位于没有目标列的表格中",
    "extract.check-each-year": "每年的目标（每年）：按规划年份的一个目标读取",
    "extract.year-said": "文本为该目标给出的年份",
    "extract.check-baseline": (
        "按文本所述，自 {year} 年的 {value} 起跨年推进：请核对该数确为当年的数"
    ),
    "extract.check-accumulated": "{first}–{year} 年各年数之和：请核对累计的年份",
    "extract.check-average-growth": "{start} 至 {year} 年的年均增长：请核对规划年份",
    "extract.check-each-year-from": "{first} 至 {year} 年每年目标相同：每年一个目标（编号-年份）",
    "extract.check-milestone": (
        "规划还为 {year} 年设定了 {value}：已另列为一个目标（或改作本目标的阶段目标）"
    ),
    "extract.page-furniture": "文件所在网页的其他内容，不是目标",
    "extract.check-metric-unit": "建议指标的单位（{unit}）是推测的",
    # -- 填报表（pcheck template） ---------------------------------------------------------
    "template.goal": "{ids} 的数",
    "template.reference": "{ids} 所比较的数",
    "template.baseline": "上年数，{ids} 增长的基数",
    "template.start": "{ids} 起算的数",
    "template.period-year": "{period} 不在 --year 给出的 {year} 年内",
    "extract.headline": "统领下文的数，不是目标",
    "extract.baseline": "规划的起点（由…提高到），不是目标",
    "extract.past-year": "关于 {year} 年，早于规划期：为过去的数",
    # -- 语言与帮助 ----------------------------------------------------------------------
    "goal.growth-short": "增长{goal}",
    "goal.growth-yearly": "年均增长{goal}",
    "goal.stretch-tier": "力争{goal}",
    "goal.stretch-value": "{goal} 力争{stretch}",
    "tier.base": "基本",
    "tier.stretch": "力争",
    "show.name": "名称",
    "show.metric": "指标",
    "show.region": "地区",
    "show.year": "年份",
    "show.goal": "目标",
    "show.path": "路径",
    "show.tier": "档次",
    "show.quote": "原文",
    "show.document": "文件",
    "show.issued": "发文",
    "show.source": "来源",
    "show.note": "备注",
    "show.defined": "定义于",
    "show.summed-from": "自 {first} 年起累计",
    "show.from": "自 {year} 年的 {value} 起",
    "show.data-figure": "数据中的数",
    "show.milestone": "{year} 年 {value}",
    "summary.files": "{count} 个文件",
    "summary.rows": "{count} 行",
    "summary.targets": "{count} 个目标",
    "summary.checked": "已检查 {counted}：{errors} 个错误，{warnings} 个警告",
    "summary.column": "列 {column}：{message}",
    "progress.reading": "正在读取 {file}",
    "progress.judging": "正在评估目标",
    "cli.errors": "pcheck：输入中有 {count} 个错误",
    "cli.band": "{value!r} 不是 0 至 1（不含）之间的比例，如 0.1",
    "cli.drafts-folder": "{folder} 不是目录（给出了多个规划文件）",
    "cli.not-a-directory": "{folder} 不是目录",
    "help.usage": "用法：",
    "help.options": "选项",
    "help.commands": "命令",
    "help.arguments": "位置参数",
    "help.default": "默认",
    "help.env-var": "环境变量",
    "help.help": "显示本帮助并退出。",
    "help.version": "显示版本并退出。",
    "help.cli": (
        "对照统计数据，检查科技工作计划中的量化目标。\n\n"
        "\b\n"
        "pcheck evaluate data/2024Q2.csv     对照数据评估目标\n"
        "pcheck validate data/2024Q2.csv     检查数据 CSV 文件\n"
        "pcheck targets list                 列出目标\n"
        "pcheck targets show ID              查看一个目标的全部信息\n"
        "pcheck targets lint [DIR]           检查目标文件\n"
        "pcheck template --period 2024H1     生成目标所需数据的 CSV 填报表\n"
        "pcheck extract plan.txt             从规划文本起草目标文件\n"
        "pcheck catalog regions [SEARCH]     列出和查找地区\n\n"
        "退出码：0 无未达标；1 有目标未达标（见 --fail-on），或 validate、lint 发现问题；"
        "2 用法错误、输入无效或无可评估；3 内部错误；130 被中断。"
    ),
    "help.lang": (
        "报告和消息的语言：zh 或 en。默认取配置中的 lang，否则取区域设置"
        "（LC_ALL、LC_MESSAGES、LANG：zh_* 为中文）。帮助在读取选项之前生成：请用 PCHEC"
        "K_LANG 设置其语言。"
    ),
    "help.targets": (
        "目标文件所在目录（可含 catalog/ 文件夹）。默认：项目自己的目录（pcheck.toml、"
        "[tool.pcheck] 或 targets/ 文件夹，从工作目录向上找到仓库根目录为止），否则为 p"
        "check 自带的目标。"
    ),
    "help.year": "只评估该年份的目标（evaluate 默认取数据中最新的年份）。",
    "help.region": "只评估该地区及其下辖地区的目标（代码、名称或别名：330000、浙江省、Zhejiang）。",
    "help.verbose": (
        "同时列出读取文件时另列的内容：识别的版式、表格上方的行和下方的注释、合计行、增长率行；"
        "evaluate 的表格：每个目标下方都给出原因。"
    ),
    "help.color": "为表格着色：auto 在终端中着色，除非设置了 NO_COLOR（FORCE_COLOR 强制着色）。",
    "help.format": (
        "table 供人阅读；json 供程序读取（见 README：JSON output）；markdown 用于拉取请求评论；"
        "csv、junit、github 和 html 用于持续集成系统；xlsx 为工作簿（须配合 --output）。"
    ),
    "help.sheet": (
        "只读取工作簿（.xlsx、.xls、.ods …）中的该工作表；可重复给出。不给则读取所有可见工作表。"
    ),
    "help.strict": "警告也算失败（退出码 1）。",
    "help.evaluate.short": "对照 FILE（CSV、工作簿）中的数据评估目标。",
    "help.evaluate": (
        "对照 FILE（CSV 或工作簿，一个或多个；- 表示从标准输入读取 CSV）中的数据评估目标。\n\n"
        "评估的是数据中最新年份的目标，或 --year 指定年份的目标。每个目标按数据中该年最"
        "新的期间评估："
        "通过、有风险、未达标或无数据。流量指标按已过去的时间比例（序时进度）评估。"
        "无可评估时（没有数据行，或该地区、年份没有目标）退出码为 2，消息会列出有目标的年份。\n\n"
        "表格先列各地区概况；未达标或无数据的目标下方给出原因（--verbose：每个目标下方都给出；"
        "--quiet：只列概况）。"
    ),
    "help.quiet": "表格：只列各地区概况和合计。",
    "help.evaluate.output": "把报告写入该文件（原子写入；- 表示标准输出）。不能是输入文件之一。",
    "help.evaluate.fail-on": "目标未达标时以 1 退出，或有风险时也以 1 退出，或从不。",
    "help.evaluate.at-risk-band": (
        "低于进度多少算有风险而非未达标，以门槛的比例表示。默认 0.1；目标自身的 'band' 优先。"
    ),
    "help.validate.short": "检查数据文件，不评估目标。",
    "help.validate": (
        "检查数据文件（CSV 或工作簿，pcheck 可读的任何版式；- 表示从标准输入读取 CSV）"
        "，不评估目标。\n\n"
        "列出每个文件的每个问题：编码、分隔符、列、字段数不齐的行、无法精确读取的数字、"
        "指标不能使用的单位、无法解析或尚未到来的期间、超出指标界限的数值、"
        "未知的指标和地区（附最接近的已知名称），以及同一地区、指标和期间出现两次"
        "（数值不同为错误，相同为警告）。无问题时退出码为 0，发现问题时为 1。"
    ),
    "help.validate.format": "text：文件:行:列: error[代码]: 消息；json；github：工作流命令。",
    "help.convert.short": "把从数据文件读到的内容写成一个长表 CSV。",
    "help.convert": (
        "读取 FILE（CSV 或工作簿，pcheck 可读的任何版式），把读到的每个数写成一个长表 CSV"
        "（带 BOM 的 UTF-8）：地区、指标、期间、以指标单位计的数值及读取位置。"
        "无法读取的内容写到标准错误，与 validate 的列法相同；CSV 只含读到的内容，"
        "可供人工核对、存档，并可直接用于评估。"
    ),
    "help.convert.output": (
        "把 CSV 写入该文件（原子写入；- 或不给表示标准输出）。不能是输入文件之一。"
    ),
    "help.extract.short": "从规划文本（.txt、.html、.docx）起草目标文件。",
    "help.extract": (
        "为每个规划文本 FILE 起草目标文件：每个量化目标一条，含原文、比较方式、数值、单"
        "位、档次和年份，"
        "凡需审核之处加“# check:”注释。过去的数（上年回顾、已、同比 …）不采用；--all 列"
        "出它们及原因。\n\n"
        "每个文件都读取成功时退出码为 0，有文件无法读取时为 2。"
    ),
    "help.extract.region": "目标所属地区（代码、名称或别名）；默认取文本写明的地区。",
    "help.extract.year": (
        "目标年份；默认取文本规划的年份（文本为某目标给出的年份，如 到2027年，仍以其为准）。"
    ),
    "help.extract.output": (
        "把草稿写入该文件而不是标准输出。YAML 草稿建议的指标会加入同目录的 catalog/metrics.yaml；"
        "多个规划的 YAML 草稿写入该目录，每个一个文件。"
    ),
    "help.extract.all": "同时列出未采用的数及原因。",
    "help.template.short": "生成目标所需数据的 CSV 填报表。",
    "help.template": (
        "生成目标所需数据的 CSV 填报表，供工作人员填写。\n\n"
        "每个数一行：地区代码和名称、指标、期间、空的数值、指标单位、空的来源，以及该数的用途"
        "（使用它的目标）。未给基数的增长目标还需上年数；与另一指标比较的目标还需该指标的数。"
        "表头为数据可能使用的中文表头（地区、指标、期间、数值、单位…），文件为带字节顺"
        "序标记的 UTF-8，"
        "便于 Excel 打开。填好后即可直接用于 validate 和 evaluate。"
    ),
    "help.template.period": (
        "数据所属期间：2024、2024H1、2024Q3、2024-06、2024年1-6月… 默认：年末（--year，"
        "否则为有目标的最新年份）。"
    ),
    "help.template.output": (
        "把填报表写入该文件（原子写入；- 表示标准输出）。不能是目标文件或目录文件。"
    ),
    "help.targets-group": "列出、查看和检查目标。",
    "help.targets.list": "列出目标，每个一行。",
    "help.targets.show": "查看一个目标的全部信息，含原文和来源。",
    "help.targets.lint.short": "检查目标文件所在目录。",
    "help.targets.lint": (
        "检查目标文件所在目录（默认：--targets，否则为从工作目录向上找到的项目目录，否"
        "则为自带目标）。\n\n"
        "报告每个结构错误、未知指标或地区、重复编号、指标不能使用的单位或数值、与指标不"
        "符的比较方式，"
        "附文件、行和列；并对合法但可能有误之处给出警告。给出 --sources 时，还检查每条原文是否见于"
        "其来源文件（各文件的 document.source），以及是否写出目标的数值。"
        "无问题时退出码为 0，发现问题时为 1。"
    ),
    "help.targets.lint.sources": "来源文件（.txt、.html、.docx）所在目录：对照来源核对每条原文。",
    "help.catalog.short": "列出和查找地区与指标。",
    "help.catalog": "列出和查找目标文件和数据可使用的地区与指标。",
    "help.catalog.format": "table 供人阅读；json 供程序读取。",
    "help.catalog.regions.short": "列出或查找地区（GB/T 2260 及自定义地区）。",
    "help.catalog.regions": (
        "列出地区（GB/T 2260 的全部地区，及目标目录中目录文件定义的地区），或 SEARCH 找到的地区："
        "代码或其开头（3301），或名称、简称、英文名、别名中的文字（西湖、hangzhou）；"
        "逐级相连的名称（杭州西湖区）找到其所指的地区。找到时退出码为 0，否则为 1。"
    ),
    "help.catalog.abolished": "同时列出已停用的代码和名称，及其区域现属的地区。",
    "help.catalog.metrics.short": "列出或查找指标。",
    "help.catalog.metrics": (
        "列出指标（自带指标，及目标目录中目录文件定义的指标），或编号、名称、英文名、别"
        "名中含 SEARCH 的指标"
        "（研发、intensity）。找到时退出码为 0，否则为 1。"
    ),
    # -- 网页报告与工作簿 --
    "page.title": "规划目标与统计数据对照",
    "page.made": "报告生成于{time}",
    "page.summary": "概览",
    "page.targets": "{count}项目标",
    "page.total": "合计",
    "page.rows": "读取{rows}行，{unmatched}行未被任何目标使用，{errors}行有错误。",
    "page.legend": (
        "条形表示目标完成比例；黑色刻度表示到本期应完成的比例。达标率：有数据的目标中达标的比例。"
    ),
    "page.data": "数据",
    "page.stdin": "标准输入",
    "page.no-digest": "未再次读取：无 SHA-256",
    "page.document": "《{title}》，{issuer}印发，{date}",
    "page.quote": "规划原文",
    "page.remaining": "距目标还差{amount}",
    "page.problems": "输入中的问题（{count}）",
    "page.column.region": "地区",
    "page.column.on-track": "达标率",
    "page.column.status": "状态",
    "page.column.target": "目标",
    "page.column.actual": "实际值",
    "page.column.goal": "目标值",
    "page.column.gap": "与应完成值之差",
    "page.column.progress": "进度",
    "sheet.region": "地区代码",
    "sheet.region-name": "地区",
    "sheet.id": "目标编号",
    "sheet.name": "目标",
    "sheet.document": "文件",
    "sheet.year": "年份",
    "sheet.status": "状态代码",
    "sheet.status-words": "状态",
    "sheet.period": "期间",
    "sheet.actual": "实际值",
    "sheet.unit": "单位",
    "sheet.goal": "目标值",
    "sheet.goal-text": "目标（原文）",
    "sheet.due": "到本期应完成值",
    "sheet.gap": "与应完成值之差",
    "sheet.gap-unit": "差值单位",
    "sheet.progress": "进度",
    "sheet.remaining": "距目标还差",
    "sheet.reason": "原因",
    "sheet.quote": "原文",
    "sheet.sources": "数据来源",
    "sheet.file": "文件",
    "sheet.sheet": "工作表",
    "sheet.line": "行",
    "sheet.column": "列",
    "sheet.severity": "级别",
    "sheet.code": "代码",
    "sheet.message": "说明",
    "output.workbook-file": (
        "工作簿只能写入文件：请用 --output FILE（或用 --output - 传给其他程序）"
    ),
    "output.workbook-writer": "工作簿报告需要 XlsxWriter：pip install 'pcheck-plans[xlsx]'",
    "time.epoch": "SOURCE_DATE_EPOCH 不是自1970年起的整数秒：{value}",
    # -- 终端报告 --
    "table.summary": "概况",
    "table.region": "地区",
    "table.total": "合计",
    "table.on-track": "达标率",
    "table.status": "状态",
    "table.target": "目标",
    "table.actual": "实际",
    "table.goal": "目标值",
    "table.gap": "较应完成",
    "table.gap-to-go": "较应完成，尚差",
    "table.gap-remaining": "{gap}，{remaining}",
    "table.progress": "进度",
    "table.data-to": "数据截至{periods}",
    "table.stretch-met": "力争 ✓",
    "table.stretch-missed": "力争 ✗",
    "table.unmatched": "未被目标使用的数据行",
    "table.unmatched-more": "等，另有{count}行",
    "table.targets": "共{count}项目标：",
    "table.count": "{status}{count}项",
    "report.separator": "，",
    "table.rows": "读取{rows}行：{unmatched}行未匹配，{errors}行有错误",
    "table.out-of-scope": "，{count}行属其他地区",
    # -- Markdown 报告 --
    "markdown.summary": "共{targets}项目标：{counts}。读取{rows}行。",
    "markdown.status": "状态",
    "markdown.region": "地区",
    "markdown.target": "目标",
    "markdown.actual": "实际",
    "markdown.goal": "目标值",
    "markdown.gap": "较应完成",
    "markdown.progress": "进度",
    "markdown.period": "期间",
    "markdown.errors": "输入中有{count}个错误：",
    "markdown.where": "位置",
    "markdown.error": "错误",
    "markdown.unmatched": "{count}行数据未被任何目标使用。",
    "markdown.other": "{count}行属其他地区。",
    # -- 列表 --
    "list.head.id": "编号",
    "list.head.region": "地区",
    "list.head.year": "年份",
    "list.head.target": "目标",
    "list.head.goal": "目标值",
    "list.head.code": "代码",
    "list.head.name": "名称",
    "list.head.short": "简称",
    "list.head.in": "所属",
    "list.head.also": "别名",
    "list.head.ended": "停用年份",
    "list.head.now-in": "现属",
    "list.head.unit": "单位",
    "list.head.kind": "类型",
    "list.targets": "共{count}项目标",
    "list.regions": "共{count}个地区",
    "list.metrics": "共{count}个指标",
    "list.formers-heading": "已停用",
    "list.formers": "共{count}个已停用的代码或名称",
    "list.targets-one": "共{count}项目标",
    "list.regions-one": "共{count}个地区",
    "list.metrics-one": "共{count}个指标",
    "list.formers-one": "共{count}个已停用的代码或名称",
    # -- the bulk reader --
    "help.reader": (
        "如何读取数据 CSV 文件：auto（已安装 polars 且文件较大时批量读取）、"
        "exact（逐行精确读取）或 bulk（需要 pcheck-plans[fast]）。两者结果相同。"
    ),
    "reader.needs-polars": "--reader bulk 需要 polars：pip install 'pcheck-plans[fast]'",
    "file.read-exactly": "未批量读取，改由精确读取：{reason}",
    "bulk.bytes": "不是以 \\n 换行的 UTF-8 纯文本，或有空行",
    "bulk.quote": "有带引号的字段",
    "bulk.layout": "不是表头在第一行的单个长表",
    "bulk.ragged": "有一行的字段数与表头不同",
    "bulk.label": "有规则拒绝或附带说明读取的标签",
    "bulk.value": "有不是界限内普通十进制数的数值",
    "bulk.unit": "有无法读取的单位，或同一指标用了大小不同的单位",
}
