"""English wording of every message, by id (see :mod:`pcheck.messages`)."""

from __future__ import annotations

from pcheck.model import Status
from pcheck.operators import OPERATORS
from pcheck.paths import OUTLOOK_WORDS

_PERIODS = (
    "write a year to date (2024, 2024Q2, 2024H1, 2024-06, 2024年, 2024年1-6月,"
    " 2024年上半年, 2024年前二季度, 截至2024年6月末) or a single period"
    " (2024年二季度, 2024年4-6月, 2024年6月当月)"
)

MESSAGES: dict[str, str] = {
    # -- statuses and operators --------------------------------------------------------
    **{f"status.{status.value}": status.value.replace("_", " ") for status in Status},
    **{f"op.{op.name}": entry.words["en"] for op, entry in OPERATORS.items()},
    # -- hints -------------------------------------------------------------------------
    "hint.none": "",
    "hint.did-you-mean": "; did you mean {names}?",
    "hint.did-you-mean-ids": "; did you mean {ids}?",
    # -- any file ----------------------------------------------------------------------
    "file.unreadable": "cannot read file: {reason}",
    "file.too-large": "file is larger than {limit} bytes",
    "file.too-many": "{count} more problems in this file are not listed",
    # -- reports written -----------------------------------------------------------------
    "output.is-input": "this is the input {input}; the report would replace it",
    "output.directory": "is a directory; give a file name for the report",
    "output.failed": "cannot write the report: {reason}",
    "output.stdout-failed": "pcheck: cannot write to standard output: {reason}",
    # -- single values -----------------------------------------------------------------
    "number.empty": "the value is empty",
    "number.formula": "{text!r} is a spreadsheet formula, not a number",
    "number.scientific": (
        "{text!r} is in scientific notation, which is not exact; write the number in full"
    ),
    "number.separators": "{text!r} has misplaced thousands separators",
    "number.space": "{text!r} has a space inside the number",
    "number.invalid": "{text!r} is not a number",
    "number.too-long": (
        "{text!r} has more than {limit} digits, more than pcheck can compare exactly"
    ),
    "unit.unknown": "unknown unit {unit!r}",
    "unit.inconvertible": "cannot convert {source} to {target}",
    "period.invalid": "{text!r} is not a period; " + _PERIODS,
    "period.day": (
        "{text!r} is a day, and a period is a month, quarter, half or year (a date on the"
        " first or the last day of a month stands for that month); " + _PERIODS
    ),
    "period.backwards": "{text!r}: months run from {first} back to {last}; " + _PERIODS,
    "period.single": (
        "{text!r} is months {first} to {last} of {year} alone; give the year to date,"
        " such as {year}年1-{last}月"
    ),
    "period.year-range": "{text!r}: year {year} is out of range",
    "period.month-range": "{text!r}: month {month} is out of range",
    # -- YAML --------------------------------------------------------------------------
    "yaml.not-utf8": "not UTF-8 (byte {byte}): save the file as UTF-8",
    "yaml.syntax": "YAML syntax: {detail}",
    "yaml.invalid": "YAML: {detail}",
    "yaml.alias": "anchors and aliases are not allowed",
    "yaml.documents": "a file holds one YAML document",
    "yaml.tag": "tag {tag!r} is not allowed",
    "yaml.depth": "nesting deeper than {limit} levels",
    "yaml.key": "a key must be a plain word",
    "yaml.duplicate-key": "duplicate key {key!r}",
    "yaml.whole-number": "{text!r} is not a plain whole number",
    "key.unknown": "unknown key {key!r}{hint}",
    "key.missing": "{key!r} is missing",
    "value.mapping": "{what} must be a mapping of keys to values",
    "value.list": "{key!r} must be a list",
    "value.text": "{key!r} must be a non-empty string",
    "value.texts": "{key!r} must be a string or a list of strings",
    "value.number": "{key!r} must be a number, not {value!r}",
    "value.choice": "{key!r} must be one of {choices}, not {value!r}",
    "value.year": "'year' must be a year",
    "thing.key": "{key!r}",
    "thing.target-file": "a target file",
    "thing.target": "a target",
    "thing.metrics-file": "a metrics file",
    "thing.metric": "a metric",
    "thing.regions-file": "a regions file",
    "thing.region": "a region",
    # -- the catalog -------------------------------------------------------------------
    "metric.unknown": "unknown metric {metric!r}{hint}",
    "metric.kind": "'kind' is missing: flow or level",
    "metric.id": "metric id {id!r} must be lower_snake_case",
    "metric.twice": (
        "metric {id!r} is defined twice; to add aliases or bounds to it, write "
        "'extends: {id}' instead of 'id'"
    ),
    "metric.extends-id": (
        "give either 'id' (a new metric) or 'extends' (a metric to add aliases or bounds "
        "to), not both"
    ),
    "metric.extends-fixed": (
        "an extension cannot change the {key} of {metric} ({current!r}, not {given!r}); "
        "define a new metric with an id of its own"
    ),
    "metric.extends-widens": (
        "{key!r} {value} would widen the bounds of the metric ({key} {bound}); "
        "an extension can only narrow them"
    ),
    "metric.bounds": "'min' {low} is above 'max' {high}",
    "metric.name-taken": "{name!r} already names metric {other} (names are compared ignoring case)",
    "region.unknown": "unknown region {region!r}{hint}",
    "region.ambiguous": (
        "region {region!r} is ambiguous: it could be {candidates}{more}; use the code"
    ),
    "region.more": " and {count} more",
    "region.abolished": "{old} was abolished in {year}; read as {new}",
    "region.renamed": "{old} was renamed in {year}; read as {new}",
    "region.abolished-since": "{old} was abolished in {year}; its area is now {new}",
    "region.abolished-split": (
        "{old} was abolished in {year}; its area is now in {candidates}{more}: "
        "use the code of the one meant"
    ),
    "region.abolished-several": (
        "{region!r} named regions no longer in use, whose area is now in {candidates}{more}: "
        "use the code of the one meant"
    ),
    "region.abolished-gone": (
        "{old} was abolished in {year}, and no record says which region took its place; "
        "use a code in use"
    ),
    "region.standard-name": "{code} is {name} in GB/T 2260; leave out 'name' or give that",
    "region.standard-parent": "{code} is within {parent} in GB/T 2260; leave out 'parent'",
    "region.no-parent": "no other region",
    "region.code": "{code!r} is not a six-digit GB/T 2260 code",
    "region.twice": "region {code!r} is defined twice",
    "region.parent": "region {code} names unknown parent {parent}",
    "region.cycle": "region {code} is within itself: {chain}",
    "catalog.no-region": "no region matches {search!r}{hint}",
    "catalog.no-metric": "no metric matches {search!r}",
    # -- configuration -----------------------------------------------------------------
    "config.unreadable": "cannot read the configuration: {reason}",
    "config.targets": "{name}: 'targets' is the folder of target files, a text",
    "config.key": "unknown key {key!r} in the configuration; keys are {known}",
    "config.choice": "{key} must be one of {known}",
    "config.table": "[{key}] must be a table of texts",
    "config.column": "column {column!r} cannot hold {role!r}; say one of {known}",
    # -- target files ------------------------------------------------------------------
    "targets.not-a-directory": "not a directory of target files",
    "document.needs": "'document' needs {key!r}",
    "target.duplicate-id": "target id {id!r} is already used at {where}",
    "target.unknown": "no target {id!r}{hint}",
    "target.no-metric": "'metric' must name a metric (or, for a sum, several)",
    "target.reference-self": (
        "'reference' is the target's own metric {metric}: a goal cannot be its own threshold"
    ),
    "target.id": "id {id!r} must be lower case: a-z, 0-9, . _ -",
    "target.value-and-reference": "give either 'value' or 'reference', not both",
    "target.op-reference": "'op' {op!r} does not take a 'reference'",
    "target.between": "'between' takes a value [low, high] with low < high",
    "target.unit": "unit {unit} cannot be converted to {metric_unit}, the unit of {metric}",
    "target.growth-unit": "a growth target is in %",
    "target.growth-shape": "a growth target takes one metric and a value",
    "target.baseline": (
        "a baseline goes with a growth target, or gives the year before the goal's "
        "that a goal due years ahead starts from"
    ),
    "target.each-year": "'each_year_from' {first} is after the goal's year {year}",
    "target.each-year-path": "a goal of every year has no baseline year or accumulation",
    "baseline.value-unit": "a baseline's 'value' and 'unit' go together",
    "baseline.empty": "a baseline needs a 'value' and 'unit', or a 'year', or both",
    "baseline.after": "the baseline's year must be before the goal's year {year}",
    "milestone.order": "milestones are listed year after year, each year once",
    "milestone.year": "a milestone's year lies after the start {start} and before {year}",
    "milestone.no-start": (
        "milestones need a path to lie on: give a baseline with its year, or "
        "'accumulated_from'; else write each as a target of its own year"
    ),
    "milestone.average-growth": "an average growth has no milestones",
    "accumulated.after": "'accumulated_from' {first} is after the goal's year {year}",
    "accumulated.shape": "a sum over years starts from nothing: no baseline, no growth basis",
    "accumulated.flow": "only flows (amounts of a year) are summed over years",
    "accumulated.growth": "a sum over years is paced linearly: the same share every year",
    "method.one-year": (
        "'method' draws the path of a goal due years ahead: give a baseline with its "
        "year, or 'accumulated_from'"
    ),
    "method.average-growth": "an average growth (年均增长) is a constant growth: no 'linear'",
    "method.growth-positive": "a path of constant growth runs between figures above zero",
    "course.reference": "a goal due years ahead has a value, not a 'reference'",
    "course.between": "a goal due years ahead is a floor or a ceiling, not 'between'",
    "target.sum-kinds": "a sum adds flows to levels",
    "target.reference-kind": "{reference} is not of the same kind (flow or level) as the metric",
    "target.range": "{value} {unit} is outside what {metric} can be",
    "target.stretch": "a stretch value must go beyond the value",
    "target.stretch-tier": "a target with a stretch value is itself of tier base",
    "target.tolerance": "'tolerance' (>= 0) goes with op 'approx' only",
    "target.band": "'band' is a share below 1, such as 0.1",
    "lint.override": "region or year differs from the document's; add a comment saying why",
    "lint.growth-of-rate": (
        "growth of {metric}, which is itself a percentage: a change in "
        "percentage points is usually meant"
    ),
    "lint.source-name": "source {source!r} must be the name of a file in the sources directory",
    "lint.source-missing": "source {source!r} is not in {directory}",
    "lint.source-unreadable": "cannot read source {source!r}: {reason}",
    "lint.quote-missing": "the quote is not in {source} (whitespace and romanisation aside)",
    "lint.figure-missing": "the quote does not state the target's figure {figure} {unit}",
    "lint.figure-missing-stretch": (
        "the quote states neither the target's figure {figure} {unit} nor its stretch "
        "value {stretch}"
    ),
    # -- data files --------------------------------------------------------------------
    "data.utf16": "the file is UTF-16; save it as UTF-8 CSV",
    "data.binary": "the file is binary, not CSV text",
    "data.encoding": "neither UTF-8 nor GB18030 text; save the file as UTF-8 CSV",
    "data.encoding-changes": (
        "not valid {encoding}, the encoding of the text before it: the encoding changes "
        "within the file, or a byte is damaged"
    ),
    "data.csv": "unreadable CSV: {detail}",
    "csv.quote-unclosed": (
        "a quote opened in this record is not closed by the end of the file or within "
        "{limit} characters"
    ),
    "csv.quote-runs-on": (
        "a quoted field takes this record over {lines} lines, with {found} field(s) where "
        "the header has {width}; a quote is stray or not closed"
    ),
    "csv.line-too-long": "the line is longer than {limit} bytes",
    "data.empty": "the file is empty",
    # -- workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) -------------------------------------
    "workbook.unreadable": "cannot read the workbook: {reason}",
    "workbook.not-a-file": "not a regular file; a workbook is read from a file",
    "workbook.not-a-workbook": "not a workbook: the file is not a zipped .{kind} file",
    "workbook.encrypted": "the workbook is protected by a password; save it without one",
    "workbook.too-large": (
        "the workbook unpacks to {size} bytes, more than the {limit} bytes pcheck reads"
    ),
    "workbook.bomb": (
        "part {part!r} unpacks to {ratio} times its packed size: refused as a zip bomb"
    ),
    "workbook.too-many-cells": (
        "the sheet reaches cell {last}, more than {limit} cells from A1; delete the "
        "cells far from the table"
    ),
    "workbook.no-such-sheet": "no sheet {sheet!r}; the sheets are: {sheets}",
    "workbook.hidden-sheet": (
        "the sheet is hidden and was not read; name it with --sheet to read it"
    ),
    "workbook.sheet-unreadable": "cannot read the sheet: {reason}",
    "header.delimiter": "the columns are separated by {separator}; CSV needs commas",
    "separator.semicolons": "semicolons",
    "separator.tabs": "tabs",
    "separator.bars": "bars",
    "header.unknown": "unknown column {column!r}; columns are {known}",
    "header.twice": "column {column!r} appears twice",
    "header.missing": "missing column(s): {columns}",
    "layout.long": "a long table: one figure a row, in the value column",
    "layout.metrics": (
        "metrics in columns: {count} column(s) of figures named by a metric ({columns}…)"
    ),
    "layout.periods": (
        "periods in columns: {count} column(s) of figures named by a period ({columns}…)"
    ),
    "layout.missing": (
        "{layout}, but no {roles}: give it as a column, in a row above the table"
        " (地区：…, 指标：…, 时间：…) or in the configuration ([tool.pcheck.data])"
    ),
    "layout.above": "set apart above the table: {text}",
    "layout.column-skipped": "column {column!r} is not read: {reason}",
    "layout.growth": "it holds growth rates, not the figures",
    "layout.not-figures": (
        "its header names no metric, period or known column (name it in [tool.pcheck.columns])"
    ),
    "layout.mixed": "the table's other columns of figures are of another kind",
    "row.total": "{label!r} is a total, not a region: not read",
    "row.item": "{label!r} is a part of the row above, not a region: not read",
    "row.growth": "{label!r} is a row of growth rates, not figures: not read",
    "file.unpublished": (
        "{count} figure(s) not published (…, —, -, empty): no data, never zero; at {places}"
    ),
    "file.marked": "{count} figure(s) with a footnote mark, read without it: {places}",
    "file.notes": "rows {first}–{last} are notes below the table: not read",
    "row.ragged": "expected {width} fields, found {found}",
    "row.future": "{period!r} lies in the future",
    "row.unit-mismatch": "the value says {written} but the unit column says {column}",
    "row.unit-for-metric": "{reason} (metric {metric})",
    "row.range": "{value} is outside [{low}, {high}] {unit} for {metric}",
    "row.duplicate": "repeats the figure for {metric} in {region}, {period} at {where}",
    "row.year-to-date-falls": (
        "{metric} in {region} falls from {higher} ({earlier}) to {lower} ({later}; the other"
        " row is {where}): year-to-date (累计) figures do not fall; is one a single-period figure?"
    ),
    "row.conflict": (
        "conflicts with {where}: {metric} in {region}, {period} is given again as {value} {unit}"
    ),
    "row.accumulated": (
        "{metric} in {region}: read as {value} for {period}, the year to date, the sum of"
        " the figures at {rows}"
    ),
    "row.single-unchained": (
        "{metric} in {region}: months {first} to {last} of {year} alone cannot be read as"
        " the year to date: no figure for month(s) {months}; give the year-to-date (累计) figure"
    ),
    "row.single-disagrees": (
        "{metric} in {region}: the year-to-date figure for {period} is {given} (at {where}),"
        " but the figures at {rows} add up to {built}; the year-to-date figure is used"
    ),
    "row.single-inconsistent": (
        "{metric} in {region}: single-period figures add up to different figures for"
        " {period} ({values}); none is used"
    ),
    "row.single-duplicate": (
        "repeats the figure for {metric} in {region}, months {first} to {last} of {year}"
        " alone, at {where}"
    ),
    "row.single-conflict": (
        "conflicts with {where}: {metric} in {region}, months {first} to {last} of {year}"
        " alone, is given again as {value}; neither is used"
    ),
    # -- plan documents ----------------------------------------------------------------
    "plan.kind": "{suffix!r} is not a kind of plan document pcheck reads ({suffixes})",
    "plan.not-a-file": "not a regular file",
    "plan.binary": "the file is binary (it holds NUL bytes), not text",
    "plan.encoding": "not {encodings} text: byte {byte} is not valid {encoding}",
    "plan.docx-not-zip": "not a .docx file: not a zip archive",
    "plan.docx-damaged": "damaged .docx archive: {reason}",
    "plan.docx-part": "not a .docx file: it has no {part}",
    "plan.docx-entries": "the archive has more entries than a document has (at most {limit})",
    "plan.docx-too-large": "the document's XML is larger than {limit} bytes uncompressed",
    "plan.docx-dtd": "{part} has a document type declaration, which a .docx never has",
    "plan.docx-xml": "{part}: invalid XML at line {line}, column {column}: {detail}",
    # -- evaluation --------------------------------------------------------------------
    "nothing.no-rows": "no data rows in {files}: nothing to judge",
    "nothing.no-targets": "no targets{where}: nothing to judge",
    "nothing.other-years": (
        "no targets for {year}{where}: there are goals for {years}; try --year {suggestion}"
    ),
    "nothing.in": " in {region}",
    "reason.no-figure": "no figure for {metric} in {region} for {year}",
    "reason.no-figure-since": "no figure for {metric} in {region} from {first} to {last}",
    "reason.no-base": "no figure for the whole of {year}, the year the goal starts from",
    "reason.growth-base": (
        "a path of constant growth runs between figures above zero, and cannot from {start}'s"
    ),
    "reason.growth-unreadable": "no average growth since {start} can be read from the figures",
    "reason.sum-missing": "the sum over the years needs a figure for {year}",
    "reason.sum-partial": "the sum over the years needs the whole year, not {period}",
    "reason.unreadable-rows": "{reason}; {count} row(s) for it could not be read",
    "reason.periods-apart": "the figures needed are for different periods: {periods}",
    "reason.no-baseline": (
        "growth needs a baseline: no {metric} figure for {period} and no baseline in the target"
    ),
    "reason.zero-baseline": "growth cannot be measured on a baseline of zero ({basis})",
    "reason.pace": (
        "{actual} by {period}: {progress} of the year's {goal} with {elapsed} of the year "
        "gone (pace {pace})"
    ),
    "reason.course": (
        "{actual} in {period}, against {expected} due by then on the way from {base} in "
        "{start} to {goal} in {due} ({method})"
    ),
    "reason.course-growth": (
        "{actual} a year on average from {start} to {period}, against {goal} a year to {due}"
    ),
    "reason.course-sum": (
        "{actual} summed from {first} to {period}, against {expected} due by then of {goal} "
        "summed to {due}"
    ),
    "method.linear": "linear",
    "method.growth": "constant growth",
    **{f"outlook.{o.value}": words["en"] for o, words in OUTLOOK_WORDS.items()},
    "reason.pass": "{actual} in {period} meets the goal of {goal}",
    "reason.at_risk": "{actual} in {period} is close to the goal of {goal}",
    "reason.fail": "{actual} in {period} misses the goal of {goal}",
    "goal.value": "{op} {value}",
    "goal.between": "between {low} and {high}",
    "goal.reference": "{goal} ({reference})",
    "goal.growth": "growth {goal}",
    "basis.same-period": "on {period}",
    "basis.prorated": "on {year} pro-rated to {share} of the year",
    "basis.stated": "on the stated baseline {baseline}",
    "basis.stated-prorated": "on the stated baseline {baseline} pro-rated to {share} of the year",
    "note.growth": "growth {basis}",
    "note.above-band": "above the band {value} ± {tolerance}",
    "note.unreadable-rows": "{count} row(s) for this target could not be read",
    # Drafting target files from plan texts (pcheck extract).
    "extract.past-heading": "under the heading {heading}, which looks back",
    "extract.past-opener": "the sentence opens with {words}: a past figure",
    "extract.past-cue": "{words}: a past figure",
    "extract.ordinal": "an ordinal (第…), not a goal",
    "extract.name": "part of a name in quotes, not a goal",
    "extract.document-number": "part of a document number, not a goal",
    "extract.framing": "counts what the plan covers, not a goal",
    "extract.threshold": "a threshold qualifying a noun, not a goal",
    "extract.no-year": "the text names no year for its goals: give --year",
    "extract.no-region": "the text names no region pcheck knows: give --region",
    "extract.check-op": "no verb says how the figure is compared; read as at least",
    "extract.check-metric": "no catalog metric matches {phrase}; a new metric is proposed",
    "extract.check-points": "a change in percentage points: write it as the level to reach",
    "extract.check-reference": "compared with {reference}: name the metric it refers to",
    "extract.check-yearly-average": "an average yearly rate over several years",
    "extract.draft-header": (
        "Drafted from {source} by pcheck extract: review every line marked check, "
        "then run pcheck targets lint --sources"
    ),
    "extract.proposals-header": (
        "Metrics the catalog does not have, proposed for catalog/metrics.yaml:"
    ),
    "extract.passed-header": "Figures left out, with the reason:",
    "extract.proposals-kept": (
        "exists already, so the {count} proposed metric(s) below were not written: "
        "add those the drafts need"
    ),
    "extract.check-title": "the text states no title",
    "extract.check-issuer": "the text names no issuer",
    "extract.check-date": "the text states no date; the plan year stands in",
    "extract.check-table": "read from a table's column for {year}",
    "extract.check-cumulative": "a total over the plan's years, not one year's figure",
    "extract.table-without-goals": "in a table with no column of goals",
    "extract.check-each-year": "a goal for each year (每年): read as one for the plan year",
    "extract.year-said": "the year the text gives for this goal",
    "extract.check-baseline": (
        "due years ahead from {value} in {year}, as the text says: check that figure is "
        "the one of that year"
    ),
    "extract.check-accumulated": (
        "a sum of the yearly figures of {first}–{year}: check the years summed"
    ),
    "extract.check-average-growth": (
        "an average yearly growth from {start} to {year}: check the plan's years"
    ),
    "extract.check-each-year-from": (
        "the same goal every year from {first} to {year}: one target a year (ID-YEAR)"
    ),
    "extract.check-milestone": (
        "the plan also sets {value} for {year}: kept as a target of its own (or make it "
        "one of this goal's milestones)"
    ),
    "extract.page-furniture": "part of the web page around the document, not a goal",
    "extract.check-metric-unit": "the proposed metric's unit ({unit}) is a guess",
    # -- the fill-in form (pcheck template) ------------------------------------------
    "template.goal": "the figure of {ids}",
    "template.reference": "the figure {ids} is compared with",
    "template.baseline": "last year's figure, the baseline of growth in {ids}",
    "template.start": "the figure {ids} start from",
    "template.period-year": "{period} is not in {year}, the year given by --year",
    "extract.headline": "a figure heading the text below it, not a goal",
    "extract.baseline": "where the plan starts from (由…提高到), not a goal",
    "extract.past-year": "about {year}, before the plan's years: a past figure",
    # -- added for the terminal report --
    "table.summary": "Summary",
    "table.region": "region",
    "table.total": "total",
    "table.on-track": "on track",
    "table.status": "status",
    "table.target": "target",
    "table.actual": "actual",
    "table.goal": "goal",
    "table.gap": "vs due",
    "table.progress": "progress",
    "table.data-to": "data to {periods}",
    "table.stretch-met": "stretch ✓",
    "table.stretch-missed": "stretch ✗",
    "table.unmatched": "Rows no target uses",
    "table.unmatched-more": "and {count} more",
    "table.targets": "{count} targets:",
    "table.count": "{count} {status}",
    "table.rows": "{rows} rows read: {unmatched} unmatched, {errors} with errors",
    "table.out-of-scope": ", {count} of other regions",
}
