//! Rules: the declarative rule files in `rules/` (see `rules/README.md`),
//! compiled once into a [`RuleSet`] and applied to each document of a file to
//! make records. Reading and error reporting live in `file.rs`; each rule type
//! has its engine in a module of its own; `context.rs` is what an engine sees.

pub mod attendance;
pub mod context;
pub mod document;
pub mod examples;
pub mod file;
pub mod hints;
pub mod kpi;
pub mod pattern;
pub mod recommendation;
pub mod resolution;
pub mod source;

use crate::extract::ExtractedText;
use crate::record::{collapse_ws, DocKind, Fields, Record, Role};
use crate::segment::{self, Document};
use crate::source::{sha256_hex, SourceFile};
use context::DocContext;
use file::{RawRule, RuleError, RuleErrors};
pub use hints::LineHints;
use std::path::Path;

/// One file as the rules take it: its text as read, the cleaned lines
/// ([`crate::normalize`]) and their [`RuleSet::line_hints`].
#[derive(Clone, Copy)]
pub struct FileInput<'a> {
    pub file: &'a SourceFile,
    pub sha256: &'a str,
    pub text: &'a ExtractedText,
    pub clean: &'a [String],
    pub hints: &'a LineHints,
}

/// The rule types a rule file may use.
pub const RULE_TYPES: [&str; 7] = [
    "document",
    "field",
    "separator",
    "attendance",
    "resolution",
    "recommendation",
    "kpi",
];

/// What every compiled rule keeps of its file entry, for `rules` listings and `explain`.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub priority: i64,
    pub description: Option<String>,
    pub file: String,
    pub line: usize,
    /// Time taken to compile the rule's slowest pattern.
    pub slowest_pattern: std::time::Duration,
}

/// Every rule of a rule directory, compiled, in priority order within each type.
pub struct RuleSet {
    pub documents: Vec<document::DocumentRule>,
    pub fields: Vec<document::FieldRule>,
    pub separators: Vec<document::SeparatorRule>,
    pub attendance: Vec<attendance::AttendanceRule>,
    pub resolutions: Vec<resolution::ResolutionRule>,
    pub recommendations: Vec<recommendation::RecommendationRule>,
    pub kpis: Vec<(String, i64, kpi::KpiEngine)>,
    pub info: Vec<RuleInfo>,
    /// Inline examples, by rule id.
    pub examples: Vec<(String, Vec<file::Example>)>,
    /// SHA-256 over the rule files' names and bytes: a file processed under
    /// another hash is processed again.
    pub hash: String,
    /// The one-pass search behind [`RuleSet::line_hints`].
    hinter: hints::Hinter,
}

/// One rule compiled, of whichever kind.
enum Compiled {
    Document(document::DocumentRule),
    Field(document::FieldRule),
    Separator(document::SeparatorRule),
    Attendance(attendance::AttendanceRule),
    Resolution(resolution::ResolutionRule),
    Recommendation(recommendation::RecommendationRule),
    Kpi(kpi::KpiEngine),
    /// A kind the rule file reader already reported.
    Unknown,
}

/// Compile one rule of any kind; its errors point into its file.
fn compile_rule(raw: &RawRule) -> Result<Compiled, Vec<RuleError>> {
    match raw.kind.as_str() {
        "document" => document::compile_document(raw).map(Compiled::Document),
        "field" => document::compile_field(raw).map(Compiled::Field),
        "separator" => document::compile_separator(raw).map(Compiled::Separator),
        "attendance" => attendance::compile(raw).map(Compiled::Attendance),
        "resolution" => resolution::compile(raw).map(Compiled::Resolution),
        "recommendation" => recommendation::compile(raw).map(Compiled::Recommendation),
        "kpi" => raw.spec::<kpi::KpiSpec>().and_then(|spec| {
            kpi::KpiEngine::compile(spec)
                .map(Compiled::Kpi)
                .map_err(|errs| {
                    errs.into_iter()
                        .map(|(key, msg)| raw.error_at(&key, msg))
                        .collect()
                })
        }),
        _ => Ok(Compiled::Unknown),
    }
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.info.len())
            .field("hash", &self.hash)
            .finish()
    }
}

