//! NumPy's legacy `RandomState` on top of the `rand_mt` MT19937: the same
//! doubles and bounded integers for the same seed, so every seeded q(x)
//! matches the original bit for bit.
use rand_mt::Mt;

/// A generator that draws like `numpy.random.RandomState(seed)`.
pub struct LegacyRandom {
    mt: Mt,
}

impl LegacyRandom {
    /// `RandomState(seed)` for an integer seed uses MT19937's `init_genrand`.
    pub fn new(seed: u32) -> Self {
        Self { mt: Mt::new(seed) }
    }

    /// `random_sample()`: 53 random bits from two 32-bit outputs.
    pub fn random_sample(&mut self) -> f64 {
        let a = (self.mt.next_u32() >> 5) as f64;
        let b = (self.mt.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// Legacy `randint(low, high)` for ranges below 2^32: mask and reject.
    /// Returns `low` for an empty or single-value range.
    pub fn randint(&mut self, low: i64, high: i64) -> i64 {
        let span = high as i128 - low as i128;
        if span <= 1 {
            return low;
        }
        let rng = (span - 1) as u64;
        if rng >= u32::MAX as u64 {
            // Not used by the article; keep a defined answer rather than panic.
            return low + (self.mt.next_u32() as i64);
        }
        let rng = rng as u32;
        let mut mask = rng;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        loop {
            let v = self.mt.next_u32() & mask;
            if v <= rng {
                return low + v as i64;
            }
        }
    }

    /// Legacy `choice(list)` = `list[randint(0, len)]`; `None` for an empty list.
    pub fn choice<T: Copy>(&mut self, list: &[T]) -> Option<T> {
        if list.is_empty() {
            return None;
        }
        let i = self.randint(0, list.len() as i64) as usize;
        list.get(i).copied()
    }
}
