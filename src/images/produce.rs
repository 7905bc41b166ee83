//! Making every variant the pages use: taken from the cache when it holds
//! one, else decoded and encoded, on all cores (one image per task, and
//! its variants in parallel within it).

use std::path::PathBuf;

use rayon::prelude::*;

use super::{ImageInfo, Variant, encode};
use crate::output::{Contents, OutputFile};

/// One image and the variants to make of it.
#[derive(Debug)]
pub struct Job<'a> {
    pub info: &'a ImageInfo,
    pub bytes: &'a [u8],
    pub variants: Vec<Variant>,
}

/// What [`produce`] made.
#[derive(Debug, Default)]
pub struct Produced {
    /// The variants, for the output.
    pub files: Vec<OutputFile>,
    /// The variants encoded now, by their names in the cache, for the cache.
    pub encoded: Vec<OutputFile>,
    /// (index of the job, why its image failed).
    pub failures: Vec<(usize, String)>,
}

/// Makes each job's variants, copying those `cached` finds (a name in the
/// cache → its file). With `only_check`, images whose variants are not all
/// cached are decoded, to find broken ones, but nothing is encoded.
pub fn produce(
    jobs: &[Job],
    cached: &(dyn Fn(&str) -> Option<PathBuf> + Sync),
    only_check: bool,
) -> Produced {
    let results: Vec<Result<Made, String>> = jobs
        .par_iter()
        .map(|job| make(job, cached, only_check))
        .collect();
    let mut produced = Produced::default();
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok(made) => {
                produced.files.extend(made.files);
                produced.encoded.extend(made.encoded);
            }
            Err(why) => produced.failures.push((i, why)),
        }
    }
    produced
}

#[derive(Default)]
struct Made {
    files: Vec<OutputFile>,
    encoded: Vec<OutputFile>,
}

fn make(
    job: &Job,
    cached: &(dyn Fn(&str) -> Option<PathBuf> + Sync),
    only_check: bool,
) -> Result<Made, String> {
    let mut made = Made::default();
    let mut missing = Vec::new();
    for v in &job.variants {
        match cached(&v.cache_name) {
            Some(path) => made.files.push(OutputFile {
                path: v.path.clone(),
                contents: Contents::Copy(path),
            }),
            None => missing.push(v),
        }
    }
    if missing.is_empty() {
        return Ok(made);
    }
    // The decoded image is dropped when this task ends: at most one per
    // thread is held at a time.
    let image = encode::decode(job.info, job.bytes)?;
    if only_check {
        return Ok(Made::default());
    }
    let encoded: Vec<Result<(&Variant, Vec<u8>), String>> = missing
        .par_iter()
        .map(|v| encode::render(&image, v).map(|bytes| (*v, bytes)))
        .collect();
    for result in encoded {
        let (v, bytes) = result?;
        made.encoded.push(OutputFile {
            path: v.cache_name.clone(),
            contents: Contents::Bytes(bytes.clone()),
        });
        made.files.push(OutputFile {
            path: v.path.clone(),
            contents: Contents::Bytes(bytes),
        });
    }
    Ok(made)
}
