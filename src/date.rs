//! Calendar dates as seeds give them (`2026-11-25`), validated, without time zones.
//!
//! A story's date is a day, not an instant: gazette never reads the clock, so output
//! does not depend on when or where a build runs. This module does not parse times.

use std::fmt;

/// A valid Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTH_NAMES: [&str; 12] = [
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
    /// A date if the numbers make one (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Finds a `YYYY-MM-DD-` prefix in a file name such as `2026-11-25-budget.txt`.
    pub fn from_file_name_prefix(file_name: &str) -> Option<Date> {
        let prefix = file_name.get(0..11)?;
        if !prefix.ends_with('-') {
            return None;
        }
        Date::parse_iso(&prefix[..10])
    }

    /// `25 November 2026`, the way the theme shows it.
    pub fn display_long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTH_NAMES[usize::from(self.month - 1)],
            self.year
        )
    }

    /// RFC 3339 midnight UTC, for feeds that insist on an instant.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }

    /// RFC 2822 midnight UTC (`Wed, 25 Nov 2026 00:00:00 +0000`), as RSS 2.0 wants it.
    pub fn rfc2822(&self) -> String {
        const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        format!(
            "{}, {:02} {} {} 00:00:00 +0000",
            DAYS[self.weekday()],
            self.day,
            &MONTH_NAMES[usize::from(self.month - 1)][..3],
            self.year
        )
    }

    /// 0 for Sunday to 6 for Saturday (Sakamoto's method for the Gregorian calendar).
    fn weekday(&self) -> usize {
        const OFFSETS: [usize; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let month = usize::from(self.month);
        let year = usize::from(self.year) - usize::from(month < 3);
        (year + year / 4 - year / 100 + year / 400 + OFFSETS[month - 1] + usize::from(self.day)) % 7
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates_iso_dates() {
        assert_eq!(Date::parse_iso("2026-11-25"), Date::new(2026, 11, 25));
        assert_eq!(Date::parse_iso("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse_iso("2026-02-29"), None);
        assert_eq!(Date::parse_iso("2026-13-01"), None);
        assert_eq!(Date::parse_iso("2026-1-01"), None);
    }

    #[test]
    fn reads_a_file_name_prefix() {
        let date = Date::from_file_name_prefix("2026-11-25-budget.txt");
        assert_eq!(date.map(|d| d.to_string()), Some("2026-11-25".to_string()));
        assert_eq!(Date::from_file_name_prefix("budget.txt"), None);
        assert_eq!(Date::from_file_name_prefix("2026-11-25budget.txt"), None);
    }

    #[test]
    fn displays_long_and_rfc3339() {
        let date = Date::new(2026, 3, 4).expect("valid date");
        assert_eq!(date.display_long(), "4 March 2026");
        assert_eq!(date.rfc3339(), "2026-03-04T00:00:00Z");
        assert_eq!(date.rfc2822(), "Wed, 04 Mar 2026 00:00:00 +0000");
        let leap_day = Date::new(2024, 2, 29).expect("date");
        assert_eq!(leap_day.rfc2822(), "Thu, 29 Feb 2024 00:00:00 +0000");
    }
}
