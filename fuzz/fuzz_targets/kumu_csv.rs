//! The Kumu CSV importer on arbitrary bytes (UTF-8 or Windows-1252): never a panic,
//! and every case it accepts survives our own CSV writer.

#![no_main]

use cirkelbreker::core::formats::kumu_csv::{read_kumu_csv, write_kumu_csv};
use cirkelbreker::core::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = Format::KumuCsv.read_bytes(data) {
        let written = write_kumu_csv(&case);
        match read_kumu_csv(&written) {
            Ok(again) => {
                assert_eq!(again.factors, case.factors, "factors changed in a CSV round trip\n{written}");
                assert_eq!(again.links, case.links, "links changed in a CSV round trip\n{written}");
            }
            Err(error) => panic!("a case we read could not be read back after writing: {error}\n{written}"),
        }
    }
});
