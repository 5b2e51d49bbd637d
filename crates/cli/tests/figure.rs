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
