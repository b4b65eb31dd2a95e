//! `boardpapers search`: turns the command line into a [`SearchRequest`], runs
//! it and prints the hits in the chosen format. Exit 0 when something was
//! found, 1 when nothing was, 2 on error (from `main`).

use super::common::{self, ColorChoice, Format};
use super::exit;
use anyhow::Context;
use boardpapers::index::BoardIndex;
use boardpapers::output::{self, OutputFormat};
use boardpapers::query::{self, DateEnd, SearchRequest, SortOrder, DEFAULT_LIMIT};
use std::path::PathBuf;

/// Search page text and records.
///
/// Examples:
///   boardpapers search "young carers"
///   boardpapers search --type attendee Mutton
///   boardpapers search 'indicator:"vacancy rate"' --since 2019 --format csv
///   boardpapers search --type resolution --body "scrutiny board 2" ""
///   boardpapers search --type recommendation --origin inspection --sort date ""
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct SearchArgs {
    /// The query, in tantivy syntax: words (every one must match; `OR` to
    /// widen), "quoted phrases", `-word` to exclude, `field:value`, ranges such
    /// as `value:[10 TO 20]`. Words without a field search page and record text
    /// and document titles. Fields: text, title, type, kind (the document's:
    /// minutes, report, ...), path, id, date, meeting_date, authority, body,
    /// page, line, rule, name, honorific, role, chair, organisation, minute,
    /// item_title, number, addressee, origin, indicator, value, unit, period,
    /// area, place, time. Several arguments are joined with spaces; an empty
    /// query lists everything the filters match, in file order.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Only hits of this kind: `page` or a record type (document, meeting,
    /// attendee, resolution, recommendation, kpi). Repeat or separate with
    /// commas for several.
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',', value_parser = parse_type)]
    pub types: Vec<String>,

    /// Only hits from this council or organisation: every word must occur in
    /// its name (`--authority coventry`).
    #[arg(long, value_name = "WORDS")]
    pub authority: Option<String>,

    /// Only hits from this committee or board: every word must occur in its
    /// name (`--body "scrutiny board 2"`).
    #[arg(long, value_name = "WORDS")]
    pub body: Option<String>,

    /// Only hits whose meeting (else document) date is on or after this:
    /// YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<String>,

    /// Only hits whose meeting (else document) date is on or before this:
    /// YYYY-MM-DD, YYYY-MM or YYYY (`2017` means up to 2017-12-31).
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<String>,

    /// Most hits to print.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,

    /// Hits to skip first, to page through results.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Only recommendations of this origin: report, inspection, review,
    /// committee.
    #[arg(long, value_name = "ORIGIN", value_parser = parse_origin)]
    pub origin: Option<String>,

    /// Only attendees of this role: member, co_opted, cabinet_member,
    /// other_member, officer, invited, apology, absent.
    #[arg(long, value_name = "ROLE", value_parser = parse_role)]
    pub role: Option<String>,

    /// Order of the hits: best match first, or newest meeting (else document)
    /// date first. A query without words lists hits by file and page.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,

    /// List every matching page on its own, instead of one hit per document
    /// with its best pages and how many of its pages matched.
    #[arg(long)]
    pub all_pages: bool,

    /// Output format. `json` and `jsonl` print records in their
    /// `boardpapers.record/1` shape plus `score` and `snippet`; page hits have
    /// the shape `boardpapers.page/1`.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour matched words in the table (`NO_COLOR` turns `auto` off).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--sort` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

fn parse_origin(value: &str) -> Result<String, String> {
    query::check_origin(value).map_err(|e| e.to_string())
}

fn parse_role(value: &str) -> Result<String, String> {
    query::check_role(value).map_err(|e| e.to_string())
}

fn parse_type(value: &str) -> Result<String, String> {
    query::check_hit_type(value).map_err(|e| e.to_string())
}

pub(crate) fn parse_since(value: &str) -> Result<String, String> {
    query::parse_date_bound(value, DateEnd::Since)
        .map(|_| value.to_string())
        .map_err(|e| e.to_string())
}

pub(crate) fn parse_until(value: &str) -> Result<String, String> {
    query::parse_date_bound(value, DateEnd::Until)
        .map(|_| value.to_string())
        .map_err(|e| e.to_string())
}

pub fn run(args: SearchArgs) -> anyhow::Result<u8> {
    let request = SearchRequest {
        query: args.query.join(" "),
        types: args.types,
        authority: args.authority,
        body: args.body,
        since: args.since,
        until: args.until,
        area: None,
        origin: args.origin,
        role: args.role,
        sort: match args.sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Date => SortOrder::Date,
        },
        group_pages: !args.all_pages,
        limit: args.limit,
        offset: args.offset,
    };
    let index = BoardIndex::open(&args.index)?;
    let results = index.search(&request)?;

    let format = OutputFormat::from(args.format);
    let mut printer = output::printer(format, common::style(args.color));
    common::print_stdout(|out| printer.hits(out, &results))
        .context("cannot write the search results")?;

    let found = !results.hits.is_empty() || (request.limit == 0 && results.total > 0);
    if !format.is_machine_readable() {
        // A summary for people, on stderr so that it never mixes with the data.
        if results.total == 0 {
            eprintln!("no matches");
        } else if results.hits.is_empty() && request.limit > 0 {
            eprintln!(
                "{} matches, all before --offset {}",
                results.total, request.offset
            );
        } else if results.hits.len() < results.total {
            let first = request.offset.saturating_add(1).min(results.total);
            let last = request.offset.saturating_add(results.hits.len());
            let grouped = if results.hits.iter().any(|h| h.pages_matched > 1) {
                " (the matching pages of one document are one hit)"
            } else {
                ""
            };
            eprintln!(
                "showing {first}-{last} of {} matches{grouped}; use --limit and --offset for more",
                results.total
            );
        }
    }
    Ok(if found {
        exit::OK
    } else {
        exit::NOT_FOUND_OR_PARTIAL
    })
}
