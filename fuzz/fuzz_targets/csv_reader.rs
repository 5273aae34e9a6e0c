//! The CSV reader on arbitrary text: never a panic, and whatever it reads, the writer
//! writes back into the same records.

#![no_main]

use cirkelbreker::core::formats::csv::{parse, write_record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(records) = parse(text) {
        let mut written = String::new();
        for record in &records {
            write_record(&mut written, &record.fields);
        }
        let again = parse(&written).expect("our own CSV parses");
        let fields = |records: &[cirkelbreker::core::formats::csv::Record]| {
            records.iter().map(|record| record.fields.clone()).collect::<Vec<_>>()
        };
        assert_eq!(fields(&again), fields(&records), "CSV round trip changed the records\n{written:?}");
    }
});
