//! Lighthouse 12.8 (tests/tools) on the bundled site exactly as
//! `faqpress build` builds it with no flags, and on the trust fixture's
//! article (an author, a medical reviewer, cited sources, a checklist and a
//! pricing table): performance, accessibility, best practices and SEO must
//! all be 100, on a phone and on a desktop.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;

use std::process::Command;
use std::sync::Mutex;

use faqpress::config::Overrides;
use support::StaticServer;

const CATEGORIES: [&str; 4] = ["performance", "accessibility", "best-practices", "seo"];

/// Held while Lighthouse runs. The tests of this file would otherwise run
/// two Chromiums at once on a 2-core machine, and Total Blocking Time is
/// measured from main-thread tasks that contention makes longer: alone, the
/// bundled site measured 0 ms in 12 of 12 mobile runs.
static ONE_RUN_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs Lighthouse on `url` (`preset` as `--preset`, or the default phone)
/// and returns its report.
fn lighthouse(url: &str, preset: Option<&str>) -> serde_json::Value {
    let _alone = ONE_RUN_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let mut command = Command::new("node");
    command
        .arg(support::tool_file("lighthouse/cli/index.js"))
        .arg(url)
        .arg("--output=json")
        .arg(format!("--output-path={}", report.display()))
        .arg(format!("--only-categories={}", CATEGORIES.join(",")))
        .arg("--chrome-flags=--headless=new --no-sandbox")
        .arg("--quiet")
        .env("CHROME_PATH", support::chromium_path());
    if let Some(preset) = preset {
        command.arg(format!("--preset={preset}"));
    }
    let out = command.output().expect("node runs lighthouse");
    assert!(
        out.status.success(),
        "lighthouse failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap()
}

/// The audits that cost a category points, for the failure message.
fn failed_audits(report: &serde_json::Value, category: &str) -> Vec<String> {
    let refs = report["categories"][category]["auditRefs"]
        .as_array()
        .unwrap();
    refs.iter()
        .filter(|r| r["weight"].as_f64().unwrap_or(0.0) > 0.0)
        .filter_map(|r| {
            let id = r["id"].as_str()?;
            let audit = &report["audits"][id];
            let score = audit["score"].as_f64()?;
            (score < 1.0).then(|| format!("{id} ({score}): {}", audit["title"]))
        })
        .collect()
}

/// Requires 100 in every category for each page on a phone and a desktop,
/// and returns the reports (page, device, report) for further checks.
fn assert_every_category_scores_100(
    server: &StaticServer,
    pages: &[&str],
) -> Vec<(String, &'static str, serde_json::Value)> {
    let mut reports = Vec::new();
    for page in pages {
        for preset in [None, Some("desktop")] {
            let report = lighthouse(&server.url(page), preset);
            let device = preset.unwrap_or("mobile");
            for category in CATEGORIES {
                let score = report["categories"][category]["score"].as_f64();
                assert_eq!(
                    score,
                    Some(1.0),
                    "/{page} {device} {category}: {:#?}",
                    failed_audits(&report, category)
                );
            }
            reports.push((page.to_string(), device, report));
        }
    }
    reports
}

#[test]
fn the_default_build_of_the_bundled_site_and_a_tag_page_score_100_in_every_category() {
    let root = support::manifest_dir();
    let out = support::build_into_temp(&root, Overrides::default());
    let server = StaticServer::start(out.path().join("public"), "/");
    // The home page (the article) and a tag's page.
    assert_every_category_scores_100(&server, &["", "tags/skin-care/"]);
}

#[test]
fn the_trust_fixture_article_scores_100_in_every_category() {
    let out = support::build_into_temp(&support::fixture("trust"), Overrides::default());
    let public = out.path().join("public");
    // Served with the site's own headers (its CSP among them), as a host
    // reading `_headers` serves it.
    let (server, headers) = StaticServer::with_site_headers(&public, "/");
    assert!(
        headers
            .iter()
            .any(|(name, _)| name == "Content-Security-Policy"),
        "{headers:?}"
    );
    assert_every_category_scores_100(&server, &[""]);
}

#[test]
fn the_image_fixture_scores_100_with_no_layout_shift() {
    // A copy: the build writes its image cache inside the site.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    support::copy_dir(&support::fixture("images"), &site);
    let public = dir.path().join("public");
    let server = StaticServer::start(&public, "/");
    let options = faqpress::BuildOptions {
        root: site,
        output: public,
        overrides: Overrides {
            base_url: Some(server.url("")),
            ..Overrides::default()
        },
    };
    faqpress::build(&options).unwrap_or_else(|d| panic!("build failed: {d:#?}"));
    // The home page (a photo) and the chart page (a chart and an icon).
    for (page, device, report) in assert_every_category_scores_100(&server, &["", "guides/chart/"])
    {
        let shift = report["audits"]["cumulative-layout-shift"]["numericValue"].as_f64();
        assert_eq!(shift, Some(0.0), "/{page} {device}: layout shift");
    }
}
