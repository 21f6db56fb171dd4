//! Dates and moments as seeds give them, read in the site's time zone.
//!
//! [`Date`] is a calendar day (`2026-11-25`): what orders the digest and names a day.
//! [`Moment`] is an exact instant that remembers the zone it is shown in: a story's
//! publication, its `updated` time, a correction, an embargo. A date or date-time written
//! without an offset is read in the site's zone (config `timezone`); one with an offset
//! is that instant, shown in the site's zone. Every moment prints with an explicit offset
//! (`2026-11-25T00:00:00-05:00`). Zones come from the IANA database compiled into gazette
//! (jiff's bundled copy), so a build gives the same bytes on any machine, whatever its
//! own zone files say. Nothing here reads the clock.

use std::fmt;
use std::sync::OnceLock;

use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{Timestamp, ZonedDateTime};
use thiserror::Error;

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

    /// RFC 3339 midnight UTC. gazette's own output uses [`Moment`] instead, which is
    /// the start of the day in the site's zone.
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

/// The time zone database gazette carries: the same on every machine, so output does
/// not depend on the zone files a machine happens to have.
fn database() -> &'static TimeZoneDatabase {
    static DATABASE: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DATABASE.get_or_init(TimeZoneDatabase::bundled)
}

/// A zone name gazette does not know.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error(
    "{name:?} is not a time zone gazette knows; use an IANA name such as \"Europe/London\", \"America/New_York\" or \"UTC\""
)]
pub struct UnknownTimeZone {
    pub name: String,
}

/// The zone named `name` (`Europe/London`, `UTC`), from the IANA database.
pub fn time_zone(name: &str) -> Result<TimeZone, UnknownTimeZone> {
    let unknown = || UnknownTimeZone {
        name: name.to_string(),
    };
    if name.trim().is_empty() {
        return Err(unknown());
    }
    database().get(name).map_err(|_| unknown())
}

/// An exact instant a story names, shown in the site's time zone.
///
/// Ordered by instant. `has_time` says whether the seed gave a time of day: a moment
/// from a bare date (`2026-11-25`) is the start of that day in the site's zone and is
/// shown as a day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    at: ZonedDateTime,
    has_time: bool,
}

impl Moment {
    /// The start of `date` in `zone` (midnight, or the first moment of the day where a
    /// clock change skips midnight).
    pub fn start_of_day(date: Date, zone: &TimeZone) -> Moment {
        let start = i16::try_from(date.year)
            .ok()
            .and_then(|year| jiff::civil::Date::new(year, date.month as i8, date.day as i8).ok())
            .and_then(|day| day.to_zoned_datetime(zone.clone()).ok())
            .and_then(|day| day.start_of_day().ok());
        Moment {
            // Seeds' dates have four-digit years, which jiff covers; a year beyond its
            // range (only a hand-built `Date` can have one) falls back to the Unix epoch
            // rather than a panic.
            at: start.unwrap_or_else(|| Timestamp::UNIX_EPOCH.to_zoned_datetime(zone.clone())),
            has_time: false,
        }
    }

    /// The instant `timestamp`, shown in `zone`.
    pub fn from_timestamp(timestamp: Timestamp, zone: &TimeZone) -> Moment {
        Moment {
            at: timestamp.to_zoned_datetime(zone.clone()),
            has_time: true,
        }
    }

    /// A TOML date or date-time: a bare date is the start of that day in `zone`, a
    /// date-time without an offset is read in `zone`, one with an offset is exact. A
    /// time without a date is not a moment.
    pub fn from_toml(value: &toml::value::Datetime, zone: &TimeZone) -> Option<Moment> {
        let day = value.date?;
        let date = Date::new(day.year, day.month, day.day)?;
        let Some(time) = value.time else {
            // An offset needs a time in TOML, so a bare date never has one.
            return Some(Moment::start_of_day(date, zone));
        };
        let civil = jiff::civil::DateTime::new(
            i16::try_from(date.year).ok()?,
            date.month as i8,
            date.day as i8,
            time.hour as i8,
            time.minute as i8,
            time.second as i8,
            i32::try_from(time.nanosecond).ok()?,
        )
        .ok()?;
        let at = match value.offset {
            None => civil.to_zoned_datetime(zone.clone()).ok()?,
            Some(offset) => {
                let minutes = match offset {
                    toml::value::Offset::Z => 0,
                    toml::value::Offset::Custom { minutes } => i32::from(minutes),
                };
                let offset = jiff::tz::Offset::from_seconds(minutes * 60).ok()?;
                offset
                    .to_timestamp(civil)
                    .ok()?
                    .to_zoned_datetime(zone.clone())
            }
        };
        Some(Moment { at, has_time: true })
    }

    /// A date or date-time written as text (`"2026-11-25"`, `"2026-11-25T14:30:00Z"`,
    /// `"2026-11-25 14:30"`), read as [`Moment::from_toml`] reads TOML's own.
    pub fn parse(text: &str, zone: &TimeZone) -> Option<Moment> {
        let text = text.trim();
        // TOML wants seconds; people often leave them out.
        let with_seconds = add_missing_seconds(text);
        let value: toml::value::Datetime = with_seconds.as_deref().unwrap_or(text).parse().ok()?;
        Moment::from_toml(&value, zone)
    }

