//! The case JSON importer on arbitrary bytes: never a panic, and every case it accepts
//! is written in a form it accepts again.

#![no_main]

use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = Format::CaseJson.read_bytes(data) {
        let written = write_case(&case);
        if let Err(error) = read_case(&written) {
            panic!("a case we read could not be read back after writing: {error}\n{written}");
        }
    }
});
