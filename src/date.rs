//! Calendar dates as editors write them (`2024-05-01`), without a time zone
//! library: articles only ever need the day.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1..=9999).contains(&year);
        valid.then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, also accepting a time after it
    /// (`2024-05-01T10:00:00Z`, `2024-05-01 10:00`) and ignoring the time.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let day_part = text.get(..10).unwrap_or(text);
        let rest = text.get(10..).unwrap_or("");
        let bad = || format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2024-05-01");
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return Err(bad());
        }
        let mut parts = day_part.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(bad());
        };
        Date::new(y, m, d).ok_or_else(|| {
            format!(
                "`{text}` is not a day of the calendar: {}",
                calendar_problem(y, m, d)
            )
        })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Today in UTC, or the day of `SOURCE_DATE_EPOCH` when set, so builds
    /// can be reproduced.
    pub fn today() -> Self {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Self::from_days_since_epoch(seconds.div_euclid(86_400))
    }

    /// Whole months from `self` to `later` (negative if `later` is earlier).
    pub fn months_until(self, later: Date) -> i32 {
        let mut months =
            (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month);
        if later.day < self.day {
            months -= 1;
        }
        months
    }

    /// `2024-05-01T00:00:00Z`, for feeds and sitemaps.
    pub fn rfc3339(self) -> String {
        format!("{self}T00:00:00Z")
    }
}

/// Why a date written in the right form names no day: said plainly, since
/// the form itself is fine.
fn calendar_problem(year: i32, month: u8, day: u8) -> String {
    if !(1..=9999).contains(&year) {
        return format!("years run from 0001 to 9999, not {year:04}");
    }
    if !(1..=12).contains(&month) {
        return format!("month {month:02} does not exist (months run from 01 to 12)");
    }
    let last = days_in_month(year, month);
    let name = MONTHS[usize::from(month - 1)];
    if day == 0 {
        return "day 00 does not exist (days start at 01)".to_string();
    }
    format!("{name} {year} has {last} days, so day {day:02} does not exist")
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_ignores_times() {
        assert_eq!(
            Date::parse("2024-05-01"),
            Ok(Date {
                year: 2024,
                month: 5,
                day: 1
            })
        );
        assert_eq!(
            Date::parse("2024-05-01T10:00:00Z").unwrap().to_string(),
            "2024-05-01"
        );
        assert!(Date::parse("2024-02-30").is_err());
        assert!(Date::parse("01/05/2024").is_err());
        assert!(Date::parse("2024-5-1").is_err());
    }

    #[test]
    fn impossible_days_say_which_part_is_wrong() {
        assert_eq!(
            Date::parse("2026-13-01").unwrap_err(),
            "`2026-13-01` is not a day of the calendar: month 13 does not exist (months run from 01 to 12)"
        );
        assert_eq!(
            Date::parse("2026-02-29").unwrap_err(),
            "`2026-02-29` is not a day of the calendar: February 2026 has 28 days, so day 29 does not exist"
        );
        assert_eq!(
            Date::parse("2026-04-00").unwrap_err(),
            "`2026-04-00` is not a day of the calendar: day 00 does not exist (days start at 01)"
        );
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::parse("2000-03-01").unwrap().days_since_epoch(),
            11_017
        );
    }

    #[test]
    fn months_between_dates() {
        let a = Date::parse("2024-01-15").unwrap();
        assert_eq!(a.months_until(Date::parse("2024-07-15").unwrap()), 6);
        assert_eq!(a.months_until(Date::parse("2024-07-14").unwrap()), 5);
        assert_eq!(a.months_until(Date::parse("2023-12-15").unwrap()), -1);
    }
}
