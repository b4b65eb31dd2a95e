//! `attendance` rules: the people listed at the top of minutes ("Present:",
//! "Members:", "Co-opted Members:", "Officers:", "Apologies:") as `attendee`
//! records. The rule file names the block's start and end and the section
//! labels with their roles; this module splits the name lists, which look the
//! same everywhere ("Councillors A Smith (Chair), B Jones and C Brown",
//! "J Gregg, People Directorate", "P Collard – Carers Trust").
//!
//! A list wrapped over lines is read as one: a line whose last entry is cut
//! off (an open bracket, a trailing comma or "and", a lone first name) runs
//! on to the next, so "Robin" / "Cahill (Senior Commissioner)" is one person.
//! A one-a-line section whose line holds "Name (Job title), Name (...)" is a
//! list. A description after a name naming a cabinet member's post makes that
//! person a cabinet member.

use super::context::DocContext;
use super::document::{compile_regex, doc_kind};
use super::file::{RawRule, RuleError};
use super::pattern::Pattern;
use crate::record::{DocKind, Fields, Record, Role};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionSpec {
    /// Pattern of the section's label at the start of a line; the rest of the line is names.
    label: String,
    role: String,
    /// `list` (names separated by commas and "and") or `line` (one person a line, with their organisation after a comma or dash).
    #[serde(default = "default_split")]
    split: String,
    /// Role of a councillor listed in this section, when it differs: a
    /// councillor "also present" is a member of the council from outside the
    /// committee (`other_member`), a guest is `invited`.
    #[serde(default)]
    councillor_role: Option<String>,
    /// Pattern of a person's entry (post, organisation) that names a body
    /// outside the council: an NHS trust, the police, an audit firm.
    #[serde(default)]
    outside: Option<String>,
    /// Role of a person in this section whose entry matches `outside`: an
    /// "In attendance" list holds the council's officers and its guests.
    #[serde(default)]
    outside_role: Option<String>,
}

fn default_split() -> String {
    "list".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttendanceSpec {
    /// Pattern of the line that opens the attendance block.
    start: String,
    /// Pattern of the first line after the block.
    end: String,
    /// Role of names before any section label.
    #[serde(default = "default_role")]
    default_role: String,
    #[serde(default)]
    section: Vec<SectionSpec>,
    /// A table of one person a line: groups `name`, `status` and optionally
    /// `title` ("Andrei Garcia Commissioner Late 7:08 p.m."). Every line of
    /// the block is read with it; `status` gives each status its role.
    #[serde(default)]
    row: Option<String>,
    /// Role of each status a `row` reads (case is ignored); a row whose status
    /// is not listed names nobody.
    #[serde(default)]
    status: std::collections::BTreeMap<String, String>,
    /// Pattern marking the chair inside an entry.
    chair: String,
    /// Pattern of honorifics before a name ("Councillor", "Cllr", "Mrs").
    honorific: String,
    /// Document kinds searched (default: minutes).
    #[serde(default)]
    kinds: Vec<String>,
    /// Pattern marking a vice or co-chair, which cancels the chair mark.
    #[serde(default)]
    chair_not: Option<String>,
    /// Pattern of lines inside the block that list nobody new ("Ms L Game
    /// and Ms S Chandler were in attendance virtually").
    #[serde(default)]
    skip: Option<String>,
    /// Pattern of words removed from each line before it is read: a
    /// bilingual paper's Welsh before its English ("Y Cynghorydd /
    /// Councillor").
    #[serde(default)]
    strip: Option<String>,
    /// What takes the place of each `strip` match (default nothing), `$name`
    /// naming a group of it: a sentence read as a list, "Councillor X
    /// attended as the Cabinet Member for Y" as "Councillor X (Cabinet
    /// Member for Y)".
    #[serde(default)]
    strip_with: String,
    /// Pattern where the block's lists end inside a line: what follows it
    /// names nobody attending ("... and the Clerk. Members of the public - ...",
    /// "Cllr Pocock who has now resigned").
    #[serde(default)]
    stop: Option<String>,
    /// Pattern of post-nominal letters removed from the end of a name ("OBE").
    #[serde(default)]
    suffix: Option<String>,
    /// Most lines the block may span (a list wrapped over more lines is
    /// still read whole).
    #[serde(default = "default_max_lines")]
    max_lines: usize,
    /// Run even when a rule before it found people: a sentence later in the
    /// minutes that names more ("Apologies were received from Mrs C Bell").
    /// People already found are not repeated.
    #[serde(default)]
    also: bool,
}

fn default_role() -> String {
    "member".into()
}
fn default_max_lines() -> usize {
    120
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Split {
    List,
    Line,
}

#[derive(Debug)]
struct Section {
    label: Pattern,
    role: Role,
    split: Split,
    councillor_role: Option<Role>,
    outside: Option<(Pattern, Role)>,
}

/// A compiled `attendance` rule.
#[derive(Debug)]
pub struct AttendanceRule {
    pub id: String,
    pub priority: i64,
    start: Pattern,
    end: Pattern,
    default_role: Role,
    sections: Vec<Section>,
    chair: Pattern,
    honorific: Pattern,
    honorific_inside: Pattern,
    kinds: Vec<DocKind>,
    max_lines: usize,
    chair_not: Option<Pattern>,
    skip: Option<Pattern>,
    strip: Option<Pattern>,
    strip_with: String,
    stop: Option<Pattern>,
    suffix: Option<Pattern>,
    row: Option<Pattern>,
    status: Vec<(String, Role)>,
    /// See [`AttendanceSpec::also`].
    pub also: bool,
}

fn role(raw: &RawRule, key: &str, s: &str) -> Result<Role, RuleError> {
    Role::parse(s).ok_or_else(|| {
        raw.error_at(
            key,
            format!(
                "unknown role `{s}`; expected one of {}",
                Role::ALL
                    .iter()
                    .map(|r| format!("`{}`", r.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

pub(super) fn compile(raw: &RawRule) -> Result<AttendanceRule, Vec<RuleError>> {
    let spec: AttendanceSpec = raw.spec()?;
    let mut errs = Vec::new();
    let ok = |r: Result<Pattern, RuleError>, errs: &mut Vec<RuleError>| match r {
        Ok(re) => Some(re),
        Err(e) => {
            errs.push(e);
            None
        }
    };
    let start = ok(compile_regex(raw, "start", &spec.start), &mut errs);
    let end = ok(compile_regex(raw, "end", &spec.end), &mut errs);
    let chair = ok(compile_regex(raw, "chair", &spec.chair), &mut errs);
    let honorific = ok(
        compile_regex(
            raw,
            "honorific",
            &format!("^(?:{})\\.?\\s+", spec.honorific),
        ),
        &mut errs,
    );
    // The same honorifics inside an entry, starting a word with a capital:
    // where a name list printed in columns runs two people together.
    let honorific_inside = ok(
        compile_regex(
            raw,
            "honorific",
            &format!("\\s(?:{})\\.?\\s+\\S", spec.honorific),
        ),
        &mut errs,
    );
    let mut sections = Vec::new();
    for s in &spec.section {
        let label = ok(
            compile_regex(raw, "section", &format!("^(?:{})", s.label)),
            &mut errs,
        );
        let split = match s.split.as_str() {
            "list" => Split::List,
            "line" => Split::Line,
            other => {
                errs.push(raw.error_at(
                    "section",
                    format!("unknown split `{other}`; expected `list` or `line`"),
                ));
                Split::List
            }
        };
        let councillor_role = s
            .councillor_role
            .as_deref()
            .map(|r| role(raw, "section", r))
            .transpose()
            .unwrap_or_else(|e| {
                errs.push(e);
                None
            });
        let outside = match (&s.outside, &s.outside_role) {
            (Some(p), Some(r)) => {
                let pattern = ok(compile_regex(raw, "section", p), &mut errs);
                match role(raw, "section", r) {
                    Ok(r) => pattern.map(|p| (p, r)),
                    Err(e) => {
                        errs.push(e);
                        None
                    }
                }
            }
            (None, None) => None,
            _ => {
                errs.push(raw.error_at(
                    "section",
                    "`outside` and `outside_role` go together: give both or neither",
                ));
                None
            }
        };
        match (label, role(raw, "section", &s.role)) {
            (Some(label), Ok(role)) => sections.push(Section {
                label,
                role,
                split,
                councillor_role,
                outside,
            }),
            (_, Err(e)) => errs.push(e),
            _ => {}
        }
    }
    let mut opt = |key: &str, p: &Option<String>, wrap: fn(&str) -> String| {
        p.as_deref()
            .and_then(|p| ok(compile_regex(raw, key, &wrap(p)), &mut errs))
    };
    let chair_not = opt("chair_not", &spec.chair_not, |p| p.to_string());
    let skip = opt("skip", &spec.skip, |p| p.to_string());
    let strip = opt("strip", &spec.strip, |p| p.to_string());
    let stop = opt("stop", &spec.stop, |p| p.to_string());
    let suffix = opt("suffix", &spec.suffix, |p| format!("(?:\\s+(?:{p}))+\\.?$"));
    let row = opt("row", &spec.row, |p| p.to_string());
    let mut status = Vec::new();
    for (word, r) in &spec.status {
        match role(raw, "status", r) {
            Ok(r) => status.push((word.to_lowercase(), r)),
            Err(e) => errs.push(e),
        }
    }
    if let Some(row) = &row {
        let names: Vec<&str> = row.capture_names().flatten().collect();
        if !names.contains(&"name") || !names.contains(&"status") {
            errs.push(raw.error_at("row", "`row` needs the groups `name` and `status`"));
        }
        if status.is_empty() {
            errs.push(raw.error_at("status", "a `row` rule needs a `status` table"));
        }
    }
    let default_role = role(raw, "default_role", &spec.default_role).map_err(|e| vec![e])?;
    let mut kinds = Vec::new();
    for k in &spec.kinds {
        match doc_kind(raw, "kinds", k) {
            Ok(k) => kinds.push(k),
            Err(e) => errs.push(e),
        }
    }
    if kinds.is_empty() {
        kinds.push(DocKind::Minutes);
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(AttendanceRule {
        id: raw.id.clone(),
        priority: raw.priority,
        start: start.unwrap(),
        end: end.unwrap(),
        default_role,
        sections,
        chair: chair.unwrap(),
        honorific: honorific.unwrap(),
        honorific_inside: honorific_inside.unwrap(),
        kinds,
        max_lines: spec.max_lines,
        chair_not,
        skip,
        strip,
        strip_with: spec.strip_with.clone(),
        stop,
        suffix,
        row,
        status,
        also: spec.also,
    })
}

static PAREN: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::pattern::builtin(r"\(([^)]*)\)").expect("valid pattern"));
/// Words of a post, not of a name: "Director of Children's Services".
static POST_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:director|head|manager|officer|chief|executive|clerk|advis[eo]r|solicitor|attorney|counsel|administrator|co-?ordinator|assistant|principal|service|services|team|corporate|monitoring)\b")
        .expect("valid pattern")
});
/// A council officer's post: "Director of Children's Services", "Head of
/// Safeguarding", "Democratic Services Officer", "Parish Clerk", Welsh and
/// English "Clerc/Clerk".
static OFFICER_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:(?:interim|acting|deputy|assistant|executive|strategic|corporate|service|senior|principal)\s+)*(?:director|head\s+of|(?:[\w’'&-]+(?:\s+|\s*/\s*)){0,3}(?:manager|officer|adviser|advisor|lead|clerk)\b|democratic\s+services|clerk|monitoring\s+officer|chief\s+executive|treasurer|solicitor|(?:[\w’'&-]+\s+){0,2}(?:attorney|counsel|administrator|engineer|accountant|planner|surveyor|auditor|solicitor|lawyer)\b)")
        .expect("valid pattern")
});
/// Words that name an organisation outside the council: a person with one
/// in their post is a guest, not an officer.
static EXTERNAL_ORG: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:trust|nhs|police|constabulary|ofsted|cqc|estyn|healthwatch|icb|ccg|integrated\s+care|hospitals?|ambulance|university|college|school|academy|charity|association|federation|foundation|union|ltd|limited|plc|llp|barnardo|nspcc|cafcass|diocese)\b")
        .expect("valid pattern")
});
/// A bracketed note that names an organisation: capitalised words, no
/// figures, no post or party ("Foster Carers Association", "Virtual
/// School", not "Parent Governor Representative" or "Labour").
fn names_organisation(note: &str) -> bool {
    let words = note.split_whitespace().count();
    (1..=8).contains(&words)
        && note.starts_with(|c: char| c.is_uppercase())
        && !note.chars().any(|c| c.is_ascii_digit())
        && !NOTE_POST.is_match(note)
        && !POST_WORDS.is_match(note)
        && !PARTY_OR_STANDING.is_match(note)
}

/// A council named in brackets after a member of a joint body: "(Dunholt
/// BC)", "(Ravensworth District Council)", "(Kirkstow MBC)".
static COUNCIL_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:[A-Z][A-Za-z\x27’&.-]*\s+){1,5}(?:CC|BC|DC|MBC|UA|(?:(?:City|County|Borough|District|Metropolitan|Town|Parish|County\s+Borough)\s+)?Council)$")
        .expect("valid pattern")
});

/// Posts of members of a combined authority or partnership board that the
/// other post lists do not know.
static LEADER_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:deputy\s+)?(?:leader|mayor|vice-chancellor|chancellor|principal|president|convener|provost)$")
        .expect("valid pattern")
});

/// The last word of an organisation's name.
static ORGANISATION_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:council|authority|board|partnership|university|trust|group|commission|service|services|agency|company|association|college|chamber|forum|network|alliance|enterprise\s+partnership|police|fire\s+and\s+rescue|icb|nhs)$")
        .expect("valid pattern")
});

/// A party or a member's standing, printed after a name in brackets.
static PARTY_OR_STANDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:labour|conservative|liberal|democrats?|green|independent|reform|plaid|snp|alliance|ukip|substitut\w*|deputy|for|from|until|remotely|virtually|online|part|left|arrived|minutes?|items?)\b")
        .expect("valid pattern")
});

