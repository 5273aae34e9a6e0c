//! The Kumu JSON importer on arbitrary bytes: never a panic, and every case it accepts
//! is a case file that reads back unchanged.

#![no_main]

use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::formats::kumu_json::read_kumu_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(case) = read_kumu_json(text) {
        let written = write_case(&case);
        match read_case(&written) {
            Ok(again) => {
                assert_eq!(again.factors, case.factors, "factors changed\n{written}");
                assert_eq!(again.links, case.links, "links changed\n{written}");
            }
            Err(error) => panic!("a Kumu case could not be read back as a case file: {error}\n{written}"),
        }
    }
});
