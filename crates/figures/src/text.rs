//! Every word the demos show, in English and Chinese: control labels,
//! panel titles, legends and notes. The page (`crates/web`) and `dpm figure`
//! both take their words from here, so a demo's plots carry the same titles
//! in the page and in a file. Labels use the words of the article's demo
//! leads (content/*/NN-demo_*.md), so the text and the controls agree.

use crate::Lang;

/// One string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Text { en, zh }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

// ---- Controls ----------------------------------------------------------------
pub const SEED: Text = Text::new("seed", "随机种子");
pub const ALPHA: Text = Text::new("alpha", "alpha");
pub const ALPHA_LINEAR: Text = Text::new("alpha of the linear transform", "线性变换的 alpha");
pub const ALPHA_NOISE: Text = Text::new("alpha of the added noise", "加噪的 alpha");
pub const COND: Text = Text::new("z (fixed condition)", "z（固定条件）");
pub const LAMBDA2: Text = Text::new("second largest eigenvalue |λ₂|", "第二大特征值 |λ₂|");
pub const INPUTS_SEED: Text = Text::new("two inputs seed", "两个输入的随机种子");
pub const NEW_INPUTS_SEED: Text = Text::new("change inputs seed", "更换输入种子");
pub const SLIDER_SUFFIX: Text = Text::new("slider", "滑块");

// ---- Demo 1 charts -----------------------------------------------------------
pub const D1_INPUT: Text = Text::new("input pdf q(x)", "输入分布 q(x)");
pub const D1_LINEAR: Text = Text::new("after the linear transform", "线性变换之后");
pub const D1_NOISE: Text = Text::new("after adding noise", "加噪之后");
pub const D1_BOTH: Text = Text::new(
    "after both (linear, then noise)",
    "两步都做（先线性变换，再加噪）",
);

// ---- Demo 2 charts -----------------------------------------------------------
pub const Q_X: Text = Text::new("data pdf q(x)", "数据分布 q(x)");
pub const Q_Z: Text = Text::new("transformed pdf q(z)", "变换后的分布 q(z)");
pub const LIKELIHOOD: Text = Text::new("likelihood q(z|x)", "似然 q(z|x)");
pub const POSTERIOR: Text = Text::new("posterior q(x|z)", "后验 q(x|z)");
/// `{z}` is replaced by the condition's value.
pub const FIXED_CONDITION: Text = Text::new(
    "posterior with fixed condition z = {z}",
    "固定条件 z = {z} 下的后验",
);

// ---- Demo 4.1 charts ---------------------------------------------------------
pub const TWO_INPUTS: Text = Text::new("two input pdfs", "两个输入分布");
pub const TWO_OUTPUTS: Text = Text::new("after the posterior transform", "经过后验变换后的输出");
pub const DIV_IN: Text = Text::new("(JS distance of the inputs)", "（两个输入的 JS 距离）");
pub const DIV_OUT: Text = Text::new("(JS distance of the outputs)", "（两个输出的 JS 距离）");