/// Why a rule directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read rules from `{path}`: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("no rule files (`*.toml`) in `{0}`")]
    Empty(String),
    #[error("{0}")]
    Invalid(RuleErrors),
}

impl RulesError {
    /// The individual mistakes, when the rules were read but are wrong.
    pub fn errors(&self) -> &[RuleError] {
        match self {
            RulesError::Invalid(e) => &e.0,
            _ => &[],
        }
    }
}

impl RuleSet {
    /// Load and compile every `*.toml` file in `dir` (sorted by name). All
    /// mistakes across all files are reported together.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RulesError> {
        RuleSet::from_sources(&read_dir_sources(dir)?)
    }

    /// The [`RuleSet::hash`] the rule files of `dir` would load with, without
    /// compiling them (most of the cost of loading rules).
    pub fn hash_dir(dir: &Path) -> Result<String, RulesError> {
        Ok(hash_sources(&read_dir_sources(dir)?))
    }

    /// Compile rule files given as (path, text) pairs.
    pub fn from_sources(files: &[(std::path::PathBuf, String)]) -> Result<RuleSet, RulesError> {
        let mut errors = Vec::new();
        let mut raws: Vec<RawRule> = Vec::new();
        for (path, text) in files {
            raws.extend(file::read_rule_file(path, text, &mut errors));
        }
        let mut set = RuleSet {
            documents: Vec::new(),
            fields: Vec::new(),
            separators: Vec::new(),
            attendance: Vec::new(),
            resolutions: Vec::new(),
            recommendations: Vec::new(),
            kpis: Vec::new(),
            info: Vec::new(),
            examples: Vec::new(),
            hash: hash_sources(files),
            hinter: hints::Hinter::default(),
        };
        let mut seen = std::collections::HashMap::new();
        for raw in &raws {
            if let Some((f, l)) = seen.insert(raw.id.clone(), (raw.file.clone(), raw.line)) {
                errors.push(RuleError {
                    file: raw.file.clone(),
                    line: raw.line,
                    col: raw.col,
                    message: format!(
                        "duplicate rule id `{}` (first defined at {}:{l})",
                        raw.id,
                        f.display()
                    ),
                });
            }
        }
        // Rules compile independently of each other, and compiling is most
        // of the cost of loading them: spread it over the cores, then file
        // the results in the rules' order.
        let compiled: Vec<(Result<Compiled, Vec<RuleError>>, std::time::Duration)> = {
            use rayon::prelude::*;
            raws.par_iter()
                .map(|raw| {
                    pattern::take_slowest();
                    let result = compile_rule(raw);
                    (result, pattern::take_slowest())
                })
                .collect()
        };
        for (raw, (result, slowest)) in raws.iter().zip(compiled) {
            match result {
                Ok(Compiled::Document(r)) => set.documents.push(r),
                Ok(Compiled::Field(r)) => set.fields.push(r),
                Ok(Compiled::Separator(r)) => set.separators.push(r),
                Ok(Compiled::Attendance(r)) => set.attendance.push(r),
                Ok(Compiled::Resolution(r)) => set.resolutions.push(r),
                Ok(Compiled::Recommendation(r)) => set.recommendations.push(r),
                Ok(Compiled::Kpi(e)) => set.kpis.push((raw.id.clone(), raw.priority, e)),
                Ok(Compiled::Unknown) => {}
                Err(e) => errors.extend(e),
            }
            set.info.push(RuleInfo {
                id: raw.id.clone(),
                kind: raw.kind.clone(),
                priority: raw.priority,
                description: raw.description.clone(),
                file: raw.file.display().to_string(),
                line: raw.line,
                slowest_pattern: slowest,
            });
            if !raw.examples.is_empty() {
                set.examples.push((raw.id.clone(), raw.examples.clone()));
            }
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
            return Err(RulesError::Invalid(RuleErrors(errors)));
        }
        // Higher priority first; file order breaks ties (the sort is stable).
        set.documents.sort_by_key(|r| -r.priority);
        set.fields.sort_by_key(|r| -r.priority);
        set.separators.sort_by_key(|r| -r.priority);
        set.attendance.sort_by_key(|r| -r.priority);
        set.resolutions.sort_by_key(|r| -r.priority);
        set.recommendations.sort_by_key(|r| -r.priority);
        set.kpis.sort_by_key(|r| -r.1);
        set.register_line_patterns();
        Ok(set)
    }

    /// Give every pattern that is tried on every line its column in the line hints.
    fn register_line_patterns(&mut self) {
        let mut h = std::mem::take(&mut self.hinter);
        self.each_line_pattern(&mut |p| h.register(p));
        h.finish();
        self.hinter = h;
    }

    /// Every pattern that rules try on every line (document starts,
    /// separators, file-wide fields, attendance starts, resolution and
    /// recommendation patterns).
    fn each_line_pattern(&mut self, f: &mut dyn FnMut(&mut pattern::Pattern)) {
        for r in &mut self.documents {
            f(&mut r.start);
            if let Some(n) = &mut r.not_after {
                f(n);
            }
        }
        for r in &mut self.separators {
            f(&mut r.pattern);
        }
        // Only file-wide fields read every line; the others read a few lines
        // at a document's top, where a hint would cost more than it saves.
        for r in self.fields.iter_mut().filter(|r| r.file_wide) {
            f(&mut r.pattern);
        }
        for r in &mut self.attendance {
            r.line_patterns(f);
        }
        for r in &mut self.resolutions {
            r.line_patterns(f);
        }
        for r in &mut self.recommendations {
            r.line_patterns(f);
        }
    }

    /// A file's clean lines ([`crate::normalize::clean_text`]), keeping the stamp
    /// a separator rule names at the top of a page where its figure changes
    /// ("Agenda Item 5", then "Agenda Item 6" on the next page): a new paper,
    /// not the page's furniture.
    pub fn clean_text(&self, text: &ExtractedText) -> Vec<String> {
        crate::normalize::clean_text_with(text, |line| {
            self.separators.iter().any(|s| s.pattern.is_match(line))
        })
    }

    /// Which lines of a file's clean text may match which line patterns: one
    /// pass over the text, made once per file before segmentation.
    pub fn line_hints(&self, clean: &[String]) -> LineHints {
        self.hinter.hints(clean)
    }

    /// The rule with this id.
    pub fn info(&self, id: &str) -> Option<&RuleInfo> {
        self.info.iter().find(|r| r.id == id)
    }

    /// Make every record of one file: a `document` record per document, a
    /// `meeting` record per agenda or minutes, then what the rules find.
    /// Records come back in line order with their ids assigned.
    pub fn apply_file(&self, input: &FileInput, docs: &[Document]) -> Vec<Record> {
        self.apply_file_timed(input, docs, None)
    }

    /// [`RuleSet::apply_file`], adding the time spent in each rule type to
    /// `times` when given (for `bench-rules`).
    pub fn apply_file_timed(
        &self,
        input: &FileInput,
        docs: &[Document],
        mut times: Option<&mut RuleTimes>,
    ) -> Vec<Record> {
        let FileInput {
            file,
            sha256,
            text,
            clean,
            hints,
        } = *input;
        let mut out = Vec::new();
        let t = std::time::Instant::now();
        let wraps = crate::normalize::soft_wraps(clean);
        let measure = crate::normalize::measure(clean);
        if let Some(tm) = times.as_deref_mut() {
            tm.document += t.elapsed();
        }
        for doc in docs {
            let ctx = DocContext {
                file,
                sha256,
                text,
                doc,
                wraps: &wraps,
                measure,
                hints,
            };
            self.apply_document(&ctx, clean, &mut out, times.as_deref_mut());
        }
        assign_ids(&file.rel_path, &mut out);
        out
    }

    fn apply_document(
        &self,
        ctx: &DocContext,
        clean: &[String],
        out: &mut Vec<Record>,
        mut times: Option<&mut RuleTimes>,
    ) {
        let mut lap = Lap::new();
        let doc = ctx.doc;
        let pages = if ctx.text.paged {
            let first = ctx.text.page_of_line(doc.start);
            let last = ctx
                .text
                .page_of_line(doc.end.saturating_sub(1).max(doc.start));
            first.zip(last).map(|(a, b)| [a, b])
        } else {
            None
        };
        let head: String = {
            let mut s = String::new();
            for l in &clean[doc.start..doc.end] {
                if s.len() >= 300 {
                    break;
                }
                if !l.is_empty() {
                    if !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(l);
                }
            }
            s.chars().take(300).collect()
        };
        out.push(ctx.record(Fields::Document { pages }, doc.start, &head, &doc.rule));
        if matches!(doc.kind, DocKind::Agenda | DocKind::Minutes)
            && doc.body.is_some()
            && doc.meeting_date.is_some()
        {
            let (time, place) = segment::meeting_time_place(doc, clean, ctx.hints, &self.fields);
            let header = meeting_header(clean, doc);
            out.push(ctx.record(
                Fields::Meeting { time, place },
                doc.start,
                &header,
                &doc.rule,
            ));
        }
        lap.add(&mut times, |t| &mut t.document);
        // The first rule that finds people reads the attendance block; rules
        // marked `also` add the people named elsewhere, once each.
        let first_attendee = out.len();
        let mut found = false;
        for r in self.attendance.iter().filter(|r| r.applies_to(doc.kind)) {
            if found && !r.also {
                continue;
            }
            let before = out.len();
            r.apply(ctx, clean, out);
            if r.also {
                let added = out.split_off(before);
                for rec in added {
                    let Some(name) = attendee_key(&rec) else {
                        out.push(rec);
                        continue;
                    };
                    let known = out[first_attendee..before]
                        .iter()
                        .position(|k| attendee_key(k).is_some_and(|n| same_person(&n, &name)));
                    match known {
                        None => out.push(rec),
                        // A member listed with the others who sent apologies
                        // (lists of the whole membership, "Present = *"):
                        // one apology record, not a member record.
                        Some(i) if is_apology(&rec) && !is_apology(&out[first_attendee + i]) => {
                            if !rec.text.to_lowercase().contains("lateness") {
                                out[first_attendee + i] = rec;
                            }
                        }
                        Some(_) => {}
                    }
                }
            } else if out.len() > before {
                found = true;
            }
        }
        merge_chair_lines(out, first_attendee, clean);
        lap.add(&mut times, |t| &mut t.attendance);
        for r in self.resolutions.iter().filter(|r| r.applies_to(doc.kind)) {
            let before = out.len();
            r.apply(ctx, clean, out);
            if out.len() > before {
                break;
            }
        }
        lap.add(&mut times, |t| &mut t.resolution);
        let mut claimed = vec![false; doc.end - doc.start];
        for r in self
            .recommendations
            .iter()
            .filter(|r| r.applies_to(doc.kind))
        {
            r.apply(ctx, clean, &mut claimed, out);
        }
        lap.add(&mut times, |t| &mut t.recommendation);
        for (id, _, engine) in &self.kpis {
            engine.apply(ctx, clean, id, out);
            match engine.mode() {
                kpi::Mode::Table => lap.add(&mut times, |t| &mut t.kpi_table),
                kpi::Mode::Prose => lap.add(&mut times, |t| &mut t.kpi_prose),
            }
        }
    }
}

