//! KPI figures as time series, for `boardpapers kpi`: when a printed period
//! falls ([`period_key`]), the figures of one measure in one place put in
//! order ([`Series`]), and two ways to look at them without a spreadsheet: a
//! terminal [`sparkline`] and a hand-written SVG line chart ([`svg_chart`]).
//! Finding the records is the index's job; printing rows is the CLI's.

use crate::record::{Fields, Record};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// When a figure is for, as a sortable month `YYYYMM`, from its printed
/// period: "September 2019" is 201909; a financial year "2016/17" or
/// "2016-17" ends in March 2017 (201703); a year alone is its December; a
/// quarter "Q2 2019/20" ends in September 2019. Anything else ("YTD", none)
/// falls back to `fallback_date` (`YYYY-MM-DD`, the meeting's or document's).
pub fn period_key(period: Option<&str>, fallback_date: Option<&str>) -> Option<u32> {
    period.and_then(parse_period).or_else(|| {
        let d = fallback_date?;
        let year: u32 = d.get(0..4)?.parse().ok()?;
        let month: u32 = d.get(5..7)?.parse().ok()?;
        Some(year * 100 + month)
    })
}

fn parse_period(period: &str) -> Option<u32> {
    let lower = period.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
        .collect();
    let year_of = |w: &str| -> Option<u32> {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    // A financial year: 2016/17, 2016/2017, or "2016-17" split into two words.
    let financial = |w: &str| -> Option<u32> {
        let (a, b) = w.split_once('/')?;
        let start = year_of(a)?;
        let end_ok = b.len() == 2 || b.len() == 4;
        (end_ok && b.bytes().all(|c| c.is_ascii_digit())).then_some(start + 1)
    };
    let mut quarter: Option<u32> = None;
    let mut month: Option<u32> = None;
    for (i, w) in words.iter().enumerate() {
        if let Some(end) = financial(w) {
            let m = quarter.map_or(3, |q| [6, 9, 12, 3][q as usize - 1]);
            let y = if quarter.is_some_and(|q| q < 4) {
                end - 1
            } else {
                end
            };
            return Some(y * 100 + m);
        }
        if let Some(y) = year_of(w) {
            // "2016-17": a year followed by a two-digit year.
            if let Some(next) = words.get(i + 1) {
                if next.len() == 2 && next.bytes().all(|b| b.is_ascii_digit()) {
                    return Some((y + 1) * 100 + 3);
                }
            }
            return Some(y * 100 + month.unwrap_or(12));
        }
        if let Some(q) = w.strip_prefix('q').and_then(|q| q.parse::<u32>().ok()) {
            if (1..=4).contains(&q) {
                quarter = Some(q);
            }
        }
        if w.len() >= 3 {
            if let Some(m) = MONTHS.iter().position(|m| w.starts_with(m)) {
                month = Some(m as u32 + 1);
            }
        }
    }
    None
}

/// `YYYYMM` as `2019-09`.
pub fn key_label(key: u32) -> String {
    format!("{:04}-{:02}", key / 100, key % 100)
}

/// One KPI figure with when it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// `YYYYMM`; `None` when neither the period nor a date tells.
    pub key: Option<u32>,
    pub value: f64,
    pub record: Record,
}

/// The figures of one measure for one place, in period order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub indicator: String,
    /// The area as printed, else the authority (its own figures).
    pub place: String,
    pub unit: String,
    pub points: Vec<Point>,
}

/// The KPI records as points sorted by period, then authority, area and
/// value; other record types are skipped.
pub fn points(records: Vec<Record>) -> Vec<Point> {
    let mut points: Vec<Point> = records
        .into_iter()
        .filter_map(|r| match &r.fields {
            Fields::Kpi { value, period, .. } => Some(Point {
                key: period_key(
                    period.as_deref(),
                    r.meeting_date.as_deref().or(r.doc.date.as_deref()),
                ),
                value: *value,
                record: r,
            }),
            _ => None,
        })
        .collect();
    points.sort_by(|a, b| {
        let place = |p: &Point| {
            (
                p.record.authority.clone().unwrap_or_default(),
                area_of(&p.record).unwrap_or_default(),
            )
        };
        // Undated figures last.
        (a.key.is_none(), a.key, place(a), &a.record.id)
            .partial_cmp(&(b.key.is_none(), b.key, place(b), &b.record.id))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.value.total_cmp(&b.value))
    });
    points
}

fn area_of(r: &Record) -> Option<String> {
    match &r.fields {
        Fields::Kpi { area, .. } => area.clone(),
        _ => None,
    }
}

/// Points grouped by (indicator, place, unit), each series in period order,
/// series in order of indicator and place. Indicators differing only in case
/// are one series.
pub fn series(points: &[Point]) -> Vec<Series> {
    let mut by_key: BTreeMap<(String, String, String), Series> = BTreeMap::new();
    for p in points {
        let Fields::Kpi {
            indicator, unit, ..
        } = &p.record.fields
        else {
            continue;
        };
        let place = area_of(&p.record)
            .or_else(|| p.record.authority.clone())
            .unwrap_or_else(|| "(no place)".to_string());
        let key = (
            indicator.to_lowercase(),
            place.clone(),
            unit.as_str().to_string(),
        );
        by_key
            .entry(key)
            .or_insert_with(|| Series {
                indicator: indicator.clone(),
                place,
                unit: unit.as_str().to_string(),
                points: Vec::new(),
            })
            .points
            .push(p.clone());
    }
    by_key.into_values().collect()
}