/// Posts printed after a name that [`POST_WORDS`] does not know.
static NOTE_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:head\s*teacher|teacher|nurse|governor|treasurer|secretary|commissioner|councillor|member|chair(?:man|woman|person)?|representative|trustee|superintendent|inspector|president|vice|non-executive|lead|consultant|auditor|partner|observer)\b")
        .expect("valid pattern")
});
/// A post as printed before its holder's name: a few capitalised words
/// ending in the post's noun ("Chief Fire Officer", "City Manager").
const POST_BEFORE_NAME: &str = r"(?:(?:[A-Z][a-z]+|of|and|&)\s+){0,4}(?:Officer|Manager|Director|Attorney|Clerk|Engineer|Administrator|Secretary|Treasurer|Solicitor|Adviser|Advisor|Commander|Superintendent|Inspector|Auditor|Planner|Accountant|Controller|Surveyor|Librarian|Commissioner)";
/// A post and a first name, the surname cut off by the line's end: "Clerk
/// Veronica".
static POST_THEN_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(&format!(r"^{POST_BEFORE_NAME}\s+[A-Z][a-z]+$"))
        .expect("valid pattern")
});
/// A name of initials and a surname: "B Jones", "J. R. O'Neill".
static INITIALS_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:[A-Z]\.?\s*){1,3}\s[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?$")
        .expect("valid pattern")
});
/// A person's name as printed in brackets after a post: "A Jones", "Mrs Mary Kerr".
static BRACKETED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?(?:[A-Z]\.?\s+){0,3}[A-Z][a-z'’-]+(?:[\s-][A-Z][a-z'’-]+){0,2}$")
        .expect("valid pattern")
});
/// "Vice-Chairman in the Chair": presiding, whatever the post.
static IN_THE_CHAIR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\bin\s+the\s+chair\b").expect("valid pattern")
});
/// A civic post printed before the person who holds it, in brackets: "The
/// Mayor (Councillor A Smith) in the Chair", "The Deputy Mayor (Councillor
/// B Jones)", "The Lord Provost (Bailie C Dunn)".
static CIVIC_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:the\s+)?(?:(?:deputy|vice|lord|lady|right\s+worshipful|worshipful)[\s-]+)*(?:mayor|provost|chair(?:man|woman|person)?|cathaoirleach|leas-chathaoirleach|civic\s+head|leader(?:\s+of\s+the\s+council)?|sheriff|convener|speaker|presiding\s+member)(?:\s+of\s+[A-Z][\w\x27’ -]*)?(?:\s+in\s+the\s+chair)?[\s.,;]*$")
        .expect("valid pattern")
});
/// A post printed in an attendance list in place of a name: "IN
/// ATTENDANCE: Town Clerk, Civic Officer, the Town Crier".
static UNNAMED_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:the\s+)?(?:(?:town|parish|deputy|assistant|locum|council|proper|civic|mayor[\x27’]?s|chief|democratic\s+services|committee|finance|responsible\s+financial|minute)\s+)*(?:clerks?|officers?|crier|secretary|mace[\s-]?bearer|attendants?|rfo|administrator|sergeant[\s-]at[\s-]mace|chaplain|minute[\s-]taker)$")
        .expect("valid pattern")
});
/// Whether `s` is a post in place of a name ([`UNNAMED_POST`]), its last
/// word looked at first.
fn is_unnamed_post(s: &str) -> bool {
    let last = s
        .rsplit([' ', '-'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        last.as_str(),
        "clerk"
            | "clerks"
            | "officer"
            | "officers"
            | "crier"
            | "secretary"
            | "bearer"
            | "macebearer"
            | "attendant"
            | "attendants"
            | "rfo"
            | "administrator"
            | "mace"
            | "chaplain"
            | "taker"
    ) && UNNAMED_POST.is_match(s)
}

/// Words that go before a civic post, not a name: "The Deputy" of "The
/// Deputy Mayor (Councillor B Jones)".
static CIVIC_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:the|(?:the\s+)?(?:deputy|vice|lord|lady|right\s+worshipful|worshipful)(?:\s+(?:deputy|vice|lord|lady))*)$")
        .expect("valid pattern")
});
/// A post and then a name with no comma between: "Chief Fire Officer F
/// Ibbotson", "City Attorney Dana Moreno". The post ends in a word only
/// posts end in; the name is initials and a surname, or two names.
static POST_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(&format!(r"^(?P<post>{POST_BEFORE_NAME}(?:\s+to\s+the\s+(?:[A-Z][a-z]+\s+){{0,2}}?[A-Z][a-z]+)?)\s+(?P<name>(?:[A-Z]\.?\s+){{1,3}}[A-Z][a-z\x27’-]+|[A-Z][a-z\x27’-]+\s+(?:[A-Z]\.?\s+)?[A-Z][a-z\x27’-]+)$"))
        .expect("valid pattern")
});
/// One entry of posts printed before their holders' names ("City Clerk Dana
/// Pruitt.", "Town Clerk (Mr J Penrose)"), the list's full stop aside.
fn is_post_then_name(entry: &str) -> bool {
    let e = without_list_stop(entry);
    POST_THEN_NAME.is_match(e) || POST_THEN_BRACKETED.is_match(e)
}

/// A list entry trimmed, the list's closing full stop aside.
fn without_list_stop(entry: &str) -> &str {
    entry.trim().trim_end_matches('.').trim_end()
}

/// The mayor's mark after a name: "Cllr A Able (Mayor)", "(Town Mayor)",
/// "(The Lord Mayor)"; a deputy's is none.
static MAYOR_MARK: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)\((?:the\s+)?(?:(?:town|city|lord|civic)\s+)?mayor(?:\s+of\s+[^()]{2,40})?\)",
    )
    .expect("valid pattern")
});

/// A councillor of another tier at a town, parish or community council's
/// meeting ("County Cllr Webb") sits on another council: a guest of the
/// meeting, not one of its members.
fn other_tier_guests(ctx: &DocContext, records: &mut [Record]) {
    let own = ctx.doc.body.as_deref().or(ctx.doc.authority.as_deref());
    if !own.is_some_and(|b| LOCAL_COUNCIL.is_match(b)) {
        return;
    }
    for r in records {
        if let Fields::Attendee { role, .. } = &mut r.fields {
            if *role == Role::Member && OTHER_TIER.is_match(&r.text) {
                *role = Role::OtherMember;
            }
        }
    }
}

/// A town, parish or community council's name.
static LOCAL_COUNCIL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:community|town|parish|village)\s+council\b")
        .expect("valid pattern")
});

/// A councillor of a county, district or borough council.
static OTHER_TIER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)\b(?:county|district|borough|unitary)\s+(?:cllr|councillor)\b",
    )
    .expect("valid pattern")
});

/// A list that marks no chair is chaired by the mayor it names: a town
/// council's "Cllrs A Able (Mayor), B Baker (Deputy Mayor)", a US city
/// council's "Mayor Joan Whitaker, Deputy Mayor ...".
fn mayor_in_the_chair(records: &mut [Record]) {
    let marked = records
        .iter()
        .any(|r| matches!(r.fields, Fields::Attendee { chair: true, .. }));
    if marked {
        return;
    }
    let mut mayors = records.iter_mut().filter(|r| match &r.fields {
        Fields::Attendee {
            role: Role::Member,
            honorific,
            ..
        } => honorific.as_deref() == Some("Mayor") || MAYOR_MARK.is_match(&r.text),
        _ => false,
    });
    if let (Some(r), None) = (mayors.next(), mayors.next()) {
        if let Fields::Attendee { chair, .. } = &mut r.fields {
            *chair = true;
        }
    }
}

/// A line naming the person in the chair and nothing else: "Councillor A
/// Smith in the Chair", "Mr R Patel (Vice-Chairman) in the Chair".
static CHAIR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"^(?:[A-ZÀ-ÖØ-Þ][\w.\x27’-]*\s+){1,6}(?:\([^()]{1,40}\)\s+)?(?i:in\s+the\s+chair)\.?$",
    )
    .expect("valid pattern")
});
/// The chair named after a label on a line of their own above the list:
/// "In the Chair: Alderman Noel McCorkell", "Presiding: The Mayor, Alderman
/// R J McCracken", "Chair: Councillor Nadia Rahman".
static CHAIR_LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"^(?i:in\s+the\s+chair|presiding|chair(?:man|woman|person)?|convener)\s*:\s*(?P<who>(?:[A-ZÀ-ÖØ-Þ][\w.\x27’-]*,?\s*){1,8})$",
    )
    .expect("valid pattern")
});
/// The vice chair named after a label on a line of their own, under the
/// chair's: "Vice Chairperson: Alderman K Fitzsimons".
static VICE_CHAIR_LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"^(?i:vice|deputy|depute)[\s-]*(?i:chair(?:man|woman|person)?|convener)\s*:\s*(?P<who>(?:[A-ZÀ-ÖØ-Þ][\w.\x27’-]*,?\s*){1,8})$",
    )
    .expect("valid pattern")
});
/// A post and then its holder in brackets: "Town Clerk (Mr J Penrose)".
static POST_THEN_BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^[A-Z][\w\x27’&-]*(?:\s+(?:[A-Z][\w\x27’&-]*|of|and|for|the))*\s+\((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?(?:[A-Z]\.?\s+){0,3}[A-Z][a-z\x27’-]+(?:\s+[A-Z][a-z\x27’-]+)?\)$")
        .expect("valid pattern")
});
/// A roll call's status printed after a name and a dash or colon.
static STATUS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\s+[-–—:]\s*(present|absent|excused|apologies|apology|late|arrived\s+late|left\s+early|remote(?:ly)?|virtual(?:ly)?|in\s+person)\s*\.?$")
        .expect("valid pattern")
});
static LIST_SEP: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"\s*(?:,|;|(?-u:\b)and(?-u:\b)|&)\s*").expect("valid pattern")
});
static ORG_SEP: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"\s+[–—-]\s+|\s*,\s*").expect("valid pattern")
});

/// "Name (Job title), Name (Job title)": a list even in a one-a-line section.
static NAME_NOTE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"\)\s*(?:,\s*|\s(?:and|&)\s+)[A-Z]").expect("valid pattern")
});
/// A chair's post printed before a person's honorific and name.
static LEADING_CHAIR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^(?:(?:vice[\s-]*)?chair(?:man|woman|person)?|(?:council\s+)?president)\s+",
    )
    .expect("valid pattern")
});
/// The end of a sentence or clause inside a line: where a section may follow.
static CLAUSE_END: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::pattern::builtin(r"[.;]\s+").expect("valid pattern"));
/// An honorific naming several people.
static PLURAL_HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:councillors|cllrs|councilors|council\s*members|commissioners|bailies|aldermen|directors|supervisors|trustees)\b")
        .expect("valid pattern")
});

/// Words that make a list entry a post when it has no honorific.
static POST_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:representative|director|head\s+of|manager|officer|adviser|advisor|clerk|solicitor|co-?ordinator|governor|chief\s+executive|member\s+for|leader|lead\s+(?:member|officer)|portfolio\s+holder)\b")
        .expect("valid pattern")
});

/// Nouns of council services and portfolios ("Children", "Young People",
/// "Skills"): never a person's name on their own.
const SERVICE_WORDS: [&str; 83] = [
    "children",
    "people",
    "families",
    "education",
    "skills",
    "adults",
    "adult",
    "housing",
    "culture",
    "leisure",
    "environment",
    "transport",
    "finance",
    "resources",
    "schools",
    "communities",
    "economy",
    "planning",
    "regeneration",
    "safeguarding",
    "wellbeing",
    "services",
    "learning",
    "highways",
    "equalities",
    "inclusion",
    "safety",
    "development",
    "policy",
    "strategy",
    "performance",
    "governance",
    "democracy",
    "digital",
    "neighbourhoods",
    "growth",
    "sport",
    "tourism",
    "health",
    "care",
    "lifelong",
    "libraries",
    "heritage",
    "arts",
    "waste",
    "recycling",
    "climate",
    "change",
    "assets",
    "procurement",
    "workforce",
    "transformation",
    "partnerships",
    "engagement",
    "communications",
    "legal",
    "democratic",
    "customer",
    "protection",
    "emergency",
    "rural",
    "affairs",
    "language",
    "economic",
    "environmental",
    "countryside",
    "infrastructure",
    "technology",
    "innovation",
    "investment",
    "revenues",
    "benefits",
    "licensing",
    "estates",
    "commissioning",
    "integration",
    "prevention",
    "partnership",
    "cohesion",
    "social",
    "young",
    "early",
    "years",
];
/// The first this many are never surnames; the rest ("Social", "Young",
/// "Early", "Years") can be.
const SERVICE_ONLY: usize = 79;

/// The header of a table of members, the bodies they represent and their
/// attendance, its cells parted by single spaces.
static REPRESENTING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:panel\s+)?(?:members?|names?|councillors?)\s+(?:representing|organisation|authority|council|body)\s+(?:attendance|status|attended)$")
        .expect("valid pattern")
});
/// A row of that table: an honorific, a first name or initials, a surname
/// and a chair's mark; the body they represent; their attendance.
static REPRESENTING_ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?P<name>(?:(?:Councillor|Cllr\.?|Mrs|Mr|Ms|Miss|Mx|Dr)\s+)?(?:(?:[A-Z]\.?\s+){1,3}|[A-Z][a-z'’-]+\s+)[A-Z][A-Za-z'’-]+(?:\s+\([^()]*\))?)\s+(?P<org>[A-Z][A-Za-z0-9'’&,() -]*?)\s+(?P<status>Present|Absent|Apologies|Apology|Excused)$")
        .expect("valid pattern")
});
/// A section's label in a column of its own, in any case.
static LABEL_CELL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:also\s+)?(?:in\s+attendance|present|attending|apologies|absent|officers?|guests?|substitutes?)$")
        .expect("valid pattern")
});

/// A line of a table of people, its cells parted by tabs (or, in a text
/// export laid out in columns, by runs of spaces), written as the list the
/// rest of the reading knows: a cell that names a person starts an entry
/// ("R Goodwin (Chairman)<TAB>J Lumsden" is two people, a members' table
/// printed in two columns), and a cell that does not is the note of the
/// person before it ("Councillor A Smith<TAB>Chair", "D Evans<TAB>Head of
/// Internal Audit"), put in brackets.
fn name_and_note(raw: &str) -> Option<String> {
    let cells: Vec<&str> = table_cells(raw)?.into_iter().map(|(_, c)| c).collect();
    let (&name, rest) = cells.split_first()?;
    // A numbered item ("3787.<TAB>To receive apologies: ...") or a label
    // is no name.
    if rest.is_empty() || !name.starts_with(char::is_uppercase) || name.contains(':') {
        return None;
    }
    // A form's label in capitals in a column of its own ("LEAD MEMBERS",
    // "ALSO PRESENT"), its people in the next: the label, then its list.
    // So is a label of a few words in any case before a cell that names a
    // person ("Officers        Mr A Sorensen - Assistant Director").
    let labels_person = || {
        let first = crate::normalize::clean_line(rest[0]);
        let who = first.split([',', '(']).next().unwrap_or("");
        let who = who.split(" - ").next().unwrap_or(who).trim();
        name.split_whitespace().count() <= 3
            && (LABEL_CELL.is_match(name) || !names_person(name))
            && names_person(who)
    };
    if is_label_cell(name) || labels_person() {
        let list: Vec<String> = rest
            .iter()
            .map(|c| crate::normalize::clean_line(c))
            .collect();
        return Some(format!(
            "{}: {}",
            crate::normalize::clean_line(name),
            list.join(", ")
        ));
    }
    let mut out = crate::normalize::clean_line(name);
    let mut mark = String::new();
    for &cell in rest {
        if cell.contains(':') {
            return None;
        }
        let mut cell = crate::normalize::clean_line(cell);
        if names_person(&cell) {
            out.push_str(", ");
            out.push_str(&cell);
            continue;
        }
        // "Eastmoor County Council (Chair)", "Northvale Business Board
        // (non-voting)": the mark is the person's, printed after their
        // organisation's cell.
        if let Some(m) = MARK_AT_END.find(&cell) {
            mark = format!(" {}", m.as_str().trim());
            cell.truncate(m.start());
            cell = cell.trim_end().to_string();
        }
        if cell.contains(['(', ')']) {
            return None;
        }
        if cell.is_empty() {
            continue;
        }
        // An organisation's name ("Harlow Vale District Council") is the
        // one the person represents; anything else their note.
        if ORG_CELL.is_match(&cell) && !POST_WORDS.is_match(&cell) && !NOTE_POST.is_match(&cell) {
            out.push_str(&format!(" – {cell}"));
        } else {
            out.push_str(&format!(" ({cell})"));
        }
    }
    out.push_str(&mark);
    Some(out)
}

