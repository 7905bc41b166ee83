//! Any bytes, read as an article file, go through the header stage (front
//! matter split, YAML, URL): an error is fine, a panic is a bug.
#![no_main]

use std::sync::Arc;

use faqpress::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader refuses files that are not UTF-8 before this stage.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Arc::new(SourceFile::new("content/fuzz.md", text));
    let _ = faqpress::page::read_header(&file);
});
