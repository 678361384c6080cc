//! `Engine::update`: the files under some paths read and extracted as `search
//! index` does, and what changed written to the shards, each article to the
//! shard of its document id; then the person alias table recomputed.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use search_extract::user::{Gazetteer, UserExtractor};
use search_index::files::ArticleFile;
use search_index::{MAX_FILE_BYTES, Progress, Skipped, Summary, article, document};
use search_schema::aliases::AliasTable;

use crate::conn::{MAX_STATEMENT_BYTES, int, list, quoted, text};
use crate::row::{COLUMNS, Row, RowBuilder, person_key_id};
use crate::schema::{Kind, file_sig, shard_of, value_id};
use crate::search::Where;
use crate::{Engine, EngineError};

/// Files read and extracted together before their rows are sent.
const FILES_PER_BATCH: usize = 256;
/// Rows fetched per statement when reading what the shards hold.
const PAGE: usize = 10_000;

/// An article the shards hold: its id and its file's signature.
#[derive(Debug, Clone, Copy)]
struct Held {
    id: u64,
    sig: i64,
}

impl Engine {
    /// Brings the shards up to date with the article files under `paths`:
    /// articles of new or changed files (size or modification time) are
    /// written, those of unchanged files are not sent, and those whose file
    /// (or record) is gone from under `paths` are deleted. `gazetteer`: the
    /// user's gazetteer file, applied on top of the built-in ones; `threads`
    /// read and extract (0: one per core).
    pub fn update(
        &self,
        paths: &[impl AsRef<Path> + Sync],
        gazetteer: Option<&Path>,
        threads: usize,
        progress: &dyn Progress,
    ) -> Result<Summary, EngineError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(EngineError::Threads)?;
        pool.install(|| self.update_with(paths, gazetteer, progress))
    }

    fn update_with(
        &self,
        paths: &[impl AsRef<Path> + Sync],
        gazetteer: Option<&Path>,
        progress: &dyn Progress,
    ) -> Result<Summary, EngineError> {
        let user = match gazetteer {
            Some(path) => Gazetteer::load(path)?,
            None => Gazetteer::default(),
        };
        let walked = search_index::files::article_files(paths).map_err(EngineError::Walk)?;
        progress.found(walked.files.len() as u64);
        let held = self.held()?;
        let mut summary = Summary {
            skipped: walked.skipped.clone(),
            ..Summary::default()
        };
        for s in &walked.skipped {
            progress.warn(&format!("{}: {}", s.path.display(), s.reason));
        }
        let mut found: HashSet<&str> = HashSet::new();
        let mut to_read: Vec<&ArticleFile> = Vec::new();
        for file in &walked.files {
            found.insert(&file.key);
            let sig = file_sig(file.size, file.mtime);
            match held.get(&file.key) {
                Some(arts) if arts.iter().all(|a| a.sig == sig) => {
                    summary.unchanged += arts.len() as u64;
                    progress.advance(1);
                }
                _ => to_read.push(file),
            }
        }
        let mut deletes: Vec<u64> = Vec::new();
        for (file, arts) in &held {
            let kept = walked.kept.iter().any(|k| Path::new(file).starts_with(k));
            if walked.contains(file) && !found.contains(file.as_str()) && !kept {
                deletes.extend(arts.iter().map(|a| a.id));
                summary.removed += arts.len() as u64;
            }
        }
        let extractor = UserExtractor::new(user.clone());
        let mut sender = Sender::new(self);
        // A JSON-lines file or web archive too big to read whole is read, extracted
        // and sent a part at a time, one file after another.
        let (big, to_read): (Vec<&ArticleFile>, Vec<&ArticleFile>) =
            to_read.into_iter().partition(|f| f.size > MAX_FILE_BYTES);
        for file in big {
            let old = held.get(&file.key).map_or(&[][..], Vec::as_slice);
            let mut new: HashSet<u64> = HashSet::new();
            let mut failed = None;
            let sig = file_sig(file.size, file.mtime);
            let read = search_index::read_in_parts(&file.path, &file.display, |part| {
                report(part.warnings, part.skipped, progress, &mut summary);
                let rows: Vec<Row> = part
                    .articles
                    .par_iter()
                    .map_init(RowBuilder::new, |builder, a| {
                        builder.row(a, &document::extract(&extractor, a), sig)
                    })
                    .collect();
                for row in rows {
                    new.insert(row.id);
                    if let Err(e) = sender.push(row) {
                        failed = Some(e);
                        return false;
                    }
                }
                true
            });
            if let Some(e) = failed {
                return Err(e);
            }
            match read {
                // What was sent stands; the old articles stay, as the file is
                // read again next time (its articles carry two signatures).
                Err(reason) => skip_file(file, reason, progress, &mut summary),
                Ok(()) if new.is_empty() => {
                    skip_file(file, "no articles in file".into(), progress, &mut summary);
                }
                Ok(()) => account(old, &new, &mut summary, &mut deletes),
            }
            progress.advance(1);
        }
        for batch in to_read.chunks(FILES_PER_BATCH) {
            // Files are read in parallel, then their articles extracted in
            // parallel (one JSON-lines file may hold thousands).
            let outcomes: Vec<_> = batch
                .par_iter()
                .map(|file| article::read_file(&file.path, &file.display))
                .collect();
            let jobs: Vec<(usize, &search_index::Article)> = outcomes
                .iter()
                .enumerate()
                .filter_map(|(i, o)| Some((i, o.as_ref().ok()?)))
                .flat_map(|(i, o)| o.articles.iter().map(move |a| (i, a)))
                .collect();
            let mut rows: Vec<Vec<Row>> = (0..batch.len()).map(|_| Vec::new()).collect();
            let built: Vec<(usize, Row)> = jobs
                .par_iter()
                .map_init(RowBuilder::new, |builder, &(i, a)| {
                    let sig = file_sig(batch[i].size, batch[i].mtime);
                    (i, builder.row(a, &document::extract(&extractor, a), sig))
                })
                .collect();
            for (i, row) in built {
                rows[i].push(row);
            }
            let read = outcomes
                .into_iter()
                .zip(rows)
                .map(|(outcome, rows)| outcome.map(|o| (rows, o.warnings, o.skipped)));
            for (file, result) in batch.iter().zip(read) {
                let old = held.get(&file.key).map_or(&[][..], Vec::as_slice);
                match result {
                    // Unreadable now: its articles, if any, are kept.
                    Err(reason) => skip_file(file, reason, progress, &mut summary),
                    Ok((rows, warnings, skipped)) => {
                        report(warnings, skipped, progress, &mut summary);
                        let new: HashSet<u64> = rows.iter().map(|r| r.id).collect();
                        account(old, &new, &mut summary, &mut deletes);
                        for row in rows {
                            sender.push(row)?;
                        }
                    }
                }
                progress.advance(1);
            }
        }
        sender.flush()?;
        self.delete(&deletes)?;
        if summary.added + summary.updated + summary.removed > 0 || held.is_empty() {
            self.refresh_aliases(&user)?;
        }
        Ok(summary)
    }

    /// Every article the shards hold, by file key.
    fn held(&self) -> Result<HashMap<String, Vec<Held>>, EngineError> {
        let mut by_file: HashMap<String, Vec<Held>> = HashMap::new();
        for shard in &self.shards {
            let mut last: u64 = 0;
            loop {
                let rows = shard.query(&format!(
                    "SELECT id, file, file_sig FROM articles WHERE id > {last} \
                     ORDER BY id ASC LIMIT {PAGE} OPTION max_matches={PAGE}"
                ))?;
                let n = rows.len();
                for row in &rows {
                    let (Some(id), Some(file), Some(sig)) =
                        (int(row, 0), text(row, 1), int(row, 2))
                    else {
                        return Err(
                            self.unexpected(0, "a row of articles without id, file or signature")
                        );
                    };
                    last = id as u64;
                    by_file
                        .entry(file)
                        .or_default()
                        .push(Held { id: id as u64, sig });
                }
                if n < PAGE {
                    break;
                }
            }
        }
        Ok(by_file)
    }

    /// Deletes documents from their shards.
    fn delete(&self, ids: &[u64]) -> Result<(), EngineError> {
        let n = self.shards.len();
        let mut by_shard: Vec<Vec<u64>> = vec![Vec::new(); n];
        for &id in ids {
            by_shard[shard_of(id, n)].push(id);
        }
        for (shard, ids) in self.shards.iter().zip(by_shard) {
            for chunk in ids.chunks(5000) {
                shard.query(&format!(
                    "DELETE FROM articles WHERE id IN ({})",
                    list(chunk)
                ))?;
            }
        }
        Ok(())
    }

    /// Recomputes the person alias table from the persons the shards hold, as
    /// the local index does ([`search_index::aliases::group`] over the stored
    /// values and their article counts, a pair co-occurring when some article
    /// names both), adds the user's gazetteer aliases, and replaces the table
    /// in `names`.
    fn refresh_aliases(&self, user: &Gazetteer) -> Result<(), EngineError> {
        let counts = self.group_counts("persons", &Where::default())?;
        let names = self.names_of(counts.iter().map(|(id, _)| *id))?;
        let mut named: Vec<(String, u64)> = counts
            .iter()
            .filter_map(|(id, c)| names.get(id).map(|n| (n.clone(), *c)))
            .collect();
        named.sort_unstable();
        let mut failed = None;
        let pairs = search_index::aliases::group(&named, |a, b| {
            let sql = format!(
                "SELECT COUNT(*) FROM news WHERE person_keys = {} AND person_keys = {}",
                person_key_id(a),
                person_key_id(b)
            );
            match self.shards[0].query(&sql) {
                Ok(rows) => rows.first().and_then(|r| int(r, 0)).unwrap_or(0) > 0,
                Err(e) => {
                    failed.get_or_insert(e);
                    true
                }
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let user_pairs = user.persons().flat_map(|(name, aliases)| {
            aliases
                .iter()
                .map(move |alias| (alias.clone(), name.to_string()))
        });
        let table = AliasTable::new(pairs.into_iter().chain(user_pairs));
        self.write_aliases(&table)
    }

    fn write_aliases(&self, table: &AliasTable) -> Result<(), EngineError> {
        let names = &self.shards[0];
        let old = names.query(&format!(
            "SELECT id FROM names WHERE kind = {} LIMIT 0, 10000000 OPTION max_matches = 10000000",
            Kind::Alias as u8
        ))?;
        let old: Vec<i64> = old.iter().filter_map(|r| int(r, 0)).collect();
        for chunk in old.chunks(5000) {
            names.query(&format!("DELETE FROM names WHERE id IN ({})", list(chunk)))?;
        }
        let mut statement = String::new();
        for (variant, canonical) in table.pairs() {
            if !statement.is_empty() {
                statement.push_str(", ");
            }
            statement.push_str(&format!(
                "({}, {}, 0, {}, {})",
                value_id(Kind::Alias, variant),
                Kind::Alias as u8,
                quoted(variant),
                quoted(canonical)
            ));
            if statement.len() > MAX_STATEMENT_BYTES / 2 {
                names.query(&format!(
                    "REPLACE INTO names (id, kind, value, name, canonical) VALUES {statement}"
                ))?;
                statement.clear();
            }
        }
        if !statement.is_empty() {
            names.query(&format!(
                "REPLACE INTO names (id, kind, value, name, canonical) VALUES {statement}"
            ))?;
        }
        self.set_aliases(table.clone());
        Ok(())
    }
}

/// Counts a file's articles as added or updated against what the shards held of
/// it (`old`), and marks those it no longer has for deletion.
fn account(old: &[Held], new: &HashSet<u64>, summary: &mut Summary, deletes: &mut Vec<u64>) {
    let old_ids: HashSet<u64> = old.iter().map(|a| a.id).collect();
    let updated = new.iter().filter(|id| old_ids.contains(id)).count() as u64;
    summary.updated += updated;
    summary.added += new.len() as u64 - updated;
    for a in old.iter().filter(|a| !new.contains(&a.id)) {
        deletes.push(a.id);
        summary.removed += 1;
    }
}

/// Reports a file left out whole; what the shards hold of it stays.
fn skip_file(file: &ArticleFile, reason: String, progress: &dyn Progress, summary: &mut Summary) {
    progress.warn(&format!("{}: {reason}", file.display));
    summary.skipped.push(Skipped {
        path: file.display.clone().into(),
        reason,
    });
}

/// Reports the warnings and the records left out of a file's read.
fn report(
    warnings: Vec<String>,
    skipped: Vec<Skipped>,
    progress: &dyn Progress,
    summary: &mut Summary,
) {
    for w in &warnings {
        progress.warn(w);
    }
    for s in &skipped {
        progress.warn(&format!("{}: {}", s.path.display(), s.reason));
    }
    summary.warnings.extend(warnings);
    summary.skipped.extend(skipped);
}

/// Rows on their way to the shards, one statement per shard when it is full.
struct Sender<'a> {
    engine: &'a Engine,
    pending: Vec<String>,
    names: String,
    sent_names: HashSet<u64>,
}

impl<'a> Sender<'a> {
    fn new(engine: &'a Engine) -> Self {
        Sender {
            engine,
            pending: vec![String::new(); engine.shards.len()],
            names: String::new(),
            sent_names: HashSet::new(),
        }
    }

    fn push(&mut self, row: Row) -> Result<(), EngineError> {
        let shard = shard_of(row.id, self.pending.len());
        for (id, kind, value, name) in &row.names {
            if self.sent_names.insert(*id) {
                if !self.names.is_empty() {
                    self.names.push_str(", ");
                }
                self.names.push_str(&format!(
                    "({id}, {}, {value}, {}, '')",
                    *kind as u8,
                    quoted(name)
                ));
            }
        }
        let values = row.values();
        if values.len() > MAX_STATEMENT_BYTES {
            return Err(self.engine.unexpected(
                shard,
                &format!("the article {} is too large to send", row.key),
            ));
        }
        if self.pending[shard].len() + values.len() > MAX_STATEMENT_BYTES / 2 {
            self.flush_shard(shard)?;
        }
        let pending = &mut self.pending[shard];
        if !pending.is_empty() {
            pending.push_str(", ");
        }
        pending.push_str(values);
        if self.names.len() > MAX_STATEMENT_BYTES / 2 {
            self.flush_names()?;
        }
        Ok(())
    }

    fn flush_shard(&mut self, shard: usize) -> Result<(), EngineError> {
        // Names first: a reader that finds an article finds its names.
        self.flush_names()?;
        let values = std::mem::take(&mut self.pending[shard]);
        if values.is_empty() {
            return Ok(());
        }
        self.engine.shards[shard].query(&format!(
            "REPLACE INTO articles ({COLUMNS}) VALUES {values}"
        ))?;
        Ok(())
    }

    fn flush_names(&mut self) -> Result<(), EngineError> {
        let values = std::mem::take(&mut self.names);
        if values.is_empty() {
            return Ok(());
        }
        self.engine.shards[0].query(&format!(
            "REPLACE INTO names (id, kind, value, name, canonical) VALUES {values}"
        ))?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), EngineError> {
        self.flush_names()?;
        for shard in 0..self.pending.len() {
            self.flush_shard(shard)?;
        }
        Ok(())
    }
}

impl Engine {
    /// Deletes every article, name and alias from the shards.
    pub fn clear(&self) -> Result<(), EngineError> {
        for shard in &self.shards {
            shard.query("TRUNCATE RTINDEX articles")?;
        }
        self.shards[0].query("TRUNCATE RTINDEX names")?;
        self.names
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.set_aliases(AliasTable::default());
        Ok(())
    }
}
