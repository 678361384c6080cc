//! Calendar dates at the precision a text gives them: a day, a month or a year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date known to a day, a month or only a year. Displays (and serialises) as
/// ISO 8601 at its precision: `2025-12-17`, `2021-08`, `2021`.
///
/// ```
/// use search_types::PartialDate;
///
/// let d: PartialDate = "2021-08".parse().unwrap();
/// assert_eq!(d, PartialDate::month(2021, 8).unwrap());
/// assert_eq!(d.to_string(), "2021-08");
/// assert_eq!(d.last_day(), PartialDate::day(2021, 8, 31).unwrap().first_day());
/// assert!("2021-13".parse::<PartialDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a string is not a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date `{}`; use YYYY, YYYY-MM or YYYY-MM-DD",
            self.0
        )
    }
}

impl std::error::Error for DateParseError {}

/// Years outside this range are not dates a news article talks about as such.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

impl PartialDate {
    /// A whole year; `None` outside 1000..=2999.
    pub fn year(year: i32) -> Option<Self> {
        YEARS.contains(&year).then_some(PartialDate {
            year,
            month: None,
            day: None,
        })
    }

    /// A month of a year; `None` when either is out of range.
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A calendar day; `None` when it does not exist (`2025-02-29`).
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        let m = Self::month(year, month)?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(PartialDate {
            day: Some(day),
            ..m
        })
    }

    /// The year.
    pub fn year_part(&self) -> i32 {
        self.year
    }

    /// The month (1 to 12), when known.
    pub fn month_part(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day_part(&self) -> Option<u8> {
        self.day
    }

    /// The first day this date covers, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date covers, as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year, month, day)
    }

    /// The day `days` since 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let (y, m, d) = civil_from_days(days);
        PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    /// The same date cut to month precision (a year stays a year).
    pub fn truncate_to_month(&self) -> Self {
        PartialDate { day: None, ..*self }
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole i32 range.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The index writer shows every date of every article: one `write_str`
        // of digits put in place, where `write!` with padding went through the
        // formatting machinery three times a date.
        if let Ok(year @ 0..=9999) = u16::try_from(self.year) {
            let mut buf = *b"0000-00-00";
            put_digits(&mut buf[..4], year);
            let mut len = 4;
            if let Some(m) = self.month {
                put_digits(&mut buf[5..7], m.into());
                len = 7;
                if let Some(d) = self.day {
                    put_digits(&mut buf[8..10], d.into());
                    len = 10;
                }
            }
            // Digits and hyphens only.
            return f.write_str(std::str::from_utf8(&buf[..len]).map_err(|_| fmt::Error)?);
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Writes `n` in decimal into `out`, right-aligned over zeros; `out` is as
/// long as `n` has digits or longer.
fn put_digits(out: &mut [u8], mut n: u16) {
    for b in out.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

impl FromStr for PartialDate {
    type Err = DateParseError;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateParseError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let date = match parts.as_slice() {
            [y] => Self::year(num(y, 4)? as i32),
            [y, m] => Self::month(num(y, 4)? as i32, num(m, 2)? as u8),
            [y, m, d] => Self::day(num(y, 4)? as i32, num(m, 2)? as u8, num(d, 2)? as u8),
            _ => None,
        };
        date.ok_or_else(err)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a string.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_round_trips() {
        for s in ["2025", "2021-08", "2025-12-17", "2024-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn displays_zero_padded_at_every_year_a_day_number_gives() {
        assert_eq!(
            PartialDate::day(1000, 1, 9).unwrap().to_string(),
            "1000-01-09"
        );
        assert_eq!(PartialDate::month(2999, 12).unwrap().to_string(), "2999-12");
        // Day numbers reach years no constructor accepts.
        assert_eq!(PartialDate::from_days(-719_162).to_string(), "0001-01-01");
        assert_eq!(PartialDate::from_days(-719_528).to_string(), "0000-01-01");
        assert_eq!(PartialDate::from_days(-719_529).to_string(), "-001-12-31");
        assert_eq!(PartialDate::from_days(2_932_896).to_string(), "9999-12-31");
        assert_eq!(PartialDate::from_days(2_932_897).to_string(), "10000-01-01");
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for s in [
            "",
            "25",
            "2025-1",
            "2025-00",
            "2025-02-29",
            "2025-12-32",
            "2025/12/17",
            "abcd",
            "2025-12-17-1",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should not parse");
        }
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(PartialDate::day(1970, 1, 1).unwrap().first_day(), 0);
        assert_eq!(PartialDate::day(2000, 3, 1).unwrap().first_day(), 11_017);
        let d = PartialDate::day(2025, 12, 17).unwrap();
        assert_eq!(PartialDate::from_days(d.first_day()), d);
        let y = PartialDate::year(2024).unwrap();
        assert_eq!(y.last_day() - y.first_day(), 365);
    }
}
