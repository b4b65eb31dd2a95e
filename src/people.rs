//! A person's attendance across meetings, for `boardpapers people`: attendee
//! records turned into one row per meeting with the person's status there
//! (present, apologies, absent), role and whether they chaired.

use crate::record::{Fields, Record, Role};
use serde::Serialize;

/// Whether a person was at a meeting, as the minutes' lists tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Present,
    Apologies,
    Absent,
}

impl Status {
    pub fn of(role: Role) -> Status {
        match role {
            Role::Apology => Status::Apologies,
            Role::Absent => Status::Absent,
            _ => Status::Present,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Apologies => "apologies",
            Status::Absent => "absent",
        }
    }
}

/// One person at one meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attendance {
    pub meeting_date: Option<String>,
    pub body: Option<String>,
    pub authority: Option<String>,
    pub name: String,
    pub honorific: Option<String>,
    pub status: Status,
    /// The record's role (`member`, `apology`, ...).
    pub role: &'static str,
    pub chair: bool,
    pub organisation: Option<String>,
    pub path: String,
    pub page: Option<u32>,
    pub line: Option<u32>,
    /// The attendee record's id, for `boardpapers show`.
    pub id: String,
}

/// Attendee records as attendance rows, by meeting date (undated last), then
/// body and name; other record types are skipped.
pub fn attendance(records: &[Record]) -> Vec<Attendance> {
    let mut rows: Vec<Attendance> = records
        .iter()
        .filter_map(|r| match &r.fields {
            Fields::Attendee {
                name,
                honorific,
                role,
                chair,
                organisation,
            } => Some(Attendance {
                meeting_date: r.meeting_date.clone().or_else(|| r.doc.date.clone()),
                body: r.body.clone(),
                authority: r.authority.clone(),
                name: name.clone(),
                honorific: honorific.clone(),
                status: Status::of(*role),
                role: role.as_str(),
                chair: *chair,
                organisation: organisation.clone(),
                path: r.source.path.clone(),
                page: r.source.page,
                line: r.source.line,
                id: r.id.clone(),
            }),
            _ => None,
        })
        .collect();
    rows.sort_by(|a, b| {
        (
            a.meeting_date.is_none(),
            &a.meeting_date,
            &a.body,
            &a.name,
            &a.id,
        )
            .cmp(&(
                b.meeting_date.is_none(),
                &b.meeting_date,
                &b.body,
                &b.name,
                &b.id,
            ))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_map_to_status() {
        assert_eq!(Status::of(Role::Member), Status::Present);
        assert_eq!(Status::of(Role::Officer), Status::Present);
        assert_eq!(Status::of(Role::Apology), Status::Apologies);
        assert_eq!(Status::of(Role::Absent), Status::Absent);
    }
}
