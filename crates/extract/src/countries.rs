//! The country gazetteer: ISO 3166-1 entries with their common English short names
//! and alternative names, and a case-insensitive lookup for user input.
//!
//! ```
//! use search_extract::countries;
//!
//! assert_eq!(countries::lookup("ir").unwrap().name, "Iran");
//! assert_eq!(countries::lookup("Russian Federation").unwrap().alpha2, "RU");
//! assert!(countries::lookup("Narnia").is_none());
//! ```

/// One ISO 3166-1 country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// Common English short name: "Iran", "Russia", "United States".
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 code: "IR".
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 code: "IRN".
    pub alpha3: &'static str,
}

// Placeholder table until the full gazetteer lands: (name, alpha2, alpha3, alternative names).
const TABLE: &[(Country, &[&str])] = &[
    (
        Country {
            name: "Afghanistan",
            alpha2: "AF",
            alpha3: "AFG",
        },
        &[],
    ),
    (
        Country {
            name: "Azerbaijan",
            alpha2: "AZ",
            alpha3: "AZE",
        },
        &[],
    ),
    (
        Country {
            name: "Burkina Faso",
            alpha2: "BF",
            alpha3: "BFA",
        },
        &[],
    ),
    (
        Country {
            name: "China",
            alpha2: "CN",
            alpha3: "CHN",
        },
        &[],
    ),
    (
        Country {
            name: "France",
            alpha2: "FR",
            alpha3: "FRA",
        },
        &[],
    ),
    (
        Country {
            name: "India",
            alpha2: "IN",
            alpha3: "IND",
        },
        &[],
    ),
    (
        Country {
            name: "Iran",
            alpha2: "IR",
            alpha3: "IRN",
        },
        &["Islamic Republic of Iran", "Persia"],
    ),
    (
        Country {
            name: "Mali",
            alpha2: "ML",
            alpha3: "MLI",
        },
        &[],
    ),
    (
        Country {
            name: "Niger",
            alpha2: "NE",
            alpha3: "NER",
        },
        &[],
    ),
    (
        Country {
            name: "Pakistan",
            alpha2: "PK",
            alpha3: "PAK",
        },
        &[],
    ),
    (
        Country {
            name: "Russia",
            alpha2: "RU",
            alpha3: "RUS",
        },
        &["Russian Federation"],
    ),
    (
        Country {
            name: "Ukraine",
            alpha2: "UA",
            alpha3: "UKR",
        },
        &[],
    ),
    (
        Country {
            name: "United States",
            alpha2: "US",
            alpha3: "USA",
        },
        &["USA", "United States of America"],
    ),
];

/// Every country in the gazetteer.
pub fn all() -> impl Iterator<Item = &'static Country> {
    TABLE.iter().map(|(c, _)| c)
}

/// The country with this ISO alpha-2 code (case-insensitive).
pub fn by_code(alpha2: &str) -> Option<&'static Country> {
    all().find(|c| c.alpha2.eq_ignore_ascii_case(alpha2))
}

/// Resolves what a user typed: a common name, an alternative name or an ISO
/// alpha-2/alpha-3 code, case-insensitive.
pub fn lookup(query: &str) -> Option<&'static Country> {
    let q = query.trim();
    TABLE
        .iter()
        .find(|(c, alts)| {
            c.name.eq_ignore_ascii_case(q)
                || c.alpha2.eq_ignore_ascii_case(q)
                || c.alpha3.eq_ignore_ascii_case(q)
                || alts.iter().any(|a| a.eq_ignore_ascii_case(q))
        })
        .map(|(c, _)| c)
}
