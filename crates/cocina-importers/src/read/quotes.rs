//! Quotes in delimited text, checked before the CSV reader sees them.
//!
//! RFC 4180 quotes a field whole: it opens with a quote, a quote inside it
//! is doubled (`""`), and it ends with a quote right before a delimiter or
//! a line end. The CSV reader is lenient about everything else, and quiet:
//! a quote never closed makes the rest of the file one cell. This scan
//! walks the same states as the reader (a record starts at its first byte
//! after any blank lines, as the reader's does) and says where each field
//! breaks the rule.

use crate::issue::QuoteProblem;

/// A field whose quotes break the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct QuoteFault {
    /// What is wrong.
    pub(super) problem: QuoteProblem,
    /// Byte where the field's record starts.
    pub(super) record_start: usize,
    /// 0-based index of the field in its record.
    pub(super) field: usize,
    /// Byte of the quote that opens the field, or of the stray quote.
    pub(super) quote_at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    AfterQuote,
}

/// Returns the fields of `text` whose quotes break the rule, at most one
/// per field, in file order. A [`QuoteProblem::NeverClosed`] fault, if
/// any, is the last.
pub(super) fn scan(text: &[u8], delimiter: u8) -> Vec<QuoteFault> {
    let mut faults = Vec::new();
    if !text.contains(&b'"') {
        return faults;
    }
    let mut state = State::StartRecord;
    let (mut record_start, mut field, mut field_quote, mut faulted) = (0, 0, 0, false);
    let fault = |problem, record_start, field, quote_at| QuoteFault {
        problem,
        record_start,
        field,
        quote_at,
    };
    for (i, &b) in text.iter().enumerate() {
        let line_end = b == b'\n' || b == b'\r';
        if state == State::StartRecord {
            if line_end {
                continue;
            }
            (record_start, field, state) = (i, 0, State::StartField);
        }
        state = match state {
            State::StartField | State::StartRecord => {
                faulted = false;
                match b {
                    b'"' => {
                        field_quote = i;
                        State::InQuoted
                    }
                    _ if b == delimiter => {
                        field += 1;
                        State::StartField
                    }
                    _ if line_end => State::StartRecord,
                    _ => State::InField,
                }
            }
            State::InField => match b {
                _ if b == delimiter => {
                    field += 1;
                    State::StartField
                }
                _ if line_end => State::StartRecord,
                b'"' if !faulted => {
                    faulted = true;
                    let problem = QuoteProblem::QuoteInUnquotedField;
                    faults.push(fault(problem, record_start, field, i));
                    State::InField
                }
                _ => State::InField,
            },
            State::InQuoted if b == b'"' => State::AfterQuote,
            State::InQuoted => State::InQuoted,
            State::AfterQuote => match b {
                b'"' => State::InQuoted,
                _ if b == delimiter => {
                    field += 1;
                    State::StartField
                }
                _ if line_end => State::StartRecord,
                _ => {
                    faulted = true;
                    let problem = QuoteProblem::TextAfterClosingQuote;
                    faults.push(fault(problem, record_start, field, field_quote));
                    State::InField
                }
            },
        };
    }
    if state == State::InQuoted {
        let problem = QuoteProblem::NeverClosed;
        faults.push(fault(problem, record_start, field, field_quote));
    }
    faults
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(QuoteProblem, usize, usize, usize)> {
        scan(text.as_bytes(), b',')
            .into_iter()
            .map(|f| (f.problem, f.record_start, f.field, f.quote_at))
            .collect()
    }

    #[test]
    fn well_quoted_text_has_no_fault() {
        for text in [
            "a,b\n1,2\n",
            "a,\"b, c\"\n\"1\",\"\"\"2\"\"\"\n",
            "a,\"línea uno\r\nlínea dos\"\r\n1,2",
            "\"\"\n,\"\"",
        ] {
            assert_eq!(problems(text), [], "{text:?}");
        }
    }

    #[test]
    fn every_shape_of_broken_quote_is_found_where_it_opens() {
        use QuoteProblem::*;
        assert_eq!(problems("a,b\n1,\"dos\n3,4\n"), [(NeverClosed, 4, 1, 6)]);
        assert_eq!(problems("a,b\n\n\"1,2"), [(NeverClosed, 5, 0, 5)]);
        assert_eq!(problems("a,b\n1,\"x\"\"\n"), [(NeverClosed, 4, 1, 6)]);
        assert_eq!(
            problems("a,b\n1,\"dos\" tres\n"),
            [(TextAfterClosingQuote, 4, 1, 6)]
        );
        assert_eq!(
            problems("a,b\n1,\"d \"x\" y\"\n"),
            [(TextAfterClosingQuote, 4, 1, 6)]
        );
        assert_eq!(
            problems("a,b\n1,d \"x\" y\n2,\"\"\n"),
            [(QuoteInUnquotedField, 4, 1, 8)]
        );
        // A stray quote that pairs with one lines further down is found
        // where the field opened.
        assert_eq!(
            problems("a,b\n1,\"dos\n3,cu\"atro\n"),
            [(TextAfterClosingQuote, 4, 1, 6)]
        );
    }

    #[test]
    fn the_delimiter_is_the_one_given() {
        assert_eq!(
            problems("a;\"b;c\"\n"),
            [(QuoteProblem::QuoteInUnquotedField, 0, 0, 2)]
        );
        assert_eq!(scan(b"a;\"b;c\"\n", b';'), []);
    }
}
