//! A company's home country by its legal form, for an article that names no
//! country at all: "Ashton-Tate Inc said it would offer two mln shares" is United
//! States news though it never says so, and a user filtering on the United States
//! wants it. Only the legal forms of one country's company law count (Inc, Corp,
//! Co, LLC: the United States; plc: the United Kingdom), only for a company named in
//! the article's opening (the story is about it), and never beside a country the
//! text names (a Japanese "Mazda Motor Corp" story names Japan). On the Reuters
//! stories with PLACES labels the country is right 96% of the times it is added
//! (EVALUATION.md).

use super::{OPENING, PlaceHit, PlaceKind, Places};
use crate::orgs::OrgHit;
use crate::text::Token;

/// The legal forms that say where a company is incorporated, and that country's
/// ISO 3166 alpha-2 code.
pub(super) const LEGAL_FORMS: &[(&str, &str)] = &[
    ("Inc", "US"),
    ("Incorporated", "US"),
    ("Corp", "US"),
    ("Corporation", "US"),
    ("Co", "US"),
    ("LLC", "US"),
    ("plc", "GB"),
    ("Plc", "GB"),
];

impl Places {
    /// The home country of the first company of the opening whose name ends in a
    /// legal form of [`LEGAL_FORMS`], as a mention of that legal form; `None` when
    /// there is none. Call it only for an article without country mentions.
    pub(crate) fn company_home(
        &self,
        text: &str,
        tokens: &[Token],
        orgs: &[OrgHit],
    ) -> Option<PlaceHit> {
        orgs.iter()
            .filter(|h| tokens[h.first].start() < OPENING)
            .filter_map(|h| {
                let form = &tokens[h.last];
                let country = self.legal_form_country(form.text(text))?;
                Some(PlaceHit {
                    start: form.start(),
                    end: form.end(),
                    country,
                    kind: PlaceKind::LegalForm,
                })
            })
            .min_by_key(|hit| hit.start)
    }

    /// Whether [`company_home`](Self::company_home) could find a home in `text`:
    /// whether a word of it is a legal form of [`LEGAL_FORMS`]. Without one no
    /// company needs to be looked for.
    pub(crate) fn may_have_company_home(&self, text: &str, tokens: &[Token]) -> bool {
        tokens
            .iter()
            .any(|t| self.legal_form_country(t.text(text)).is_some())
    }

    /// The country whose company law has `word` as a legal form, if one.
    fn legal_form_country(&self, word: &str) -> Option<u16> {
        self.legal_forms
            .iter()
            .find(|(f, _)| word == *f)
            .map(|&(_, country)| country)
    }
}