/// Time spent in each rule type, summed over files (`bench-rules`).
#[derive(Debug, Default, Clone, Copy)]
pub struct RuleTimes {
    /// Segmentation is timed by the caller; this is `document`/`field` rules
    /// applied per document (document and meeting records, soft wraps).
    pub document: std::time::Duration,
    pub attendance: std::time::Duration,
    pub resolution: std::time::Duration,
    pub recommendation: std::time::Duration,
    pub kpi_table: std::time::Duration,
    pub kpi_prose: std::time::Duration,
}

/// A stopwatch that charges the time since its last lap to one field.
struct Lap(std::time::Instant);

impl Lap {
    fn new() -> Lap {
        Lap(std::time::Instant::now())
    }

    fn add(
        &mut self,
        times: &mut Option<&mut RuleTimes>,
        field: impl FnOnce(&mut RuleTimes) -> &mut std::time::Duration,
    ) {
        if let Some(t) = times.as_deref_mut() {
            let now = std::time::Instant::now();
            *field(t) += now - self.0;
            self.0 = now;
        }
    }
}

/// Every `*.toml` file of a rule directory (sorted by name) with its text.
fn read_dir_sources(dir: &Path) -> Result<Vec<(std::path::PathBuf, String)>, RulesError> {
    let io = |e| RulesError::Io {
        path: dir.display().to_string(),
        source: e,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(RulesError::Empty(dir.display().to_string()));
    }
    let mut files = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| RulesError::Io {
            path: p.display().to_string(),
            source: e,
        })?;
        files.push((p, text));
    }
    Ok(files)
}

