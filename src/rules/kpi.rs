//! KPI extraction: the `type = "kpi"` rules of the rule files. A rule is a
//! [`KpiSpec`] (what varies by council: the words for units, money scales,
//! exclusions, area names and period phrases), compiled once into a
//! [`KpiEngine`] that runs in one of two modes:
//!
//! * `table`: every figure cell of a table of figures (tab-separated,
//!   column-aligned, or single-spaced as PDF readers print them) is one record;
//!   the row label and column header give indicator, period and area
//!   ([`table`]).
//! * `prose`: figures in running text, each mention one record, ranges two
//!   ([`prose`]).
//!
//! What is general lives here and in the submodules: reading numbers
//! ([`numbers`]), finding tables and their headers, scaling money, pairing
//! ranges. Rules do not see each other; a prose rule avoids the figures of
//! table rules by skipping lines that are table rows (`skip_table_rows`), and
//! any rule skips the lines on which a rule named in `defer_to` already made
//! a record (the general table rule leaves a money table to the finance rule).
//! This module does not load rule files: the rule loader hands over a
//! `KpiSpec` with the common keys (id, type, priority, description, example)
//! removed.

pub mod numbers;
pub mod prose;
pub mod table;

use super::pattern::Pattern;
use crate::record::{Record, Unit};
use crate::rules::context::DocContext;
use crate::rules::pattern;
use numbers::Num;
use serde::Deserialize;

/// Which shape of text a KPI rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Prose,
    Table,
}

/// The keys of a `type = "kpi"` rule besides the common ones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiSpec {
    /// `prose` or `table`.
    pub mode: Mode,
    /// Regexes whose matches are never figures: dates, years, times, phone
    /// numbers, page/section/item references, ages and durations inside
    /// definitions. A number overlapping a match is skipped.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// How a figure gets its unit; see [`UnitSpec`]. Order matters.
    #[serde(default)]
    pub unit: Vec<UnitSpec>,
    /// Prose: unit entries for figures an exclusion would drop that measure
    /// something all the same ("the mean response time was 41 minutes"):
    /// the first whose keys all hold keeps the figure, with its unit.
    #[serde(default)]
    pub measure: Vec<UnitSpec>,
    /// Money multipliers (`£1.79m`, a table headed `£000's`); see [`ScaleSpec`].
    #[serde(default)]
    pub scale: Vec<ScaleSpec>,
    /// Places and comparators as printed ("All England", "Statutory Neigh.").
    #[serde(default)]
    pub areas: Vec<String>,
    /// Regex of the phrases naming the time a figure is for ("September 2019", "2016/17", "YTD").
    #[serde(default)]
    pub period: Option<String>,
    /// prose: leave lines that are rows of a table of figures to the table rules.
    #[serde(default)]
    pub skip_table_rows: bool,
    /// Skip lines on which one of these rules already made a record.
    #[serde(default)]
    pub defer_to: Vec<String>,
    /// table: a token of a single-spaced header line that names a column
    /// (`2016/17`, `YTD`, `%`, `£000's`); whole-token match.
    #[serde(default)]
    pub column_token: Option<String>,
    /// table: read only tables whose header lines match this regex.
    #[serde(default)]
    pub header_match: Option<String>,
    /// table: skip tables whose header lines match this regex (another rule's share).
    #[serde(default)]
    pub header_not_match: Option<String>,
    /// table: regex on a whole cell after a row's figures that gives the
    /// row's status (a RAG rating, a direction of travel): such cells do not
    /// stop the line being a row of figures.
    #[serde(default)]
    pub status_cell: Option<String>,
    /// table: regex on a column's header whose cells are no figures of the
    /// row's measure ("Rank", "Quartile", "Page").
    #[serde(default)]
    pub skip_column: Option<String>,
    /// table: figures a single-spaced row needs to count as a table row
    /// (tab-separated and column-aligned rows need one).
    #[serde(default = "default_min_row_figures")]
    pub min_row_figures: usize,
    /// prose: how far (bytes) before a figure an area name may stand.
    #[serde(default = "default_area_window")]
    pub area_window: usize,
}

fn default_min_row_figures() -> usize {
    2
}

fn default_area_window() -> usize {
    60
}

