//! `trato mail`: the user's own addresses, importing mail files, and the
//! review of what the mail proposes; the words a person reads for each.

use std::io::Write;
use std::path::PathBuf;

use chrono_tz::Tz;
use clap::Subcommand;

use super::output::{self, local, one_line};
use super::run::CliError;
use trato::journal::mailbox::{self, Decision, FileImport, ProposalView, Reviewed};
use trato::journal::Clock;
use trato::mail::Becomes;
use trato::store::Store;

#[derive(Subcommand, Debug)]
pub enum MailCmd {
    /// Your own addresses: mail from them goes out to clients (lists them without ADDRESS)
    Me {
        #[arg(value_name = "ADDRESS")]
        addresses: Vec<String>,
    },
    /// Read .eml and .mbox files: client mail becomes proposals to review; nothing else is kept
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List the proposals awaiting review, or accept or ignore them
    Review {
        /// `all`, or the proposals' numbers
        #[arg(long, value_name = "all|ID", num_args = 1..)]
        accept: Vec<String>,
        #[arg(long, value_name = "ID", num_args = 1..)]
        ignore: Vec<i64>,
        /// Accept as this kind instead of the one proposed
        #[arg(long = "as", value_enum, value_name = "KIND")]
        as_kind: Option<Becomes>,
        /// Accept as a follow-up or reply on this request (its id)
        #[arg(long, value_name = "REQUEST")]
        link: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn text(out: &mut dyn Write, s: &str) {
    // A closed pipe (`trato … | head`) is not the user's error.
    let _ = out.write_all(output::terminal(s).as_bytes());
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) {
    let s = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = out.write_all((output::terminal_json(&s) + "\n").as_bytes());
}

pub fn run(store: &mut Store, clock: Clock, cmd: MailCmd, out: &mut dyn Write) -> Result<(), CliError> {
    match cmd {
        MailCmd::Me { addresses } if addresses.is_empty() => {
            let mine = mailbox::my_addresses(store)?;
            text(out, &mine.iter().map(|a| format!("{a}\n")).collect::<String>());
        }
        MailCmd::Me { addresses } => {
            let added = mailbox::add_my_addresses(store, &addresses)?;
            text(out, &added.iter().map(|a| format!("added {a}\n")).collect::<String>());
        }
        MailCmd::Import { files, json: as_json } => {
            let done = mailbox::import(store, clock, &files)?;
            if as_json {
                json(out, &done);
            } else {
                text(out, &done.iter().map(imported).collect::<String>());
            }
        }
        MailCmd::Review { accept, ignore, as_kind, link, json: as_json } => {
            if accept.is_empty() && ignore.is_empty() {
                let list = mailbox::review_list(store, clock)?;
                if as_json {
                    json(out, &list);
                } else {
                    text(out, &proposals(&list, clock.tz));
                }
                return Ok(());
            }
            let request = link.map(|l| l.parse().map_err(|_| CliError::BadId(l.clone()))).transpose()?;
            let mut ids: Vec<i64> = Vec::new();
            if accept.iter().any(|a| a.trim().eq_ignore_ascii_case("all")) {
                ids = mailbox::pending_ids(store)?.into_iter().filter(|id| !ignore.contains(id)).collect();
            } else {
                for a in &accept {
                    ids.push(
                        a.trim()
                            .parse()
                            .map_err(|_| CliError::Usage(format!("--accept '{a}': write all, or the numbers `trato mail review` shows")))?,
                    );
                }
            }
            let mut decisions: Vec<(i64, Decision)> = ignore.iter().map(|id| (*id, Decision::Ignore)).collect();
            decisions.extend(ids.into_iter().map(|id| (id, Decision::Accept { kind: as_kind, request })));
            let done = mailbox::review(store, clock, &decisions)?;
            if as_json {
                json(out, &done);
            } else {
                text(out, &done.iter().map(reviewed).collect::<String>());
            }
        }
    }
    Ok(())
}

fn imported(f: &FileImport) -> String {
    let mut s = format!(
        "{}: {} read, {} new client message(s), {} proposal(s) to review; {} already seen, {} not client mail, {} machine-made, {} unreadable\n",
        one_line(&f.path),
        f.messages,
        f.new,
        f.proposals,
        f.already_seen,
        f.not_client_mail,
        f.machine_made,
        f.unreadable
    );
    if let Some(size) = f.cut {
        s +=
            &format!("  the file ends inside its last message ({size} bytes), which was left out: import the whole file again to add it\n");
    }
    s
}

fn proposals(list: &[ProposalView], tz: Tz) -> String {
    if list.is_empty() {
        return "no mail awaits review\n".into();
    }
    let mut s = String::new();
    for p in list {
        let way = match p.direction {
            trato::domain::Direction::In => "from",
            trato::domain::Direction::Out => "to",
        };
        s += &format!("{:>4}  {:<12} {} {}  {}\n", p.id, p.kind.as_str(), way, one_line(&p.client), local(p.at, tz));
        s += &format!("      {}", one_line(&p.subject));
        if !p.excerpt.is_empty() {
            s += &format!(" — {}", one_line(&p.excerpt));
        }
        s += "\n";
        if let Some(by) = p.answer_by {
            s += &format!("      answer by {}\n", local(by, tz));
        }
    }
    s
}

fn reviewed(r: &Reviewed) -> String {
    match (r.status, r.request) {
        ("accepted", Some(request)) => format!("{:>4}  accepted as {} (request {request})\n", r.id, r.kind.as_str()),
        ("accepted", None) => format!("{:>4}  accepted as {}\n", r.id, r.kind.as_str()),
        _ => format!("{:>4}  ignored\n", r.id),
    }
}