/// SHA-256 over the rule files' names and bytes.
fn hash_sources(files: &[(std::path::PathBuf, String)]) -> String {
    let mut hash_input = Vec::new();
    for (path, text) in files {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        hash_input.extend_from_slice(name.unwrap_or_default().as_bytes());
        hash_input.push(0);
        hash_input.extend_from_slice(text.as_bytes());
        hash_input.push(0);
    }
    sha256_hex(&hash_input)
}

/// The lines that state the meeting: from the document's start to the line
/// with its date, at most a few lines.
fn meeting_header(clean: &[String], doc: &Document) -> String {
    let mut parts = Vec::new();
    for l in clean[doc.start..doc.end].iter().take(12) {
        if l.is_empty() {
            continue;
        }
        parts.push(l.as_str());
        if crate::dates::find_date(l).is_some() {
            break;
        }
    }
    collapse_ws(&parts.join(" "))
}

/// Ids are `PATH:TYPE:N`, N counting records of that type in line order: the
/// same file content under the same rules always gets the same ids.
fn assign_ids(path: &str, records: &mut [Record]) {
    records.sort_by_key(|r| r.source.line.unwrap_or(0));
    let mut counters = std::collections::HashMap::new();
    for r in records.iter_mut() {
        let n = counters.entry(r.type_name()).or_insert(0u32);
        *n += 1;
        r.id = format!("{path}:{}:{n}", r.type_name());
    }
}

