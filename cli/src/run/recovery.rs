//! `trato recovery`: the draft to the client after a mistake, the wording
//! check of an apology, and the incident's checklist ticked once it was sent.

use std::io::Read;

use super::{entry_id, output, Ctx};
use crate::args::RecoveryCmd;
use crate::run::CliError;
use trato::domain::incident::RecoveryStep;
use trato::domain::time::moment::parse_due;
use trato::domain::Due;
use trato::journal::recovery::{self, FieldChoices};
use trato::recovery::Finding;

impl Ctx<'_> {
    pub(super) fn recovery(&mut self, cmd: RecoveryCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            RecoveryCmd::Draft {
                id,
                to,
                topic,
                what,
                responsibility,
                repair,
                by,
                amends,
                amends_detail,
                prevention,
                language,
                register,
                json,
            } => {
                let repair_by = match by {
                    None => None,
                    Some(text) => Some(match parse_due(&text, &self.reader()).map_err(|e| e.on("--by"))? {
                        Due::Date(day) => day,
                        Due::At(at) => trato::domain::time::local_date(at, c.tz),
                    }),
                };
                let choices = FieldChoices {
                    language,
                    register,
                    addressee: to,
                    topic,
                    what_happened: what,
                    responsibility,
                    repair,
                    repair_by,
                    amends,
                    amends_detail,
                    prevention,
                };
                let d = recovery::draft(self.store, c, entry_id(&id)?, &choices)?;
                if json {
                    return self.json(&d);
                }
                tell_findings(&d.findings);
                self.print(&format!("Subject: {}\n\n{}\n", d.draft.subject, d.draft.body))
            }
            RecoveryCmd::Check { file, language, json } => {
                let text = read_text(file.as_deref())?;
                let lang = match language {
                    Some(l) => l,
                    None => trato::journal::settings(self.store)?.language_or(c.lang),
                };
                let findings = recovery::check(self.store, c, &text, lang)?;
                if json {
                    return self.json(&findings);
                }
                let lines: String = findings.iter().map(|f| format!("{}\n", line(f))).collect();
                self.print(&lines)
            }
            RecoveryCmd::Sent { id, steps } => {
                let wanted = if steps.is_empty() {
                    vec![RecoveryStep::Acknowledged, RecoveryStep::Apologized, RecoveryStep::Explained]
                } else {
                    steps
                };
                let sent = recovery::sent(self.store, c, entry_id(&id)?, &wanted)?;
                let names: Vec<&str> = sent.ticked.iter().map(|s| s.as_str()).collect();
                self.print(&format!("{}\n", if names.is_empty() { "-".to_string() } else { names.join(" ") }))
            }
        }
    }
}

/// One finding as a line: its code, then its advice (which quotes the words found).
fn line(f: &Finding) -> String {
    format!("{}: {}", f.code.as_str(), f.advice)
}

/// What the check noticed in a draft, on standard error: the draft itself stays clean to pipe.
fn tell_findings(findings: &[Finding]) {
    for f in findings {
        tell!("{}", line(f));
    }
}

/// The text of `file`, or of standard input for none or `-`; at most what Trato keeps of a text.
fn read_text(file: Option<&std::path::Path>) -> Result<String, CliError> {
    let limit = (trato::domain::text::MAX_TEXT * 4) as u64;
    let mut bytes = Vec::new();
    let path = file.filter(|p| p.as_os_str() != "-");
    let read = match path {
        Some(p) => std::fs::File::open(p).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes)),
        None => std::io::stdin().take(limit + 1).read_to_end(&mut bytes),
    };
    let shown = path.map_or_else(|| std::path::PathBuf::from("-"), |p| p.to_path_buf());
    read.map_err(|source| CliError::File { path: shown.clone(), source })?;
    String::from_utf8(bytes)
        .map_err(|_| CliError::File { path: shown, source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text") })
}