/// Values as a row of block characters, lowest `▁` to highest `█`.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    values
        .iter()
        .map(|v| {
            if max > min {
                let i = ((v - min) / (max - min) * 7.0).round() as usize;
                BARS[i.min(7)]
            } else {
                BARS[3]
            }
        })
        .collect()
}

/// A figure as printed in tables: no trailing `.0`.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A line chart of the dated points of each series: months along the
/// bottom, values up the side, one coloured line and legend entry per
/// series. Plain SVG 1.1, no scripts or fonts beyond a generic family.
pub fn svg_chart(title: &str, series: &[Series]) -> String {
    const W: f64 = 860.0;
    const H: f64 = 440.0;
    const LEFT: f64 = 70.0;
    const RIGHT: f64 = 250.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 50.0;
    const COLOURS: [&str; 8] = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    ];
    let months = |key: u32| f64::from(key / 100 * 12 + key % 100);
    let dated: Vec<(f64, f64)> = series
        .iter()
        .flat_map(|s| s.points.iter())
        .filter_map(|p| p.key.map(|k| (months(k), p.value)))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(out, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        out,
        r#"<text x="{LEFT}" y="24" font-size="15">{}</text>"#,
        escape_xml(title)
    );
    let (x0, x1) = (LEFT, W - RIGHT);
    let (y0, y1) = (H - BOTTOM, TOP);
    let _ = writeln!(
        out,
        r##"<path d="M{x0} {y1} V{y0} H{x1}" fill="none" stroke="#333"/>"##
    );
    if dated.is_empty() {
        let _ = writeln!(
            out,
            r#"<text x="{LEFT}" y="{}">no dated figures</text>"#,
            (y0 + y1) / 2.0
        );
        out.push_str("</svg>\n");
        return out;
    }
    let (mut tmin, mut tmax, mut vmin, mut vmax) = dated.iter().fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), (t, v)| (a.min(*t), b.max(*t), c.min(*v), d.max(*v)),
    );
    if tmax == tmin {
        tmin -= 6.0;
        tmax += 6.0;
    }
    // Values from zero where they are all positive, so lines do not exaggerate.
    vmin = vmin.min(0.0);
    if vmax == vmin {
        vmax = vmin + 1.0;
    }
    let x = |t: f64| x0 + (t - tmin) / (tmax - tmin) * (x1 - x0);
    let y = |v: f64| y0 - (v - vmin) / (vmax - vmin) * (y0 - y1);
    for i in 0..=4 {
        let v = vmin + (vmax - vmin) * f64::from(i) / 4.0;
        let _ = writeln!(
            out,
            r##"<line x1="{x0}" x2="{x1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{}</text>"##,
            format_value((v * 100.0).round() / 100.0),
            yy = y(v),
            tx = x0 - 6.0,
            ty = y(v) + 4.0
        );
    }
    // Year ticks along the bottom.
    let first_year = (tmin / 12.0).ceil() as i64;
    let last_year = (tmax / 12.0).floor() as i64;
    let step = ((last_year - first_year) / 8).max(1);
    let mut year = first_year;
    while year <= last_year {
        let xx = x(year as f64 * 12.0 + 1.0).clamp(x0, x1);
        let _ = writeln!(
            out,
            r##"<line x1="{xx:.1}" x2="{xx:.1}" y1="{y0}" y2="{}" stroke="#333"/><text x="{xx:.1}" y="{}" text-anchor="middle">{year}</text>"##,
            y0 + 5.0,
            y0 + 20.0
        );
        year += step;
    }
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter_map(|p| p.key.map(|k| (x(months(k)), y(p.value))))
            .collect();
        if pts.is_empty() {
            continue;
        }
        let d: Vec<String> = pts.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
        let _ = writeln!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
            d.join(" ")
        );
        for (a, b) in &pts {
            let _ = writeln!(
                out,
                r#"<circle cx="{a:.1}" cy="{b:.1}" r="3.5" fill="{colour}"/>"#
            );
        }
        let ly = TOP + 18.0 * i as f64;
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="12" height="12" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
            x1 + 16.0,
            ly - 10.0,
            x1 + 32.0,
            ly,
            escape_xml(&format!("{} · {} ({})", s.indicator, s.place, s.unit))
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_become_months() {
        assert_eq!(period_key(Some("September 2019"), None), Some(201909));
        assert_eq!(period_key(Some("Sept 2019"), None), Some(201909));
        assert_eq!(period_key(Some("2016/17"), None), Some(201703));
        assert_eq!(period_key(Some("2016-17"), None), Some(201703));
        assert_eq!(period_key(Some("Q2 2019/20"), None), Some(201909));
        assert_eq!(period_key(Some("2018"), None), Some(201812));
        assert_eq!(period_key(Some("YTD"), Some("2020-01-09")), Some(202001));
        assert_eq!(period_key(None, None), None);
    }

    #[test]
    fn sparklines_span_the_range() {
        assert_eq!(sparkline(&[1.0, 5.0, 9.0]), "▁▅█");
        assert_eq!(sparkline(&[2.0, 2.0]), "▄▄");
    }

    #[test]
    fn values_print_without_noise() {
        assert_eq!(format_value(328.0), "328");
        assert_eq!(format_value(9.3), "9.3");
        assert_eq!(format_value(-466000.0), "-466000");
    }

    #[test]
    fn an_empty_chart_is_still_svg() {
        let svg = svg_chart("x & y", &[]);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("x &amp; y"));
    }
}
