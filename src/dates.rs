//! Dates and times as council papers print them ("Thursday, 29 June 2017",
//! "14th September, 2017", "the 12th day of January, 2011", "5th of June 2024", "30th-Jan-2025",
//! "June 29, 2017", "29/06/2017", "5.6.2024",
//! "2.00 pm") turned into `YYYY-MM-DD` and 24-hour `HH:MM`.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)(?-u:\b)(\d{1,2})\s?(?:st|nd|rd|th)?(?:\s+(?:day\s+)?of)?[\s\-.,]+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[\s\-.,]+(\d{4})(?-u:\b)",
    )
    .expect("valid date pattern")
});

/// The months' names, lower case.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)(?-u:\b)(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)",
    )
    .expect("valid date pattern")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?-u:\b)(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{4}))(?-u:\b)")
        .expect("valid date pattern")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)(?-u:\b)(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|noon)(?:\s|$|[,;)])|(?-u:\b)([01]?\d|2[0-3]):([0-5]\d)(?-u:\b)",
    )
    .expect("valid time pattern")
});
/// A time range whose first time has no "am"/"pm" of its own: "7.00 - 9.45
/// PM", "10 to 11.30am".
static TIME_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)(?-u:\b)(\d{1,2})(?:[.:](\d{2}))?\s*(?:-|–|—|to|until)\s*(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?:\s|$|[,;)])",
    )
    .expect("valid time range pattern")
});

/// The month (1–12) a name or abbreviation starts with: "Sep", "September".
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if !(1900..=2100).contains(&y) || d == 0 || d > days {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The first full date (day, month and year) in `s`, as `YYYY-MM-DD`, with its byte range.
pub fn find_date(s: &str) -> Option<(String, std::ops::Range<usize>)> {
    let mut best: Option<(String, std::ops::Range<usize>)> = None;
    let mut consider = |date: Option<String>, range: std::ops::Range<usize>| {
        if let Some(d) = date {
            if best.as_ref().is_none_or(|(_, r)| range.start < r.start) {
                best = Some((d, range));
            }
        }
    };
    if let Some(c) = DAY_MONTH_YEAR.captures(s) {
        let d = c[1].parse().ok();
        let m = month_number(&c[2]);
        let y = c[3].parse().ok();
        if let (Some(d), Some(m), Some(y)) = (d, m, y) {
            consider(valid(y, m, d), c.get(0).unwrap().range());
        }
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s) {
        let m = month_number(&c[1]);
        let d = c[2].parse().ok();
        let y = c[3].parse().ok();
        if let (Some(d), Some(m), Some(y)) = (d, m, y) {
            consider(valid(y, m, d), c.get(0).unwrap().range());
        }
    }
    if let Some(c) = NUMERIC.captures(s) {
        let whole = c.get(0).unwrap().range();
        if let Some(y) = c.get(1) {
            let y = y.as_str().parse().ok();
            let m = c[2].parse().ok();
            let d = c[3].parse().ok();
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                consider(valid(y, m, d), whole);
            }
        } else {
            // UK papers: day first ("29/06/2017", "5.6.2024").
            let k = if c.get(4).is_some() { 4 } else { 7 };
            let d = c[k].parse().ok();
            let m = c[k + 1].parse().ok();
            let y = c[k + 2].parse().ok();
            if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                consider(valid(y, m, d), whole);
            }
        }
    }
    best
}

/// The date a file's name carries, as `YYYY-MM-DD`: `20241028.txt`,
/// `2017-06-29-minutes.pdf`, `Minutes 13th-Feb-2025.pdf`. Only the name, not
/// its folders; a two-digit year is too ambiguous to take.
pub fn date_in_file_name(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    for re in [&COMPACT_DATE, &ISO_LIKE_DATE] {
        if let Some(c) = re.captures(stem) {
            let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            if let Some(date) = valid(y, m, d) {
                return Some(date);
            }
        }
    }
    parse_date(&stem.replace(['-', '_'], " "))
}

static COMPACT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?:^|[^0-9])((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?:[^0-9]|$)",
    )
    .expect("valid pattern")
});
static ISO_LIKE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?:^|[^0-9])((?:19|20)[0-9]{2})[-_.]([01]?[0-9])[-_.]([0-3]?[0-9])(?:[^0-9]|$)",
    )
    .expect("valid pattern")
});

/// Parse a whole string as a date.
pub fn parse_date(s: &str) -> Option<String> {
    find_date(s).map(|(d, _)| d)
}

