//! The build fails, naming file and line, on each kind of broken content; a
//! small complete fixture (made in a temp dir) builds.

use dpm_article::sections::{file_name, Kind, SECTIONS};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A complete two-language content tree in a fresh temp dir, removed on drop.
struct Fixture {
    root: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        // Tests run in parallel: each fixture gets its own directory.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("dpm-article-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for lang in ["en", "zh"] {
            fs::create_dir_all(root.join(lang)).unwrap();
            for (i, (id, kind)) in SECTIONS.iter().enumerate() {
                let kind = match kind {
                    Kind::Text => "text",
                    Kind::Demo => "demo",
                };
                let body = match (*id, lang) {
                    ("introduction", "en") => "Diffusion models [[1]](#dpm) in one line.\n\n<figure data-figure=\"fig_1\"></figure>\n\nSee [the demo](#demo_2).\n",
                    ("introduction", "zh") => "扩散模型[[1]](#dpm)。\n\n<figure data-figure=\"fig_1\"></figure>\n\n见[演示](#demo_2)。\n",
                    ("transform", "en") => "The transform\n$$\nZ = \\sqrt{\\alpha} X \\tag{1.1}\n$$\nwhere $\\alpha < 1$.\n",
                    ("transform", "zh") => "变换\n$$\nZ = \\sqrt{\\alpha} X \\quad \\text{其中 } \\alpha<1 \\tag{1.1}\n$$\n",
                    ("reference", _) => "<a id=\"dpm\" href=\"https://arxiv.org/abs/1503.03585\">[1] Deep Unsupervised Learning</a>\n",
                    (_, "en") => "Some text.\n",
                    _ => "一些文字。\n",
                };
                let text =
                    format!("---\nid: {id}\nkind: {kind}\ntitle: Title of {id}\n---\n{body}");
                fs::write(root.join(lang).join(file_name(i, id)), text).unwrap();
            }
        }
        Fixture { root }
    }

    /// A fixture with the body of one file replaced.
    fn with_body(lang: &str, id: &str, body: &str) -> Fixture {
        Fixture::with_bodies(&[(lang, id, body)])
    }

    /// A fixture with the bodies of some files replaced: `(language, section, body)`.
    fn with_bodies(bodies: &[(&str, &str, &str)]) -> Fixture {
        let fx = Fixture::new();
        for (lang, id, body) in bodies {
            fx.set_body(lang, id, body);
        }
        fx
    }

    fn path(&self, lang: &str, id: &str) -> PathBuf {
        let i = SECTIONS.iter().position(|s| s.0 == id).unwrap();
        self.root.join(lang).join(file_name(i, id))
    }

    /// Replaces the body of one file, keeping its front matter (5 lines).
    fn set_body(&self, lang: &str, id: &str, body: &str) {
        let path = self.path(lang, id);
        let text = fs::read_to_string(&path).unwrap();
        let fm_end = text.match_indices("---\n").nth(1).unwrap().0 + 4;
        fs::write(path, format!("{}{}", &text[..fm_end], body)).unwrap();
    }

    fn remove(&self, lang: &str, id: &str) {
        fs::remove_file(self.path(lang, id)).unwrap();
    }

    /// The build's error messages, one string each.
    fn errors(&self) -> Vec<String> {
        match dpm_article::build(&self.root) {
            Ok(_) => panic!("the build should have failed"),
            Err(diags) => diags.iter().map(|d| d.to_string()).collect(),
        }
    }

    fn expect_error(&self, needles: &[&str]) {
        let errors = self.errors();
        assert!(
            errors.iter().any(|e| needles.iter().all(|n| e.contains(n))),
            "no error containing {needles:?} in {errors:#?}"
        );
    }

    fn loc(&self, lang: &str, id: &str, line: usize) -> String {
        format!("{}:{line}:", self.path(lang, id).display())
    }
}

