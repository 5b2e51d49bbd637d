//! Charts: draws arrays, computes no mathematics.