/// Whether a record is an attendee who sent apologies.
fn is_apology(r: &Record) -> bool {
    matches!(
        r.fields,
        Fields::Attendee {
            role: Role::Apology,
            ..
        }
    )
}

/// "Councillor Rory McIntyre, Convener, in the Chair." printed after the
/// lists that already name him: the chair's mark goes to that record, and
/// the line adds no second one.
fn merge_chair_lines(out: &mut Vec<Record>, first: usize, clean: &[String]) {
    let mut k = first;
    while k < out.len() {
        let line = out[k].source.line.and_then(|l| clean.get(l as usize - 1));
        let chair_line = matches!(out[k].fields, Fields::Attendee { chair: true, .. })
            && line.is_some_and(|l| l.to_lowercase().contains("in the chair"));
        // The same person read from the lists, before or after the line.
        let listed = chair_line
            .then(|| attendee_key(&out[k]))
            .flatten()
            .and_then(|name| {
                (first..out.len())
                    .filter(|&j| j != k)
                    .find(|&j| attendee_key(&out[j]).is_some_and(|n| n == name))
            });
        match listed {
            Some(j) => {
                if let Fields::Attendee { chair, .. } = &mut out[j].fields {
                    *chair = true;
                }
                out.remove(k);
            }
            None => k += 1,
        }
    }
}

/// Whether two folded names name one person: the same surname, and the
/// same first initial where both print one ("C Brown", "Brown", "Chris
/// Brown").
fn same_person(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let (Some((sa, ga)), Some((sb, gb))) = (wa.split_last(), wb.split_last()) else {
        return false;
    };
    if sa != sb {
        return false;
    }
    match (ga.first(), gb.first()) {
        (Some(x), Some(y)) => x.chars().next() == y.chars().next(),
        _ => true,
    }
}

/// An attendee's name, folded, to find a person named twice.
fn attendee_key(r: &Record) -> Option<String> {
    match &r.fields {
        Fields::Attendee { name, .. } => Some(name.to_lowercase()),
        _ => None,
    }
}