/// An expected error: at `line` of (language, section), containing every needle.
type Expected<'a> = (&'a str, &'a str, usize, &'a [&'a str]);

/// With `bodies` replaced (`(language, section, body)`; the front matter is
/// lines 1-5), the build fails with each of `errors`. Returns the fixture.
fn bodies_fail(bodies: &[(&str, &str, &str)], errors: &[Expected]) -> Fixture {
    let fx = Fixture::with_bodies(bodies);
    for (lang, id, line, needles) in errors {
        let at = fx.loc(lang, id, *line);
        fx.expect_error(&[&[at.as_str()], *needles].concat());
    }
    fx
}

#[test]
fn complete_fixture_builds_both_languages_in_page_order() {
    let fx = Fixture::new();
    let article = dpm_article::build(&fx.root).unwrap_or_else(|d| panic!("{d:#?}"));
    for (html, lang, other) in [(&article.en, "en", "zh"), (&article.zh, "zh", "en")] {
        let mut last = 0;
        for (id, kind) in SECTIONS {
            let kind = match kind {
                Kind::Text => "text",
                Kind::Demo => "demo",
            };
            let open = format!("<details id=\"{id}\" class=\"panel {kind}\">");
            let at = html.find(&open).unwrap_or_else(|| panic!("no {open}"));
            assert!(at >= last, "{id} out of order");
            last = at;
        }
        // One language per document.
        let body = |l: &str| format!("<div class=\"body\" lang=\"{l}\">");
        assert_eq!(html.matches(&body(lang)).count(), 22);
        assert_eq!(html.matches(&body(other)).count(), 0);
        assert_eq!(html.matches("class=\"demo-root\"").count(), 7);
        assert!(html.contains("<div class=\"demo-root\" data-demo=\"demo_2\">"));
        assert!(html.contains("Interactive demo loading…") && html.contains("交互演示加载中…"));
        // equation number in the MathML, no KaTeX HTML copy
        assert!(html.contains("(1.1)</mtext>") && html.contains("<math"));
        assert!(!html.contains("katex-html"));
        // display math is lifted out of the paragraph
        // (with its typeset height, which sizes its placeholder off screen)
        assert!(html.contains(
            "<div class=\"math-display\" style=\"--h:1.10\"><span class=\"katex\"><math"
        ));
        assert_eq!(html.matches("href=\"#dpm\"").count(), 1);
        // Figure 1 is drawn, with its caption
        assert_eq!(
            html.matches("<figure class=\"figure diagram\" data-figure=\"fig_1\">")
                .count(),
            1
        );
    }
    let (en, zh) = (&article.en, &article.zh);
    assert!(en.contains("<span class=\"panel-title\" lang=\"en\">Title of posterior</span>"));
    assert!(zh.contains("其中") && !en.contains("其中"));
    // ids stay unique across the two: the Chinese copy of an anchor is prefixed, links are not
    assert_eq!(en.matches("id=\"dpm\"").count(), 1);
    assert_eq!(zh.matches("id=\"zh-dpm\"").count(), 1);
    assert!(en.contains("Figure 1:") && zh.contains("图 1："));
    assert_eq!(article.unique_formulas, 3);
}

/// One replaced body the build refuses: what it shows, the language ("both":
/// the same body in each) and section, the body, the line of the error and
/// what the error says.
type Refused = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
    &'static [&'static str],
);

const REFUSED: &[Refused] = &[
    (
        "a formula KaTeX rejects fails with file and line",
        "en",
        "posterior",
        "Fine $x$ here.\n\nBroken $\\frac{a}$ here.\n",
        8,
        &["KaTeX rejects the inline formula `\\frac{a}`: Unexpected end of input"],
    ),
    (
        "a formula with unbalanced braces is not left as text",
        "zh",
        "posterior",
        "好的 \\$5。\n\n坏的 $\\frac{a}{b$ 这里。\n",
        8,
        &["not part of a formula"],
    ),
    (
        "an unknown command in display math fails",
        "zh",
        "about",
        "文字\n\n$$\n\\notacommand{x}\n$$\n",
        8,
        &["display formula", "notacommand"],
    ),
    (
        "math inside a raw HTML block fails",
        "en",
        "posterior",
        "Text.\n\n<ul>\n<li>the support of $q(x)$</li>\n</ul>\n",
        9,
        &["`$` inside raw HTML"],
    ),
    (
        "tags that differ between the languages fail",
        "zh",
        "likelihood",
        "似然\n$$\nq(z|x) = \\mathcal{N} \\tag{2.1}\n$$\n",
        8,
        &["(2.1)", "not in the English"],
    ),
    (
        "a link to an unknown id fails",
        "en",
        "about",
        "See [nowhere](#no_such_panel).\n",
        6,
        &["`#no_such_panel`"],
    ),
    (
        "a duplicate anchor fails",
        "en",
        "about",
        "<a id=\"dpm\" href=\"https://example.org\">again</a>\n",
        6,
        &["id `dpm` is already"],
    ),
    (
        "a duplicate equation tag fails",
        "both",
        "likelihood",
        "x\n\n$$\na \\tag{1.1}\n$$\n",
        9,
        &["duplicate equation tag (1.1)"],
    ),
    (
        "an unknown figure id fails",
        "both",
        "stationary",
        "Text\n\n<figure data-figure=\"fig_z9\"></figure>\n",
        8,
        &["unknown figure id `fig_z9`"],
    ),
];