/// One way a figure gets its unit. Every key given must hold. In prose, entries
/// without `lead` are tried first, in order; then among entries with `lead`,
/// the one whose match stands nearest before the figure wins. In tables, only
/// `header` entries are used, tried against the column header, then the
/// section row, then the row label.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub unit: Unit,
    /// Regex on the text just before the figure (anchor it with `$`).
    #[serde(default)]
    pub before: Option<String>,
    /// Regex on the text just after the figure (anchor it with `^`).
    #[serde(default)]
    pub after: Option<String>,
    /// Regex that must not match the text just before the figure.
    #[serde(default)]
    pub not_before: Option<String>,
    /// Regex that must not match the text just after the figure.
    #[serde(default)]
    pub not_after: Option<String>,
    /// Regex on the sentence up to the figure.
    #[serde(default)]
    pub lead: Option<String>,
    /// Table: regex on a column header, section row or row label.
    #[serde(default)]
    pub header: Option<String>,
    /// Table: regex that must not match the header, section row or label
    /// `header` matched ("Business Rates" names a tax, not a rate).
    #[serde(default)]
    pub not_header: Option<String>,
    /// Only figures printed with a decimal point.
    #[serde(default)]
    pub decimal_only: bool,
    /// Only whole numbers: "16.5 children" is an average, not a count.
    #[serde(default)]
    pub integer_only: bool,
}

/// A money multiplier: after a `£` figure (`after`, e.g. `^m\b`), or for every
/// money figure of a table whose header lines match (`header`, e.g. `£000's`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleSpec {
    pub factor: f64,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub header: Option<String>,
}

pub(crate) struct UnitRule {
    pub unit: Unit,
    pub before: Option<Pattern>,
    pub after: Option<Pattern>,
    pub not_before: Option<Pattern>,
    pub not_after: Option<Pattern>,
    pub lead: Option<Pattern>,
    pub header: Option<Pattern>,
    pub not_header: Option<Pattern>,
    pub decimal_only: bool,
    pub integer_only: bool,
}

pub(crate) struct ScaleRule {
    pub factor: f64,
    pub after: Option<Pattern>,
    pub header: Option<Pattern>,
}

/// A compiled KPI rule.
pub struct KpiEngine {
    pub(crate) mode: Mode,
    /// The exclusions as at most two alternations: those every match of
    /// which holds one of a few words ("Telephone", "page", "aged"), behind
    /// one literal prefilter, and the rest. Two smaller alternations cost
    /// the regex engine far fewer states to build than one large one, and
    /// the first is skipped wherever none of its words is printed.
    pub(crate) exclude: Vec<Pattern>,
    pub(crate) units: Vec<UnitRule>,
    pub(crate) measures: Vec<UnitRule>,
    /// Every unit entry's `after`, `before` and `lead` as one regex each: a
    /// figure that none of them can give a unit costs three searches, not one
    /// per entry.
    pub(crate) after_any: Option<Pattern>,
    pub(crate) before_any: Option<Pattern>,
    pub(crate) lead_any: Option<Pattern>,
    pub(crate) scales: Vec<ScaleRule>,
    pub(crate) areas: Option<Pattern>,
    pub(crate) period: Option<Pattern>,
    pub(crate) skip_table_rows: bool,
    pub(crate) defer_to: Vec<String>,
    pub(crate) column_token: Option<Pattern>,
    pub(crate) header_match: Option<Pattern>,
    pub(crate) header_not_match: Option<Pattern>,
    pub(crate) min_row_figures: usize,
    pub(crate) area_window: usize,
    pub(crate) status_cell: Option<Pattern>,
    pub(crate) skip_column: Option<Pattern>,
}

type Problems = Vec<(String, String)>;

