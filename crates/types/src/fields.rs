//! Names of the index fields that facets, filters and sorting read by name (a
//! fast-field column is opened by its name). The schema declares its fields with
//! these constants, so a renamed field cannot leave a reader behind.

/// Country common names ("Iran"): the country filter and facet.
pub const COUNTRY: &str = "country";
/// Canonical person names: the person facet.
pub const PERSON: &str = "person";
/// [`name_key`](crate::keys::name_key)s of person names and aliases: the person filter.
pub const PERSON_KEY: &str = "person_key";
/// Canonical organisation names: the organisation facet.
pub const ORGANIZATION: &str = "organization";
/// [`name_key`](crate::keys::name_key)s of organisation names and aliases: the
/// organisation filter.
pub const ORGANIZATION_KEY: &str = "organization_key";
/// Date facet buckets ([`date_bucket`](crate::keys::date_bucket)).
pub const DATE_BUCKET: &str = "date_bucket";
/// Range keys of dates known to the day ([`DateKey::Day`](crate::keys::DateKey)).
pub const DATE_DAY: &str = "date_day";
/// Range keys of dates known to the month ([`DateKey::Month`](crate::keys::DateKey)).
pub const DATE_MONTH: &str = "date_month";
/// Range keys of dates known only to the year ([`DateKey::Year`](crate::keys::DateKey)).
pub const DATE_YEAR: &str = "date_year";
/// Publication date as days since 1970-01-01 (its first day for a month or a
/// year), absent when unknown: sorting by date.
pub const PUBLISHED_DAY: &str = "published_day";
