//! Times `serve`'s rebuild of one edited article in-process, without the
//! server, watcher or debounce, so it can be profiled:
//!
//!     cargo build --release --example incremental
//!     perf record -g target/release/examples/incremental SITE_DIR [EDITS]
//!
//! It edits `content/article-1.md` (as `bench/gen_site.py` names it) and
//! puts the file back at the end.
use std::time::Instant;

// The allocator the `faqpress` binary uses, so the times and profiles are
// those of `serve` (with the system allocator a 100,000-article rebuild
// took 1.8 times as long, much of it in freeing).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(std::path::PathBuf::from) else {
        eprintln!("usage: incremental SITE_DIR [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let mut session = faqpress::serve::Session::new(&root, "http://127.0.0.1:1111", false);
    let started = Instant::now();
    if let Err(e) = session.rebuild(&[]) {
        eprintln!("the site does not build: {} problems", e.len());
        std::process::exit(1);
    }
    println!(
        "first build: {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let article = root.join("content/article-1.md");
    let original = std::fs::read_to_string(&article).expect("content/article-1.md");
    let changed = ["content/article-1.md".to_string()];
    let mut times = Vec::new();
    let cpu_before = cpu_seconds();
    for i in 0..edits {
        std::fs::write(&article, format!("{original}\nEdit {i}.\n")).expect("writable");
        let started = Instant::now();
        let build = session.rebuild(&changed).expect("builds");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(build.work.derived, 1);
    }
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    std::fs::write(&article, original).expect("writable");
    times.sort_by(f64::total_cmp);
    println!(
        "one-article rebuild over {edits} edits: median {:.1} ms, min {:.1}, max {:.1}",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    if let Some(cpu) = cpu {
        // CPU time varies less than wall time when other work shares the
        // machine.
        println!(
            "CPU time per rebuild (all threads, user + system): {:.1} ms",
            cpu * 1000.0 / edits as f64
        );
    }
}

/// This process's CPU time so far, from /proc (Linux), in seconds.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks; 100 a second on Linux.
    Some((utime + stime) / 100.0)
}
