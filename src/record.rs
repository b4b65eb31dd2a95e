//! The record contract of `spec/records.md` (copied to `docs/records.md`): the one
//! type every stage after rule application hands on, the index stores, and every
//! output format prints. Field names here *are* the JSON names; renaming one is a
//! schema change and needs a new [`SCHEMA`] string.

use serde::{Deserialize, Serialize};

/// The `schema` string carried by every record.
pub const SCHEMA: &str = "boardpapers.record/1";

/// The kinds of record, in the order the spec lists them.
pub const RECORD_TYPES: [&str; 6] = [
    "document",
    "meeting",
    "attendee",
    "resolution",
    "recommendation",
    "kpi",
];

/// Where a record's evidence sits in its source file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file, relative to the root that was ingested, with `/` separators.
    pub path: String,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// 1-based physical page; `None` for text exports without form feeds.
    pub page: Option<u32>,
    /// 1-based line in the extracted text of the whole file.
    pub line: Option<u32>,
    /// The page's printed label where the PDF carries one and it differs from the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_label: Option<String>,
}

/// The document inside a file that a record was found in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRef {
    pub kind: DocKind,
    pub title: Option<String>,
    pub date: Option<String>,
}

/// What kind of document a stretch of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Agenda,
    Minutes,
    BriefingNote,
    Report,
    Appendix,
    WorkProgramme,
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 7] = [
        DocKind::Agenda,
        DocKind::Minutes,
        DocKind::BriefingNote,
        DocKind::Report,
        DocKind::Appendix,
        DocKind::WorkProgramme,
        DocKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Agenda => "agenda",
            DocKind::Minutes => "minutes",
            DocKind::BriefingNote => "briefing_note",
            DocKind::Report => "report",
            DocKind::Appendix => "appendix",
            DocKind::WorkProgramme => "work_programme",
            DocKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Attendance roles of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    CoOpted,
    CabinetMember,
    OtherMember,
    Officer,
    Invited,
    Apology,
    Absent,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Member,
        Role::CoOpted,
        Role::CabinetMember,
        Role::OtherMember,
        Role::Officer,
        Role::Invited,
        Role::Apology,
        Role::Absent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::CoOpted => "co_opted",
            Role::CabinetMember => "cabinet_member",
            Role::OtherMember => "other_member",
            Role::Officer => "officer",
            Role::Invited => "invited",
            Role::Apology => "apology",
            Role::Absent => "absent",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a recommendation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Report,
    Inspection,
    Review,
    Committee,
}

impl Origin {
    pub const ALL: [Origin; 4] = [
        Origin::Report,
        Origin::Inspection,
        Origin::Review,
        Origin::Committee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Report => "report",
            Origin::Inspection => "inspection",
            Origin::Review => "review",
            Origin::Committee => "committee",
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        Origin::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Units of a KPI figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Count,
    Fte,
    Gbp,
    Days,
    Rate,
    Other,
}

impl Unit {
    pub const ALL: [Unit; 7] = [
        Unit::Percent,
        Unit::Count,
        Unit::Fte,
        Unit::Gbp,
        Unit::Days,
        Unit::Rate,
        Unit::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Fte => "fte",
            Unit::Gbp => "gbp",
            Unit::Days => "days",
            Unit::Rate => "rate",
            Unit::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The fields particular to each record type; `type` is the tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Fields {
    Document {
        /// `[first, last]`, 1-based and inclusive; `None` without page breaks.
        pages: Option<[u32; 2]>,
    },
    Meeting {
        time: Option<String>,
        place: Option<String>,
    },
    Attendee {
        name: String,
        honorific: Option<String>,
        role: Role,
        chair: bool,
        organisation: Option<String>,
    },
    Resolution {
        minute: Option<String>,
        item_title: Option<String>,
        number: Option<String>,
    },
    Recommendation {
        number: Option<String>,
        addressee: Option<String>,
        origin: Origin,
    },
    Kpi {
        indicator: String,
        value: f64,
        unit: Unit,
        period: Option<String>,
        area: Option<String>,
    },
}

impl Fields {
    /// The record type's name as the spec spells it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Fields::Document { .. } => "document",
            Fields::Meeting { .. } => "meeting",
            Fields::Attendee { .. } => "attendee",
            Fields::Resolution { .. } => "resolution",
            Fields::Recommendation { .. } => "recommendation",
            Fields::Kpi { .. } => "kpi",
        }
    }
}

/// One extracted record: common fields plus the type's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: String,
    #[serde(flatten)]
    pub fields: Fields,
    pub id: String,
    pub source: Source,
    pub doc: DocRef,
    pub authority: Option<String>,
    pub body: Option<String>,
    pub meeting_date: Option<String>,
    pub rule: String,
    pub text: String,
}

impl Record {
    pub fn type_name(&self) -> &'static str {
        self.fields.type_name()
    }

    /// The record as one line of JSON (the `export --format jsonl` shape).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a record always serialises")
    }
}

/// Collapse every run of white space to one space and trim the ends.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_matches_the_spec() {
        let r = Record {
            schema: SCHEMA.into(),
            fields: Fields::Kpi {
                indicator: "vacancy rate".into(),
                value: 9.3,
                unit: Unit::Rate,
                period: Some("September 2019".into()),
                area: None,
            },
            id: "x:kpi:1".into(),
            source: Source {
                path: "a/b.txt".into(),
                sha256: "00".into(),
                page: None,
                line: Some(4),
                page_label: None,
            },
            doc: DocRef {
                kind: DocKind::BriefingNote,
                title: None,
                date: None,
            },
            authority: None,
            body: None,
            meeting_date: None,
            rule: "r".into(),
            text: "t".into(),
        };
        let v: serde_json::Value = serde_json::from_str(&r.to_json_line()).unwrap();
        assert_eq!(v["type"], "kpi");
        assert_eq!(v["unit"], "rate");
        assert_eq!(v["doc"]["kind"], "briefing_note");
        assert_eq!(v["source"]["page"], serde_json::Value::Null);
        assert!(v["source"].get("page_label").is_none());
        let back: Record = serde_json::from_str(&r.to_json_line()).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn collapse_ws_folds_runs() {
        assert_eq!(collapse_ws("  a \t b\n\nc "), "a b c");
    }
}