#[test]
fn refused_bodies_fail_with_file_and_line() {
    for &(case, lang, id, body, line, needles) in REFUSED {
        eprintln!("case: {case}");
        // "both": the same body in both languages, the error in the English file.
        let langs = if lang == "both" {
            vec!["en", "zh"]
        } else {
            vec![lang]
        };
        let bodies: Vec<_> = langs.iter().map(|&l| (l, id, body)).collect();
        bodies_fail(&bodies, &[(langs[0], id, line, needles)]);
    }
}

#[test]
fn missing_section_fails() {
    let fx = Fixture::new();
    fx.remove("en", "demo_2");
    fx.remove("zh", "demo_2");
    fx.expect_error(&["05-demo_2.md", "missing section `demo_2`"]);
}

#[test]
fn section_in_one_language_only_fails() {
    let fx = Fixture::new();
    fx.remove("zh", "stationary");
    fx.expect_error(&[
        &fx.path("zh", "stationary").display().to_string(),
        "present in English only",
    ]);
}

#[test]
fn misnumbered_section_fails() {
    let fx = Fixture::new();
    let from = fx.path("en", "likelihood");
    fs::rename(&from, from.with_file_name("04-likelihood.md")).unwrap();
    fs::remove_file(fx.path("en", "posterior")).unwrap();
    fx.expect_error(&["04-likelihood.md", "out of order", "03-likelihood.md"]);
}

#[test]
fn unknown_section_file_fails() {
    let fx = Fixture::new();
    fs::write(fx.root.join("zh").join("22-extra.md"), "---\n").unwrap();
    fx.expect_error(&["22-extra.md", "unknown section file"]);
}

#[test]
fn front_matter_id_must_match_file() {
    let fx = Fixture::new();
    let path = fx.path("en", "cond_kl");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("id: cond_kl", "id: kl");
    fs::write(&path, text).unwrap();
    fx.expect_error(&[&fx.loc("en", "cond_kl", 2), "front matter id `kl`"]);
}

#[test]
fn equation_references_link_to_their_formula() {
    let fx = Fixture::with_bodies(&[
        (
            "en",
            "about",
            "By equation 1.1, and not by [equation 1.1](#transform).\n",
        ),
        ("zh", "about", "由式 1.1 可知。\n"),
    ]);
    let article = dpm_article::build(&fx.root).unwrap_or_else(|d| panic!("{d:#?}"));
    let html = format!("{}{}", article.en, article.zh);
    assert!(html.contains("<a class=\"eqref\" href=\"#eq-1.1\" data-eq=\"1.1\">equation 1.1</a>,"));
    assert!(html.contains("由<a class=\"eqref\" href=\"#eq-1.1\" data-eq=\"1.1\">式 1.1</a> 可知"));
    // one link per reference: text already inside a link is left alone
    assert_eq!(html.matches("class=\"eqref\"").count(), 2);
    // the tagged formula carries the anchor, once per language
    assert_eq!(
        html.matches("<span class=\"eq-anchor\" id=\"eq-1.1\">")
            .count(),
        1
    );
    assert_eq!(
        html.matches("<span class=\"eq-anchor\" id=\"zh-eq-1.1\">")
            .count(),
        1
    );
}

