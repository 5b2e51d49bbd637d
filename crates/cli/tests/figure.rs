//! `dpm figure`: every demo renders to SVG and PNG; bad input exits 2.
use std::process::Command;

fn dpm(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dpm"))
        .args(args)
        .output()
        .expect("dpm runs")
}

/// Runs `dpm figure name args.. --out out`; its output file, after a success.
fn figure(name: &str, args: &[&str], out: &std::path::Path) -> Vec<u8> {
    let mut all = vec!["figure", name];
    all.extend_from_slice(args);
    all.extend(["--out", out.to_str().unwrap()]);
    let o = dpm(&all);
    assert!(
        o.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(out).unwrap()
}

/// Runs `dpm figure args..` with an output file in the temporary folder;
/// checks it exits 2 with nothing on stdout and returns stderr.
fn refused(args: &[&str]) -> String {
    let out = std::env::temp_dir().join(format!("dpm-figure-bad-{}.svg", std::process::id()));
    let mut a = vec!["figure"];
    a.extend_from_slice(args);
    a.extend(["--out", out.to_str().unwrap()]);
    let o = dpm(&a);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Renders `name` (with `extra` arguments) as SVG in both languages and as
/// PNG, checks each file, and returns the SVG texts: (English, Chinese).
fn renders(name: &str, extra: &[&str], dir: &std::path::Path) -> (String, String) {
    let mut svgs = Vec::new();
    for (format, lang) in [("svg", "en"), ("svg", "zh"), ("png", "en")] {
        let out = dir.join(format!("{name}-{lang}.{format}"));
        let mut args = vec!["--format", format, "--lang", lang];
        args.extend_from_slice(extra);
        let bytes = figure(name, &args, &out);
        if format == "png" {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: PNG magic");
            assert!(bytes.len() > 20_000, "{name}: a real picture, not a blank");
        } else {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.starts_with("<svg"), "{name}: SVG root");
            assert!(text.trim_end().ends_with("</svg>"), "{name}: complete");
            if let Some(number) = name.strip_prefix("fig_") {
                let number = number.to_uppercase();
                let number = format!("{}.{}", &number[..1], &number[1..]);
                let caption = if lang == "zh" {
                    format!("图 {number}：")
                } else {
                    format!("Figure {number}:")
                };
                assert!(text.contains(&caption), "{name} {lang}: caption");
            }
            svgs.push(text);
        }
    }
    let zh = svgs.pop().unwrap();
    (svgs.pop().unwrap(), zh)
}

#[test]
fn every_live_demo_renders_to_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("dpm-figure-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["demo_1", "demo_2", "demo_4_1"] {
        let (en, zh) = renders(name, &[], &dir);
        if name != "demo_1" {
            assert!(en.contains("data pdf"), "{name} en: title text");
            assert!(zh.contains("q(x)"), "{name} zh: title text");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_apply_demo_renders_to_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("dpm-figure-apply-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    renders("demo_3_1", &["--steps", "3"], &dir);
    renders("demo_3_2", &["--steps", "3", "--noise-ratio", "0.5"], &dir);
    renders("demo_3_3", &["--steps", "2"], &dir);
    renders(
        "demo_4_2",
        &["--iterate-number", "30", "--show-power"],
        &dir,
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_article_figure_renders_to_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("dpm-figure-article-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "fig_c1", "fig_c2", "fig_d1", "fig_d2", "fig_d3", "fig_d4", "fig_d5",
    ] {
        renders(name, &[], &dir);
    }
    // Parameters reach the figure.
    let svg = figure(
        "fig_c2",
        &["--alpha", "0.9", "--alpha-b", "0.995"],
        &dir.join("c2.svg"),
    );
    let text = String::from_utf8(svg).unwrap();
    assert!(text.contains("(a) α = 0.9\n") && text.contains("(b) α = 0.995\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_parameters_exit_2_with_one_line_on_stderr() {
    for args in [
        "demo_2 --alpha 1.5",
        "demo_2 --cond 9",
        "demo_1 --alpha-linear 0",
        "demo_9",
        "fig_c2 --alpha 1.5",
        "fig_c2 --alpha-b abc",
        "fig_d4 --z 9",
        "fig_d1 --beta 0",
        "fig_d2 --power 0",
        "fig_d5 --alpha NaN",
        "fig_c1 --seed -1",
        "fig_7_1",
        "demo_3_1 --steps 0",
        "demo_3_2 --noise-ratio 2",
        "demo_4_2 --iterate-number 2000000",
        "fig_c2 --format png --lang zh",
    ] {
        let args: Vec<&str> = args.split(' ').collect();
        let err = refused(&args);
        // clap's own errors (a bad number, an unknown figure) add usage lines.
        if !args
            .iter()
            .any(|a| ["abc", "-1", "fig_7_1", "demo_9"].contains(a))
        {
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        }
    }
}
