//! Bounded memory whatever a file declares.
//!
//! Reading these files with a dense grid asks for half a terabyte and aborts
//! the process, which no test harness survives. So the check runs in a
//! child process under a 2 GiB address-space limit: a regression fails
//! this test instead of killing the whole test binary.

use std::process::Command;

use cocina_importers::IssueKind;

use crate::support::{cell_of, import_case};

const C22: &str = "C22_stray_cell_far_corner.xlsx";
const C22B: &str = "C22b_stray_cell_dimension_lies.xlsx";

/// Set in the child process that does the reading.
const CHILD: &str = "COCINA_IMPORTERS_MEMORY_CHILD";

/// Address space the child may use, in KiB.
const CAP_KIB: u64 = 2 * 1024 * 1024;

/// C22 and C22b: one character in XFD1048576, with an honest or a lying
/// `<dimension>`. The two records are read and the stray cell is reported
/// by its A1 name.
#[test]
fn stray_far_cell_is_read_in_bounded_memory_c22() {
    let exe = std::env::current_exe().expect("test binary path");
    let script = format!("ulimit -v {CAP_KIB} && exec \"$0\" \"$@\"");
    let output = Command::new("sh")
        .args(["-c", &script])
        .arg(&exe)
        .args([
            "memory::stray_cells_child_c22",
            "--exact",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "child did not run the check:\n{stdout}"
    );
}

/// The reading itself; does nothing unless started by the test above.
#[test]
fn stray_cells_child_c22() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    for name in [C22, C22B] {
        let imported = import_case(name);
        assert_eq!(imported.beneficiaries.len(), 2, "{name}");
        assert_eq!(imported.issues.len(), 1, "{name}: {:?}", imported.issues);
        let issue = &imported.issues[0];
        assert_eq!(cell_of(issue).as_deref(), Some("XFD1048576"), "{name}");
        assert!(matches!(&issue.kind, IssueKind::LimitReached { limit, .. } if limit == "columns"));
    }
}

/// A cell of gigabytes compresses to a few megabytes; calamine would read it
/// whole. A part declared larger than the limit is refused before that.
#[test]
fn a_part_larger_than_the_limit_is_refused_before_reading() {
    // Excel caps a cell at 32,767 characters; ten long cells make a part of
    // 300 kB that compresses to almost nothing.
    let cells: Vec<String> = (0..10)
        .map(|i| format!("{i}{}", "A".repeat(30_000)))
        .collect();
    let mut rows: Vec<[&str; 2]> = vec![["CLAVE COCINA", "SEXO"]];
    rows.extend(cells.iter().map(|c| [c.as_str(), "M"]));
    let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
    let book = crate::support::xlsx(&[("padron", &rows)]);
    assert!(book.len() < 20_000, "the cell compresses well");
    let limits = cocina_importers::Limits {
        max_file_bytes: 100_000,
        ..Default::default()
    };
    let read = cocina_importers::read_file("grande.xlsx", &book, &limits).unwrap();
    assert!(read.tables.is_empty());
    assert!(matches!(
        &read.issues[0].kind,
        IssueKind::LimitReached { .. }
    ));
    assert_eq!(&*read.issues[0].source.file, "grande.xlsx");
}