/// The exclusion alternations (see [`KpiEngine::exclude`]): the entries are
/// grouped by whether their syntax gives a literal prefilter; an entry is
/// compiled alone only when its group fails, to name the one that is wrong.
fn compile_exclusions(entries: &[String], problems: &mut Problems) -> Vec<Pattern> {
    let (keyed, plain): (Vec<_>, Vec<_>) = entries
        .iter()
        .enumerate()
        .partition(|(_, p)| pattern::has_literal_prefilter(p));
    let mut out = Vec::new();
    for group in [keyed, plain] {
        if group.is_empty() {
            continue;
        }
        let joined = group
            .iter()
            .map(|(_, p)| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        match pattern::compile_multi_line(&joined) {
            Ok(re) => out.push(re),
            Err(joined_error) => {
                let before = problems.len();
                for (i, p) in &group {
                    if let Err(e) = pattern::compile(p) {
                        problems.push((format!("exclude[{i}]"), e));
                    }
                }
                if problems.len() == before {
                    problems.push(("exclude".into(), joined_error));
                }
            }
        }
    }
    if problems.is_empty() {
        out
    } else {
        Vec::new()
    }
}

fn compile_opt(key: &str, pat: &Option<String>, problems: &mut Problems) -> Option<Pattern> {
    let pat = pat.as_ref()?;
    match pattern::compile_multi_line(pat) {
        Ok(re) => Some(re),
        Err(e) => {
            problems.push((key.to_string(), e));
            None
        }
    }
}

/// Whether file line `idx` is a page's header or footer: text the cleaning
/// blanked. (A line whose only text is markup or a bullet has no figure
/// either.)
fn is_furniture(clean: &[String], idx: usize) -> bool {
    clean.get(idx).is_some_and(|c| c.is_empty())
}

/// Compile a list of unit entries, `key` naming the list in messages.
fn compile_units(key: &str, specs: &[UnitSpec], problems: &mut Problems) -> Vec<UnitRule> {
    let mut units = Vec::new();
    for (i, u) in specs.iter().enumerate() {
        let k = |k: &str| format!("{key}[{i}].{k}");
        if u.before.is_none() && u.after.is_none() && u.lead.is_none() && u.header.is_none() {
            problems.push((
                format!("{key}[{i}]"),
                "a unit entry needs one of `before`, `after`, `lead` or `header`".into(),
            ));
        }
        if u.decimal_only && u.integer_only {
            problems.push((
                format!("{key}[{i}]"),
                "`decimal_only` and `integer_only` together match no figure".into(),
            ));
        }
        units.push(UnitRule {
            unit: u.unit,
            before: compile_opt(&k("before"), &u.before, problems),
            after: compile_opt(&k("after"), &u.after, problems),
            not_before: compile_opt(&k("not_before"), &u.not_before, problems),
            not_after: compile_opt(&k("not_after"), &u.not_after, problems),
            lead: compile_opt(&k("lead"), &u.lead, problems),
            header: compile_opt(&k("header"), &u.header, problems),
            not_header: compile_opt(&k("not_header"), &u.not_header, problems),
            decimal_only: u.decimal_only,
            integer_only: u.integer_only,
        });
    }
    units
}

impl KpiEngine {
    /// Compile patterns; on error, every problem as (key name within the rule, message).
    pub fn compile(spec: KpiSpec) -> Result<KpiEngine, Vec<(String, String)>> {
        let mut problems = Problems::new();
        let exclude = compile_exclusions(&spec.exclude, &mut problems);
        let units = compile_units("unit", &spec.unit, &mut problems);
        let measures = compile_units("measure", &spec.measure, &mut problems);
        let joined = |f: fn(&UnitSpec) -> Option<&String>, pre: &str, post: &str| {
            let parts: Vec<String> = spec
                .unit
                .iter()
                .filter_map(f)
                .map(|p| format!("(?:{p})"))
                .collect();
            (!parts.is_empty()).then(|| format!("{pre}(?:{}){post}", parts.join("|")))
        };
        let (after_any, before_any, lead_any) = if problems.is_empty() {
            (
                compile_opt(
                    "unit",
                    &joined(|u| u.after.as_ref(), r"\A", ""),
                    &mut problems,
                ),
                compile_opt(
                    "unit",
                    &joined(|u| u.before.as_ref(), "", r"\z"),
                    &mut problems,
                ),
                compile_opt("unit", &joined(|u| u.lead.as_ref(), "", ""), &mut problems),
            )
        } else {
            (None, None, None)
        };
        let mut scales = Vec::new();
        for (i, s) in spec.scale.iter().enumerate() {
            if !(s.factor.is_finite() && s.factor > 0.0) {
                problems.push((
                    format!("scale[{i}].factor"),
                    format!("`{}` is not a positive number", s.factor),
                ));
            }
            if s.after.is_none() && s.header.is_none() {
                problems.push((
                    format!("scale[{i}]"),
                    "a scale entry needs `after` or `header`".into(),
                ));
            }
            scales.push(ScaleRule {
                factor: s.factor,
                after: compile_opt(&format!("scale[{i}].after"), &s.after, &mut problems),
                header: compile_opt(&format!("scale[{i}].header"), &s.header, &mut problems),
            });
        }
        let areas = if spec.areas.is_empty() {
            None
        } else {
            let mut names: Vec<&String> = spec.areas.iter().collect();
            // Longest first, so "All England" wins over "England".
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            let alt = names
                .iter()
                .map(|n| regex::escape(n.trim()))
                .collect::<Vec<_>>()
                .join("|");
            compile_opt(
                "areas",
                &Some(format!(r"\b(?:{alt})(?:\b|$|\s)")),
                &mut problems,
            )
        };
        let period = compile_opt("period", &spec.period, &mut problems);
        let column_token = compile_opt("column_token", &spec.column_token, &mut problems);
        let header_match = compile_opt("header_match", &spec.header_match, &mut problems);
        let header_not_match =
            compile_opt("header_not_match", &spec.header_not_match, &mut problems);
        let status_cell = compile_opt("status_cell", &spec.status_cell, &mut problems);
        let skip_column = compile_opt("skip_column", &spec.skip_column, &mut problems);
        match spec.mode {
            Mode::Table => {
                if spec.skip_table_rows {
                    problems.push((
                        "skip_table_rows".into(),
                        "`skip_table_rows` applies to `mode = \"prose\"` only".into(),
                    ));
                }
            }
            Mode::Prose => {
                if spec.column_token.is_some()
                    || spec.header_match.is_some()
                    || spec.header_not_match.is_some()
                    || spec.status_cell.is_some()
                    || spec.skip_column.is_some()
                {
                    problems.push((
                        "mode".into(),
                        "`column_token`, `header_match`, `header_not_match`, `status_cell` and `skip_column` apply to `mode = \"table\"` only".into(),
                    ));
                }
            }
        }
        if spec.min_row_figures == 0 {
            problems.push(("min_row_figures".into(), "must be at least 1".into()));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(KpiEngine {
            mode: spec.mode,
            exclude,
            units,
            measures,
            after_any,
            before_any,
            lead_any,
            scales,
            areas,
            period,
            skip_table_rows: spec.skip_table_rows,
            defer_to: spec.defer_to,
            column_token,
            header_match,
            header_not_match,
            min_row_figures: spec.min_row_figures,
            area_window: spec.area_window,
            status_cell,
            skip_column,
        })
    }

    /// Which shape of text the rule reads.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Append the KPI records this rule finds in the document. `clean` holds
    /// the file's clean lines: a line the cleaning blanked as a page's header
    /// or footer ("Cabinet | 24 June 2025 | Item 9    1") holds no figure.
    pub fn apply(&self, ctx: &DocContext, clean: &[String], rule_id: &str, out: &mut Vec<Record>) {
        match self.mode {
            Mode::Table => table::apply(self, ctx, clean, rule_id, out),
            Mode::Prose => prose::apply(self, ctx, clean, rule_id, out),
        }
    }

    /// Byte spans of `text` that are never figures, into `spans` (cleared first).
    pub(crate) fn excluded_spans(&self, text: &str, spans: &mut Vec<(usize, usize)>) {
        spans.clear();
        for re in &self.exclude {
            if re.may_match(text) {
                re.spans_within(text, 0, text.len(), spans);
            }
        }
    }

    /// File lines (1-based, sorted) on which a rule named in `defer_to` has
    /// made a record: this rule leaves them alone.
    pub(crate) fn deferred_lines(&self, out: &[Record]) -> Vec<u32> {
        let mut lines: Vec<u32> = out
            .iter()
            .filter(|r| self.defer_to.contains(&r.rule))
            .filter_map(|r| r.source.line)
            .collect();
        lines.sort_unstable();
        lines
    }

    /// Byte spans of `text` that are never figures, looked for only around
    /// `nums` (the figures of `text`, in order), into `spans` (cleared first).
    /// Every exclusion is a short phrase around or before a number ("14th
    /// September 2017", "Telephone: 01234 ..."), so the text far from any
    /// number need not be searched; windows end between words.
    pub(crate) fn excluded_near(&self, text: &str, nums: &[Num], spans: &mut Vec<(usize, usize)>) {
        spans.clear();
        if self.exclude.is_empty() {
            return;
        }
        let b = text.as_bytes();
        let word_start = |mut i: usize| {
            while i > 0 && !b[i - 1].is_ascii_whitespace() {
                i -= 1;
            }
            i
        };
        let word_end = |mut i: usize| {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            i
        };
        let mut k = 0;
        while k < nums.len() {
            let from = word_start(nums[k].start.saturating_sub(EXCLUDE_REACH));
            let mut to = word_end((nums[k].end + EXCLUDE_REACH).min(b.len()));
            k += 1;
            while k < nums.len() && word_start(nums[k].start.saturating_sub(EXCLUDE_REACH)) <= to {
                to = word_end((nums[k].end + EXCLUDE_REACH).min(b.len()));
                k += 1;
            }
            for re in &self.exclude {
                if re.may_match(&text[from..to]) {
                    re.spans_within(text, from, to, spans);
                }
            }
        }
    }

    /// The money multiplier named by the text after a `£` figure, 1 if none.
    pub(crate) fn scale_after(&self, after: &str) -> f64 {
        self.scales
            .iter()
            .find(|s| s.after.as_ref().is_some_and(|re| re.is_match(after)))
            .map_or(1.0, |s| s.factor)
    }

    /// The money multiplier a table's header lines name, if any.
    pub(crate) fn scale_header(&self, header: &str) -> Option<f64> {
        self.scales
            .iter()
            .find(|s| s.header.as_ref().is_some_and(|re| re.is_match(header)))
            .map(|s| s.factor)
    }

    /// The unit a table header, section row or label names.
    pub(crate) fn unit_of_header(&self, text: &str, decimal: bool) -> Option<Unit> {
        if text.is_empty() {
            return None;
        }
        self.units
            .iter()
            .filter(|u| (!u.decimal_only || decimal) && (!u.integer_only || !decimal))
            .find(|u| {
                u.header.as_ref().is_some_and(|re| re.is_match(text))
                    && !u.not_header.as_ref().is_some_and(|re| re.is_match(text))
            })
            .map(|u| u.unit)
    }

    /// The first area named in `text`, as printed.
    pub(crate) fn area_in<'t>(&self, text: &'t str) -> Option<&'t str> {
        let m = self.areas.as_ref()?.find(text)?;
        Some(m.as_str().trim())
    }
}