/// Whether a raw line (before clean-up drops its marker) opens with a list
/// bullet: "•", "·", "▪", "- ", "o ", the Symbol font's private-use bullet.
pub(crate) fn is_bullet(raw: &str) -> bool {
    let t = raw.trim_start();
    t.starts_with("- ")
        || t.starts_with("– ")
        || t.starts_with('•')
        || t.starts_with('◦')
        || t.starts_with('■')
        || t.starts_with('➢')
        || t.starts_with('●')
        || t.starts_with('▪')
        || t.starts_with('\u{f0b7}')
        || t.starts_with('·')
        || t.starts_with("o ")
        || t.starts_with("* ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_named_two_ways() {
        assert!(same_person("c brown", "brown"));
        assert!(same_person("chris brown", "c brown"));
        assert!(!same_person("c brown", "d brown"));
        assert!(!same_person("c brown", "c green"));
    }
    use crate::extract::text::extract_text;
    use crate::extract::Format;
    use std::path::PathBuf;

    /// Every record the repository's rules make from `text` read as minutes.
    fn minutes_records(text: &str) -> Vec<Record> {
        minutes_records_of(text, None)
    }

    /// [`minutes_records`] of a meeting of `body`.
    fn minutes_records_of(text: &str, body: Option<&str>) -> Vec<Record> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let rules = RuleSet::load_dir(&dir).expect("the repository's rules load");
        let extracted = extract_text(text.as_bytes()).unwrap();
        let clean = rules.clean_text(&extracted);
        let hints = rules.line_hints(&clean);
        let mut docs = [segment::single_document(
            &clean,
            &rules,
            DocKind::Minutes,
            "test",
        )];
        if let Some(b) = body {
            docs[0].body = Some(b.to_string());
        }
        let file = SourceFile {
            abs_path: PathBuf::from("minutes.txt"),
            rel_path: "minutes.txt".into(),
            format: Format::Text,
            size: text.len() as u64,
        };
        let input = FileInput {
            file: &file,
            sha256: "",
            text: &extracted,
            clean: &clean,
            hints: &hints,
        };
        rules.apply_file(&input, &docs)
    }

    fn people(records: &[Record]) -> Vec<(String, Role)> {
        records
            .iter()
            .filter_map(|r| match &r.fields {
                Fields::Attendee { name, role, .. } => Some((name.clone(), *role)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_listed_member_who_sent_apologies_is_one_apology() {
        let records = minutes_records(
            "Members:\n(Present = *)\n* Fiona Davidson (Chairman)\n  Ayesha Azad\n* Liz Bowes\n\n\
             1 APOLOGIES FOR ABSENCE [Item 1]\nApologies were received from Ayesha Azad.\n\n\
             2 LATE ARRIVALS\nApologies for lateness were received from Liz Bowes.\n",
        );
        let mut found = people(&records);
        found.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            found,
            vec![
                ("Ayesha Azad".to_string(), Role::Apology),
                ("Fiona Davidson".to_string(), Role::Member),
                ("Liz Bowes".to_string(), Role::Member),
            ]
        );
    }

    #[test]
    fn at_the_cabinet_its_members_are_members() {
        let text = "Minutes of the meeting of the Cabinet held on 14 March 2023 at 7.00 pm\n\n\
                    MEMBERS PRESENT:\n\
                    Councillor Amira Kassim (Leader of the Council) (Chair)\n\
                    Councillor Grace Ndiaye (Cabinet Member for Housing)\n\n\
                    1. APOLOGIES\n";
        let mut found = people(&minutes_records_of(text, Some("Cabinet")));
        found.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            found,
            vec![
                ("Amira Kassim".to_string(), Role::Member),
                ("Grace Ndiaye".to_string(), Role::Member),
            ]
        );
        // at another body, a cabinet member in its list is one
        let found = people(&minutes_records_of(text, Some("Scrutiny Board")));
        assert!(found.contains(&("Grace Ndiaye".to_string(), Role::CabinetMember)));
    }

    #[test]
    fn an_apology_named_again_without_initials_is_one_record() {
        let records = minutes_records(
            "Present: Councillor A Smith (Chair), Councillor B Jones\n\
             Apologies: Councillor C Brown\n\n\
             1. APOLOGIES FOR ABSENCE\n\
             Apologies for absence were received from Councillor Brown.\n",
        );
        let mut found = people(&records);
        found.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            found,
            vec![
                ("A Smith".to_string(), Role::Member),
                ("B Jones".to_string(), Role::Member),
                ("C Brown".to_string(), Role::Apology),
            ]
        );
    }
}