/// A table's row whose cells a PDF's text parts by single spaces: the
/// person, then their organisation or post ("Councillor Brian Tolley (Chair)
/// Mereshire County Council", "Mark Ellison Chief Fire Officer"), written
/// as [`name_and_note`] writes a row parted by tabs. The name is the
/// shortest run of two or three words after which an organisation or an
/// officer's post stands alone.
fn name_then_cell(line: &str) -> Option<String> {
    if line.contains([',', ';', ':', '\t', '&']) || line.contains(" – ") || line.contains(" - ") {
        return None;
    }
    let words: Vec<&str> = line.split(' ').collect();
    let honorific = usize::from(
        words
            .first()
            .is_some_and(|w| HONORIFIC_WORD.is_match(w.trim_end_matches('.'))),
    );
    let is_name_word = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && (w.len() <= 2 && w.trim_end_matches('.').len() == 1
                || w[1..]
                    .chars()
                    .all(|c| c.is_lowercase() || matches!(c, '\'' | '’' | '-')))
    };
    for k in 2..=3 {
        let end = honorific + k;
        if end >= words.len() || !words[honorific..end].iter().all(|w| is_name_word(w)) {
            return None;
        }
        // ("Chief Fire Officer F Ibbotson": a post first, no name)
        if POST_WORDS.is_match(&words[honorific..end].join(" ")) {
            return None;
        }
        let name = words[..end].join(" ");
        let mut rest = words[end..].join(" ");
        let mut mark = String::new();
        if let Some(m) = LEADING_MARK.find(&rest) {
            mark = format!(" {}", m.as_str().trim());
            rest = rest[m.end()..].trim_start().to_string();
        }
        let mut note = String::new();
        if let Some(m) = MARK_AT_END.find(&rest) {
            note = format!(" {}", m.as_str().trim());
            rest.truncate(m.start());
        }
        if rest.is_empty() || !rest.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        if ORG_CELL.is_match(&rest) && !POST_WORDS.is_match(&rest) && !rest.contains(" and ") {
            return Some(format!("{name}{mark} – {rest}{note}"));
        }
        if OFFICER_POST.is_match(&rest) && rest.split(' ').count() <= 8 {
            return Some(format!("{name}{mark}, {rest}{note}"));
        }
        if rest.starts_with("Office of ") || ORG_CELL.is_match(&rest) {
            return Some(format!("{name}{mark} ({rest}){note}"));
        }
        // A councillor's political or cabinet post after their honorific
        // and name: "Leader of the Opposition", "Deputy Leader, Finance and
        // Resources", "Cabinet Member for Housing".
        if honorific == 1 && COUNCILLOR_POST.is_match(&rest) && rest.split(' ').count() <= 10 {
            return Some(format!("{name}{mark}, {rest}{note}"));
        }
    }
    None
}

/// Whether label pattern `re` reads the whole of `cell`, a colon or dash
/// after it aside ("Apologies:", "PRESENT -").
fn labels_whole(re: &super::pattern::Pattern, cell: &str) -> bool {
    re.find(cell)
        .is_some_and(|m| m.start() == 0 && cell[m.end()..].trim_matches([':', '-', ' ']).is_empty())
}

/// Where the second person of a row starts: the second honorific of the
/// row, after a name ("Councillor G Threlfall (Chair) Councillor H Madeley",
/// "Cllr D Thwaite Cllr F Mallinson").
fn second_person_at(line: &str) -> Option<usize> {
    static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::pattern::builtin(
            r"(?:^|\s)(?:Councillors?|Cllrs?\.?|Mrs|Mr|Ms|Miss|Dr|Alderman)\s+[A-Z]",
        )
        .expect("valid pattern")
    });
    let mut starts = HONORIFIC.find_iter(line).map(|m| m.start());
    starts.next().filter(|&k| k == 0)?;
    starts.next().map(|k| k + 1)
}

/// A row of a list printed in columns whose gaps a PDF's text closes to one
/// space, each cell initials and a surname, an honorific before them or a
/// note after them: "S Ahmed P Kirkby", "J Booth (Deputy Mayor) H Mahmood",
/// "J Allinson Mrs R Doughty P Mackintosh".
fn two_columns_of_names(line: &str) -> Option<String> {
    static CELL: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::pattern::builtin(r"^(?:(?:Mrs|Mr|Ms|Miss|Mx|Dr|Cllr)\.?\s+)?(?:[A-Z]\.?\s+){1,3}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+\([^()]*\))?")
            .expect("valid pattern")
    });
    let mut cells = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        let m = CELL.find(rest)?;
        let after = &rest[m.end()..];
        if !after.is_empty() && !after.starts_with(' ') {
            return None;
        }
        cells.push(m.as_str());
        rest = after.trim_start();
    }
    (2..=4).contains(&cells.len()).then(|| cells.join(", "))
}

/// A councillor's post after their name in a row of [`name_then_cell`].
static COUNCILLOR_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:(?:Deputy|Vice)\s+)?(?:Leader(?:\s+of\s+the\s+(?:Council|Opposition|[A-Z][a-z]+\s+Group))?|Mayor|Cabinet\s+Member|Lead\s+Member|Portfolio\s+Holder|Executive\s+Member|Chair(?:man|woman)?\s+of)\b")
        .expect("valid pattern")
});

/// A board's office after a member's name: "President", "Vice President",
/// "Chair", "Secretary".
static BOARD_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:(?:vice|deputy)[\s-]+)?(?:president|chair(?:man|woman|person)?)$|^(?:secretary|treasurer)$")
        .expect("valid pattern")
});

/// An honorific opening a row of [`name_then_cell`].
static HONORIFIC_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Mx|Dr|Alderman|Professor|Prof|Sir|Dame|Reverend|Rev|Revd)$")
        .expect("valid pattern")
});

/// A chair's mark right after a person's name: "(Chair)", "(Vice-Chair)".
static LEADING_MARK: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^\((?:vice[- ]?|deputy\s+)?chair(?:man|woman|person)?\)")
        .expect("valid pattern")
});

/// A body that is a council's cabinet: "Cabinet", "the Executive", "CABINET".
static CABINET_BODY: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^(?:the\s+)?(?:(?:mayor\s+and\s+)?cabinet|executive(?:\s+board)?|cabinet\s+board)$",
    )
    .expect("valid pattern")
});

/// A mark closing a table cell: "(Chair)", "(Vice-Chair)", "(non-voting)".
static MARK_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\s*\((?:(?:vice[- ]?|deputy\s+)?chair(?:man|woman|person)?|in\s+the\s+chair|non-voting|voting|co-?opted|substitute|observer)\)$")
        .expect("valid pattern")
});
/// A table cell naming an organisation: "Brayford Metropolitan Borough
/// Council", "Northvale Business Board".
static ORG_CELL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:council|authority|board|trust|police|constabulary|service|partnership|federation|association|icb|nhs|university|college|academy|healthwatch|network|commission|ltd|limited|plc|charity|society|agency)$")
        .expect("valid pattern")
});

/// Whether an entry's brackets hold a person's name ("Director of
/// Children's Services (A Jones)"), not the rest of a post ("Assistant
/// Director (Early Help and Social Care)").
fn bracket_names_person(entry: &str) -> bool {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::pattern::builtin(r"\((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?(?:(?:[A-Z]\.?\s?){1,3}\s?|[A-Z][a-z]+\s)[A-Z][a-z\x27’-]+\)")
            .expect("valid pattern")
    });
    NAME.is_match(entry)
}

/// Whether a table cell is a label printed in capitals: one to four words,
/// no small letters, none of them an initial.
fn is_label_cell(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && !cell.chars().any(char::is_lowercase)
        && words
            .iter()
            .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// Whether a table cell names a person rather than a role or a post: an
/// honorific first ("Councillor J Lumsden", "Mr T Fitzpatrick"), initials
/// and a surname ("J Lumsden", "A Wood (Vice-Chairman)"), or two or three
/// capitalised words that name no post or role ("Sara Tolley", not
/// "Executive Director" or "Co-opted Member").
fn names_person(cell: &str) -> bool {
    static PERSON: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::pattern::builtin(
            r"^(?:(?i:councillors?|cllrs?\.?|mrs?\.?|ms\.?|miss|dr\.?|prof(?:essor)?\.?|rev(?:erend)?\.?|sir|dame|alderman)\s+\S|(?:[A-Z]\.?\s?){1,3}\s[A-Z][a-z\x27’-]+(?:[ -][A-Z][a-z\x27’-]+)?(?:\s*\([^()]*\))?$|[A-Z][a-z\x27’-]+(?:\s[A-Z][a-z\x27’-]+){1,2}(?:\s*\([^()]*\))?$)",
        )
        .expect("valid pattern")
    });
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        crate::rules::pattern::builtin(r"(?i)\b(?:chair(?:man|woman|person)?|member|representative|convener|present|apologies|absent|substitute|mayor|deputy|council|borough|county|district|authority|trust|nhs|police|fire|partnership|board|committee|group|association|university|college|school|hospital|foundation|limited|ltd|forum|network|alliance|healthwatch|chief|nurse|officer|director|manager|head|lead|clerk|advis[eo]r|secretary|treasurer|executive|inspector|superintendent|constable|commander|governor|solicitor|coordinator|co-ordinator|consultant|practitioner)\b")
            .expect("valid pattern")
    });
    PERSON.is_match(cell)
        && !POST_ENTRY.is_match(cell)
        && !ROLE.is_match(cell.split('(').next().unwrap_or(cell))
}

/// The person read last, whom what a list prints after a comma describes.
struct LastAttendee<'r> {
    role: &'r mut Role,
    chair: &'r mut bool,
    organisation: &'r mut Option<String>,
}

fn last_attendee(out: &mut [Record]) -> Option<LastAttendee<'_>> {
    match out.last_mut() {
        Some(Record {
            fields:
                Fields::Attendee {
                    role,
                    chair,
                    organisation,
                    ..
                },
            ..
        }) => Some(LastAttendee {
            role,
            chair,
            organisation,
        }),
        _ => None,
    }
}

/// Whether a post is a council officer's ("Director of Children's Services",
/// "Democratic Services Officer"), not one at an outside body ("Chief
/// Executive, Carers Trust").
fn is_officer_post(post: &str) -> bool {
    OFFICER_POST.is_match(post.trim()) && !EXTERNAL_ORG.is_match(post)
}

/// Whether an entry is a council officer's post and no name: "Chief
/// Executive", "Head of Finance", "Monitoring Officer", "Finance Manager"
/// (never "Peter Clerk": a name of two words is a post only where its first
/// word is a post's or its last one no surname).
fn is_bare_post(entry: &str) -> bool {
    const POST_FIRST: [&str; 16] = [
        "chief",
        "head",
        "director",
        "deputy",
        "assistant",
        "interim",
        "acting",
        "senior",
        "principal",
        "executive",
        "strategic",
        "corporate",
        "service",
        "monitoring",
        "democratic",
        "legal",
    ];
    const POST_LAST: [&str; 10] = [
        "officer",
        "manager",
        "adviser",
        "advisor",
        "executive",
        "administrator",
        "coordinator",
        "co-ordinator",
        "accountant",
        "auditor",
    ];
    let words: Vec<String> = entry.split_whitespace().map(str::to_lowercase).collect();
    // (a school's head, not always the council's officer, is a post all the
    // same: "Virtual School Headteacher")
    let head_teacher = words.len() <= 3 && entry.split_whitespace().last() == Some("Headteacher");
    (OFFICER_POST.is_match(entry) || head_teacher)
        && (words.len() >= 3
            || words
                .first()
                .is_some_and(|w| POST_FIRST.contains(&w.as_str()))
            || words
                .last()
                .is_some_and(|w| POST_LAST.contains(&w.as_str())))
}

/// Whether an entry is one capitalised word and nothing else ("Unison").
fn is_one_word(entry: &str) -> bool {
    let e = entry.trim().trim_end_matches(['.', ';']);
    !e.is_empty()
        && !e.contains(char::is_whitespace)
        && e.starts_with(|c: char| c.is_uppercase())
        && e.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// Whether an entry only names services: "Children and Young People", "Skills".
fn is_service_entry(entry: &str) -> bool {
    let mut strong = false;
    let all = entry.split_whitespace().all(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        match SERVICE_WORDS.iter().position(|s| *s == w) {
            Some(i) => {
                strong |= i < SERVICE_ONLY;
                true
            }
            None => matches!(w.as_str(), "and" | "of" | "the" | "for" | ""),
        }
    });
    all && strong
}

/// Whether an entry is the end of a body's name, the rest of a post split at
/// its "and": "... Convener of Environment and" / "Climate Change
/// Committee".
fn ends_in_body(entry: &str) -> bool {
    let t = entry.trim().trim_end_matches('.');
    !t.contains(['(', ')'])
        && t.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && [
            "Committee",
            "Board",
            "Panel",
            "Partnership",
            "Sub-Committee",
        ]
        .iter()
        .any(|b| t.ends_with(b))
}

/// "in the Chair" after a name, with or without a dash or brackets.
static TRAILING_CHAIR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\s*[-–—,]?\s*\(?\s*(?:in\s+the\s+chair|presiding)\s*\)?$")
        .expect("valid pattern")
});
/// The items someone attended for, printed after the name: "Councillor E
/// Lowe for Minute 12", "Mr J Doe (for item 5 only)".
static TRAILING_FOR_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)\s*[-–—,]?\s*\(?\s*(?:for|during|from|until)\s+(?:agenda\s+)?(?:minutes?|items?|applications?)\s+(?:nos?\.?\s*)?[\w./]+(?:\s*(?:,|and|&|-|–|to)\s*[\w./]+)*(?:\s+only)?\s*\)?\.?$",
    )
    .expect("valid pattern")
});
/// A co-opted member's standing printed after the name, no part of it:
/// "R Lazell and M Symonds Co-opted Members".
static TRAILING_CO_OPTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)\s*[-–—,]?\s*\(?\s*(?:co-?opted|independent)\s+members?\s*\)?$",
    )
    .expect("valid pattern")
});
/// A cabinet member's post printed after a name (the Leader of the Council
/// leads the cabinet; the Leader of the Opposition is none).
static CABINET_POST: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:the\s+)?(?:deputy\s+)?(?:cabinet\s+(?:lead\s+)?member|lead\s+member|portfolio\s+holder|executive\s+member|cabinet\s+spokesperson|leader\s+of\s+the\s+council)\b")
        .expect("valid pattern")
});

/// Split a list at commas, semicolons, "and" and "&" outside brackets:
/// "(Service Manager Safeguarding, Quality Assurance & Professional
/// Standards)" stays with its name.
fn split_list(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut last = 0;
    // Whether the separator before the current part was "and" or "&", and
    // where the part before it starts.
    let mut joined = false;
    let mut prev_start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth == 0 && i >= last {
            if let Some(m) = LIST_SEP.find_at(s, i).filter(|m| m.start() == i) {
                if m.end() > m.start() {
                    prev_start = push_part(s, &mut out, prev_start, start, i, joined);
                    joined = !m.as_str().contains([',', ';']);
                    start = m.end();
                    last = m.end();
                }
            }
        }
    }
    push_part(s, &mut out, prev_start, start, s.len(), joined);
    out
}

/// An honorific opening an entry: a person, not the rest of a post.
static HONORIFIC_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:(?:county\s+)?councillors?|cllrs?\.?|mrs?\.?|ms\.?|miss|mx|dr\.?|prof\.?|professor|sir|dame|rev\.?|reverend|lord|lady|baroness|alderman)\s")
        .expect("valid pattern")
});

/// [`split_list`]'s next part, `s[start..end]`. An organisation's name
/// holds an "and" that parts no people: "NHS Harrowby and Kelmarsh ICB",
/// "Kelmarsh and District Hospitals NHS Foundation Trust".
/// `prev_start` is where the part before it starts; the start of the part
/// pushed is returned.
fn push_part<'a>(
    s: &'a str,
    out: &mut Vec<&'a str>,
    prev_start: usize,
    start: usize,
    end: usize,
    joined: bool,
) -> usize {
    // A post's own "and": "Head of Children in Care and Care Leavers",
    // "Head of Audit and Risk", the part after it naming no one.
    let post_goes_on = || {
        let (prev, cur) = (s[prev_start..start].trim(), s[start..end].trim());
        let prev = prev
            .trim_end_matches(|c: char| c == ',' || c == '&' || c.is_whitespace())
            .trim_end_matches(" and");
        !prev.contains(['(', ')'])
            && (is_bare_post(prev) && prev.contains(" of ")
                || prev.to_ascii_lowercase().starts_with("head of"))
            && !cur.contains(['(', ')'])
            && !INITIALS_NAME.is_match(cur.trim_end_matches(['.', ';']))
            && !HONORIFIC_START.is_match(cur)
            && (1..=3).contains(&cur.split_whitespace().count())
    };
    if joined && !out.is_empty() && (names_organisation_end(&s[start..end]) || post_goes_on()) {
        out.pop();
        out.push(&s[prev_start..end]);
        return prev_start;
    }
    out.push(&s[start..end]);
    start
}