#[test]
fn equation_reference_to_unknown_tag_fails() {
    let en = "Fine: equation 1.1.\n\nBut equations 1.1 to 9.9 are not.\n";
    let zh = "第一行。\n\n见 (A.15) 与式 1.1。\n";
    let fx = bodies_fail(
        &[("en", "about", en), ("zh", "about", zh)],
        &[
            ("en", "about", 8, &["equation (9.9)", "English"]),
            ("zh", "about", 8, &["equation (A.15)", "Chinese"]),
        ],
    );
    let errors = fx.errors();
    assert_eq!(
        errors.len(),
        2,
        "only the two unknown tags fail: {errors:#?}"
    );
}

#[test]
fn raw_html_link_to_anchor_of_the_other_language_only_fails() {
    let en = "<a id=\"only_en\" href=\"https://example.org\">x</a>\n";
    let zh = "见 <a href=\"#only_en\">这里</a>。\n";
    let bodies = [("en", "about", en), ("zh", "about", zh)];
    bodies_fail(&bodies, &[("zh", "about", 6, &["`#only_en`", "Chinese"])]);
}

#[test]
fn figures_that_differ_between_languages_fail() {
    let fx = Fixture::with_body(
        "en",
        "stationary",
        "<figure data-figure=\"fig_d1\"></figure>\n",
    );
    fx.expect_error(&["19-stationary.md", "figures differ between the languages"]);
}

#[test]
fn command_line_exits_non_zero_and_names_the_file() {
    let fx = Fixture::with_body("en", "posterior", "Broken $\\frac{a}$.\n");
    let out = Command::new(env!("CARGO_BIN_EXE_dpm-article"))
        .arg("--content")
        .arg(&fx.root)
        .arg("--check")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&fx.loc("en", "posterior", 6)), "{stderr}");
}

#[test]
fn command_line_injects_into_the_page_marker() {
    let fx = Fixture::new();
    let page = fx.root.join("index.html");
    let shell = "<html lang=\"en\"><head><title>x</title><meta name=\"description\" content=\"x\">\
                 <!--LANG-ALTERNATE--></head>\
                 <body><nav><!--LANG-SWITCH--></nav><main><!--ARTICLE--></main></body></html>";
    fs::write(&page, shell).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_dpm-article"))
        .args(["--content".as_ref(), fx.root.as_os_str()])
        .args(["--inject".as_ref(), page.as_os_str()])
        .status()
        .unwrap();
    assert!(status.success());
    let en = fs::read_to_string(&page).unwrap();
    let zh = fs::read_to_string(fx.root.join("index.zh.html")).unwrap();
    for (html, lang, title, other, other_href) in [
        (&en, "en", "Understanding Diffusion", "zh", "index.zh.html"),
        (&zh, "zh", "交互式理解扩散概率模型", "en", "index.html"),
    ] {
        assert!(
            html.starts_with(&format!("<html lang=\"{lang}\">")),
            "{html}"
        );
        assert!(html.contains(&format!("<title>{title}")), "{lang}: title");
        let description =
            dpm_article::page::description(dpm_article::sections::Lang::from_code(lang));
        assert!(
            html.contains(&format!("content=\"{description}\">")),
            "{lang}: description"
        );
        assert!(html.contains("<main><details id=\"introduction\""));
        assert!(html.contains(&format!("<div class=\"body\" lang=\"{lang}\">")));
        assert!(!html.contains(&format!("<div class=\"body\" lang=\"{other}\">")));
        // Each links the other, for readers without JavaScript too.
        assert!(html.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"index.html\"><link rel=\"alternate\" hreflang=\"zh\" href=\"index.zh.html\">"
        ));
        assert!(html.contains(&format!(
            "data-control=\"language\" href=\"{other_href}\" hreflang=\"{other}\""
        )));
        assert!(!html.contains("<!--"), "every marker replaced");
    }
    // injecting twice is an error, not a silent no-op
    let again = Command::new(env!("CARGO_BIN_EXE_dpm-article"))
        .args(["--content".as_ref(), fx.root.as_os_str()])
        .args(["--inject".as_ref(), page.as_os_str()])
        .output()
        .unwrap();
    assert!(!again.status.success());
    let _ = Path::new("");
}
