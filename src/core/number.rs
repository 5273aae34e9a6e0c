//! Writing numbers as text without std's float formatting: SVG coordinates and messages
//! need a fixed number of decimals, file formats need the shortest exact form. std's
//! `Display for f64` would add ~15 KB to the wasm next to serde_json's float writer,
//! which the app ships anyway for case files.

use std::fmt;

/// `value` rounded to `decimals` places (at most 6), written as `-12.5`: integer
/// arithmetic, no exponent, no negative zero. A value whose rounded form times
/// 10^`decimals` passes ±9.2·10¹⁸ is clamped there; a value that is not a number is
/// written as 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        let decimals = decimals.min(6);
        let scale = 10_u64.pow(decimals);
        // `as` saturates: NaN becomes 0, infinities the extreme integers.
        let scaled = (value * scale as f64).round() as i64;
        let sign = if scaled < 0 { "-" } else { "" };
        let magnitude = scaled.unsigned_abs();
        if decimals == 0 {
            write!(f, "{sign}{magnitude}")
        } else {
            let width = decimals as usize;
            write!(f, "{sign}{}.{:0width$}", magnitude / scale, magnitude % scale)
        }
    }
}

/// The shortest text that reads back as exactly `value` (`12.5`, `0.1`, `1e21`); empty
/// for a value that is not finite, which no file format here can hold.
pub fn shortest(value: f64) -> String {
    if value.is_finite() {
        serde_json::to_string(&value).unwrap_or_default()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rounds_to_the_asked_decimals() {
        let written = |value: f64, decimals: u32| Fixed(value, decimals).to_string();
        assert_eq!(written(12.345, 1), "12.3");
        assert_eq!(written(-12.35, 1), "-12.4");
        assert_eq!(written(-0.04, 1), "0.0");
        assert_eq!(written(0.5, 0), "1");
        assert_eq!(written(7.0, 3), "7.000");
        assert_eq!(written(-4.256, 2), "-4.26");
        assert_eq!(written(f64::NAN, 1), "0.0");
        assert_eq!(written(1.0e9, 1), "1000000000.0");
    }

    #[test]
    fn fixed_agrees_with_std_away_from_ties() {
        for step in -20_000..20_000 {
            let value = f64::from(step) * 0.0137;
            let read = |text: String| text.parse::<f64>().expect("a number");
            let (ours, std) = (read(Fixed(value, 1).to_string()), read(format!("{value:.1}")));
            // At a decimal tie std rounds the exact binary value; this rounds value × 10.
            let near_tie = ((value * 10.0).abs().fract() - 0.5).abs() < 1e-6;
            if near_tie {
                assert!((ours - std).abs() <= 0.1 + 1e-9, "{value}: {ours} against {std}");
            } else {
                assert_eq!(ours, std, "{value}");
            }
        }
    }

    #[test]
    fn shortest_reads_back_exactly() {
        for value in [0.1, 12.5, -3.0, 1e21, 123.456_789, f64::MIN_POSITIVE] {
            assert_eq!(shortest(value).parse::<f64>(), Ok(value));
        }
        assert_eq!(shortest(12.5), "12.5");
        assert_eq!(shortest(f64::INFINITY), "");
    }
}
