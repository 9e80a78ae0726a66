"""English wording of every message, by id (see :mod:`pcheck.messages`).

It imports nothing of pcheck, so that help can be worded at start-up; the operators'
words are kept in their registry and added by :func:`pcheck.messages.catalog`."""

from __future__ import annotations

_PERIODS = (
    "write a year to date (2024, 2024Q2, 2024H1, 2024-06, 2024年, 2024年1-6月,"
    " 2024年上半年, 2024年前二季度, 截至2024年6月末) or a single period"
    " (2024年二季度, 2024年4-6月, 2024年6月当月)"
)

MESSAGES: dict[str, str] = {
    # -- statuses ----------------------------------------------------------------------
    "status.pass": "pass",
    "status.at_risk": "at risk",
    "status.fail": "fail",
    "status.no_data": "no data",
    # -- hints -------------------------------------------------------------------------
    "hint.none": "",
    "hint.did-you-mean": "; did you mean {names}?",
    "hint.did-you-mean-ids": "; did you mean {ids}?",
    # -- any file ----------------------------------------------------------------------
    "file.unreadable": "cannot read file: {reason}",
    "file.not-a-file": "not a regular file",
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
    # The categories of China's mid-term evaluations of plans, as they are translated.
    "outlook.achieved": "achieved ahead of time",
    "outlook.ahead": "faster than expected",
    "outlook.on_track": "broadly as expected",
    "outlook.behind": "slower than expected",
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
    "note.reached": "the goal was reached in {period} ({value})",
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
    # -- added for the Chinese catalog and --lang --
    "goal.growth-short": "growth {goal}",
    "goal.growth-yearly": "growth {goal}/yr",
    "goal.stretch-tier": "力争{goal}",
    "goal.stretch-value": "{goal} 力争{stretch}",
    "tier.base": "base",
    "tier.stretch": "stretch",
    "show.name": "name",
    "show.metric": "metric",
    "show.region": "region",
    "show.year": "year",
    "show.goal": "goal",
    "show.path": "path",
    "show.tier": "tier",
    "show.quote": "quote",
    "show.document": "document",
    "show.issued": "issued",
    "show.source": "source",
    "show.note": "note",
    "show.defined": "defined",
    "show.summed-from": "summed from {first}",
    "show.from": "from {value} in {year}",
    "show.data-figure": "the data's figure",
    "show.milestone": "{value} in {year}",
    "summary.files": "{count} file(s)",
    "summary.rows": "{count} row(s)",
    "summary.targets": "{count} target(s)",
    "summary.checked": "{counted} checked: {errors} error(s), {warnings} warning(s)",
    "summary.column": "column {column}: {message}",
    "progress.reading": "reading {file}",
    "progress.judging": "judging targets",
    "cli.errors": "pcheck: {count} error(s) in the input",
    "cli.band": "{value!r} is not a share from 0 to below 1, such as 0.1",
    "cli.drafts-folder": "{folder} is not a directory (several plans were given)",
    "cli.not-a-directory": "{folder} is not a directory",
    # Help (pcheck --help, pcheck COMMAND --help), in the language of the environment.
    "help.usage": "Usage:",
    "help.options": "Options",
    "help.commands": "Commands",
    "help.arguments": "Positional arguments",
    "help.default": "default",
    "help.env-var": "env var",
    "help.help": "Show this message and exit.",
    "help.version": "Show the version and exit.",
    "help.cli": (
        "Check science-and-technology work-plan targets against reported statistics.\n\n"
        "\b\n"
        "pcheck evaluate data/2024Q2.csv     judge the targets against the figures\n"
        "pcheck validate data/2024Q2.csv     check a CSV file of figures\n"
        "pcheck targets list                 list the targets\n"
        "pcheck targets show ID              everything about one target\n"
        "pcheck targets lint [DIR]           check target files\n"
        "pcheck template --period 2024H1     a CSV form of the figures the targets need\n"
        "pcheck extract plan.txt             draft the target file of a plan's text\n"
        "pcheck catalog regions [SEARCH]     list and search the regions\n\n"
        "Exit codes: 0 nothing failed; 1 a target failed (see --fail-on), or validate\n"
        "or lint found problems; 2 usage error, invalid input or nothing to judge;\n"
        "3 internal error; 130 interrupted."
    ),
    "help.lang": (
        "Language of reports and messages: zh or en. Default: lang in the configuration, "
        "else the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese). Help is worded "
        "before options are read: set PCHECK_LANG for it."
    ),
    "help.targets": (
        "Directory of target files (with an optional catalog/ folder). Default: the "
        "project's own (pcheck.toml, [tool.pcheck] or a targets/ folder, found from the "
        "working directory up to the repository root), else those that come with pcheck."
    ),
    "help.year": "Only the targets of this year (evaluate: default, the latest year in the data).",
    "help.region": (
        "Only the targets of this region and the regions within it "
        "(code, name or alias: 330000, 浙江省, Zhejiang)."
    ),
    "help.verbose": (
        "Also list what was set apart as the files were read: the layout seen, "
        "rows above and notes below a table, total rows, rows of growth rates; "
        "evaluate's table: the reason under every target."
    ),
    "help.color": (
        "Colour the table: auto colours a terminal unless NO_COLOR is set (FORCE_COLOR forces it)."
    ),
    "help.format": (
        "table for people; json for programs (see README: JSON output); markdown "
        "for pull-request comments; csv, junit, github and html for CI systems; xlsx, a "
        "workbook (with --output)."
    ),
    "help.sheet": (
        "Read only this sheet of a workbook (.xlsx, .xls, .ods …); repeat for more. "
        "Without it every visible sheet is read."
    ),
    "help.strict": "Warnings fail too (exit 1).",
    "help.evaluate.short": "Judge the targets against the figures in FILE (CSV, workbook).",
    "help.evaluate": (
        "Judge the targets against the figures in FILE (CSV or a workbook, one or "
        "more; - reads CSV from standard input).\n\n"
        "The targets judged are those of the latest year in the data, or of --year. "
        "Each is judged on the latest period of its year in the data: pass, at risk, "
        "fail or no data. Flows are read against the share of the year elapsed. With "
        "nothing to judge (no data row, or no target for the region and year) the exit "
        "status is 2, and the message names the years that have goals.\n\n"
        "The table opens with a summary of each region; under a target that fails or "
        "has no data it says why (--verbose: under every target; --quiet: the summary "
        "alone)."
    ),
    "help.quiet": "The table: only the summary of each region and the total.",
    "help.evaluate.output": (
        "Write the report to this file (atomically; - for standard output). "
        "It may not be one of the input files."
    ),
    "help.evaluate.fail-on": (
        "Exit with 1 when a target fails, or also when one is at risk, or never."
    ),
    "help.evaluate.at-risk-band": (
        "How far below schedule a target is at risk rather than failing, as a share "
        "of the threshold. Default 0.1; a target's own 'band' takes precedence."
    ),
    "help.validate.short": "Check files of figures without judging any target.",
    "help.validate": (
        "Check files of figures (CSV or workbooks, in any layout pcheck reads; - reads "
        "CSV from standard input) without judging any target.\n\n"
        "Every problem of every file is listed: encoding, delimiter, columns, ragged "
        "rows, numbers that cannot be read exactly, units a metric cannot take, periods "
        "that do not parse or lie in the future, values outside a metric's bounds, "
        "unknown metrics and regions (with the closest known names), and the same "
        "region, metric and period twice (an error when the values differ, a warning "
        "when they agree). Exit 0 when clean, 1 when problems were found."
    ),
    "help.validate.format": (
        "text: FILE:ROW:COLUMN: error[code]: message; json; github: workflow commands."
    ),
    "help.convert.short": "Write what pcheck reads in files of figures as one long CSV.",
    "help.convert": (
        "Read FILE (CSV or a workbook, in any layout pcheck reads) and write every "
        "figure read as one long CSV (UTF-8 with BOM): region, metric, period, value in "
        "the metric's unit, and the place it was read. What could not be read goes to "
        "standard error, as validate lists it; the CSV holds only what was read, so it "
        "can be checked by eye, kept, and evaluated as it is."
    ),
    "help.convert.output": (
        "Write the CSV to this file (atomically; - or none for standard output). "
        "It may not be one of the input files."
    ),
    "help.extract.short": "Draft a target file from a plan's text (.txt, .html, .docx).",
    "help.extract": (
        "Draft the target file of each plan text FILE: one target per quantitative goal, "
        'with its quote, operator, value, unit, tier and year, and a "# check:" comment '
        "wherever a reviewer should look. Past figures (a review of last year, 已, 同比 …) "
        "are left out; --all lists them with the reason.\n\n"
        "Exit 0 when every file was read, 2 when one could not be."
    ),
    "help.extract.region": (
        "Region of the goals (code, name or alias); default: the one the text names."
    ),
    "help.extract.year": (
        "Year of the goals; default: the one the text plans for (a year it gives, "
        "到2027年, still wins for its own goals)."
    ),
    "help.extract.output": (
        "Write the draft to this file instead of standard output. A YAML draft's "
        "proposed metrics are added to catalog/metrics.yaml beside it; YAML drafts of "
        "several plans go to this directory, one file each."
    ),
    "help.extract.all": "Also list the figures left out, with the reason.",
    "help.template.short": "Write a CSV form of the figures the targets need.",
    "help.template": (
        "Write a CSV form of the figures the targets need, for officers to fill in.\n\n"
        "One row per figure: region code and name, metric, period, an empty value, the "
        "metric's unit, an empty source, and what the figure is for (the targets that use "
        "it). A growth goal with no baseline stated asks for last year's figure too; a "
        "goal compared with another metric asks for that metric's figure. The headers are "
        "the Chinese ones the data may have (地区, 指标, 期间, 数值, 单位…), the file UTF-8 "
        "with a byte-order mark for Excel. Filled in, the form is a data file for "
        "validate and evaluate as it stands."
    ),
    "help.template.period": (
        "The period the figures are for: 2024, 2024H1, 2024Q3, 2024-06, 2024年1-6月… "
        "Default: the end of the year (--year, else the latest year with targets)."
    ),
    "help.template.output": (
        "Write the form to this file (atomically; - for standard output). "
        "It may not be a target or catalog file."
    ),
    "help.targets-group": "List, show and check the targets.",
    "help.targets.list": "List the targets, one line each.",
    "help.targets.show": "Everything about one target, with its quote and source.",
    "help.targets.lint.short": "Check a directory of target files.",
    "help.targets.lint": (
        "Check a directory of target files (default: --targets, else the project's own, "
        "found from the working directory upwards, else the built-in ones).\n\n"
        "Reports every schema error, unknown metric or region, duplicate id, unit or "
        "value a metric cannot take and operator that does not fit the metric, with "
        "file, line and column; and warns of what is legal but probably a mistake. "
        "With --sources, also every quote not found in its source document (each "
        "file's document.source) or not stating its target's figure. "
        "Exit 0 when clean, 1 when problems were found."
    ),
    "help.targets.lint.sources": (
        "Directory of source documents (.txt, .html, .docx): check each quote against its source."
    ),
    "help.catalog.short": "List and search the regions and metrics.",
    "help.catalog": "List and search the regions and metrics that target files and data may name.",
    "help.catalog.format": "table for people; json for programs.",
    "help.catalog.regions.short": "List or search the regions (GB/T 2260 and your own).",
    "help.catalog.regions": (
        "List the regions (every one of GB/T 2260, with those of the target directory's "
        "catalog), or those SEARCH finds: a code or its start (3301), or text in a name, "
        "short name, English name or alias (西湖, hangzhou); names one within the other "
        "(杭州西湖区) find the region they name. Exit 0 when one is found, else 1."
    ),
    "help.catalog.abolished": (
        "Also the codes and names no longer in use, with the regions their area is in now."
    ),
    "help.catalog.metrics.short": "List or search the metrics.",
    "help.catalog.metrics": (
        "List the metrics (the built-in ones, with those of the target directory's "
        "catalog), or those whose id, name, English name or an alias holds SEARCH "
        "(研发, intensity). Exit 0 when one is found, else 1."
    ),
    # -- added for the HTML page and the workbook --
    "page.title": "Plan goals against the reported figures",
    "page.made": "Report made {time}",
    "page.summary": "Summary",
    "page.targets": "{count} targets",
    "page.total": "All regions",
    "page.rows": "{rows} rows read, {unmatched} used by no target, {errors} with errors.",
    "page.legend": (
        "Each bar shows the share of a goal reached; its black mark, the share due by "
        "the period. On track: of the goals with data, the share that pass."
    ),
    "page.data": "Data",
    "page.stdin": "standard input",
    "page.no-digest": "not read again: no SHA-256",
    "page.document": "{title}, issued by {issuer} on {date}",
    "page.quote": "What the plan says",
    "page.remaining": "{amount} still to reach the goal",
    "page.problems": "Problems in the input ({count})",
    "page.column.region": "region",
    "page.column.on-track": "on track",
    "page.column.status": "status",
    "page.column.target": "goal",
    "page.column.actual": "actual",
    "page.column.goal": "target",
    "page.column.gap": "gap to what is due",
    "page.column.progress": "progress",
    "sheet.region": "region code",
    "sheet.region-name": "region",
    "sheet.id": "target id",
    "sheet.name": "goal",
    "sheet.document": "document",
    "sheet.year": "year",
    "sheet.status": "status",
    "sheet.status-words": "status (words)",
    "sheet.period": "period",
    "sheet.actual": "actual",
    "sheet.unit": "unit",
    "sheet.goal": "target",
    "sheet.goal-text": "target (as written)",
    "sheet.due": "due by the period",
    "sheet.gap": "gap to what is due",
    "sheet.gap-unit": "unit of the gap",
    "sheet.progress": "progress",
    "sheet.remaining": "still to reach the goal",
    "sheet.reason": "reason",
    "sheet.quote": "quote",
    "sheet.sources": "read from",
    "sheet.file": "file",
    "sheet.sheet": "sheet",
    "sheet.line": "line",
    "sheet.column": "column",
    "sheet.severity": "severity",
    "sheet.code": "code",
    "sheet.message": "message",
    "output.workbook-file": (
        "a workbook is written to a file: give --output FILE (or --output - to pipe it "
        "to another program)"
    ),
    "output.workbook-writer": (
        "the workbook report needs XlsxWriter: pip install 'pcheck-plans[xlsx]'"
    ),
    "time.epoch": "SOURCE_DATE_EPOCH is not a whole number of seconds since 1970: {value}",
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
    "table.gap-to-go": "vs due, to go",
    "table.gap-remaining": "{gap}, {remaining}",
    "table.progress": "progress",
    "table.data-to": "data to {periods}",
    "table.stretch-met": "stretch ✓",
    "table.stretch-missed": "stretch ✗",
    "table.unmatched": "Rows no target uses",
    "table.unmatched-more": "and {count} more",
    "table.targets": "{count} targets:",
    "table.count": "{count} {status}",
    "report.separator": ", ",
    "table.rows": "{rows} rows read: {unmatched} unmatched, {errors} with errors",
    "table.out-of-scope": ", {count} of other regions",
    # -- Markdown reports --
    "markdown.summary": "{targets} targets: {counts}. {rows} rows read.",
    "markdown.status": "status",
    "markdown.region": "region",
    "markdown.target": "target",
    "markdown.actual": "actual",
    "markdown.goal": "goal",
    "markdown.gap": "vs due",
    "markdown.progress": "progress",
    "markdown.period": "period",
    "markdown.errors": "{count} input error(s):",
    "markdown.where": "where",
    "markdown.error": "error",
    "markdown.unmatched": "{count} row(s) no target uses.",
    "markdown.other": "{count} row(s) of other regions.",
    # -- listings --
    "list.head.id": "id",
    "list.head.region": "region",
    "list.head.year": "year",
    "list.head.target": "target",
    "list.head.goal": "goal",
    "list.head.code": "code",
    "list.head.name": "name",
    "list.head.short": "short",
    "list.head.in": "in",
    "list.head.also": "also",
    "list.head.ended": "ended",
    "list.head.now-in": "now in",
    "list.head.unit": "unit",
    "list.head.kind": "kind",
    "list.targets": "{count} targets",
    "list.regions": "{count} regions",
    "list.metrics": "{count} metrics",
    "list.formers-heading": "No longer in use",
    "list.formers": "{count} codes or names no longer in use",
    "list.targets-one": "{count} target",
    "list.regions-one": "{count} region",
    "list.metrics-one": "{count} metric",
    "list.formers-one": "{count} code or name no longer in use",
    # -- the bulk reader --
    "help.reader": (
        "How to read a CSV file of figures: auto (in bulk with polars when it is "
        "installed and the file is large), exact (the exact reader) or bulk (needs "
        "pcheck-plans[fast]). Both give the same results."
    ),
    "reader.needs-polars": ("--reader bulk needs polars: pip install 'pcheck-plans[fast]'"),
    "file.read-exactly": "read by the exact reader, not in bulk: {reason}",
    "bulk.bytes": "not plain UTF-8 text with \\n line ends, or a blank line",
    "bulk.quote": "a quoted field",
    "bulk.layout": "not one long table with its header on the first line",
    "bulk.ragged": "a row of another width than the header",
    "bulk.label": "a label the rules refuse or read with a note",
    "bulk.value": "a figure that is not a plain decimal number within its bounds",
    "bulk.unit": "a unit that cannot be read, or units of different sizes for one metric",
}