/// Whether `s` is an organisation's name ([`ORG_NAME_END`]), its last word
/// looked at first: most entries are people's names.
fn names_organisation_end(s: &str) -> bool {
    let last = s
        .trim_end()
        .trim_end_matches('.')
        .rsplit(' ')
        .next()
        .unwrap_or("");
    matches!(
        last,
        "ICB"
            | "CCG"
            | "Trust"
            | "Council"
            | "Hospital"
            | "Hospitals"
            | "Police"
            | "Constabulary"
            | "Service"
            | "Authority"
            | "University"
            | "College"
            | "Ltd"
            | "Limited"
            | "plc"
            | "LLP"
            | "Partnership"
            | "Healthwatch"
            | "Board"
    ) && ORG_NAME_END.is_match(s)
        || ORG_NAME_START.is_match(s)
}

/// An organisation named by its first word: "Audit Wales", "Healthwatch
/// Wexmoor", "NHS Highland".
static ORG_NAME_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\s*(?:Audit\s+(?:Wales|Scotland)|Northern\s+Ireland\s+Audit\s+Office|NIAO|Healthwatch(?:\s+[A-Z][\w’'-]*){1,3}|NHS(?:\s+[A-Z][\w’'-]*){1,5})\.?\s*$")
        .expect("valid pattern")
});

/// The last words of an organisation's name.
static ORG_NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\s*(?:[A-Z][A-Za-z\x27’&.-]*\s+)?(?:(?:[A-Z][A-Za-z\x27’&.-]*|and|of|for|the|&)\s+){0,7}(?:ICB|CCG|NHS\s+(?:Foundation\s+)?Trust|Trust|Council|Hospitals?|Police|Constabulary|Rescue\s+Service|Authority|University|College|Ltd|Limited|plc|LLP|Partnership|Healthwatch|Integrated\s+Care\s+Board|Care\s+Board)\.?\s*$")
        .expect("valid pattern")
});

/// Whether a line of a list runs on to the next: an open bracket, a trailing
/// comma, "and" or "&", a next line opening with a bracket or a lower-case
/// word, a last entry that is a lone first name ("..., Robin"), or a name cut
/// after its honorific or an initial ("..., Dr M" / "Gogarty (...)").
fn runs_on(line: &str, next: &str, honorific: &Pattern) -> bool {
    if next.is_empty() {
        return false;
    }
    let open = is_open(line);
    let t = line.trim_end();
    let last_word = t.rsplit(' ').next().unwrap_or("");
    let initial = last_word.trim_end_matches('.');
    // (An honorific cuts a name only where an entry starts: "..., Dr" /
    // "... and Councillor", not "Police and Crime Commissioner".)
    let starts_entry = |before: &str| {
        before.is_empty()
            || before.ends_with([',', ';', ':', '&'])
            || before.ends_with(" and")
            || before == "and"
    };
    let before_last = t[..t.len() - last_word.len()].trim_end();
    // (an honorific of two words, "... and County Councillor" / "L. Parry-Evans")
    let two_words = before_last
        .rsplit_once(' ')
        .map_or((before_last, ""), |(b, w)| (b.trim_end(), w));
    let last_two = format!("{} {last_word} ", two_words.1);
    let cut_name = (initial.len() == 1 && initial.starts_with(|c: char| c.is_ascii_uppercase()))
        || starts_entry(before_last)
            && honorific
                .find(&format!("{last_word} "))
                .is_some_and(|m| m.end() == last_word.len() + 1)
        || !two_words.1.is_empty()
            && starts_entry(two_words.0)
            && honorific
                .find(&last_two)
                .is_some_and(|m| m.start() == 0 && m.end() == last_two.len());
    let tail = t.rsplit([',', ';', ')']).next().unwrap_or("").trim();
    // (a post is no first name: "Theresa Monroe, Chair")
    const POSTS: [&str; 10] = [
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "president",
        "secretary",
        "treasurer",
        "clerk",
        "mayor",
        "convener",
    ];
    // (not when the next line opens with a whole name of its own: "Fiona
    // Maclean, Executive Director, Education" / "Graham Urquhart, Head of
    // ...")
    let next_whole_name = next.split([',', ';']).next().is_some_and(|f| {
        let words: Vec<&str> = f.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && next.contains(',')
            && words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) && w.chars().count() > 1)
    });
    // (but a list of names only, "Anna Brown (Chair), Ben Green, Mei" /
    // "Ling Chow, Carl White", cuts a name whatever the next line holds)
    let names_only = {
        let entries: Vec<&str> = t.split([',', ';']).collect();
        entries.len() >= 2
            && entries[..entries.len() - 1].iter().all(|e| {
                let e = e.rsplit(':').next().unwrap_or(e);
                let e = e.split('(').next().unwrap_or(e).trim();
                let words: Vec<&str> = e.split_whitespace().collect();
                (2..=4).contains(&words.len())
                    && words.iter().all(|w| w.starts_with(char::is_uppercase))
                    && !POST_WORDS.is_match(e)
            })
    };
    // ("Ann Able, President" over "Bo Baker, Vice President": a post that
    // is also a title, then the next line's own name)
    let post_over_name =
        next_whole_name && POSTS.contains(&last_word.trim_end_matches('.').to_lowercase().as_str());
    let lone = t.contains(',')
        && (!next_whole_name || names_only)
        && !tail.is_empty()
        && !tail.contains(' ')
        && tail.starts_with(|c: char| c.is_uppercase())
        && !POSTS.contains(&tail.trim_end_matches('.').to_lowercase().as_str());
    // "..., Clerk Veronica" / "Ashdown": a post and a first name, the
    // surname on the next line.
    let post_then_first =
        next.starts_with(|c: char| c.is_uppercase()) && POST_THEN_FIRST.is_match(tail);
    // A next line that opens with an honorific names a person of its own:
    // "Mr Anthony Quiller, Chair" / "Mrs Deborah Lisle, Chief Executive".
    let next_person = honorific.find(next).is_some_and(|m| m.start() == 0);
    // The end of a post wrapped onto a short line of its own: "..., Convener
    // of Environment and Climate" / "Change Committee."
    let post_end = {
        let words: Vec<&str> = next.split_whitespace().collect();
        words.len() <= 4
            && next.ends_with('.')
            && !next.contains(',')
            && !next_person
            && words.last().is_some_and(|w| {
                const BODIES: [&str; 12] = [
                    "Committee",
                    "Board",
                    "Panel",
                    "Council",
                    "Service",
                    "Services",
                    "Partnership",
                    "Trust",
                    "Team",
                    "Group",
                    "Authority",
                    "Directorate",
                ];
                BODIES.contains(&w.trim_end_matches('.'))
            })
    };
    // A post cut before its last word: "Owen Pritchard – Head of Corporate"
    // / "Parenting; Lydia Fenwick – Scrutiny Officer".
    // So is a post in a list of posts parted by semicolons: "...; Quality
    // Assurance" / "Officer; Partnership Administrator".
    let post_cut = {
        let first = next.split([';', ',']).next().unwrap_or("").trim();
        next.contains([';', ','])
            && !first.contains(' ')
            && first.starts_with(char::is_uppercase)
            && !next_person
            && (t
                .rsplit([';', ','])
                .next()
                .is_some_and(|e| e.contains(" – ") || e.contains(" - "))
                || t.contains(';') && next.contains(';') && is_bare_post(first))
    };
    // ("..., Mr Jeremy" / "Kite, MBE and ...": a first name after its
    // honorific, the surname on the next line)
    let entry = tail
        .strip_prefix("and ")
        .or_else(|| tail.strip_prefix("& "))
        .unwrap_or(tail);
    // (also after "for", a substitute's "X for Councillor Lynne" /
    // "Garside": the entry's last words)
    let entry = entry.rsplit_once(" for ").map_or(entry, |(_, e)| e);
    let first_name_cut = next.starts_with(char::is_uppercase)
        && honorific.find(entry).is_some_and(|m| {
            m.start() == 0 && {
                let rest = entry[m.end()..].trim();
                !rest.is_empty()
                    && !rest.contains(' ')
                    && rest.starts_with(char::is_uppercase)
                    && rest.chars().skip(1).all(|c| c.is_lowercase())
                    && rest.chars().count() > 2
            }
        });
    // ("Mr Paul Barrington-" / "King": a name hyphenated over the break)
    let hyphenated = t
        .strip_suffix('-')
        .is_some_and(|w| w.ends_with(char::is_alphabetic))
        && next.starts_with(char::is_uppercase);
    open || t.ends_with(',')
        || hyphenated
        || first_name_cut
        || post_end
        || post_cut
        || t.ends_with(" and")
        || t.ends_with('&')
        || next.starts_with('(')
        || next.starts_with(|c: char| c.is_lowercase())
        || (!next.contains(' ') && next.ends_with('.'))
        || (lone || cut_name && !post_over_name) && !next_person
        || post_then_first
}

/// What stands between a substitute and the member they stand in for, when
/// no brackets part them.
const SUBSTITUTE_FOR: [&str; 4] = [" substituting for", " in place of", " replacing", " for"];

/// A table of attendance marks: the column of names, and the columns whose
/// mark gives a role ("Present", "Apologies", "Absent").
struct TickTable {
    name: usize,
    marks: Vec<(usize, Role)>,
    /// A column whose cell names the attendance ("P", "A", "Apologies").
    status: Option<usize>,
    /// A column naming the body each person is there for.
    organisation: Option<usize>,
}

/// The header row of a table of attendance marks,
/// "Councillor<TAB>Role<TAB>Present<TAB>Apologies": two columns of marks at
/// least, the names in the first column or one headed so.
fn tick_header(raw: &str) -> Option<TickTable> {
    if !raw.contains('\t') {
        return None;
    }
    let cells: Vec<String> = raw
        .split('\t')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let marks: Vec<(usize, Role)> = cells
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let role = match c.as_str() {
                "present" | "attended" | "in attendance" | "attendance: present" => Role::Member,
                "apologies" | "apology" | "apols" | "apologies received" => Role::Apology,
                "absent" | "not present" => Role::Absent,
                _ => return None,
            };
            Some((k, role))
        })
        .collect();
    let status = cells.iter().position(|c| {
        matches!(
            c.as_str(),
            "attendance" | "status" | "attended" | "present/apologies" | "present / apologies"
        )
    });
    if marks.len() < 2 && (status.is_none() || cells.len() < 3) {
        return None;
    }
    let organisation = cells.iter().position(|c| {
        matches!(
            c.as_str(),
            "organisation" | "organization" | "representing" | "body" | "authority" | "agency"
        )
    });
    let name = cells
        .iter()
        .position(|c| {
            matches!(
                c.as_str(),
                "councillor" | "councillors" | "member" | "members" | "name" | "attendee"
            )
        })
        .unwrap_or(0);
    if marks.iter().any(|&(k, _)| k == name) || status == Some(name) {
        return None;
    }
    Some(TickTable {
        name,
        marks,
        status,
        organisation,
    })
}

/// Whether `s` leaves a bracket open.
fn is_open(s: &str) -> bool {
    s.matches('(').count() > s.matches(')').count()
}