// ---- Apply demos (3.1, 3.2, 3.3, 4.2) -----------------------------------------
pub const APPLY: Text = Text::new("Apply", "应用");
pub const START_ALPHA: Text = Text::new("start alpha", "起始 alpha");
pub const END_ALPHA: Text = Text::new("end alpha", "结束 alpha");
pub const STEPS: Text = Text::new("steps", "步数");
pub const SHOW_FORWARD: Text = Text::new("show forward pdf", "显示前向 pdf");
pub const SHOW_BACKWARD: Text = Text::new("show backward pdf", "显示后向 pdf");
/// Demo 3.3's checkboxes (the article's words for them).
pub const FORWARD_PDF: Text = Text::new("forward pdf", "前向 pdf");
pub const BACKWARD_PDF: Text = Text::new("backward pdf", "后向 pdf");
pub const FITTED_POSTERIOR_PDF: Text = Text::new("fitted posterior", "拟合后验");
pub const NOISE_SEED: Text = Text::new("noise random seed", "噪声随机种子");
pub const NOISE_RATIO: Text = Text::new("noise ratio", "噪声比例");
pub const INPUT_SEED: Text = Text::new("input seed", "输入随机种子");
pub const ITERATE_NUMBER: Text = Text::new("iterate number", "迭代次数");
pub const SHOW_POWER: Text = Text::new("show power matrix", "显示幂矩阵");
pub const POSTERIOR_PDF: Text = Text::new(
    "posterior pdf q(zₜ₋₁|zₜ) of each step",
    "每一步的后验 pdf q(zₜ₋₁|zₜ)",
);
pub const FITTED_POSTERIOR: Text = Text::new("fitted posterior of each step", "每一步的拟合后验");
pub const POWER_MATRICES: Text = Text::new("power matrices Qⁿ", "幂矩阵 Qⁿ");
pub const HINT_3_1: Text = Text::new(
    "Press Apply to run the forward chain: q(x) is transformed step by step towards N(0, 1).",
    "点击“应用”运行前向链：q(x) 一步步变换，逐渐接近 N(0, 1)。",
);
pub const NEEDS_CHAIN: Text = Text::new(
    "This demo restores the chain computed by Demo 3.1: press Apply there first.",
    "本演示恢复的是演示 3.1 算出的链：请先在演示 3.1 中点击“应用”。",
);
pub const NEW_CHAIN: Text = Text::new(
    "Demo 3.1 has computed a new chain since these panels were drawn: press Apply to restore it.",
    "演示 3.1 已算出新的链，下面的图还是旧链的结果：点击“应用”恢复新链。",
);
pub const HINT_APPLY: Text = Text::new(
    "Press Apply to restore q(x) from the end of the chain.",
    "点击“应用”，从链的末端恢复 q(x)。",
);
pub const HINT_4_2: Text = Text::new(
    "Press Apply to transform the input again and again with Demo 4.1's posterior.",
    "点击“应用”，用演示 4.1 的后验反复变换输入。",
);
pub const NO_TRANSFORM: Text = Text::new(
    "Demo 4.1 is not running, so there is no posterior to iterate.",
    "演示 4.1 未运行，没有可迭代的后验。",
);
pub const INPUT: Text = Text::new("input", "输入");
pub const FITTED: Text = Text::new("fitted", "拟合");

// ---- Messages ------------------------------------------------------------------
/// Shown in each demo if the wasm panics.
pub const PANIC: Text = Text::new(
    "This demo stopped because of an internal error. Reload the page to start it again.",
    "本演示因内部错误而停止。请刷新页面重新开始。",
);
/// Shown when a demo could not be built at all.
pub const MOUNT_FAILED: Text = Text::new(
    "This demo could not start in this browser.",
    "本演示无法在此浏览器中启动。",
);

// ---- Titles with numbers in them ----------------------------------------------
// One function per kind of title, so the page and `dpm figure` format the
// numbers alike.

/// Demo 2's last panel: the posterior at the fixed condition `z` (as shown).
pub fn fixed_condition_title(lang: Lang, z: &str) -> String {
    FIXED_CONDITION.get(lang).replace("{z}", z)
}

/// The legend of the posterior in demo 2's last panel.
pub fn fixed_condition_legend(z: &str) -> String {
    format!("q(x|z={z})")
}

/// The title of step `t`'s panel in demos 3.1-3.3: q(x), or q(z_t) with its
/// alpha (`alphas[t - 1]`).
pub fn step_title(lang: Lang, t: usize, alphas: &[f64]) -> String {
    if t == 0 {
        return Q_X.get(lang).to_string();
    }
    match alphas.get(t - 1) {
        Some(&a) => format!("q(z_{t})  α_{t} = {}", alpha_text(a)),
        None => format!("q(z_{t})"),
    }
}

/// An alpha with three decimals, or more when it was typed with more.
pub fn alpha_text(a: f64) -> String {
    let three = format!("{a:.3}");
    if three.parse::<f64>() == Ok(a) {
        three
    } else {
        let s = format!("{a:.6}");
        s.trim_end_matches('0').to_string()
    }
}

/// The posterior of step `t`, q(z_{t-1}|z_t), with z_0 written x.
pub fn posterior_title(t: usize) -> String {
    if t <= 1 {
        "q(x|z_1)".to_string()
    } else {
        format!("q(z_{}|z_{t})", t - 1)
    }
}

