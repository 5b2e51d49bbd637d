//! `dpm figure`: every demo renders to SVG and PNG; bad input exits 2.
use std::process::Command;

fn dpm(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dpm"))
        .args(args)
        .output()
        .expect("dpm runs")
}

#[test]
fn every_live_demo_renders_to_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("dpm-figure-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["demo_1", "demo_2", "demo_4_1"] {
        for (format, lang) in [("svg", "en"), ("svg", "zh"), ("png", "en")] {
            let out = dir.join(format!("{name}-{lang}.{format}"));
            let o = dpm(&[
                "figure",
                name,
                "--format",
                format,
                "--lang",
                lang,
                "--out",
                out.to_str().unwrap(),
            ]);
            assert!(
                o.status.success(),
                "{name} {format}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let bytes = std::fs::read(&out).unwrap();
            if format == "png" {
                assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: PNG magic");
                assert!(bytes.len() > 20_000, "{name}: a real picture, not a blank");
            } else {
                let text = String::from_utf8(bytes).unwrap();
                assert!(text.contains("<svg"), "{name}: SVG root");
                let want = if lang == "zh" { "q(x)" } else { "data pdf" };
                if name != "demo_1" {
                    assert!(text.contains(want), "{name} {lang}: title text");
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_parameters_exit_2_with_one_line() {
    let out = std::env::temp_dir().join("dpm-figure-bad.svg");
    for args in [
        vec!["figure", "demo_2", "--alpha", "1.5"],
        vec!["figure", "demo_2", "--cond", "9"],
        vec!["figure", "demo_1", "--alpha-linear", "0"],
        vec!["figure", "demo_9"],
    ] {
        let mut a = args.clone();
        a.extend(["--out", out.to_str().unwrap()]);
        let o = dpm(&a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

fn renders(name: &str, extra: &[&str], dir: &std::path::Path) {
    for (format, lang) in [("svg", "en"), ("svg", "zh"), ("png", "en")] {
        let out = dir.join(format!("{name}-{lang}.{format}"));
        let mut args = vec![
            "figure",
            name,
            "--format",
            format,
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = dpm(&args);
        assert!(
            o.status.success(),
            "{name} {format} {lang}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
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
        }
    }
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
    let out = dir.join("c2.svg");
    let o = dpm(&[
        "figure",
        "fig_c2",
        "--alpha",
        "0.9",
        "--alpha-b",
        "0.995",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("(a) α = 0.9\n") && text.contains("(b) α = 0.995\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_figure_parameters_exit_2_with_one_line_on_stderr() {
    let out = std::env::temp_dir().join("dpm-figure-bad-2.svg");
    for args in [
        vec!["figure", "fig_c2", "--alpha", "1.5"],
        vec!["figure", "fig_c2", "--alpha-b", "abc"],
        vec!["figure", "fig_d4", "--z", "9"],
        vec!["figure", "fig_d1", "--beta", "0"],
        vec!["figure", "fig_d2", "--power", "0"],
        vec!["figure", "fig_d5", "--alpha", "NaN"],
        vec!["figure", "fig_c1", "--seed", "-1"],
        vec!["figure", "fig_7_1"],
        vec!["figure", "demo_3_1", "--steps", "0"],
        vec!["figure", "demo_3_2", "--noise-ratio", "2"],
        vec!["figure", "demo_4_2", "--iterate-number", "2000000"],
        vec!["figure", "fig_c2", "--format", "png", "--lang", "zh"],
    ] {
        let mut a = args.clone();
        a.extend(["--out", out.to_str().unwrap()]);
        let o = dpm(&a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout");
        let err = String::from_utf8_lossy(&o.stderr);
        if !args
            .iter()
            .any(|a| *a == "abc" || *a == "-1" || *a == "fig_7_1")
        {
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        }
    }
}
