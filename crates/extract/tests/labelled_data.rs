//! Quality floors on the labelled development data in `../shared/data`, when it is
//! there (it is not part of the project; without it these tests say so and pass).
//! The full measurement, with throughput and every figure, is
//! `cargo run --release -p search-extract --example evaluate`.

// The evaluation example's readers and scorers, shared; some of their fields only
// the example prints.
#[allow(dead_code)]
#[path = "../examples/evaluate/conll.rs"]
mod conll;
#[allow(dead_code)]
#[path = "../examples/evaluate/reuters.rs"]
mod reuters;
#[allow(dead_code)]
#[path = "../examples/evaluate/timebank.rs"]
mod timebank;

use std::path::PathBuf;

use search_extract::Extractor;

fn data() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: no labelled data at {}", dir.display());
        None
    }
}

#[test]
fn conll_person_spans_hold_their_floor() {
    let Some(dir) = data() else { return };
    let docs = conll::read(&dir.join("conll2003/eng.testa")).expect("eng.testa reads");
    let (tp, pred, gold) = conll::score(&docs, &Extractor::new());
    let (p, r) = (tp as f64 / pred as f64, tp as f64 / gold as f64);
    let f1 = 2.0 * p * r / (p + r);
    assert!(
        f1 >= 0.80,
        "CoNLL PER F1 {f1:.3} (P {p:.3}, R {r:.3}) under 0.80"
    );
}

#[test]
fn conll_organisation_spans_hold_their_floor() {
    let Some(dir) = data() else { return };
    let docs = conll::read(&dir.join("conll2003/eng.testa")).expect("eng.testa reads");
    let (tp, pred, gold) = conll::score_kind(&docs, &Extractor::new(), conll::Kind::Organization);
    let (p, r) = (tp as f64 / pred as f64, tp as f64 / gold as f64);
    let f1 = 2.0 * p * r / (p + r);
    assert!(
        f1 >= 0.60,
        "CoNLL ORG F1 {f1:.3} (P {p:.3}, R {r:.3}) under 0.60"
    );
}

#[test]
fn reuters_countries_hold_their_floor() {
    let Some(dir) = data() else { return };
    let mut stories = reuters::read(&dir.join("reuters21578")).expect("reuters reads");
    // A tenth of the stories keeps the debug-build test quick.
    stories.truncate(1000);
    let (tp, pred, gold) = reuters::score(&stories, &Extractor::new());
    let (p, r) = (tp as f64 / pred as f64, tp as f64 / gold as f64);
    assert!(p >= 0.60 && r >= 0.45, "Reuters PLACES P {p:.3}, R {r:.3}");
}

#[test]
fn timebank_dates_hold_their_floor() {
    let Some(dir) = data() else { return };
    let docs = timebank::read(&dir.join("timebank/TimeBank")).expect("timebank reads");
    let (rec, gold, ..) = timebank::score(&docs, &Extractor::new());
    let r = rec as f64 / gold as f64;
    assert!(r >= 0.80, "TimeBank DATE recall {r:.3} under 0.80");
}
