//! The floor faqpress is measured against: read every Markdown file, render
//! it with pulldown-cmark on two threads, write the HTML. No front matter,
//! templates or checks.
//!
//! usage: cargo run --release --example floor -- CONTENT_DIR OUT_DIR

use std::fs;
use std::path::Path;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (content, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let files: Vec<_> = fs::read_dir(content)
        .expect("content folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build_global()
        .expect("pool");
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out).expect("output folder");
    files.par_iter().for_each(|path| {
        let text = fs::read_to_string(path).expect("read");
        let mut rendered = String::with_capacity(text.len() * 2);
        html::push_html(&mut rendered, Parser::new_ext(&text, Options::all()));
        let name = path.file_stem().expect("name").to_string_lossy();
        let dir = out.join(name.as_ref());
        fs::create_dir_all(&dir).expect("page folder");
        fs::write(dir.join("index.html"), rendered).expect("write");
    });
}
