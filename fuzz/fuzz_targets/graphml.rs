//! The GraphML importer (roxmltree and our reading of its tree) on arbitrary bytes: never a panic, and
//! every case it accepts survives our own GraphML writer unchanged.

#![no_main]

use cirkelbreker::core::formats::graphml::{read_graphml, write_graphml};
use cirkelbreker::core::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = Format::GraphMl.read_bytes(data) {
        let written = write_graphml(&case);
        match read_graphml(&written) {
            Ok(again) => {
                assert_eq!(again.factors, case.factors, "factors changed in a GraphML round trip\n{written}");
                assert_eq!(again.links, case.links, "links changed in a GraphML round trip\n{written}");
            }
            Err(error) => panic!("a case we read could not be read back after writing: {error}\n{written}"),
        }
    }
});