/// The first clock time in `s` as 24-hour `HH:MM` ("2.00 pm" is "14:00").
pub fn find_time(s: &str) -> Option<String> {
    // "7.00 - 9.45 PM": the meeting began at the first, in the last's half
    // of the day, unless that puts the start after the end ("11.00 - 1.00 pm").
    if let Some(c) = TIME_RANGE.captures(s) {
        let at = c.get(0).map_or(0, |m| m.start());
        let first_alone = TIME.find(s).is_none_or(|t| t.start() > at);
        if first_alone {
            let mut h: u32 = c[1].parse().ok()?;
            let m: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
            let end: u32 = c[3].parse().ok()?;
            let pm = c[5].to_ascii_lowercase().starts_with('p');
            if (1..=12).contains(&h) && m <= 59 {
                if pm && h != 12 && h <= end {
                    h += 12;
                }
                return Some(format!("{h:02}:{m:02}"));
            }
        }
    }
    for c in TIME.captures_iter(s) {
        if let Some(ampm) = c.get(3) {
            let mut h: u32 = c[1].parse().ok()?;
            let m: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
            let tag = ampm.as_str().to_ascii_lowercase();
            if h == 0 || h > 12 || m > 59 {
                continue;
            }
            if tag.starts_with('p') && h != 12 {
                h += 12;
            } else if tag.starts_with('a') && h == 12 {
                h = 0;
            }
            return Some(format!("{h:02}:{m:02}"));
        }
        if let (Some(h), Some(m)) = (c.get(4), c.get(5)) {
            return Some(format!("{:0>2}:{}", h.as_str(), m.as_str()));
        }
    }
    None
}

/// A `YYYY-MM-DD` or `YYYY` bound as the integer `YYYYMMDD`, for range filters.
/// `end` picks the last day of a bare year.
pub fn date_key(s: &str, end: bool) -> Option<i64> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i64 = s.parse().ok()?;
        return Some(y * 10000 + if end { 1231 } else { 101 });
    }
    let d = parse_date(s)?;
    d.replace('-', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_their_dates() {
        let cases = [
            ("minutes/20241028.txt", Some("2024-10-28")),
            (
                "coventry/2017-06-29-scrutiny-board-2-minutes.pdf",
                Some("2017-06-29"),
            ),
            ("des-moines/2021_06_28_roll_call.pdf", Some("2021-06-28")),
            (
                "Printed minutes 13th-Feb-2025 09.30 County Council.pdf",
                Some("2025-02-13"),
            ),
            ("2019/report.pdf", None),
            ("CPP Minutes 29.10.24.pdf", None),
            ("SRC-BCC-0036.txt", None),
            ("20241399.txt", None),
        ];
        for (path, want) in cases {
            assert_eq!(date_in_file_name(path).as_deref(), want, "{path}");
        }
    }

    #[test]
    fn dates_in_council_styles() {
        assert_eq!(
            parse_date("held at 2.00 pm on Thursday, 29 June 2017").as_deref(),
            Some("2017-06-29")
        );
        assert_eq!(
            parse_date("2.00 pm on Thursday, 14th September, 2017").as_deref(),
            Some("2017-09-14")
        );
        assert_eq!(
            parse_date("Date 17th August 2017").as_deref(),
            Some("2017-08-17")
        );
        assert_eq!(
            parse_date("30th-Jan-2025 10.00").as_deref(),
            Some("2025-01-30")
        );
        assert_eq!(
            parse_date("January 27, 2020").as_deref(),
            Some("2020-01-27")
        );
        assert_eq!(parse_date("on 29/10/2024").as_deref(), Some("2024-10-29"));
        assert_eq!(
            parse_date("WAS HELD THIS 12TH DAY OF JANUARY, 2011 AT 9:30 A.M.").as_deref(),
            Some("2011-01-12")
        );
        assert_eq!(
            parse_date("Tuesday 5th of June 2024").as_deref(),
            Some("2024-06-05")
        );
        assert_eq!(
            parse_date("held on 5.6.2024").as_deref(),
            Some("2024-06-05")
        );
        // a paragraph's number is no date
        assert_eq!(parse_date("3.2.1 The report"), None);
        assert_eq!(parse_date("31 February 2019"), None);
        assert_eq!(parse_date("September 2019"), None);
    }

    #[test]
    fn times() {
        assert_eq!(find_time("held at 2.00 pm on").as_deref(), Some("14:00"));
        assert_eq!(find_time("10.00 am").as_deref(), Some("10:00"));
        assert_eq!(find_time("at 12 noon").as_deref(), Some("12:00"));
        assert_eq!(find_time("Time: 18:30").as_deref(), Some("18:30"));
        assert_eq!(find_time("7 p.m. start").as_deref(), Some("19:00"));
        assert_eq!(
            find_time("MONDAY, 4TH DECEMBER, 2023, 7.00 - 9.45 PM").as_deref(),
            Some("19:00")
        );
        assert_eq!(find_time("10 to 11.30am").as_deref(), Some("10:00"));
        assert_eq!(find_time("11.00 - 1.00 pm").as_deref(), Some("11:00"));
        assert_eq!(find_time("6.30 pm - 8.15 pm").as_deref(), Some("18:30"));
    }

    #[test]
    fn date_keys() {
        assert_eq!(date_key("2017", false), Some(20170101));
        assert_eq!(date_key("2017", true), Some(20171231));
        assert_eq!(date_key("2017-06-29", false), Some(20170629));
    }
}
