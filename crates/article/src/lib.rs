//! Article builder: markdown + KaTeX to HTML at build time.
