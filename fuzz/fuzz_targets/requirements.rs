//! The requirements-line classifier: any text, line by line, as a pip section or a `-r` file.
#![no_main]

use condalint::model::parse_requirements;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for item in parse_requirements(&text) {
        assert!(item.range.end <= text.len() && text.is_char_boundary(item.range.start) && text.is_char_boundary(item.range.end));
    }
});
