//! The `search extract --json` object of one article, shared by the `search`
//! command and the web server's article view so both print the same thing.

use search_extract::user::UserExtractor;
use search_extract::{Entities, Mention};
use serde::Serialize;

use crate::Article;

/// One article's entities as `search extract --json` prints them: the path, the
/// id when asked for, every entity with its mentions and, when given, the text
/// the mention offsets point into.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    /// The article id (printed for files that hold several articles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    /// Persons, organisations, countries and dates with their mentions.
    #[serde(flatten)]
    pub entities: &'a Entities,
    /// The text the mention offsets point into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

/// The entities of an article's body, the user's gazetteer applied, with spans
/// moved to file offsets where the body is a slice of the file
/// ([`Article::body_offset`]); with no offset the spans point into the body
/// itself. The title is read as the index reads it (an office the body leaves
/// ownerless takes the one country the title names); the title's own countries
/// are left out, their spans being in no text the record carries.
pub fn entities_in_file_with(extractor: &UserExtractor, article: &Article) -> Entities {
    let mut entities = extractor
        .extract_article(&article.title, &article.body, article.published)
        .body;
    shift_to_file(article, &mut entities);
    entities
}

/// Moves the spans of the body's entities to file offsets where the body is a
/// slice of the file.
fn shift_to_file(article: &Article, entities: &mut Entities) {
    if let Some(offset) = article.body_offset.filter(|&o| o > 0) {
        let shift = |m: &mut Mention| {
            m.start += offset;
            m.end += offset;
        };
        let e = entities;
        e.persons
            .iter_mut()
            .flat_map(|p| &mut p.mentions)
            .for_each(shift);
        e.organizations
            .iter_mut()
            .flat_map(|o| &mut o.mentions)
            .for_each(shift);
        e.countries
            .iter_mut()
            .flat_map(|c| &mut c.mentions)
            .for_each(shift);
        e.dates
            .iter_mut()
            .flat_map(|d| &mut d.mentions)
            .for_each(shift);
    }
}