impl AttendanceRule {
    pub(super) fn line_patterns(&mut self, f: &mut dyn FnMut(&mut Pattern)) {
        f(&mut self.start);
    }

    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// An entry cut before every honorific that follows a name: a list
    /// printed in two columns reads "Councillor A Smith (Chairman) Councillor
    /// B Jones" once its spacing is collapsed. An honorific ending the entry
    /// is a surname ("Cllr Ann Lord") and is left alone.
    fn split_at_honorifics<'e>(&self, entry: &'e str) -> Vec<&'e str> {
        let mut out = Vec::new();
        let mut from = 0;
        for m in self.honorific_inside.find_iter(entry) {
            // The match opens with the white space before the honorific.
            let at = m.start() + 1;
            let word = &entry[at..];
            if !word.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let piece = &entry[from..at];
            // Inside a note: "Councillor Martin (for Councillor Nash)".
            if piece.matches('(').count() > piece.matches(')').count() {
                continue;
            }
            // A substitute and whom they stand in for, with no brackets: "Mr
            // B Barrow for Mr T Fitzpatrick". The one substituted for is not
            // present; the rest of the entry is theirs.
            let trimmed = piece.trim_end();
            if let Some(cut) = SUBSTITUTE_FOR
                .iter()
                .find_map(|tail| trimmed.strip_suffix(tail))
                .filter(|head| head.split_whitespace().count() >= 2)
            {
                out.push(cut);
                return out;
            }
            let mut name = piece.trim();
            while let Some(h) = self.honorific.find(name) {
                name = name[h.end()..].trim_start();
            }
            // A name before it: two words at least ("A Smith", "Vivien
            // Richards") or a note closing it, not a post ("Chair Cllr X",
            // "Vice Chair"), a tier ("County Cllr X") or a label ("Forum:").
            let named = (name.split_whitespace().count() >= 2 || name.ends_with(')'))
                && !name.ends_with(':')
                && !self.is_chair_post(name)
                && !CIVIC_PREFIX.is_match(name);
            if named {
                out.push(piece);
                from = at;
            }
        }
        out.push(&entry[from..]);
        out
    }

    /// Whether line `i` of a list is one of several that each open with a
    /// singular honorific of their own (the line before or after it does
    /// too), or a name with a post and more after it: a list of one person a
    /// line.
    fn one_per_line(&self, clean: &[String], from: usize, to: usize, i: usize) -> bool {
        let own = |line: &str| {
            self.leading_honorific(line)
                .is_some_and(|h| !PLURAL_HONORIFIC.is_match(h))
        };
        // A post, not a chair's mark, after the name.
        let names_post = |post: &str| {
            (POST_WORDS.is_match(post) || NOTE_POST.is_match(post)) && !self.chair.is_match(post)
        };
        // A name, then a post and more after commas: "Rhiannon Castell,
        // Assistant Director, Housing Options" is one person however the
        // lines around it are printed.
        let name_post_more = clean[i].split_once(", ").is_some_and(|(name, rest)| {
            let post = rest.split(", ").next().unwrap_or(rest).trim();
            rest.contains(", ")
                && looks_like_name(name.trim())
                && self.leading_honorific(name).is_none()
                && names_post(post)
        });
        // "Karen Ogundipe - Chief Executive, Healthwatch Rother Vale": a
        // name, a dash, a post and more after a comma. The post may come
        // last, its title holding commas and "and" of its own: "Maria
        // Esposito - Police, Fire and Crime Commissioner".
        let name_dash_post = [" - ", " – ", " — "].iter().any(|sep| {
            clean[i].split_once(sep).is_some_and(|(name, rest)| {
                let name = match self.leading_honorific(name) {
                    Some(h) if !PLURAL_HONORIFIC.is_match(h) => &name[h.len()..],
                    Some(_) => return false,
                    None => name,
                };
                looks_like_name(name.trim())
                    && (rest.contains(", ") || rest.contains(" and "))
                    && rest.split(", ").any(|p| names_post(p.trim()))
                    && !rest.contains(sep.trim())
                    && !STATUS_AFTER.is_match(&clean[i])
            })
        });
        let neighbour = |j: Option<usize>| j.is_some_and(|j| own(&clean[j]));
        let before = (from..i).rev().find(|&j| !clean[j].is_empty());
        let after = (i + 1..to).find(|&j| !clean[j].is_empty());
        name_post_more
            || name_dash_post
            || own(&clean[i]) && (neighbour(before) || neighbour(after))
    }

    /// "Mrs A Pennington, Headteacher, Greystone Primary (Chair)" written as
    /// "Mrs A Pennington (Headteacher) – Greystone Primary (Chair)": the
    /// name, then what follows its comma (or dash) as the person's posts in
    /// brackets and their organisation after a dash, as the rest of the
    /// reading takes them. `None` where the rest names another person or
    /// holds brackets of its own, or no comma or dash parts the line.
    fn with_note_in_brackets(&self, line: &str) -> Option<String> {
        // The name ends at the first comma or dash: "Mr Adrian Kell - Police
        // and Crime Commissioner".
        let cut = [", ", " - ", " – ", " — "]
            .iter()
            .filter_map(|sep| line.find(sep).map(|k| (k, sep.len())))
            .min()?;
        let (name, rest) = (&line[..cut.0], &line[cut.0 + cut.1..]);
        // "Councilmember Joel Ramsey - Absent": a status, read as such.
        if STATUS_AFTER.is_match(line) {
            return None;
        }
        // (A chair's mark in brackets may close the name: "Dr Fiona Baird
        // (Vice-Chair) – Clinical Director, Testbury Primary Care Network".)
        let marked = name.ends_with(')')
            && name.rfind(" (").is_some_and(|k| {
                self.chair.is_match(&name[k..]) && !name[..k].contains(['(', ')'])
            });
        if (name.contains(['(', ')']) && !marked) || rest.contains(';') {
            return None;
        }
        let rest = rest.trim().trim_end_matches(['.', ',']);
        // A chair's mark in brackets at the end stays the person's own.
        let (note, mark) = match rest.rfind(" (") {
            Some(k) if rest.ends_with(')') && self.chair.is_match(&rest[k..]) => {
                (rest[..k].trim(), &rest[k..])
            }
            _ => (rest, ""),
        };
        if note.is_empty()
            || note.contains(['(', ')'])
            || self.honorific_inside.is_match(&format!(" {note}"))
            || self.honorific.find(note).is_some_and(|m| m.start() == 0)
        {
            return None;
        }
        // "Councillor A Smith, B Jones": initials and surnames after the
        // comma are people.
        let parts: Vec<&str> = note.split(", ").map(str::trim).collect();
        if parts.iter().all(|p| INITIALS_NAME.is_match(p)) {
            return None;
        }
        // The note's last part names the person's organisation unless it is
        // a post ("Chief Executive, Office of the PCC"; "Chief Nurse").
        let is_post = |p: &str| {
            POST_WORDS.is_match(p)
                || POST_ENTRY.is_match(p)
                || NOTE_POST.is_match(p)
                || CABINET_POST.is_match(p)
                || self.chair.is_match(p)
        };
        // "Mr R C Love, OBE": letters after the name, read as such.
        let post_nominal = |p: &str| {
            self.suffix
                .as_ref()
                .is_some_and(|r| r.is_match(&format!(" {p}")))
        };
        if parts.iter().any(|p| post_nominal(p)) {
            return None;
        }
        let (posts, organisation) = match parts.split_last() {
            Some((last, posts)) if !is_post(last) => (posts.join(", "), Some(*last)),
            _ => (parts.join(", "), None),
        };
        let mut out = name.trim().to_string();
        if !posts.is_empty() {
            out.push_str(&format!(" ({posts})"));
        }
        if let Some(org) = organisation {
            out.push_str(&format!(" – {org}"));
        }
        out.push_str(mark);
        Some(out)
    }

    /// Whether what follows the first comma of `entry` is a member's title
    /// or post: "Alicia Moreno, President", "Gregory Tan, Vice President".
    fn post_after_comma(&self, entry: &str) -> bool {
        let Some((_, after)) = entry.split_once(", ") else {
            return false;
        };
        let post = after.split(", ").next().unwrap_or("").trim();
        // (An officer's post after the comma is what a section of officers
        // reads as their organisation already: "Ms D Walsh, Chief Executive".)
        post.split_whitespace().count() <= 5
            && (NOTE_POST.is_match(post) || self.chair.is_match(post))
            && !POST_WORDS.is_match(post)
            && !OFFICER_POST.is_match(post)
    }

    /// Whether a list entry is a post rather than a name: two words at
    /// least, no honorific, and a word only posts have ("Parent Governor
    /// Representative", "Director of Children's Services", "Head of
    /// Service"). A post with a name in brackets ("Director of Children's
    /// Services (A Jones)") names its holder: that is a person.
    fn is_post_entry(&self, entry: &str) -> bool {
        let e = entry.trim();
        // The post is what stands outside any brackets: "James Clapson
        // (Democratic Services Officer)" is a person, "Assistant Director
        // (Early Help and Social Care)" a post.
        let outside = e.split('(').next().unwrap_or(e).trim();
        outside.split_whitespace().count() >= 2
            && !bracket_names_person(e)
            && self.leading_honorific(e).is_none()
            && POST_ENTRY.is_match(outside)
    }

    /// A label of a group of people the rule does not know, and the people
    /// after it: "Academy members: Mrs S Whitby (Vice-Chair), Mr D
    /// Oyelaran" gives "Academy members" and the list. The label is a few
    /// capitalised words with no honorific; a person follows.
    fn group_label<'l>(&self, line: &'l str) -> Option<(&'l str, &'l str)> {
        let (label, people) = line.split_once(": ")?;
        let label = label.trim();
        let people = people.trim();
        let words = label.split_whitespace().count();
        // ("Early years (PVI): Lucy Brannigan": a note closing the label)
        let bracket = label.contains('(') && !label.ends_with(')');
        // People with no honorific after a group of several words ("Primary
        // headteachers: Ruth Calloway (Chair), Dev Mistry"), not after a post
        // ("Chair: Ruth Calloway").
        let first = people.split([',', ';', '(']).next().unwrap_or("").trim();
        let first_words: Vec<&str> = first.split_whitespace().collect();
        let named = words >= 2
            && !self.chair.is_match(label)
            && (2..=4).contains(&first_words.len())
            && first_words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) && w.chars().count() > 1);
        let fits = (1..=6).contains(&words)
            && label.starts_with(|c: char| c.is_uppercase())
            && !bracket
            && !label.contains([',', ';'])
            && !label.chars().any(|c| c.is_ascii_digit())
            && self.leading_honorific(label).is_none()
            && (self.leading_honorific(people).is_some() || named);
        fits.then_some((label, people))
    }

    /// "Name, Post, Organisation" on its own ("Councillor Sarah Beaumont,
    /// Leader, Hollinwold Borough Council (Deputy Mayor)"): the person's
    /// entry and the organisation, a bracketed note after it aside.
    fn name_post_organisation<'l>(&self, line: &'l str) -> Option<(&'l str, &'l str)> {
        let line = without_list_stop(line);
        if line.contains(';') {
            return None;
        }
        let mut parts = line.split(", ");
        let (who, post, org) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let org = org.split(" (").next().unwrap_or(org).trim();
        let who_words = who.split_whitespace().count();
        let person = (2..=5).contains(&who_words)
            && who.starts_with(|c: char| c.is_uppercase())
            && !POST_WORDS.is_match(who)
            && !who.contains(" and ");
        let is_post = post.split_whitespace().count() <= 5
            && (POST_WORDS.is_match(post)
                || NOTE_POST.is_match(post)
                || self.chair.is_match(post)
                || LEADER_POST.is_match(post));
        let is_org = org.split_whitespace().count() >= 2
            && org.starts_with(|c: char| c.is_uppercase())
            && (EXTERNAL_ORG.is_match(org) || ORGANISATION_END.is_match(org));
        (person && is_post && is_org).then_some((who, org))
    }

    /// Whether the full stop at byte `at` of `text` (if that is one) closes
    /// an initial or an honorific: "T." in "Councillor T. Ingham", "Cllr.".
    fn abbreviation_before(&self, text: &str, at: usize) -> bool {
        if !text[at..].starts_with('.') {
            return false;
        }
        let word = text[..at]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
        let honorific = !word.is_empty()
            && self
                .leading_honorific(&text[at - word.len()..])
                .is_some_and(|h| {
                    // (or the first word of one: "Ch. Supt. T. Greenhalgh")
                    let h = h.trim().trim_end_matches('.');
                    h == word || h.strip_prefix(word).is_some_and(|r| r.starts_with('.'))
                });
        initial || honorific
    }

    /// Whether `entry` is a person's name and nothing more but a note in
    /// brackets: an honorific and up to four capitalised words or initials
    /// ("Mr S. Gately (Auditor)"), or initials and a surname ("R. Chaudhry").
    fn is_bare_name(&self, entry: &str) -> bool {
        let entry = entry.trim().trim_end_matches('.');
        let entry = match entry.find('(') {
            Some(k) if entry.ends_with(')') => entry[..k].trim_end(),
            _ => entry,
        };
        if INITIALS_NAME.is_match(entry) {
            return true;
        }
        let Some(h) = self.leading_honorific(entry) else {
            return false;
        };
        let words: Vec<&str> = entry[h.len()..].split_whitespace().collect();
        (1..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.contains([',', ':']))
            && !PLURAL_HONORIFIC.is_match(h)
    }

    /// The honorific an entry opens with ("Councillor", "Councillors").
    fn leading_honorific<'e>(&self, entry: &'e str) -> Option<&'e str> {
        self.honorific
            .find(entry)
            .filter(|m| m.start() == 0)
            .map(|m| m.as_str())
    }

    /// A line cut where a sentence or clause ends and a section label
    /// follows; a line with no such label inside is one segment.
    fn segments<'l>(&self, line: &'l str) -> Vec<&'l str> {
        let mut out = Vec::new();
        let mut from = 0;
        for m in CLAUSE_END.find_iter(line) {
            if m.start() > from && self.is_label(&line[m.end()..]) {
                out.push(&line[from..=m.start()]);
                from = m.end();
            }
        }
        out.push(&line[from..]);
        out
    }

    /// Whether `line` opens with a section's label ("Apologies:", "IN ATTENDANCE").
    fn is_label(&self, line: &str) -> bool {
        // (not a post that ends in a label's word, an entry of a list:
        // "Officer; Partnership Administrator")
        self.sections.iter().any(|s| {
            s.label
                .find(line)
                .is_some_and(|m| !line[m.end()..].trim_start().starts_with([';', ',']))
        })
    }

    /// Whether a list entry is a chair's post and nothing else ("Convener",
    /// "Vice-Chair"), which names the person listed before it.
    fn is_chair_post(&self, entry: &str) -> bool {
        let e = entry.trim().trim_end_matches(['.', ';']);
        self.chair.find(e).is_some_and(|m| {
            e[..m.start()]
                .split([' ', '-'])
                .chain(e[m.end()..].split([' ', '-']))
                .all(|w| {
                    w.is_empty()
                        || matches!(
                            w.to_ascii_lowercase().as_str(),
                            "vice" | "deputy" | "co" | "the"
                        )
                })
        })
    }

    pub fn apply(&self, ctx: &DocContext, clean: &[String], out: &mut Vec<Record>) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let Some(first) = (from..to).find(|&i| self.start.is_match_line(ctx.hints, i, &clean[i]))
        else {
            return;
        };
        if let Some(row) = &self.row {
            self.apply_rows(ctx, clean, first, row, out);
            return;
        }
        let made_from = out.len();
        self.read_block(ctx, clean, first, out);
        mayor_in_the_chair(&mut out[made_from..]);
        other_tier_guests(ctx, &mut out[made_from..]);
        // At a meeting of the Cabinet, its members are the meeting's own
        // members, whatever post each holds ("Councillor Grace Ndiaye
        // (Cabinet Member for Housing)").
        if ctx
            .doc
            .body
            .as_deref()
            .is_some_and(|b| CABINET_BODY.is_match(b))
        {
            for r in &mut out[made_from..] {
                if let Fields::Attendee { role, .. } = &mut r.fields {
                    if *role == Role::CabinetMember {
                        *role = Role::Member;
                    }
                }
            }
        }
    }

    /// [`Self::apply`]'s reading of the block that starts on line `first`.
    fn read_block(&self, ctx: &DocContext, clean: &[String], first: usize, out: &mut Vec<Record>) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let mut st = ListState::new(self.default_role);
        // "Councillor A Smith in the Chair" on its own line just above the
        // list: the chair, whom the list may not name again.
        // "Chairperson: Councillor S Rooney" / "Vice Chairperson: Alderman K
        // Fitzsimons": the vice chair's line may stand between.
        let above: Vec<usize> = (from..first)
            .rev()
            .take(4)
            .filter(|&j| !clean[j].is_empty())
            .take(2)
            .collect();
        let vice = above.first().and_then(|&j| {
            VICE_CHAIR_LABEL_LINE
                .captures(&clean[j])
                .map(|c| (j, c["who"].trim().to_string()))
        });
        let chair_at = above.get(usize::from(vice.is_some())).copied();
        if let Some(j) = chair_at {
            if CHAIR_LINE.is_match(&clean[j]) {
                let mut chair_st = ListState::new(self.default_role);
                self.read_list(ctx, j, &clean[j], &mut chair_st, out);
            } else if let Some(c) = CHAIR_LABEL_LINE.captures(&clean[j]) {
                let line = format!("{} in the Chair", c["who"].trim());
                let mut chair_st = ListState::new(self.default_role);
                self.read_list(ctx, j, &line, &mut chair_st, out);
            }
        }
        if let Some((j, who)) = vice {
            let mut vice_st = ListState::new(self.default_role);
            self.read_list(ctx, j, &who, &mut vice_st, out);
        }
        let mut stopped = false;
        // Lines in a row that named nobody: two end the block (the
        // minutes' business has begun).
        let mut barren = 0;
        // Whether the honorific read so far is plural ("Councillors A, B"),
        // which goes on over the lines the list runs to; a singular one
        // ("Councillor Alden" on a line of its own) names one person.
        let mut plural = false;
        let last = to.min(first + self.max_lines);
        let mut i = first;
        while i < last {
            let raw_line = clean[i].as_str();
            if raw_line.is_empty() {
                i += 1;
                continue;
            }
            // "Councillor<TAB>Role<TAB>Present<TAB>Apologies": a mark in a
            // column of its own gives each person's attendance.
            if let Some(table) = tick_header(&ctx.text.lines[i].text) {
                i = self.read_ticks(ctx, clean, i, last, &table, out);
                barren = 0;
                continue;
            }
            // "Members Present<TAB>Apologies": a table whose columns are the
            // sections, read column by column.
            if let Some(columns) = self.column_header(&ctx.text.lines[i].text) {
                i = self.read_columns(ctx, clean, i, last, &columns, out);
                barren = 0;
                continue;
            }
            // "Member Representing Attendance" over rows closed up to one
            // space: a person, their body and their attendance a row.
            if REPRESENTING_HEADER.is_match(raw_line) && !ctx.text.lines[i].text.contains('\t') {
                i = self.read_representing(ctx, clean, i, last, out);
                barren = 0;
                continue;
            }
            // A section label in capitals ("IN ATTENDANCE") has the shape of
            // a heading, but the block goes on under it.
            if i > first && self.end.is_match(raw_line) && !self.is_label(raw_line) {
                break;
            }
            // A lone word on its own line after the lists ("Discussion",
            // "Comments") is the next heading, not a person.
            if i > first
                && raw_line.chars().all(char::is_alphabetic)
                && raw_line.starts_with(char::is_uppercase)
                && !self.is_label(raw_line)
                && !runs_on(&clean[i - 1], raw_line, &self.honorific)
            {
                break;
            }
            // Join the lines a wrapped list runs on to.
            let line_no = i;
            let mut joined = name_and_note(&ctx.text.lines[i].text)
                .or_else(|| name_then_cell(raw_line))
                .or_else(|| two_columns_of_names(raw_line))
                .unwrap_or_else(|| raw_line.to_string());
            if let Some(r) = &self.strip {
                if r.is_match(&joined) {
                    joined = r
                        .replace_all(&joined, self.strip_with.as_str())
                        .into_owned();
                }
            }
            // "The Mayor (Councillor X) (in the Chair)": the chair's mark
            // after the person's brackets, as "... in the Chair".
            if let Some(k) = joined.to_ascii_lowercase().find(") (in the chair)") {
                joined.replace_range(k + 1..k + ") (in the chair)".len(), " in the Chair");
            }
            // "Rosa Millington – (Director of ...)": the dash before a
            // bracketed post parts nothing.
            for dash in [" – (", " — (", " - ("] {
                if joined.contains(dash) {
                    joined = joined.replace(dash, " (");
                }
            }
            while i + 1 < to && runs_on(&joined, &clean[i + 1], &self.honorific) {
                let next = clean[i + 1].as_str();
                // Inside brackets a line is a post wrapped over lines
                // ("(Area Education" / "Officer – West Kent)"), never a label.
                if !is_open(&joined) && (self.end.is_match(next) || self.is_label(next)) {
                    break;
                }
                i += 1;
                let hyphenated = joined
                    .strip_suffix('-')
                    .is_some_and(|w| w.ends_with(char::is_alphabetic));
                if !hyphenated {
                    joined.push(' ');
                }
                joined.push_str(next);
            }
            i += 1;
            let i = line_no;
            // One person a line, each with their own honorific: what
            // follows the name's comma is their note, not more people
            // ("Mrs A Pennington, Headteacher, Greystone Primary (Chair)").
            let mut noted = false;
            if joined == raw_line && self.one_per_line(clean, from, to, i) {
                if let Some(n) = self.with_note_in_brackets(&joined) {
                    joined = n;
                    noted = true;
                }
            }
            if !noted && joined.contains("; ") {
                // People parted by semicolons, each with their post after a
                // comma: "Alicia Moreno, President; Gregory Tan, Vice
                // President" (not "Councillors Smith, Jones; ...", names).
                // An officer's post alone after the comma is kept after a
                // dash, which no list is split at: "Monica Salas, County
                // Counsel" among guests.
                let parts: Vec<String> = joined
                    .split("; ")
                    .map(|p| match self.with_note_in_brackets(p) {
                        Some(noted) if self.post_after_comma(p) => noted,
                        _ => match p.split_once(", ") {
                            Some((name, post))
                                if !post.contains(',')
                                    && is_officer_post(post)
                                    && name.split_whitespace().count() <= 5 =>
                            {
                                format!("{name} – {post}")
                            }
                            _ => p.to_string(),
                        },
                    })
                    .collect();
                joined = parts.join("; ");
            } else if !noted && !joined.contains(';') {
                // One person and the outside body they are there for, after
                // one comma: "Dr K Osei, Wrexley and Fenby Clinical
                // Commissioning Group" (whose "and" parts no people).
                if let Some((who, org)) = joined.split_once(", ") {
                    let person = who.rsplit(':').next().unwrap_or(who).trim();
                    let org = org.trim().trim_end_matches('.');
                    if !org.contains([',', '(', ')'])
                        && org.split_whitespace().count() >= 2
                        && (EXTERNAL_ORG.is_match(org) || ORGANISATION_END.is_match(org))
                        && !POST_WORDS.is_match(org)
                        && !OFFICER_POST.is_match(org)
                        && !NOTE_POST.is_match(org)
                        && !CABINET_POST.is_match(org)
                        && !self.honorific_inside.is_match(&format!(" {org}"))
                        && self.leading_honorific(org).is_none()
                        && (1..=5).contains(&person.split_whitespace().count())
                        && !person.contains(" and ")
                    {
                        joined = format!("{who} ({org})");
                    }
                }
            }
            let line = joined.as_str();
            if !plural {
                st.honorific = Carried::default();
            }
            if self.skip.as_ref().is_some_and(|r| r.is_match(line)) {
                continue;
            }
            // Sections run on in one paragraph: "Councillors Smith (Chair),
            // Jones and Brown. Co-opted Members: Mrs A Patel. Officers: ...".
            let mut processed = false;
            let found_before = out.len();
            // On the first line, what the start matched (and what stands
            // before it: "ABERDEEN, 16 May 2023. Minute of ... Present:-")
            // is no list.
            let body = match self.start.find(line) {
                Some(m) if i == first => line[m.end()..].trim_start(),
                _ => line,
            };
            for seg in self.segments(body) {
                let mut rest = seg;
                // After a `stop`, only a new section label reads on.
                if stopped && !self.is_label(rest) {
                    continue;
                }
                // A list ends where `stop` matches: the rest of this line is read
                // no further, nor are the lines after it up to the next label.
                // Where the pattern has a group, the list ends where the group
                // starts: "[a-z]{3}(\.)\s+[A-Z]" ends it at the full stop.
                // A full stop after an initial or an honorific ("Councillor
                // T. Ingham", "Cllr. Tierney") ends no list.
                let stop = self.stop.as_ref().and_then(|r| {
                    r.captures_iter(rest)
                        .filter_map(|c| c.get(1).or_else(|| c.get(0)))
                        .map(|m| m.start())
                        .find(|&at| !self.abbreviation_before(rest, at))
                });
                if let Some(at) = stop {
                    rest = &rest[..at];
                }
                let labelled = self
                    .sections
                    .iter()
                    .find_map(|s| s.label.find(rest).map(|m| (s, m.end())));
                if labelled.is_some() {
                    barren = 0;
                }
                if let Some((sec, len)) = labelled {
                    st.enter(sec, self.honorific_of_label(&rest[..len]));
                    rest = &rest[len..];
                }
                let rest = rest.trim_start_matches([':', ' ', '-', '–']).trim();
                stopped = stop.is_some();
                if rest.is_empty() {
                    continue;
                }
                processed = true;
                // A group's own label before its people ("Academy members:
                // Mrs S Whitby, ...", "Dyfnant County Council: Councillors
                // ..."): no one's name; a council or other body is theirs.
                match self.group_label(rest) {
                    Some((label, people)) => {
                        let before = out.len();
                        self.read_list(ctx, i, people, &mut st, out);
                        // ("Healthwatch Wexmoor: Rosemary Toller": a body
                        // outside the council, whose people are its guests)
                        if ORGANISATION_END.is_match(label)
                            || EXTERNAL_ORG.is_match(label)
                                && !NOTE_POST.is_match(label)
                                && !label.to_lowercase().ends_with("members")
                        {
                            for r in &mut out[before..] {
                                if let Fields::Attendee { organisation, .. } = &mut r.fields {
                                    organisation.get_or_insert_with(|| label.to_string());
                                }
                                *r = st.with_section_role(r.clone());
                            }
                        }
                    }
                    None => self.read_list(ctx, i, rest, &mut st, out),
                }
            }
            if !processed {
                continue;
            }
            plural = PLURAL_HONORIFIC.is_match(line) && st.honorific.name.is_some();
            if out.len() > found_before {
                barren = 0;
            } else {
                barren += 1;
                if barren >= 2 {
                    break;
                }
            }
        }
    }

    /// The sections a table's header row names, one a column ("Members
    /// Present<TAB>Members Absent", "PRESENT      APOLOGIES"): two cells or
    /// more, each of them a label and nothing else.
    fn column_header(&self, raw: &str) -> Option<Vec<Column<'_>>> {
        let cells = match table_cells(raw) {
            Some(cells) if cells.len() >= 2 => cells,
            // "Members Present Apologies": a PDF's text closes the gap
            // between the two headings to one space.
            _ => self.two_labels(raw.trim())?,
        };
        let mut columns = Vec::with_capacity(cells.len());
        for (at, cell) in cells {
            let section = self.sections.iter().find(|s| labels_whole(&s.label, cell));
            let label = match section {
                Some(sec) => Some(sec),
                None if labels_whole(&self.start, cell) => None,
                None => return None,
            };
            columns.push(Column {
                at,
                section: label,
                label: cell.to_string(),
            });
        }
        Some(columns)
    }

    /// Read the rows under a table of attendance marks at line `header`:
    /// one person a row, in the role of the column their mark stands in, the
    /// chair where another cell says so; the line after the table.
    fn read_ticks(
        &self,
        ctx: &DocContext,
        clean: &[String],
        header: usize,
        last: usize,
        table: &TickTable,
        out: &mut Vec<Record>,
    ) -> usize {
        let mut j = header + 1;
        while j < last {
            let raw = ctx.text.lines[j].text.as_str();
            if clean[j].is_empty() || !raw.contains('\t') {
                break;
            }
            let cells: Vec<&str> = raw.split('\t').map(str::trim).collect();
            let name = cells.get(table.name).copied().unwrap_or("");
            let role = table
                .marks
                .iter()
                .find(|(k, _)| cells.get(*k).is_some_and(|c| !c.is_empty()))
                .map(|&(_, r)| r)
                .or_else(|| {
                    let cell = cells.get(table.status?)?.to_ascii_lowercase();
                    match cell.trim_end_matches('.') {
                        "p" | "present" | "y" | "yes" | "✓" | "✔" | "attended" => {
                            Some(Role::Member)
                        }
                        "a" | "ap" | "apol" | "apols" | "apologies" | "apology" => {
                            Some(Role::Apology)
                        }
                        "absent" | "ab" | "n" | "no" => Some(Role::Absent),
                        _ => None,
                    }
                });
            if let (Some(role), false) = (role, name.is_empty()) {
                let name = crate::normalize::clean_line(name);
                let mut honorific = Carried::default();
                if let Some(mut rec) = self.person(ctx, j, &name, role, Split::Line, &mut honorific)
                {
                    let chaired = cells.iter().enumerate().any(|(k, c)| {
                        k != table.name
                            && self.chair.is_match(c)
                            && !self.chair_not.as_ref().is_some_and(|r| r.is_match(c))
                    });
                    if let Fields::Attendee {
                        chair,
                        organisation,
                        ..
                    } = &mut rec.fields
                    {
                        *chair |= chaired;
                        if let Some(org) = table
                            .organisation
                            .and_then(|k| cells.get(k))
                            .filter(|c| !c.is_empty())
                        {
                            *organisation = Some(crate::normalize::clean_line(org));
                        }
                    }
                    out.push(rec);
                }
            }
            j += 1;
        }
        j
    }

    /// A line of two section labels parted by one space, the first the
    /// block's own start or a section ("Members Present Apologies"), as
    /// cells at the character where each starts.
    fn two_labels<'t>(&self, line: &'t str) -> Option<Vec<(usize, &'t str)>> {
        if line.split_whitespace().count() > 6 {
            return None;
        }
        let is_label = |cell: &str| {
            labels_whole(&self.start, cell)
                || self.sections.iter().any(|s| labels_whole(&s.label, cell))
        };
        // (one label of several words is no two: "Ward Members present:",
        // "BOARD MEMBERS ABSENT")
        if is_label(line) {
            return None;
        }
        line.match_indices(' ').find_map(|(k, _)| {
            let (a, b) = (line[..k].trim(), line[k + 1..].trim());
            (is_label(a) && is_label(b)).then(|| vec![(0, a), (line[..k + 1].chars().count(), b)])
        })
    }

    /// Read the rows under a column header at line `header`, each cell in
    /// its column's section; the line after the table.
    fn read_columns(
        &self,
        ctx: &DocContext,
        clean: &[String],
        header: usize,
        last: usize,
        columns: &[Column],
        out: &mut Vec<Record>,
    ) -> usize {
        // Headings parted by one space: so are the rows' cells, each row a
        // person of the first column, then one of the second if any
        // ("Councillor G Threlfall (Chair) Councillor H Madeley").
        let spaced = columns.len() == 2
            && table_cells(&ctx.text.lines[header].text).is_none_or(|c| c.len() < 2);
        let mut states: Vec<ListState> = columns
            .iter()
            .map(|c| {
                let mut st = ListState::new(self.default_role);
                match c.section {
                    Some(sec) => st.enter(sec, self.honorific_of_label(&c.label)),
                    None => st.honorific = self.honorific_of_label(&c.label),
                }
                st
            })
            .collect();
        let tabbed = ctx.text.lines[header].text.contains('\t');
        let mut j = header + 1;
        while j < last {
            let line = clean[j].as_str();
            if line.is_empty() || self.end.is_match(line) && !self.is_label(line) {
                break;
            }
            let raw = ctx.text.lines[j].text.as_str();
            let cells = match table_cells(raw) {
                Some(cells) => cells,
                None if spaced => second_person_at(line).map_or_else(
                    || vec![(0, line)],
                    |k| vec![(0, line[..k].trim()), (columns[1].at, line[k..].trim())],
                ),
                None => vec![(0, line)],
            };
            // A label under the table opens the next section of the block.
            if cells.len() == 1 && self.is_label(cells[0].1) {
                break;
            }
            if tabbed && cells.last().is_some_and(|&(k, _)| k >= columns.len()) {
                break;
            }
            for (at, cell) in cells {
                let col = if tabbed {
                    at
                } else {
                    // The column whose heading starts at or before the cell
                    // (a cell may stand a little left of its heading).
                    columns.iter().rposition(|c| c.at <= at + 2).unwrap_or(0)
                };
                let mut cell = crate::normalize::clean_line(cell);
                // One person a cell, with their own honorific: what follows
                // the comma is their council or post ("Cllr James Peel,
                // Askby BC"), not another person.
                let own = self
                    .leading_honorific(&cell)
                    .is_some_and(|h| !PLURAL_HONORIFIC.is_match(h));
                if own && cell.matches(", ").count() == 1 {
                    if let Some(noted) = self.with_note_in_brackets(&cell) {
                        cell = noted;
                    }
                }
                self.read_list(ctx, j, &cell, &mut states[col], out);
            }
            j += 1;
        }
        j
    }

    /// Read the people of one list (the text after its label, if any) into
    /// `out`, as the section `st` is in gives them their role.
    fn read_list(
        &self,
        ctx: &DocContext,
        i: usize,
        rest: &str,
        st: &mut ListState,
        out: &mut Vec<Record>,
    ) {
        // "Councillor Ben Sayer; Hugh Tolland": people parted by semicolons
        // each print their own honorific; a singular one carries to none.
        if rest.contains(';') && !st.honorific.plural {
            st.honorific = Carried {
                name: None,
                plural: false,
                own: true,
            };
        }
        // "Jane Ashworth, Chair, Trent and Wolds Business Board": one person,
        // their post and the body they are there for (a combined authority's
        // members, a partnership board's); the post is the body's.
        if let Some((who, org)) = self.name_post_organisation(rest) {
            if let Some(mut rec) = self.person(ctx, i, who, st.role, Split::Line, &mut st.honorific)
            {
                if let Fields::Attendee { organisation, .. } = &mut rec.fields {
                    *organisation = Some(org.to_string());
                }
                out.push(st.with_section_role(rec));
            }
            return;
        }
        // "Director of Leisure and Development (D Quigley), Head of Tourism
        // (M Carson)": posts before their holders, parted by commas.
        let posts_then_names = || rest.split(", ").all(is_post_then_name);
        let split =
            if st.split == Split::Line && NAME_NOTE_LIST.is_match(rest) && !posts_then_names() {
                Split::List
            } else {
                st.split
            };
        // "Chief Fire Officer I Moss, Treasurer R Oakes, Clerk and Monitoring
        // Officer S Platt": a post's own "and" parts no people.
        let split = if split == Split::List
            && rest.contains(", ")
            && rest
                .split(", ")
                .all(|p| POST_THEN_NAME.is_match(without_list_stop(p)))
        {
            Split::Line
        } else {
            split
        };
        let entries: Vec<&str> = match split {
            // "A Dale, Director of X; P Shaw, Head of Y": people on one
            // line are parted by semicolons, their posts by commas.
            Split::Line => rest
                .split(';')
                .map(|e| {
                    let e = e.trim();
                    e.strip_prefix("and ").unwrap_or(e)
                })
                .filter(|e| !e.is_empty())
                .flat_map(|e| {
                    // Posts and names parted by commas: one person each.
                    let parts: Vec<&str> = e.split(", ").collect();
                    if parts.len() > 1 && parts.iter().all(|p| is_post_then_name(p)) {
                        return parts;
                    }
                    // "Ms R Chaudhry and Mr S Gately": names alone, each
                    // a person, where a comma would part a post.
                    let people = split_list(e);
                    if people.len() > 1 && people.iter().all(|p| self.is_bare_name(p)) {
                        people
                    } else {
                        vec![e]
                    }
                })
                .collect(),
            Split::List => split_list(rest)
                .into_iter()
                .flat_map(|e| self.split_at_honorifics(e))
                .collect(),
        };
        let mut made = false;
        // Inside the post of the person before: "Councillor Bridges,
        // Executive Member for Early Years, Children and Young People".
        let mut in_post = false;
        // The person just read has a singular honorific of their own.
        let mut singular = false;
        for entry in entries {
            // "Ann Able, President" / "Bo Baker, Vice President": a board's
            // office, the person before's (the president chairs it).
            if made && BOARD_OFFICE.is_match(entry.trim()) {
                let office = entry.trim().to_ascii_lowercase();
                if let Some(p) = last_attendee(out) {
                    if !office.starts_with("vice") && !office.starts_with("deputy") {
                        *p.chair = true;
                    }
                }
                made = false;
                continue;
            }
            // "Sue Chandler, Cabinet Member for ...": the post of the person before.
            // (one who sent apologies or was absent stays so)
            if made && CABINET_POST.is_match(entry.trim()) {
                if let Some(p) = last_attendee(out) {
                    if !matches!(*p.role, Role::Apology | Role::Absent) {
                        *p.role = Role::CabinetMember;
                    }
                }
                made = false;
                in_post = true;
                continue;
            }
            // "Mr G Cleworth, Parent Governor Representative": a post,
            // not a second person; so are the services it lists after
            // its own commas.
            if split == Split::List
                && ((made && self.is_post_entry(entry))
                    || (in_post && is_service_entry(entry))
                    || (!made && ends_in_body(entry)))
            {
                // "Councillor John Cotton, Leader in the Chair"
                if made
                    && self.chair.is_match(entry)
                    && !self.chair_not.as_ref().is_some_and(|p| p.is_match(entry))
                {
                    if let Some(p) = last_attendee(out) {
                        *p.chair = true;
                    }
                }
                // "Also in attendance: Chris Spencer, Director of
                // Children's Services": the council's officer.
                if made && is_officer_post(entry) {
                    if let Some(p) = last_attendee(out) {
                        if *p.role == Role::Invited {
                            *p.role = Role::Officer;
                        }
                    }
                }
                made = false;
                in_post = true;
                continue;
            }
            in_post = false;
            // "Councillor Allard, Convener; Councillor Blake, Vice
            // Convener": a chair's post after a comma is the person's before.
            if made && self.is_chair_post(entry) {
                let vice = self.chair_not.as_ref().is_some_and(|p| p.is_match(entry))
                    && !IN_THE_CHAIR.is_match(entry);
                if let Some(p) = last_attendee(out) {
                    *p.chair = !vice;
                }
                made = false;
                in_post = true;
                continue;
            }
            // "Mr D Kennedy, Unison": one word after a person who has an
            // honorific of their own names their organisation; in a
            // list headed "Councillors" it is one more councillor.
            // "Mr R C Love, OBE": letters after a name, not an organisation.
            let post_nominal = self
                .suffix
                .as_ref()
                .is_some_and(|r| r.is_match(&format!(" {}", entry.trim())));
            if made
                && split == Split::List
                && singular
                && !st.honorific.plural
                && is_one_word(entry)
                && !post_nominal
            {
                if let Some(p) = last_attendee(out) {
                    p.organisation
                        .get_or_insert_with(|| entry.trim().to_string());
                }
                made = false;
                continue;
            }
            made = false;
            singular = self
                .leading_honorific(entry.trim())
                .is_some_and(|h| !PLURAL_HONORIFIC.is_match(h));
            if let Some(rec) = self.person(ctx, i, entry, st.role, split, &mut st.honorific) {
                out.push(st.with_section_role(rec));
                made = true;
            }
        }
    }

    /// The honorific a section's label gives its list ("Councillors:").
    fn honorific_of_label(&self, label: &str) -> Carried {
        let label = format!("{} ", label.trim().trim_end_matches([':', '-', ' ']));
        let h = self.honorific.find(&label).map(|m| m.as_str().trim());
        Carried {
            plural: h.is_some_and(|h| PLURAL_HONORIFIC.is_match(h)),
            name: h.map(|h| canonical_honorific(h.trim_end_matches('.'))),
            own: false,
        }
    }

    /// A roll-call table: every line after the header that `row` reads and
    /// whose status has a role is one person; the title marks the chair.
    fn apply_rows(
        &self,
        ctx: &DocContext,
        clean: &[String],
        first: usize,
        row: &Pattern,
        out: &mut Vec<Record>,
    ) {
        let last = ctx.doc.end.min(first + self.max_lines);
        for (i, line) in clean.iter().enumerate().take(last).skip(first + 1) {
            if line.is_empty() {
                continue;
            }
            if self.end.is_match(line) {
                break;
            }
            let Some(c) = row.captures(line) else {
                continue;
            };
            let (Some(name), Some(status)) = (c.name("name"), c.name("status")) else {
                continue;
            };
            let status = status
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let Some(&(_, role)) = self
                .status
                .iter()
                .find(|(word, _)| word.eq_ignore_ascii_case(&status))
            else {
                continue;
            };
            let title = c.name("title").map_or("", |t| t.as_str());
            let org = c.name("org").map(|m| m.as_str());
            if let Some(rec) = self.table_person(ctx, i, line, name.as_str(), title, org, role) {
                out.push(rec);
            }
        }
    }

    /// One row of a table of people as a record: the name (a chair's mark
    /// in brackets after it), the title or post the table gives them, the
    /// body they represent, and the role their status gave.
    #[allow(clippy::too_many_arguments)]
    fn table_person(
        &self,
        ctx: &DocContext,
        i: usize,
        line: &str,
        name: &str,
        title: &str,
        org: Option<&str>,
        role: Role,
    ) -> Option<Record> {
        // Present in an officer's post: "Director of Children's Services"
        // (a board's "Director" alone is one of its members).
        let role = if role == Role::Member
            && OFFICER_POST.is_match(title)
            && !title.eq_ignore_ascii_case("director")
        {
            Role::Officer
        } else {
            role
        };
        let mut chair = self.chair.is_match(title)
            && !self.chair_not.as_ref().is_some_and(|r| r.is_match(title));
        // A chair's mark after the name: "Councillor Graham Pike (Chair)".
        let mut raw = name.trim();
        if let Some(k) = raw.rfind(" (").filter(|_| raw.ends_with(')')) {
            let mark = &raw[k..];
            if self.chair.is_match(mark)
                && !self.chair_not.as_ref().is_some_and(|r| r.is_match(mark))
            {
                chair = true;
            }
            raw = raw[..k].trim_end();
        }
        // The body a member represents ("Eastvale Council"), or their
        // standing ("Independent Co-opted Member").
        let org = org.map(str::trim).filter(|o| !o.is_empty());
        let co_opted = org.is_some_and(|o| {
            let o = o.to_ascii_lowercase();
            o.contains("co-opted") || o.contains("independent")
        });
        let role = if co_opted && role == Role::Member {
            Role::CoOpted
        } else {
            role
        };
        let organisation = org.filter(|_| !co_opted).map(str::to_string);
        // "Councillor Ruth Ambler | Chair | P": the honorific apart.
        let (honorific, name) = match self.leading_honorific(raw) {
            Some(h) => (
                Some(canonical_honorific(h.trim().trim_end_matches('.'))),
                raw[h.len()..].trim().to_string(),
            ),
            None => (None, raw.to_string()),
        };
        if !looks_like_name(&name) {
            return None;
        }
        Some(ctx.record(
            Fields::Attendee {
                name,
                honorific,
                role,
                chair,
                organisation,
            },
            i,
            line.trim(),
            &self.id,
        ))
    }

    /// A table of members, the body each represents and their attendance,
    /// its columns closed up to one space ("Member Representing Attendance"
    /// / "Councillor Graham Pike (Chair) Eastvale Council Present"): the
    /// rows from the line after the header `at`, up to the first line that
    /// is no such row. Returns the line after the table.
    fn read_representing(
        &self,
        ctx: &DocContext,
        clean: &[String],
        at: usize,
        last: usize,
        out: &mut Vec<Record>,
    ) -> usize {
        let mut j = at + 1;
        while j < last {
            let line = clean[j].as_str();
            let Some(c) = REPRESENTING_ROW.captures(line) else {
                break;
            };
            let role = match c["status"].to_ascii_lowercase().as_str() {
                "present" => Role::Member,
                "absent" => Role::Absent,
                _ => Role::Apology,
            };
            if let Some(rec) = self.table_person(
                ctx,
                j,
                line,
                &c["name"],
                "",
                c.name("org").map(|m| m.as_str()),
                role,
            ) {
                out.push(rec);
            }
            j += 1;
        }
        j
    }

    fn person(
        &self,
        ctx: &DocContext,
        line: usize,
        entry: &str,
        mut role: Role,
        split: Split,
        honorific: &mut Carried,
    ) -> Option<Record> {
        let mut evidence = entry.trim();
        // A roll call's status after the name: "Councilmember Joel Ramsey -
        // Absent", "Mayor Greta Olsen – Present".
        if let Some(c) = STATUS_AFTER.captures(evidence) {
            let status = c[1].to_ascii_lowercase();
            if status.starts_with("absent") {
                role = Role::Absent;
            } else if status.starts_with("excused") || status.starts_with("apolog") {
                role = Role::Apology;
            }
            evidence = evidence[..c.get(0).map_or(evidence.len(), |m| m.start())].trim_end();
        }
        let mut chair = false;
        let vice = self
            .chair_not
            .as_ref()
            .is_some_and(|r| r.is_match(evidence))
            && !IN_THE_CHAIR.is_match(evidence);
        let mut organisation = None;
        let mut text = evidence.to_string();
        // Parenthesised notes: "(Chair)", "(Co-opted Member)", "(Independent
        // Member)", "(By Invitation)".
        let notes: Vec<&str> = PAREN
            .captures_iter(evidence)
            .map(|c| c.get(1).map_or("", |m| m.as_str()).trim())
            .collect();
        for &note in &notes {
            if self.chair.is_match(note) {
                chair = true;
            } else if [
                "co-opted",
                "co-optee",
                "independent member",
                "independent person",
                // ("(External Member)" of an audit committee; a Welsh
                // governance committee's lay members are its members)
                "external member",
                // education committees' statutory co-optees: "Mr A Munro
                // (Religious Representative)", "(Parent Governor Representative)"
                "religious representative",
                "church representative",
                "diocesan",
                "governor representative",
                "parent representative",
                "teacher representative",
                "teachers' representative",
            ]
            .iter()
            .any(|w| note.to_ascii_lowercase().contains(w))
            {
                // An audit committee's independent member is co-opted to it
                // (one who sent apologies is an apology still).
                if !matches!(role, Role::Apology | Role::Absent) {
                    role = Role::CoOpted;
                }
            } else if note.to_ascii_lowercase().contains("invitation") {
                role = Role::Invited;
            } else if role == Role::Invited
                && is_officer_post(note)
                && !EXTERNAL_ORG.is_match(&PAREN.replace_all(evidence, ""))
            {
                // "Also present: Mrs Bethan Rees (Clerk)": the council's officer
                // (not "Paul Grey (Director of Nursing) – Westford Teaching
                // Hospitals NHS Foundation Trust", the trust's).
                role = Role::Officer;
            } else if CABINET_POST.is_match(note)
                && !(chair && role == Role::Member)
                && matches!(
                    role,
                    Role::Member | Role::OtherMember | Role::Invited | Role::Officer
                )
            {
                // (The chair of the body sits on it, whatever cabinet post
                // they also hold: "Councillor B Okoro (Chair) – Cabinet
                // Member for Adult Social Care".)
                // "Cllr Richard Boyles (Cabinet Member)" in the members' list,
                // "Also present: Councillor Green (Cabinet Member for ...)",
                // "In attendance: Councillor Mary Keogh (Cabinet Member for
                // Finance)" among officers.
                role = Role::CabinetMember;
            } else if matches!(role, Role::CoOpted | Role::Invited)
                && organisation.is_none()
                && names_organisation(note)
            {
                // "Co-opted: Jasmine Clarke (Foster Carers Association)":
                // whom a co-opted member or a guest is there for.
                organisation = Some(note.to_string());
            } else if matches!(role, Role::CoOpted | Role::Invited | Role::Member)
                && organisation.is_none()
                && note.rsplit_once(", ").is_some_and(|(_, last)| {
                    names_organisation_end(last)
                        || EXTERNAL_ORG.is_match(last) && !NOTE_POST.is_match(last)
                })
            {
                // (a partner's member of a board: "Teresa Gormley | Chief
                // Executive, Aldmere and Wyre Hospitals NHS Trust")
                // "(Managing Director, Ashgrove Place, NHS Eastmoor ICB)": the
                // post first, the organisation last.
                organisation = note.rsplit_once(", ").map(|(_, last)| last.to_string());
            } else if matches!(role, Role::CoOpted | Role::Invited)
                && organisation.is_none()
                && [" - ", " – ", " — "].iter().any(|sep| {
                    note.split_once(sep).is_some_and(|(org, what)| {
                        NOTE_POST.is_match(what)
                            && !NOTE_POST.is_match(org)
                            && names_organisation(org)
                    })
                })
            {
                // "(Kestermoor District Councils - employer representative)",
                // "(UNISON - scheme member representative)": the body first,
                // the part its person plays after the dash.
                organisation = [" - ", " – ", " — "]
                    .iter()
                    .find_map(|sep| note.split_once(sep))
                    .map(|(org, _)| org.trim().to_string());
            } else if role == Role::Member && organisation.is_none() && COUNCIL_NOTE.is_match(note)
            {
                // A joint body's member and the council that sent them:
                // "Cllr R Ashworth (Castlemere CC)".
                organisation = Some(note.to_string());
            }
        }
        // (outside the brackets: "Councillor Rhian Bevan (Leader) - Chair")
        if !chair && self.chair.is_match(&PAREN.replace_all(evidence, "")) {
            chair = true;
        }
        if vice {
            chair = false;
        }
        text = PAREN.replace_all(&text, "").trim().to_string();
        if let Some(m) = TRAILING_FOR_ITEMS.find(&text) {
            text.truncate(m.start());
        }
        // "Director of Children's Services (A Jones)": the post first, the
        // person in brackets.
        let mut post_first = false;
        if let [note] = notes[..] {
            // "The Mayor (Councillor A Smith) in the Chair": the person is
            // in the brackets, the post is no organisation.
            if CIVIC_POST.is_match(&text)
                && (self.leading_honorific(note).is_some() || BRACKETED_NAME.is_match(note))
            {
                chair = IN_THE_CHAIR.is_match(evidence);
                text = note.to_string();
                post_first = true;
            }
        }
        if let [note] = notes[..] {
            // ("Chief Superintendent Ian Royle (South Moor Police)": a rank
            // is an honorific, the person is outside the brackets.)
            // ("Area Manager (Prevention) - Kim Osborne": the person after
            // the dash, the brackets part of the post)
            // ("Graham Urquhart, Head of Education (Secondary)": the person
            // first, the brackets part of the post)
            let name_first = text.split_once(", ").is_some_and(|(a, _)| {
                a.contains(' ') && BRACKETED_NAME.is_match(a) && !POST_WORDS.is_match(a)
            });
            if !post_first
                && !name_first
                && POST_WORDS.is_match(&text)
                && self.leading_honorific(&text).is_none()
                && !text.contains(" - ")
                && !text.contains(" – ")
                && BRACKETED_NAME.is_match(note)
                && !POST_WORDS.is_match(note)
                && !self.chair.is_match(note)
            {
                organisation = Some(std::mem::replace(&mut text, note.to_string()));
                post_first = true;
            }
        }
        let mut name = text.as_str();
        // "Name, Organisation" or "Name – Organisation".
        if !post_first && (split == Split::Line || name.contains(" – ") || name.contains(" - ")) {
            let mut parts = ORG_SEP.splitn(name, 2);
            let mut n = parts.next().unwrap_or("");
            if let Some(mut org) = parts.next() {
                // The list's closing full stop is not the organisation's.
                org = org.trim().trim_end_matches(['.', ';']).trim_end();
                // "Director of Environmental Services - Mr K Ferguson": the
                // post first, the person after the dash.
                // ("Chief Fire Officer - Alan Teague": a bare name after an
                // officer's post)
                let bare_name = || {
                    let words: Vec<&str> = org.split_whitespace().collect();
                    (2..=3).contains(&words.len())
                        && words.iter().all(|w| w.starts_with(char::is_uppercase))
                        && (OFFICER_POST.is_match(n.trim()) || is_officer_post(n.trim()))
                };
                if self.leading_honorific(n.trim()).is_none()
                    && (POST_WORDS.is_match(n) || OFFICER_POST.is_match(n.trim()))
                    && (self.leading_honorific(org).is_some() || bare_name())
                    && !POST_WORDS.is_match(org)
                    && !NOTE_POST.is_match(org)
                    && !EXTERNAL_ORG.is_match(org)
                    && !ORGANISATION_END.is_match(org)
                {
                    std::mem::swap(&mut n, &mut org);
                    n = n.trim();
                }
                // "Cllr A Smith - Chair": the chair's mark (read above), not
                // an organisation.
                let only_chair = self.chair.is_match(org) && org.split_whitespace().count() <= 3;
                if !org.is_empty() && !only_chair {
                    organisation = Some(org.to_string());
                }
            }
            name = n;
        }
        let mut name = name.trim().trim_end_matches(['.', ',', ';']).to_string();
        // "Councillor J Lewis in the Chair": the chair was read above.
        if let Some(m) = TRAILING_CHAIR.find(&name) {
            name.truncate(m.start());
        }
        if let Some(m) = TRAILING_CO_OPTED.find(&name) {
            name.truncate(m.start());
            if role == Role::Member {
                role = Role::CoOpted;
            }
        }
        // "Chair Cllr Stephenie Shewell": the post printed before the
        // honorific; `chair_not` ("Vice-Chair") has already been read.
        if let Some(m) = LEADING_CHAIR.find(&name) {
            chair = !vice;
            name = name[m.end()..].to_string();
        }
        // "Chief Fire Officer F Ibbotson", "City Manager Ray Lutz": the post
        // printed before the name, as the organisation's place holds it.
        if let Some(c) = POST_THEN_NAME
            .captures(&name)
            .filter(|_| self.leading_honorific(&name).is_none())
        {
            if organisation.is_none() {
                organisation = Some(c["post"].to_string());
            }
            name = c["name"].to_string();
        }
        // Honorifics, possibly several ("Councillor Mrs"); a plural one ("Councillors")
        // carries over to the rest of the list.
        let mut found_honorific = None;
        let mut found_plural = false;
        while let Some(m) = self.honorific.find(&name) {
            let h = m.as_str().trim().trim_end_matches('.');
            if found_honorific.is_none() {
                found_honorific = Some(canonical_honorific(h));
                found_plural = PLURAL_HONORIFIC.is_match(h);
            }
            name = name[m.end()..].trim().to_string();
        }
        // A plural honorific heads the list that follows it. A singular one
        // first in a list may ("Councillor A Smith, B Jones"), but not once
        // the people before have their own ("Dr A Ghosh, Mrs S Hammond and
        // McKay" gives McKay none), nor inside a list headed "Councillors"
        // ("Councillors C Sherwood, Mrs Bromby, Cawsey": Cawsey is one).
        // (A personal title heads no list: "J Allinson, Mrs R Doughty, P
        // Mackintosh" gives Mackintosh none.)
        let personal = found_honorific.as_deref().is_some_and(|h| {
            matches!(
                h,
                "Mr" | "Mrs"
                    | "Ms"
                    | "Miss"
                    | "Mx"
                    | "Dr"
                    | "Sir"
                    | "Dame"
                    | "Reverend"
                    | "Prof"
                    | "Professor"
                    | "Lord"
                    | "Lady"
            )
        });
        if let Some(h) = &found_honorific {
            if found_plural || honorific.name.is_none() && !honorific.own && !personal {
                *honorific = Carried {
                    name: Some(h.clone()),
                    plural: found_plural,
                    own: false,
                };
            } else if !honorific.plural {
                *honorific = Carried {
                    name: None,
                    plural: false,
                    own: true,
                };
            }
        }
        if let Some(r) = &self.suffix {
            // "Mr R C Love, OBE" split at the comma: the letters alone are nobody.
            if r.is_match(&format!(" {name}")) && !name.contains(' ') {
                return None;
            }
            name = r.replace(&name, "").trim().to_string();
        }
        // A post run into the name where a table's columns close up
        // ("Michael Haworth Chair", "Yusuf Adeyemi Non-Executive Member").
        if let Some(k) =
            post_after_name(&name).filter(|_| !is_bare_post(&name) && !OFFICER_POST.is_match(&name))
        {
            let post = &name[k..];
            if self.chair.is_match(post)
                && !self.chair_not.as_ref().is_some_and(|r| r.is_match(post))
            {
                chair = true;
            }
            name.truncate(k);
            name = name.trim_end().to_string();
        }
        if !looks_like_name(&name) {
            return None;
        }
        // (An officer's post in brackets makes no councillor of a name after
        // "Councillor P Darnell (...), A Moorcroft (Director of ...)".)
        let officer = !honorific.plural && notes.iter().any(|n| OFFICER_POST.is_match(n));
        let honorific_out = found_honorific.or_else(|| honorific.name.clone().filter(|_| !officer));
        // "Officers: Chief Executive, Head of Finance, Monitoring Officer":
        // posts with no one named.
        if honorific_out.is_none() && is_bare_post(&name) {
            return None;
        }
        // "Also in attendance: Chris Spencer, Director of Children's
        // Services": the council's own officer, not a guest.
        if role == Role::Invited && organisation.as_deref().is_some_and(is_officer_post) {
            role = Role::Officer;
        }
        // "Mrs D Taylor CC, Cabinet Lead Member for Children" among those in
        // attendance: a member of the cabinet, not an officer.
        if matches!(role, Role::Officer | Role::Invited)
            && organisation
                .as_deref()
                .is_some_and(|o| CABINET_POST.is_match(o.trim()))
        {
            role = Role::CabinetMember;
        }
        // ("Primary headteacher, maintained": a word in lower case names no
        // organisation)
        let organisation = organisation.filter(|o| !o.starts_with(|c: char| c.is_lowercase()));
        Some(ctx.record(
            Fields::Attendee {
                name,
                honorific: honorific_out,
                role,
                chair,
                organisation,
            },
            line,
            evidence,
            &self.id,
        ))
    }
}

