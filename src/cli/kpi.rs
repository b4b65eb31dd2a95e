//! `boardpapers kpi QUERY`: the figures of a measure over time and across
//! councils. Finds KPI records whose indicator matches the query, prints them
//! in period order with a sparkline per (indicator, place) series, and can
//! draw the series as an SVG line chart. Exit 0 found, 1 nothing found.

use super::common::{self, Format};
use super::exit;
use super::search::{parse_since, parse_until};
use anyhow::Context;
use boardpapers::index::BoardIndex;
use boardpapers::output::{self, OutputFormat};
use boardpapers::query::SearchRequest;
use boardpapers::record::Fields;
use boardpapers::series::{self, format_value, key_label, Point, Series};
use std::io::{self, Write};
use std::path::PathBuf;

/// Figures of a measure over time and across councils.
///
/// Examples:
///   boardpapers kpi "vacancy rate"
///   boardpapers kpi "looked after children" --area england --since 2018
///   boardpapers kpi caseload --plot caseload.svg
///   boardpapers kpi "agency" --format csv > agency.csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct KpiArgs {
    /// What is measured. Plain words must all occur in the figure's indicator
    /// or the sentence it was printed in, except words naming the kind of
    /// figure (rate, gap, number, percentage, proportion, total, ...), which
    /// councils vary: `vacancy rate` also finds a "vacancy gap". Query syntax
    /// (`"quoted phrase"`, `OR`, `-word`, `indicator:word`) is taken as
    /// written. Several arguments are joined.
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,

    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Only figures for this place: every word must occur in the area
    /// (`--area england`, `--area "west midlands"`).
    #[arg(long, value_name = "WORDS")]
    pub area: Option<String>,

    /// Only figures from this council: every word must occur in its name.
    #[arg(long, value_name = "WORDS")]
    pub authority: Option<String>,

    /// Only figures from meetings (else documents) on or after this date:
    /// YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<String>,

    /// Only figures from meetings (else documents) on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<String>,

    /// Output format. `json`, `jsonl` and `csv` print the KPI records in
    /// their records.md shape, in period order.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also draw the series as an SVG line chart into this file.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
}

fn place_of(p: &Point) -> (String, String, String, String, String) {
    let Fields::Kpi {
        indicator,
        unit,
        period,
        area,
        ..
    } = &p.record.fields
    else {
        unreachable!("series points are KPI records");
    };
    (
        indicator.clone(),
        unit.as_str().to_string(),
        period.clone().unwrap_or_default(),
        area.clone().unwrap_or_default(),
        p.record.authority.clone().unwrap_or_default(),
    )
}

fn write_table(out: &mut dyn Write, points: &[Point], series: &[Series]) -> io::Result<()> {
    let rows: Vec<[String; 8]> = points
        .iter()
        .map(|p| {
            let (indicator, unit, period, area, authority) = place_of(p);
            let when = match (period.is_empty(), p.key) {
                (false, _) => period,
                (true, Some(k)) => format!("({})", key_label(k)),
                (true, None) => "-".to_string(),
            };
            let mut source = p.record.source.path.clone();
            match (p.record.source.page, p.record.source.line) {
                (Some(page), _) => source.push_str(&format!(" p.{page}")),
                (None, Some(line)) => source.push_str(&format!(" l.{line}")),
                _ => {}
            }
            [
                p.key.map(key_label).unwrap_or_else(|| "-".into()),
                when,
                format_value(p.value),
                unit,
                indicator,
                if area.is_empty() { "-".into() } else { area },
                if authority.is_empty() {
                    "-".into()
                } else {
                    authority
                },
                source,
            ]
        })
        .collect();
    let header = [
        "MONTH",
        "PERIOD",
        "VALUE",
        "UNIT",
        "INDICATOR",
        "AREA",
        "AUTHORITY",
        "SOURCE",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else if i == 2 {
                // Values line up on the right, as numbers do.
                s.push_str(&format!("{cell:>w$}  "));
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    writeln!(out)?;
    writeln!(out, "SERIES")?;
    for s in series {
        let values: Vec<f64> = s.points.iter().map(|p| p.value).collect();
        let first = s.points.first().map(|p| format_value(p.value));
        let last = s.points.last().map(|p| format_value(p.value));
        writeln!(
            out,
            "  {}  {} · {} ({}): {} → {}, {} figure{}",
            series::sparkline(&values),
            s.indicator,
            s.place,
            s.unit,
            first.unwrap_or_default(),
            last.unwrap_or_default(),
            values.len(),
            if values.len() == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// Words naming the kind of figure rather than what is measured: councils
/// print the same measure as a "vacancy rate", "vacancy gap" or "number of
/// vacancies", so these words do not have to match.
const MEASURE_WORDS: [&str; 12] = [
    "rate",
    "rates",
    "gap",
    "number",
    "numbers",
    "percentage",
    "proportion",
    "total",
    "count",
    "level",
    "levels",
    "of",
];

/// The query the index runs: a plain list of words loses its measure words
/// (as long as another word remains); anything written in query syntax is
/// taken as it is.
fn indicator_query(query: &str) -> String {
    let plain = query
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '\'');
    if !plain {
        return query.to_string();
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !MEASURE_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if kept.is_empty() {
        query.to_string()
    } else {
        kept.join(" ")
    }
}

pub fn run(args: KpiArgs) -> anyhow::Result<u8> {
    let query = args.query.join(" ");
    let request = SearchRequest {
        query: indicator_query(&query),
        types: vec!["kpi".to_string()],
        authority: args.authority,
        area: args.area,
        since: args.since,
        until: args.until,
        ..SearchRequest::default()
    };
    let index = BoardIndex::open(&args.index)?;
    // The evidence too: an indicator is often cut short ("the vacancy rate
    // of"), while the sentence around the figure names the measure in full.
    let records = index.matching_records(&request, &["indicator", "text"])?;
    let points = series::points(records);
    let series = series::series(&points);
    if let Some(path) = &args.plot {
        let svg = series::svg_chart(&format!("KPI: {query}"), &series);
        std::fs::write(path, svg).with_context(|| format!("cannot write `{}`", path.display()))?;
        eprintln!("wrote {} series to `{}`", series.len(), path.display());
    }
    if points.is_empty() {
        eprintln!("no KPI figures whose indicator matches `{query}`");
        return Ok(exit::NOT_FOUND_OR_PARTIAL);
    }
    common::print_stdout(|out| match args.format {
        Format::Table => write_table(out, &points, &series),
        format => {
            let records: Vec<_> = points.iter().map(|p| p.record.clone()).collect();
            output::printer(OutputFormat::from(format), Default::default()).records(out, &records)
        }
    })
    .context("cannot write the figures")?;
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::indicator_query;

    #[test]
    fn measure_words_are_optional_in_plain_queries() {
        assert_eq!(indicator_query("vacancy rate"), "vacancy");
        assert_eq!(
            indicator_query("Number of looked after children"),
            "looked after children"
        );
        assert_eq!(indicator_query("rate"), "rate");
        assert_eq!(indicator_query("\"vacancy rate\""), "\"vacancy rate\"");
    }
}