/// How far before and after a number an exclusion is looked for, in bytes:
/// longer than any date, time, telephone number or reference printed around one.
const EXCLUDE_REACH: usize = 64;

/// Whether byte span `[s, e)` overlaps any of `spans`.
pub(crate) fn overlaps(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
    spans.iter().any(|&(a, b)| a < e && s < b)
}

/// Line text with inline emphasis blanked out: HTML tags (`<b>`, `</strong>`)
/// and Markdown `**`/`__`, which some exports leave around figures (`**100 more**`).
/// Borrowed when there is none.
pub(crate) fn strip_tags(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let (mut has_lt, mut has_md) = (false, false);
    for i in memchr::memchr3_iter(b'<', b'*', b'_', b) {
        if b[i] == b'<' {
            has_lt = true;
        } else if b.get(i + 1) == Some(&b[i]) {
            has_md = true;
        }
        if has_lt && has_md {
            break;
        }
    }
    if !has_lt && !has_md {
        return std::borrow::Cow::Borrowed(text);
    }
    let owned;
    let text = if has_md {
        owned = text.replace("**", "").replace("__", "");
        owned.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match tail.find('>') {
            Some(j)
                if j <= 40
                    && tail[1..j]
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"/ =\"'-:;".contains(&c)) =>
            {
                out.push(' ');
                rest = &tail[j + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::extract_text;
    use crate::extract::Format;
    use crate::record::{DocKind, Fields};
    use crate::segment::Document;
    use crate::source::SourceFile;

    /// The KPI rules of the default rule file, highest priority first.
    fn default_rules() -> Vec<(String, KpiEngine)> {
        let doc: toml::Table = toml::from_str(include_str!("../../rules/kpi.toml")).unwrap();
        let mut rules = Vec::new();
        for r in doc["rule"].as_array().unwrap() {
            let mut t = r.as_table().unwrap().clone();
            let id = t.remove("id").unwrap().as_str().unwrap().to_string();
            let priority = t.remove("priority").unwrap().as_integer().unwrap();
            for k in ["type", "description", "example"] {
                t.remove(k);
            }
            let spec: KpiSpec = toml::Value::Table(t).try_into().unwrap();
            rules.push((priority, id, KpiEngine::compile(spec).unwrap()));
        }
        rules.sort_by_key(|r| -r.0);
        rules.into_iter().map(|(_, id, e)| (id, e)).collect()
    }

    type Kpi = (f64, Unit, Option<String>, Option<String>, String);

    /// Looking for exclusions only near numbers excludes the same numbers as
    /// searching the whole text, on every paragraph of the bundled text exports.
    #[test]
    fn exclusions_near_numbers_match_the_whole_text_search() {
        let files = crate::testdata::text_exports();
        let engines: Vec<_> = default_rules()
            .into_iter()
            .filter(|(_, e)| !e.exclude.is_empty())
            .collect();
        assert!(!engines.is_empty());
        let (mut nums, mut whole, mut near) = (Vec::new(), Vec::new(), Vec::new());
        let (mut checked, mut excluded) = (0usize, 0usize);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for para in text.split("\n\n") {
                numbers::scan(para, &mut nums);
                for (id, e) in &engines {
                    e.excluded_spans(para, &mut whole);
                    e.excluded_near(para, &nums, &mut near);
                    for n in &nums {
                        let a = overlaps(&whole, n.start, n.end);
                        assert_eq!(
                            a,
                            overlaps(&near, n.start, n.end),
                            "{id}: {:?} in {}: {para:?}",
                            &para[n.start..n.end],
                            f.display()
                        );
                        checked += 1;
                        excluded += usize::from(a);
                    }
                }
            }
        }
        assert!(checked > 1000 && excluded > 100, "{checked} {excluded}");
    }

    fn run(text: &str) -> Vec<Kpi> {
        let extracted = extract_text(text.as_bytes()).unwrap();
        let file = SourceFile {
            abs_path: "t.txt".into(),
            rel_path: "t.txt".into(),
            format: Format::Text,
            size: text.len() as u64,
        };
        let doc = Document {
            kind: DocKind::Report,
            title: None,
            date: None,
            authority: Some("Coventry City Council".into()),
            body: None,
            meeting_date: None,
            of_meeting: true,
            start: 0,
            end: extracted.lines.len(),
            rule: "t".into(),
        };
        let ctx = DocContext {
            file: &file,
            sha256: "0",
            text: &extracted,
            doc: &doc,
            wraps: &[],
            measure: None,
            hints: &crate::rules::LineHints::default(),
        };
        let mut out = Vec::new();
        let clean = crate::normalize::clean_text(&extracted);
        for (id, engine) in default_rules() {
            engine.apply(&ctx, &clean, &id, &mut out);
        }
        out.into_iter()
            .map(|r| match r.fields {
                Fields::Kpi {
                    value,
                    unit,
                    period,
                    area,
                    indicator,
                } => (value, unit, period, area, indicator),
                _ => unreachable!(),
            })
            .collect()
    }

    fn values(k: &[Kpi]) -> Vec<(f64, Unit)> {
        k.iter().map(|x| (x.0, x.1)).collect()
    }

    #[test]
    fn the_second_figure_of_a_change_takes_the_first_ones_unit() {
        let k = run("The number of households in temporary accommodation rose from 212 in March 2023 to 264 in December 2023.\n");
        assert_eq!(values(&k), vec![(212.0, Unit::Count), (264.0, Unit::Count)]);
        assert_eq!(k[1].2.as_deref(), Some("December 2023"));
        assert_eq!(k[1].4, k[0].4);
        let k = run("There were 46 agency social workers in post at 31 March 2024, compared with 71 a year earlier.\n");
        assert_eq!(values(&k), vec![(46.0, Unit::Count), (71.0, Unit::Count)]);
        // a count in millions with its noun before it
        let k = run("Physical visits to libraries fell from 1.24 million in 2018/19 to 812,000 in 2023/24.\n");
        assert_eq!(
            values(&k),
            vec![(1240000.0, Unit::Count), (812000.0, Unit::Count)]
        );
        // the earlier figure straight after the later one; a capacity is
        // compared as a target is
        let k = run("The number of children in external residential care had risen to 118 from 96 a year earlier.\n");
        assert_eq!(values(&k), vec![(118.0, Unit::Count), (96.0, Unit::Count)]);
        let k = run("The school had 31 pupils on roll against a capacity of 105.\n");
        assert_eq!(values(&k), vec![(31.0, Unit::Count), (105.0, Unit::Count)]);
        // the comparison named far from the first figure, after its date, or
        // at a line's end
        let k = run("On an average day in September 2023, 38 people were medically fit for discharge but still in a hospital bed, compared with 52 in September 2022.\n");
        assert_eq!(values(&k), vec![(38.0, Unit::Count), (52.0, Unit::Count)]);
        let k = run("The number of people awaiting a home care package fell to 64\nat 30 September 2023, from 141 at the end of March 2023.\n");
        assert_eq!(values(&k), vec![(64.0, Unit::Count), (141.0, Unit::Count)]);
        let k = run("The council was supporting 412 people at the end of the year, compared with\n397 a year earlier.\n");
        assert_eq!(values(&k), vec![(412.0, Unit::Count), (397.0, Unit::Count)]);
        let k = run("The acute trusts had 146 patients a day on average with no criteria to reside in October 2023, and the ambition was to reduce this to 110 by January.\n");
        assert_eq!(values(&k), vec![(146.0, Unit::Count), (110.0, Unit::Count)]);
        // a share put between the count and its comparison
        let k = run(
            "There were 47 young people in Staying Put, 26% of care leavers, up from 42 in 2022.\n",
        );
        assert_eq!(
            values(&k),
            vec![
                (47.0, Unit::Count),
                (26.0, Unit::Percent),
                (42.0, Unit::Count)
            ]
        );
        let k = run("The service had 118 approved fostering households, 37% of all carers, against 109 a year earlier.\n");
        assert_eq!(
            values(&k),
            vec![
                (118.0, Unit::Count),
                (37.0, Unit::Percent),
                (109.0, Unit::Count)
            ]
        );
        // a range the figure is measured against, its unit left out
        let k = run("The average IRO caseload was 74 children, above the range of 50 to 70 recommended in the IRO Handbook.\n");
        assert_eq!(
            values(&k),
            vec![(74.0, Unit::Rate), (50.0, Unit::Rate), (70.0, Unit::Rate)]
        );
        // a change by a percentage lends no percent to the level reached
        let k = run("Loans rose by 146% over the same period to 298,500.\n");
        assert_eq!(
            values(&k),
            vec![(146.0, Unit::Percent), (298500.0, Unit::Count)]
        );
    }

    #[test]
    fn an_exclusion_starting_inside_another_still_counts() {
        // the paragraph number's exclusion reads "4.1 Ta"; "Table 1" is a
        // reference all the same
        let k = run("4.1 Table 1 summarises the headline indicators.\n");
        assert!(k.is_empty(), "{k:?}");
    }

    #[test]
    fn a_threshold_in_a_measures_name_is_no_unit_of_its_figures() {
        let k = run(
            "The number of pupils with attendance below 85% rose to 1,018, from 912 in 2022/23.\n",
        );
        assert!(
            k.iter().any(|x| x.0 == 1018.0 && x.1 == Unit::Count),
            "{k:?}"
        );
        let k = run("Measure\tTarget\tQ2 2024/25\nOccupational therapy assessments waiting over 28 days\t100\t163\n");
        assert_eq!(values(&k), vec![(100.0, Unit::Count), (163.0, Unit::Count)]);
    }

    #[test]
    fn a_caption_above_the_header_heads_no_column() {
        // the caption's year is no column key: "%" stays the second column's unit
        for sep in ["\t", "     "] {
            let text = format!("Table 2: Savings delivery 2024/25\n\nSavings status{sep}£000{sep}%\nDelivered{sep}6,210{sep}58\nAt risk{sep}1,390{sep}13\n");
            let k = run(&text);
            assert_eq!(
                values(&k),
                vec![
                    (6210000.0, Unit::Gbp),
                    (58.0, Unit::Percent),
                    (1390000.0, Unit::Gbp),
                    (13.0, Unit::Percent)
                ],
                "{sep:?}"
            );
            assert!(k.iter().all(|x| x.2.as_deref() == Some("2024/25")), "{k:?}");
        }
    }

    #[test]
    fn a_period_column_dates_its_row_and_the_councils_column_is_its_area() {
        let k = run("Indicator\tPeriod\tCoventry\tWest Midlands\tEngland\nSmoking prevalence in adults (%)\t2023\t14.2\t12.9\t11.6\n");
        assert_eq!(
            values(&k),
            vec![
                (14.2, Unit::Percent),
                (12.9, Unit::Percent),
                (11.6, Unit::Percent)
            ]
        );
        assert!(k.iter().all(|x| x.2.as_deref() == Some("2023")), "{k:?}");
        let areas: Vec<_> = k.iter().map(|x| x.3.as_deref()).collect();
        assert_eq!(
            areas,
            [Some("Coventry"), Some("West Midlands"), Some("England")]
        );
    }

    #[test]
    fn comparison_gives_one_record_per_figure_with_areas() {
        // coventry/2020-01-09 briefing, 6.4
        let k = run("the Agency Worker rate has decreased to 10.8, which is below the England (15.4) and West Midlands (16.3) agency worker rates for 2018\n");
        assert_eq!(
            values(&k),
            vec![(10.8, Unit::Rate), (15.4, Unit::Rate), (16.3, Unit::Rate)]
        );
        assert_eq!(k[0].3, None);
        assert_eq!(k[1].3.as_deref(), Some("England"));
        assert_eq!(k[2].3.as_deref(), Some("West Midlands"));
    }

    #[test]
    fn a_comparison_keeps_its_measure() {
        // coventry/2020-01-09 briefing: one measure, four figures
        let k = run("the vacancy rate of 9.3 in September 2019 has decreased from 20.4 in 2018 and which is well below the England and the West Midlands rates for 2018 (16.5 and 18.4)\n");
        assert_eq!(k.len(), 4);
        for r in &k {
            assert_eq!(r.4, "vacancy rate", "{k:?}");
        }
    }

    #[test]
    fn thousands_table_scales_and_brackets_are_negative() {
        // coventry/2017-09-14 agenda pack, Children's Services Redesign
        let k = run("\tCurrent\t17/18\t18/19\t19/20\t\n\t£000's\t£000's\t£000's\t£000's\t£000's\nSavings Delivery\t\t(466)\t(1,120)\t(2,120)\t\n");
        assert_eq!(
            values(&k),
            vec![
                (-466000.0, Unit::Gbp),
                (-1120000.0, Unit::Gbp),
                (-2120000.0, Unit::Gbp)
            ]
        );
        assert_eq!(k[0].2.as_deref(), Some("17/18"));
        assert_eq!(k[0].4, "Savings Delivery");
    }

    #[test]
    fn thousands_table_in_a_pdf_layout() {
        // bristol-cc SRC-BCC-0005, parking income table (single-spaced)
        let k = run("All figures £ks 2024/25 Revised Budget Period 4 Forecast Variance\nOn Street (4,956) (4,366) 590\n");
        assert_eq!(
            values(&k),
            vec![
                (-4956000.0, Unit::Gbp),
                (-4366000.0, Unit::Gbp),
                (590000.0, Unit::Gbp)
            ]
        );
    }

    #[test]
    fn ranges_give_two_records() {
        // west-sussex/2019-10-23 update 2.6; coventry/2017-09-14 LSCB report
        let k = run("reduced by three quarters, to 1-2 FTE per month.\n\nFor the last three years between 51 and 58% of children on plans.\n");
        assert_eq!(
            values(&k),
            vec![
                (1.0, Unit::Fte),
                (2.0, Unit::Fte),
                (51.0, Unit::Percent),
                (58.0, Unit::Percent)
            ]
        );
    }

    #[test]
    fn dates_years_times_and_phone_numbers_are_not_figures() {
        // coventry/2017-09-14 agenda pack, front sheet and contacts
        let k = run("2.00 pm on Thursday, 14th September, 2017\nCommittee Room 3 - Council House\nTelephone: (024) 7683 3237/3111\nContact details: john.gregg@coventry.gov.uk Tel: (024) 7683 3402\nIn financial year 2016/17 the Board met on 12/10/16.\nchildren as young as 10 are cooking\n3.1 At their meeting on the 13th July 2017 (Pages 3 - 8)\n");
        assert_eq!(values(&k), vec![]);
    }

    #[test]
    fn table_cells_take_label_and_column_header() {
        // coventry/2017-09-14 agenda pack, figure 3
        let k = run(
            "Age Group\tYTD\t%\t2015/16 %\t2014/15 %\t2013/14 %\nUnborn\t21\t4.1\t2.6\t4.5\t4.7\n",
        );
        assert_eq!(
            values(&k),
            vec![
                (21.0, Unit::Count),
                (4.1, Unit::Percent),
                (2.6, Unit::Percent),
                (4.5, Unit::Percent),
                (4.7, Unit::Percent)
            ]
        );
        assert_eq!(k[0].2.as_deref(), Some("YTD"));
        assert_eq!(k[1].2.as_deref(), Some("YTD"));
        assert_eq!(k[2].2.as_deref(), Some("2015/16"));
        assert!(k.iter().all(|x| x.4.starts_with("Unborn")));
    }

    #[test]
    fn single_spaced_table_fits_header_from_the_right() {
        // the same table as pdf-extract prints it
        let k =
            run("Age Group YTD % 2015/16 % 2014/15 % 2013/14 %\n0 to 3 165 31.9 30.0 30.1 33.2\n");
        assert_eq!(k.len(), 5);
        assert_eq!((k[0].0, k[0].1), (165.0, Unit::Count));
        assert_eq!((k[1].0, k[1].1), (31.9, Unit::Percent));
        assert_eq!(k[4].2.as_deref(), Some("2013/14"));
        assert_eq!(k[0].4, "0 to 3");
    }

    #[test]
    fn table_rows_with_areas() {
        // coventry/2017-09-14 agenda pack, figure 4
        let k = run("Year\t2013/14\t2014/15\t2015/16\t2016/17\nPer 10,000 population\t\t\t\t\nCoventry\t85.9\t79.2\t78.2\t83.1\nAll England\t60.0\t64.4\t60.3\t-\n");
        assert_eq!(k.len(), 7);
        assert!(k.iter().all(|x| x.1 == Unit::Rate));
        assert_eq!(k[0].3.as_deref(), Some("Coventry"));
        assert_eq!(k[4].3.as_deref(), Some("All England"));
        assert_eq!(k[6].2.as_deref(), Some("2015/16"));
    }

    #[test]
    fn money_in_prose_is_scaled() {
        // coventry/2018-07-19 briefing 6.4; coventry/2017-09-14 redesign appendix
        let k = run("achieving £1,790,610 through a bid. Deliver £1M of activity reduction and £1.79m more, approx £300K.\n");
        assert_eq!(
            values(&k),
            vec![
                (1790610.0, Unit::Gbp),
                (1000000.0, Unit::Gbp),
                (1790000.0, Unit::Gbp),
                (300000.0, Unit::Gbp)
            ]
        );
    }

    #[test]
    fn bad_patterns_are_all_reported() {
        let spec: KpiSpec = toml::from_str(
            "mode = \"prose\"\nexclude = ['(']\nperiod = '['\nunit = [{ unit = \"rate\" }]\n",
        )
        .unwrap();
        let errs = KpiEngine::compile(spec).err().unwrap();
        let keys: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(keys, vec!["exclude[0]", "unit[0]", "period"]);
    }

    #[test]
    fn a_unit_for_no_figure_is_an_error() {
        let spec: KpiSpec = toml::from_str(
            "mode = \"prose\"\nunit = [{ unit = \"count\", after = 'x', decimal_only = true, integer_only = true }]\n",
        )
        .unwrap();
        let errs = KpiEngine::compile(spec).err().unwrap();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, "unit[0]");
        assert!(errs[0].1.contains("integer_only"), "{}", errs[0].1);
    }
}