/// Where a post starts after a name of two words or more, the columns of a
/// table closed up to one space: "Michael Haworth Chair", "Anjali Venkatesh
/// Chief Executive".
fn post_after_name(name: &str) -> Option<usize> {
    // (a sentence read on past the list, "The Cabinet Member for Housing
    // introduced the report", holds no name)
    if name.starts_with("The ") || name.split(' ').count() > 7 {
        return None;
    }
    const POSTS: [&str; 33] = [
        "Primary",
        "Secondary",
        "Special",
        "Headteacher",
        "Governor",
        "Academy",
        "Clinical",
        "Medical",
        "Nursing",
        "Managing",
        "Acting",
        "Chair",
        "Chairman",
        "Chairwoman",
        "Chairperson",
        "Vice-Chair",
        "Chief",
        "Non-Executive",
        "Executive",
        "Director",
        "Partner",
        "Member",
        "Head",
        "Manager",
        "Officer",
        "Secretary",
        "Nurse",
        "Deputy",
        "Assistant",
        "Interim",
        "Clerk",
        "Associate",
        "Independent",
    ];
    let (mut at, mut words) = (0, 0);
    for w in name.split(' ') {
        if words >= 2 && POSTS.contains(&w.trim_matches([',', '.'])) {
            return Some(at);
        }
        if !w.is_empty() {
            words += 1;
        }
        at += w.len() + 1;
    }
    None
}

