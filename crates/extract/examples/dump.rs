//! Every file's entities in `Debug` form, without and with a publication date
//! (1987-03-01): a change meant to keep the output is checked by comparing this
//! output before and after it, byte for byte.
//!
//!     cargo run --release -p search-extract --example dump -- FILE... > out.txt

fn main() {
    let ex = search_extract::Extractor::global();
    let published = search_extract::PartialDate::day(1987, 3, 1);
    let mut out = String::new();
    for p in std::env::args().skip(1) {
        let Ok(b) = std::fs::read(&p) else {
            eprintln!("dump: cannot read {p}, skipped");
            continue;
        };
        let t = String::from_utf8_lossy(&b);
        out.push_str(&format!(
            "{p}\n{:?}\n{:?}\n",
            ex.extract(&t, None),
            ex.extract(&t, published)
        ));
    }
    print!("{out}");
}
