//! Images in `content/`: the `<picture>` each Markdown image becomes, the
//! variants written (their sizes and formats, decoded back), the cache
//! that lets a second build encode nothing, `_headers`, `og:image`, the
//! base path, both themes, `serve` and `check`.

mod support;

use std::fs;
use std::path::Path;

use faqpress::config::Overrides;
use faqpress::{BuildOptions, build};
use support::fixture;

/// A copy of the image fixture in a fresh folder: builds write their image
/// cache inside the site, which must not be the repository's fixture.
fn image_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&fixture("images"), dir.path());
    dir
}

fn build_site(root: &Path, overrides: Overrides) -> faqpress::BuildReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        overrides,
    };
    build(&options).unwrap_or_else(|d| panic!("build failed: {d:#?}"))
}

fn read(root: &Path, path: &str) -> String {
    fs::read_to_string(root.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<picture>` elements of a page, in order.
fn pictures(html: &str) -> Vec<&str> {
    html.match_indices("<picture>")
        .map(|(i, _)| {
            let end = html[i..].find("</picture>").expect("picture is closed");
            &html[i..i + end]
        })
        .collect()
}

/// Width and height of an image file of the output, decoded.
fn decoded_size(root: &Path, path: &str) -> (u32, u32) {
    let image =
        image::open(root.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    (image.width(), image.height())
}

/// Whether the file is an AVIF image: an ISO-BMFF `ftyp` box of brand `avif`.
fn is_avif(root: &Path, path: &str) -> bool {
    let bytes = fs::read(root.join("public").join(path)).unwrap();
    bytes.len() > 100 && &bytes[4..8] == b"ftyp" && &bytes[8..12] == b"avif"
}

/// The output files named like `prefix*suffix`.
fn outputs(root: &Path, dir: &str, prefix: &str, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root.join("public").join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .collect();
    names.sort();
    names
}

#[test]
fn markdown_images_become_sized_responsive_pictures() {
    let site = image_site();
    let root = site.path();
    let report = build_site(root, Overrides::default());
    // roller.jpg (600 px): 320 and 600; chart.png (1000 px): 320 and 640;
    // icon.webp (200 px): 200; each in AVIF and the original format, and
    // the 1200×630 sharing image of roller.jpg.
    assert_eq!(report.images_encoded, 11);

    let home = read(root, "index.html");
    let [roller] = pictures(&home)[..] else {
        panic!("one picture on the home page: {home}")
    };
    assert!(roller.contains("<source type=\"image/avif\" srcset=\"/roller."));
    assert!(roller.contains("<source type=\"image/jpeg\" srcset=\"/roller."));
    assert!(roller.contains(" width=\"600\" height=\"400\""), "{roller}");
    assert!(roller.contains("alt=\"A derma roller on a towel\" title=\"The roller\""));
    // The first image of an article is likely in view: not lazy.
    assert!(!roller.contains("loading="), "{roller}");
    assert!(roller.contains("decoding=\"async\""));

    let chart_page = read(root, "guides/chart/index.html");
    let [chart, icon] = pictures(&chart_page)[..] else {
        panic!("two pictures on the chart page: {chart_page}")
    };
    assert!(chart.contains(" width=\"1000\" height=\"500\""));
    assert!(!chart.contains("loading="), "first image of its article");
    assert!(icon.contains(" width=\"200\" height=\"120\" loading=\"lazy\" decoding=\"async\""));
    assert!(icon.contains("type=\"image/webp\""));
    assert!(!chart_page.contains("<img src=\"/guides/chart.png\""));

    // Never upscaled: the 600 px photo gets 320 and 600, not 640.
    let jpegs = outputs(root, "", "roller.", ".jpg");
    let widths: Vec<u32> = jpegs
        .iter()
        .filter(|n| !n.contains(".og.") && *n != "roller.jpg")
        .map(|n| decoded_size(root, n).0)
        .collect();
    assert_eq!(widths, [320, 600], "{jpegs:?}");
    for name in outputs(root, "", "roller.", ".avif") {
        assert!(is_avif(root, &name), "{name}");
        assert!(roller.contains(&format!("/{name} ")), "{name} is offered");
    }
    let pngs = outputs(root, "guides", "chart.", ".png");
    let sizes: Vec<(u32, u32)> = pngs
        .iter()
        .filter(|n| *n != "chart.png")
        .map(|n| decoded_size(root, &format!("guides/{n}")))
        .collect();
    assert_eq!(sizes, [(320, 160), (640, 320)]);
    let transparent = image::open(root.join("public/guides").join(&pngs[0])).unwrap();
    assert!(
        transparent.color().has_alpha(),
        "the chart keeps its transparency"
    );
    assert_eq!(outputs(root, "guides", "chart.", ".avif").len(), 2);
    let icons = outputs(root, "guides", "icon.", ".webp");
    assert_eq!(icons.len(), 2, "the original and one variant: {icons:?}");
    // The original is still published as it was.
    assert_eq!(
        fs::read(root.join("public/roller.jpg")).unwrap(),
        fs::read(root.join("content/roller.jpg")).unwrap()
    );
}

#[test]
fn variants_are_cached_long_and_shared_as_og_image() {
    let site = image_site();
    let root = site.path();
    build_site(root, Overrides::default());
    let headers = read(root, "_headers");
    let variants = outputs(root, "", "roller.", ".avif");
    assert_eq!(variants.len(), 2);
    for name in variants
        .iter()
        .chain(&outputs(root, "guides", "chart.", ".png"))
    {
        if name == "chart.png" {
            assert!(
                !headers.contains("/guides/chart.png\n"),
                "originals keep their name"
            );
            continue;
        }
        let path = if name.starts_with("chart") {
            format!("guides/{name}")
        } else {
            name.clone()
        };
        assert!(
            headers.contains(&format!(
                "/{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
            )),
            "{path} in {headers}"
        );
    }
    let home = read(root, "index.html");
    let [og] = &outputs(root, "", "roller.", ".og.jpg")[..] else {
        panic!("one sharing image")
    };
    assert!(home.contains(&format!(
        "<meta property=\"og:image\" content=\"https://example.com/{og}\">"
    )));
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert_eq!(decoded_size(root, og), (1200, 630));
    // The chart page names the photo in its front matter (`image:`).
    let chart = read(root, "guides/chart/index.html");
    assert!(
        chart.contains(&format!("content=\"https://example.com/{og}\"")),
        "{chart}"
    );
}

#[test]
fn a_second_build_encodes_nothing() {
    let site = image_site();
    let root = site.path();
    let first = build_site(root, Overrides::default());
    assert!(first.images_encoded > 0);
    let variant = outputs(root, "", "roller.", ".avif").remove(0);
    let before = fs::read(root.join("public").join(&variant)).unwrap();
    let cached = fs::read_dir(root.join(".faqpress-cache/images"))
        .unwrap()
        .count();
    assert_eq!(cached, first.images_encoded);

    let second = build_site(root, Overrides::default());
    assert_eq!(
        second.images_encoded, 0,
        "every variant came from the cache"
    );
    assert_eq!(second.files, first.files);
    assert_eq!(
        fs::read(root.join("public").join(&variant)).unwrap(),
        before
    );

    // A changed image is encoded again, under a new name; the others not.
    let icon = image::RgbImage::from_pixel(200, 120, image::Rgb([10, 120, 90]));
    icon.save(root.join("content/guides/icon.webp")).unwrap();
    let third = build_site(root, Overrides::default());
    assert_eq!(
        third.images_encoded, 2,
        "the icon's AVIF and WebP at 200 px"
    );
    let icons = outputs(root, "guides", "icon.", ".avif");
    assert_eq!(
        icons.len(),
        1,
        "only the new variant is published: {icons:?}"
    );
    assert!(read(root, "guides/chart/index.html").contains(&format!("/guides/{} 200w", icons[0])));
}

/// The names in the site's image cache, sorted.
fn cache_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root.join(".faqpress-cache/images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_leaves_in_the_cache_only_the_variants_it_used() {
    let site = image_site();
    let root = site.path();
    let first = build_site(root, Overrides::default());
    let first_names = cache_names(root);
    assert_eq!(first_names.len(), first.images_encoded);
    // Left by something else, or by a build killed while writing.
    fs::write(root.join(".faqpress-cache/images/.stray.avif.tmp"), b"x").unwrap();
    fs::write(root.join(".faqpress-cache/images/old.320.avif"), b"x").unwrap();

    // The icon is no longer shown, and another width is asked for.
    let chart = root.join("content/guides/chart.md");
    let text = fs::read_to_string(&chart).unwrap();
    fs::write(&chart, text.replace("![](icon.webp)", "")).unwrap();
    let config = root.join("site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("[320, 640]", "[320, 480]")).unwrap();
    let second = build_site(root, Overrides::default());

    let names = cache_names(root);
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with('.') || n.starts_with("old.")),
        "stray files are removed: {names:?}"
    );
    // roller.jpg at 320 and 480, chart.png at 320 and 480, both formats,
    // and roller's sharing image: 9, none of the icon's, none at 640.
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(!names.iter().any(|n| n.contains(".640.")), "{names:?}");
    let kept = first_names.iter().filter(|n| names.contains(n)).count();
    assert_eq!(
        kept,
        9 - second.images_encoded,
        "unchanged variants stay cached"
    );

    // A third build finds all of them.
    assert_eq!(build_site(root, Overrides::default()).images_encoded, 0);
}

#[test]
fn urls_carry_the_base_path_in_both_themes() {
    for theme in ["clinical", "serene"] {
        let site = image_site();
        let root = site.path();
        let overrides = Overrides {
            base_url: Some("https://u.github.io/repo/".to_string()),
            theme: Some(theme.to_string()),
            ..Overrides::default()
        };
        build_site(root, overrides);
        let chart = read(root, "guides/chart/index.html");
        let pictures = pictures(&chart);
        assert_eq!(pictures.len(), 2, "{theme}");
        for picture in pictures {
            for part in picture.split("srcset=\"").skip(1) {
                let list = &part[..part.find('"').unwrap()];
                for entry in list.split(", ") {
                    let url = entry.split(' ').next().unwrap();
                    assert!(url.starts_with("/repo/guides/"), "{theme}: {entry}");
                    let file = url.strip_prefix("/repo/").unwrap();
                    assert!(root.join("public").join(file).is_file(), "{theme}: {file}");
                }
            }
        }
        assert!(read(root, "_headers").contains("/repo/guides/icon."));
    }
}

#[test]
fn serve_serves_the_variants_and_fills_the_cache() {
    let site = image_site();
    let root = site.path();
    let mut session = faqpress::serve::Session::new(root, "http://127.0.0.1:1", false);
    let built = session.rebuild(&[]).unwrap_or_else(|d| panic!("{d:#?}"));
    let variants: Vec<&String> = built
        .files
        .keys()
        .filter(|p| p.starts_with("roller.") && p.ends_with(".avif"))
        .collect();
    assert_eq!(variants.len(), 2, "{:?}", built.files.keys());
    let cached = fs::read_dir(root.join(".faqpress-cache/images"))
        .unwrap()
        .count();
    assert_eq!(cached, 11);
    // A build after serve finds every variant in the cache.
    assert_eq!(build_site(root, Overrides::default()).images_encoded, 0);
}

#[test]
fn check_warns_about_heavy_images_and_missing_alt_text() {
    let site = image_site();
    let sources = faqpress::source::load(site.path()).unwrap();
    let today = faqpress::date::Date::new(2026, 1, 1).unwrap();
    let found = faqpress::check::check_sources(&sources, &Overrides::default(), &[], today);
    let messages: Vec<String> = found
        .iter()
        .map(|d| {
            format!(
                "{}:{:?}: {}",
                d.file,
                d.position.as_ref().map(|p| p.line),
                d.message
            )
        })
        .collect();
    assert!(
        messages.contains(&"content/guides/chart.md:Some(8): the image `guides/chart.png` is 11 KB, more than the 10 KB `images.max_kb` allows".to_string()),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`icon.webp` has no alt text")),
        "{messages:#?}"
    );
    assert!(!faqpress::diagnostics::has_errors(&found), "{messages:#?}");
    // `check` writes nothing, not even the cache.
    assert!(!site.path().join(".faqpress-cache").exists());
}
