//! The arrows of ARCHITECTURE.md, checked: every `crate::` path in the core's
//! code (its tests aside) points to its own room or to a room below it, and
//! the faces reach the journal only through the core. A new import that
//! crosses an arrow the wrong way fails here, naming the file and the line.

use std::fs;
use std::path::{Path, PathBuf};

/// The core's rooms, bottom up, and the top-level modules each holds. The
/// system's reads (its zone, its language) are above the use cases: only the
/// faces call them, so nothing in the core reads the environment.
const ROOMS: &[(&str, &[&str])] = &[
    ("domain", &["domain"]),
    ("rules", &["calibration", "recovery", "signals", "trust", "summary", "contacts", "reminders", "data_file", "mail"]),
    // The outside the core talks to: the SQLite file, an IMAP server read
    // only, a mail provider's sign-in.
    ("store", &["store", "imap", "oauth"]),
    ("use cases", &["journal"]),
    ("system", &["system"]),
];

/// What each room may use besides itself: only what is below it.
fn may_use(from: &str, to: &str) -> bool {
    let rank = |room: &str| ROOMS.iter().position(|(r, _)| *r == room);
    match (from, to) {
        // The store keeps plain domain values; it knows nothing of the rules.
        ("store", "rules") => false,
        _ => rank(to) <= rank(from),
    }
}

fn room_of(module: &str) -> Option<&'static str> {
    ROOMS.iter().find(|(_, modules)| modules.contains(&module)).map(|(room, _)| *room)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The code of a file without its tests: everything before the first `#[cfg(test)]`.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("a source file");
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The top-level modules a line names after `prefix`: `crate::store::X` gives
/// `store`; `crate::{domain::A, store::{B, C}}` gives `domain` and `store`.
fn named_after(line: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut word = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => at_start = true,
                    c if (c.is_alphanumeric() || c == '_') && depth == 1 && at_start => word.push(c),
                    _ => {
                        if !word.is_empty() {
                            out.push(std::mem::take(&mut word));
                            at_start = false;
                        }
                    }
                }
            }
            if !word.is_empty() {
                out.push(word);
            }
        } else {
            let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !word.is_empty() {
                out.push(word);
            }
        }
    }
    out
}

/// Every `crate::` (or `trato::`) path of the code in `dir`, by file and line, with the module it names.
fn uses(dir: &Path, prefix: &str) -> Vec<(PathBuf, usize, String)> {
    let mut out = Vec::new();
    for file in rust_files(dir) {
        for (n, line) in code_of(&file).lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for module in named_after(line, prefix) {
                out.push((file.clone(), n + 1, module));
            }
        }
    }
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_module_of_the_core_has_a_room() {
    for entry in fs::read_dir(root().join("src")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().trim_end_matches(".rs").to_string();
        if name == "lib" || name == "main" {
            continue;
        }
        assert!(room_of(&name).is_some(), "src/{name} is in no room of ARCHITECTURE.md: put it in one, here and there");
    }
}

#[test]
fn no_import_of_the_core_crosses_an_arrow_the_wrong_way() {
    let src = root().join("src");
    let mut wrong = Vec::new();
    for (file, line, module) in uses(&src, "crate::") {
        let top =
            file.strip_prefix(&src).unwrap().components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let (Some(from), Some(to)) = (room_of(&top), room_of(&module)) else { continue };
        if !may_use(from, to) {
            wrong.push(format!("{}:{line}: {top} ({from}) uses {module} ({to})", file.strip_prefix(root()).unwrap().display()));
        }
    }
    assert!(wrong.is_empty(), "imports against the arrows of ARCHITECTURE.md:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_system_module_reads_the_environment() {
    // The zone, the language and the clock reach the core from the faces, in a `Clock`.
    let src = root().join("src");
    let mut wrong = Vec::new();
    for file in rust_files(&src) {
        if file.starts_with(src.join("system")) {
            continue;
        }
        for (n, line) in code_of(&file).lines().enumerate() {
            let reads = ["env::var", "iana_time_zone", "Utc::now", "Local::now"].iter().any(|read| line.contains(read));
            if reads && !line.trim_start().starts_with("//") {
                wrong.push(format!("{}:{}: {}", file.strip_prefix(root()).unwrap().display(), n + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "the core reads the environment below the faces:\n{}", wrong.join("\n"));
}

#[test]
fn the_faces_reach_the_journal_only_through_the_core() {
    // The CLI and the app hold an opened journal the core gave them; neither opens the file nor writes SQL.
    let mut wrong = Vec::new();
    for face in ["cli/src", "src-tauri/src"] {
        for file in rust_files(&root().join(face)) {
            for (n, line) in code_of(&file).lines().enumerate() {
                if !line.trim_start().starts_with("//") && line.contains("rusqlite") {
                    wrong.push(format!("{}:{}: {}", file.strip_prefix(root()).unwrap().display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "a face reaches past the core into the database:\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_of_imports_sees_grouped_and_nested_paths() {
    assert_eq!(named_after("use crate::store::Store;", "crate::"), ["store"]);
    assert_eq!(named_after("use crate::{domain::A, store::{B, C}, journal};", "crate::"), ["domain", "store", "journal"]);
    assert_eq!(named_after("let x = crate::signals::f(crate::trust::g());", "crate::"), ["signals", "trust"]);
}

#[test]
fn the_imap_client_sends_no_command_that_changes_a_mailbox() {
    // Read-only by construction: EXAMINE, never SELECT; BODY.PEEK, never BODY[ (which sets \Seen);
    // none of async-imap's calls that store flags, copy, move, expunge, append, create, delete or rename.
    let forbidden = [
        ".select(",
        ".select_condstore(",
        ".store(",
        ".uid_store(",
        ".copy(",
        ".uid_copy(",
        ".mv(",
        ".uid_mv(",
        ".expunge(",
        ".uid_expunge(",
        ".append(",
        ".create(",
        ".delete(",
        ".rename(",
        ".subscribe(",
        ".unsubscribe(",
        ".close(",
        "BODY[",
        "RFC822)",
        "RFC822.TEXT",
        "run_command_untagged",
        "run_command(",
    ];
    let mut wrong = Vec::new();
    for file in rust_files(&root().join("src/imap")) {
        for (n, line) in code_of(&file).lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(word) = forbidden.iter().find(|w| line.contains(*w)) {
                wrong.push(format!("{}:{}: {word}: {}", file.strip_prefix(root()).unwrap().display(), n + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "the IMAP client must only read (EXAMINE, BODY.PEEK):\n{}", wrong.join("\n"));
}