/// A column of a table of people under a header of section labels.
struct Column<'r> {
    /// Its cell's index (cells parted by tabs) or its first character's
    /// (parted by runs of spaces).
    at: usize,
    /// The section its label names; `None` for the block's own start
    /// ("Present").
    section: Option<&'r Section>,
    label: String,
}

/// The cells of a table row parted by tabs (with their indexes, empty cells
/// counted) or by runs of three spaces or more (with the character each
/// starts at); `None` for a line that is no table row.
fn table_cells(raw: &str) -> Option<Vec<(usize, &str)>> {
    if raw.contains('\t') {
        return Some(
            raw.split('\t')
                .enumerate()
                .map(|(k, c)| (k, c.trim()))
                .filter(|(_, c)| !c.is_empty())
                .collect(),
        );
    }
    // Leading spaces count: a row whose first columns are empty is indented.
    if !raw.trim_end().contains("   ") {
        return None;
    }
    let mut cells = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut spaces = 0;
    for (ci, (bi, ch)) in raw.char_indices().enumerate() {
        if ch == ' ' {
            spaces += 1;
            continue;
        }
        if start.is_none() || spaces >= 3 {
            if let Some((c0, b0)) = start {
                cells.push((c0, raw[b0..bi].trim()));
            }
            start = Some((ci, bi));
        }
        spaces = 0;
    }
    if let Some((c0, b0)) = start {
        cells.push((c0, raw[b0..].trim()));
    }
    Some(cells)
}

