//! Numbers as text: SVG coordinates and messages need a fixed number of decimals, file
//! formats need the shortest exact form, and spreadsheets' decimals are read. Formatting is
//! std's and serde_json's, reading serde_json's (correctly rounded); this module only
//! settles what SVG and the files cannot hold (negative zero, NaN, infinity) and which
//! forms a spreadsheet writes.

use std::fmt;

/// `value` rounded to `decimals` places, written as `-12.5`: std's `{:.N}` (correctly
/// rounded from the exact binary value, ties to even, no exponent), except that a value
/// that rounds to zero is written without a minus sign and a value that is not finite
/// is written as 0, since SVG has no `NaN` or `inf`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        let value = if value.is_finite() { value } else { 0.0 };
        let decimals = decimals as usize;
        // Only a value in (-1, 0] can round to a negative zero.
        if !(-1.0..=0.0).contains(&value) {
            return write!(f, "{value:.decimals$}");
        }
        let text = format!("{value:.decimals$}");
        match text.strip_prefix('-') {
            Some(magnitude) if magnitude.bytes().all(|b| b == b'0' || b == b'.') => f.write_str(magnitude),
            _ => f.write_str(&text),
        }
    }
}

/// The shortest text that reads back as exactly `value` (`12.5`, `0.1`, `1e21`), as
/// serde_json writes numbers; empty for a value that is not finite, which no file
/// format here can hold.
pub fn shortest(value: f64) -> String {
    if value.is_finite() {
        serde_json::to_string(&value).unwrap_or_default()
    } else {
        String::new()
    }
}

/// A decimal number as spreadsheets write it (`12,5`, `-.5`, `+3`, `007`, `1.`, `1e3`), read
/// as std's `str::parse::<f64>` reads it once the decimal comma is a point: correctly rounded,
/// and only finite numbers count (`inf` and `NaN`, which std reads too, do not). The text is
/// put in JSON's number form and read by serde_json with `float_roundtrip`, the reader the
/// case files use; std's would ship a second reader (14 kB of wasm). A test checks every
/// such text against std.
pub fn decimal(text: &str) -> Option<f64> {
    let text = text.replace(',', ".");
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(&text)),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let mut json = format!("{sign}{}", if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        let magnitude = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if magnitude.is_empty() || !all_digits(magnitude) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    serde_json::from_str::<f64>(&json).ok().filter(|value| value.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decimals_read_as_std_reads_them(text in "[-+0-9.,eE]{0,16}") {
            let by_std = text.replace(',', ".").parse::<f64>().ok().filter(|value| value.is_finite());
            prop_assert_eq!(decimal(&text).map(f64::to_bits), by_std.map(f64::to_bits), "{}", text);
        }

        #[test]
        fn long_and_extreme_decimals_read_as_std_reads_them(
            whole in "0{0,30}[0-9]{0,30}", fraction in "[0-9]{0,40}", exponent in -400_i32..400,
        ) {
            for text in [format!("{whole}.{fraction}e{exponent}"), format!("-{whole},{fraction}E+{}", exponent.abs())] {
                let by_std = text.replace(',', ".").parse::<f64>().ok().filter(|value| value.is_finite());
                prop_assert_eq!(decimal(&text).map(f64::to_bits), by_std.map(f64::to_bits), "{}", text);
            }
        }
    }

    #[test]
    fn fixed_rounds_to_the_asked_decimals() {
        let written = |value: f64, decimals: u32| Fixed(value, decimals).to_string();
        assert_eq!(written(12.345, 1), "12.3");
        // -12.35 is stored as -12.3499999…, so it rounds to -12.3; 0.5 is a true tie and
        // goes to the even 0; 1.5 to 2.
        assert_eq!(written(-12.35, 1), "-12.3");
        assert_eq!(written(-12.36, 1), "-12.4");
        assert_eq!(written(0.5, 0), "0");
        assert_eq!(written(1.5, 0), "2");
        assert_eq!(written(7.0, 3), "7.000");
        assert_eq!(written(-4.256, 2), "-4.26");
        assert_eq!(written(1.0e9, 1), "1000000000.0");
        assert_eq!(written(1.0e22, 0), "10000000000000000000000");
    }

    #[test]
    fn fixed_writes_no_negative_zero_and_no_nan() {
        let written = |value: f64, decimals: u32| Fixed(value, decimals).to_string();
        assert_eq!(written(-0.04, 1), "0.0");
        assert_eq!(written(-0.0, 0), "0");
        assert_eq!(written(-0.0004, 3), "0.000");
        assert_eq!(written(-0.0006, 3), "-0.001");
        assert_eq!(written(f64::NAN, 1), "0.0");
        assert_eq!(written(f64::INFINITY, 2), "0.00");
        assert_eq!(written(f64::NEG_INFINITY, 0), "0");
    }

    proptest! {
        #[test]
        fn fixed_is_std_but_for_negative_zero(value in -1.0e9_f64..1.0e9, decimals in 0_u32..7) {
            let ours = Fixed(value, decimals).to_string();
            let std = format!("{value:.prec$}", prec = decimals as usize);
            if std.starts_with('-') && std.bytes().all(|b| b"-0.".contains(&b)) {
                prop_assert_eq!(ours, &std[1..]);
            } else {
                prop_assert_eq!(ours, std);
            }
        }

        #[test]
        fn shortest_reads_back_bit_exactly(bits in any::<u64>()) {
            let value = f64::from_bits(bits);
            prop_assume!(value.is_finite());
            let text = shortest(value);
            prop_assert_eq!(text.parse::<f64>().map(f64::to_bits), Ok(bits), "{}", text);
            prop_assert_eq!(serde_json::from_str::<f64>(&text).map(f64::to_bits).ok(), Some(bits), "{}", text);
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