/// Demo 3.3's fitted posterior of step `t`.
pub fn fitted_posterior_title(lang: Lang, t: usize) -> String {
    format!("{} {}", FITTED.get(lang), posterior_title(t))
}

/// A curve's JS distance to the forward pdf, in a legend (demos 3.2, 3.3).
pub fn js_legend(js: f64) -> String {
    format!("JS {js:.4}")
}

/// Demo 4.1's JS distances in the legends of its input and output plots.
pub fn div_in_legend(js: f64) -> String {
    format!("div_in={js:.4}")
}

/// See [`div_in_legend`].
pub fn div_out_legend(js: f64) -> String {
    format!("div_out={js:.4}")
}

/// Demo 4.2: the panel of the `n`-th iterate.
pub fn iterate_title(n: u64) -> String {
    format!("n = {n}")
}

/// Demo 4.2: the heat map of the power matrix `Q^n`.
pub fn power_title(n: u64) -> String {
    format!("power(mat, {n})")
}

// Issue 16, the explorable demos (kept together here, after the rest).

/// Demo 3.2's samples view: the checkbox and the number of particles.
pub const SHOW_SAMPLES: Text = Text::new("show sampled particles", "显示采样粒子");
pub const SAMPLES: Text = Text::new("number of particles", "粒子数");
/// The dice beside every seed field (its accessible name), and what it
/// says if the browser gives no random numbers.
pub const RANDOM_SEED: Text = Text::new("draw a fresh random seed", "随机抽一个新种子");
/// The readout under the pointer on a heat map: the cell's value.
pub const HOVER_VALUE: Text = Text::new("value", "值");
/// The animated chains (demos 3.1, 3.2): the folded section, its buttons
/// and speed control, and what each shows.
pub const ANIMATE_FORWARD: Text = Text::new(
    "Animate the chain: q(x) carried to N(0,1)",
    "动画：q(x) 一步步变成 N(0,1)",
);
pub const ANIMATE_RESTORE: Text = Text::new(
    "Animate the restoration: back from N(0,1) to q(x)",
    "动画：从 N(0,1) 一步步还原 q(x)",
);
pub const PLAY: Text = Text::new("Play", "播放");
pub const PAUSE: Text = Text::new("Pause", "暂停");
pub const STEP_ONCE: Text = Text::new("Step", "单步");
pub const SPEED: Text = Text::new("speed", "速度");
pub const STEP_WORD: Text = Text::new("step", "步");
pub const JS_TO_NORMAL: Text = Text::new("JS distance to N(0,1)", "与 N(0,1) 的 JS 距离");
pub const JS_TO_FORWARD: Text = Text::new("JS distance to the forward pdf", "与前向分布的 JS 距离");
/// Your own q(x): the drawing toggle and the way back.
pub const DRAW_Q_X: Text = Text::new("draw your own q(x)", "自己画 q(x)");
pub const RESET_DATA: Text = Text::new("back to the seed's q(x)", "恢复种子的 q(x)");
pub const NO_RANDOM: Text = Text::new(
    "This browser gave no random numbers; type a seed instead.",
    "浏览器没有提供随机数，请手动输入种子。",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_alphas_keep_their_digits() {
        assert_eq!(alpha_text(0.98), "0.980");
        assert_eq!(alpha_text(0.857375), "0.857375");
        assert_eq!(step_title(Lang::En, 0, &[0.9]), "data pdf q(x)");
        assert_eq!(step_title(Lang::Zh, 1, &[0.9]), "q(z_1)  α_1 = 0.900");
        assert_eq!(
            step_title(Lang::En, 2, &[0.9]),
            "q(z_2)",
            "no alpha for the step"
        );
    }

    #[test]
    fn posterior_titles_write_z0_as_x() {
        assert_eq!(posterior_title(1), "q(x|z_1)");
        assert_eq!(posterior_title(3), "q(z_2|z_3)");
        assert_eq!(fitted_posterior_title(Lang::Zh, 1), "拟合 q(x|z_1)");
    }
}