/// The section a list is read in: the role, split and honorific its label
/// gives the people listed under it.
struct ListState<'r> {
    role: Role,
    councillor_role: Option<Role>,
    outside: Option<&'r (Pattern, Role)>,
    split: Split,
    honorific: Carried,
}

impl<'r> ListState<'r> {
    fn new(role: Role) -> ListState<'r> {
        ListState {
            role,
            councillor_role: None,
            outside: None,
            split: Split::List,
            honorific: Carried::default(),
        }
    }

    /// Go into `sec`, whose label gave `honorific`.
    fn enter(&mut self, sec: &'r Section, honorific: Carried) {
        self.role = sec.role;
        self.councillor_role = sec.councillor_role;
        self.outside = sec.outside.as_ref();
        self.split = sec.split;
        self.honorific = honorific;
    }

    /// `rec` with the role its section gives a councillor, where it gives
    /// one and `rec` is a councillor who holds no cabinet post, or someone
    /// from an outside body, where it gives them one.
    fn with_section_role(&self, mut rec: Record) -> Record {
        let Fields::Attendee {
            role,
            honorific,
            organisation,
            ..
        } = &mut rec.fields
        else {
            return rec;
        };
        let councillor = honorific.as_deref() == Some("Councillor");
        if let Some(c) = self
            .councillor_role
            .filter(|_| councillor && *role != Role::CabinetMember)
        {
            *role = c;
        } else if let Some((pattern, r)) = self.outside {
            // Only someone still holding the section's own role: not a
            // councillor, a cabinet member or an apology read from a note;
            // nor one of the meeting's own body's staff (an ICB's Board
            // Secretary at the ICB's board: "NHS Calder and Lune ICB").
            let own = organisation.as_deref().is_some_and(|o| {
                [rec.authority.as_deref(), rec.body.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|b| same_body(o, b))
            });
            if *role == self.role
                && !councillor
                && !own
                && (pattern.is_match(&rec.text)
                    || organisation.as_deref().is_some_and(|o| pattern.is_match(o)))
            {
                *role = *r;
            }
        }
        rec
    }
}

/// Whether two names of organisations name the same body, its short form
/// spelt out ("NHS Calder and Lune ICB", "NHS Calder and Lune Integrated
/// Care Board").
fn same_body(a: &str, b: &str) -> bool {
    let long = |s: &str| {
        s.split_whitespace()
            .map(|w| match w {
                "ICB" => "Integrated Care Board".to_string(),
                "CCG" => "Clinical Commissioning Group".to_string(),
                "ICS" => "Integrated Care System".to_string(),
                w => w.to_lowercase(),
            })
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    long(a) == long(b)
}

/// The honorific a list gives the names in it that print none.
#[derive(Debug, Default)]
struct Carried {
    name: Option<String>,
    /// It is plural ("Councillors"), so it heads the whole list.
    plural: bool,
    /// The people read so far each printed their own: none carries.
    own: bool,
}

fn canonical_honorific(h: &str) -> String {
    let mut lower = h.to_ascii_lowercase();
    // Welsh and English together, "Cyng/Cllr": the English one.
    if let Some((_, english)) = lower.rsplit_once('/') {
        lower = english.trim().to_string();
    }
    // "County Councillor", "District Cllr", "County Borough Councillors": a
    // councillor of another tier.
    while let Some((
        "county" | "district" | "borough" | "town" | "city" | "parish" | "community" | "ward",
        rest,
    )) = lower.split_once(char::is_whitespace)
    {
        lower = rest.trim().to_string();
    }
    match lower.as_str() {
        "bailies" => "Bailie".into(),
        "aldermen" => "Alderman".into(),
        "directors" => "Director".into(),
        "supervisors" => "Supervisor".into(),
        "trustees" => "Trustee".into(),
        "revd" | "rev" | "rev." | "reverend" => "Reverend".into(),
        "councillor" | "councillors" | "cllr" | "cllrs" | "councilor" | "councilors" | "cyng"
        | "cyng." | "cynghorydd" | "cynghorwyr" | "councilmember" | "councilmembers"
        | "council member" | "council members" | "commissioner" | "commissioners" => {
            if lower.starts_with("councilor")
                || lower.starts_with("council") && lower.contains("member")
            {
                "Council Member".into()
            } else if lower.starts_with("commissioner") {
                "Commissioner".into()
            } else {
                "Councillor".into()
            }
        }
        _ => {
            let mut c = h.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

/// A person's name as printed in attendance lists: one to five words, each
/// starting with a capital letter or an initial, no digits, no sentence.
fn looks_like_name(s: &str) -> bool {
    // "APPROVING:" is a label, whatever its case.
    if s.is_empty() || s.len() > 60 || s.ends_with(':') || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    const NOT_NAMES: [&str; 22] = [
        "name",
        "names",
        "representing",
        "organisation",
        "role",
        "there",
        "it",
        "all",
        "everyone",
        "no",
        "none",
        "nil",
        "other",
        "members",
        "officers",
        "present",
        "apologies",
        "also",
        "the",
        "in",
        "attendance",
        "substitutes",
    ];
    // Every word one of `list`, whatever its case and punctuation.
    let all_in = |list: &[&str]| {
        words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            list.contains(&w.to_lowercase().as_str())
        })
    };
    // A table's header row: "Name: Representing", "Name Role".
    if all_in(&NOT_NAMES) {
        return false;
    }
    // A group of a SACRE's or a forum's members: "Group A", "Group 2".
    if words.len() == 2
        && words[0].eq_ignore_ascii_case("group")
        && words[1].len() <= 2
        && words[1]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    // A category of members over their names: "Non-Executive Board
    // Members", "Voting Members", "Executive Directors".
    const CATEGORY_WORDS: [&str; 24] = [
        "non-executive",
        "executive",
        "board",
        "member",
        "members",
        "voting",
        "non-voting",
        "independent",
        "lay",
        "elected",
        "co-opted",
        "associate",
        "ex-officio",
        "committee",
        "council",
        "partner",
        "stakeholder",
        "officers",
        "director",
        "directors",
        "trustees",
        "governors",
        "representatives",
        "and",
    ];
    if all_in(&CATEGORY_WORDS) {
        return false;
    }
    if is_service_entry(s)
        || CIVIC_POST.is_match(s)
        || is_unnamed_post(s)
        || names_organisation_end(s)
    {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase()
            || matches!(
                *w,
                "de" | "van"
                    | "von"
                    | "der"
                    | "den"
                    | "da"
                    | "das"
                    | "dos"
                    | "do"
                    | "di"
                    | "del"
                    | "della"
                    | "la"
                    | "le"
                    | "ap"
                    | "ab"
                    | "bin"
                    | "binti"
                    | "bint"
                    | "al"
                    | "el"
                    | "y"
                    | "ter"
                    | "ten"
                    | "du"
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(looks_like_name("M Mutton"));
        assert!(looks_like_name("R MacKenzie-Wilson"));
        assert!(!looks_like_name("There were no apologies"));
        assert!(!looks_like_name("Item 4"));
        assert!(!looks_like_name("None"));
        assert!(!looks_like_name("APPROVING:"));
        assert!(!looks_like_name("Name: Representing"));
    }

    #[test]
    fn honorifics() {
        assert_eq!(canonical_honorific("Cllr"), "Councillor");
        assert_eq!(canonical_honorific("Councillors"), "Councillor");
        assert_eq!(canonical_honorific("mrs"), "Mrs");
    }
}