    pub fn timestamp(&self) -> Timestamp {
        self.at.timestamp()
    }

    /// Whether the seed gave a time of day, not only a day.
    pub fn has_time(&self) -> bool {
        self.has_time
    }

    /// The day this moment falls on in its zone.
    pub fn day(&self) -> Date {
        let date = self.at.date();
        // Dates from seeds and the clock have four-digit years; the epoch is a fallback
        // for the impossible, not a panic.
        u16::try_from(date.year())
            .ok()
            .and_then(|year| Date::new(year, date.month() as u8, date.day() as u8))
            .unwrap_or(Date {
                year: 1970,
                month: 1,
                day: 1,
            })
    }

    /// RFC 3339 with the zone's offset at that moment: `2026-11-25T09:30:00-05:00`.
    pub fn rfc3339(&self) -> String {
        self.at
            .timestamp()
            .display_with_offset(self.at.offset())
            .to_string()
    }

    /// RFC 2822 with the offset (`Wed, 25 Nov 2026 09:30:00 -0500`), as RSS 2.0 wants it.
    pub fn rfc2822(&self) -> String {
        // Printing a valid zoned date-time with a four-digit year cannot fail.
        jiff::fmt::rfc2822::to_string(&self.at).unwrap_or_else(|_| self.rfc3339())
    }

    /// For people: `25 November 2026`, or `25 November 2026, 09:30 EST` when the seed
    /// gave a time (the zone's abbreviation, or its offset where it has none).
    pub fn display(&self) -> String {
        let day = self.day().display_long();
        if self.has_time {
            format!("{day}, {}", self.at.strftime("%H:%M %Z"))
        } else {
            day
        }
    }
}

/// `2026-11-25T14:30` or `2026-11-25 14:30` (with an optional offset after) gets `:00`.
fn add_missing_seconds(text: &str) -> Option<String> {
    let time = text.get(11..)?;
    let separator = text.as_bytes().get(10)?;
    if !matches!(separator, b'T' | b't' | b' ') {
        return None;
    }
    let bytes = time.as_bytes();
    let is_hh_mm = bytes.len() >= 5
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b':'
        && bytes[3..5].iter().all(u8::is_ascii_digit);
    let has_seconds = bytes.get(5) == Some(&b':');
    (is_hh_mm && !has_seconds).then(|| format!("{}:00{}", &text[..16], &text[16..]))
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

    fn zone(name: &str) -> TimeZone {
        time_zone(name).expect("a known zone")
    }

    #[test]
    fn knows_iana_zones_and_refuses_others() {
        assert!(time_zone("Europe/London").is_ok());
        assert!(time_zone("UTC").is_ok());
        let err = time_zone("Mars/Olympus_Mons").expect_err("unknown");
        assert!(
            err.to_string()
                .contains("\"Mars/Olympus_Mons\" is not a time zone")
        );
        assert!(time_zone("").is_err());
    }

    #[test]
    fn naive_moments_are_read_in_the_zone_and_offsets_are_exact() {
        let new_york = zone("America/New_York");
        let naive = Moment::parse("2026-11-25T22:30:00", &new_york).expect("moment");
        assert_eq!(naive.timestamp().to_string(), "2026-11-26T03:30:00Z");
        assert_eq!(naive.rfc3339(), "2026-11-25T22:30:00-05:00");
        assert_eq!(naive.rfc2822(), "Wed, 25 Nov 2026 22:30:00 -0500");
        assert_eq!(naive.day().to_string(), "2026-11-25");
        assert_eq!(naive.display(), "25 November 2026, 22:30 EST");
        let exact = Moment::parse("2026-11-26T03:30:00Z", &new_york).expect("moment");
        assert_eq!(exact, naive);
        let summer = Moment::parse("2026-07-04", &new_york).expect("moment");
        assert_eq!(summer.rfc3339(), "2026-07-04T00:00:00-04:00");
        assert!(!summer.has_time());
        assert_eq!(summer.display(), "4 July 2026");
        let spaced = Moment::parse("2026-07-04 09:15", &new_york).expect("moment");
        assert_eq!(spaced.rfc3339(), "2026-07-04T09:15:00-04:00");
        let utc = Moment::parse("2026-11-25", &TimeZone::UTC).expect("moment");
        assert_eq!(utc.rfc3339(), "2026-11-25T00:00:00+00:00");
        for bad in ["soon", "14:30:00", "2026-02-30", "2026-11-25T25:00:00"] {
            assert_eq!(Moment::parse(bad, &new_york), None, "{bad}");
        }
    }

    #[test]
    fn a_day_that_skips_midnight_starts_when_its_clocks_do() {
        // Havana moves its clocks from 00:00 to 01:00 on the second Sunday of March.
        let havana = zone("America/Havana");
        let day = Date::new(2026, 3, 8).expect("date");
        let start = Moment::start_of_day(day, &havana);
        assert_eq!(start.rfc3339(), "2026-03-08T01:00:00-04:00");
        assert_eq!(start.day(), day);
    }
}
