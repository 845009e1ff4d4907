//! `trato mail`: the user's own addresses, importing mail files, and the
//! review of what the mail proposes; the words a person reads for each.

use std::io::Write;
use std::path::PathBuf;

use chrono_tz::Tz;
use clap::Subcommand;

use super::output::{self, local, one_line};
use super::run::CliError;
use trato::journal::mailbox::{self, Decision, FileImport, MailError, ProposalView, Reviewed};
use trato::journal::{self, Clock};
use trato::mail::Becomes;
use trato::store::Store;

#[derive(Subcommand, Debug)]
pub enum MailCmd {
    /// Your own addresses: mail from them goes out to clients (lists them without ADDRESS)
    Me {
        #[arg(value_name = "ADDRESS")]
        addresses: Vec<String>,
    },
    /// A client's own domain: mail from any address there is that client's
    Domain {
        #[command(subcommand)]
        cmd: DomainCmd,
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

#[derive(Subcommand, Debug)]
pub enum DomainCmd {
    /// Mark DOMAIN as CLIENT's own (never a free-mail domain such as gmail.com)
    Add { client: String, domain: String },
    /// Unmark one of CLIENT's domains
    Remove { client: String, domain: String },
    /// The marked domains and their clients
    List {
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
        MailCmd::Domain { cmd } => domain(store, cmd, out)?,
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

fn domain(store: &mut Store, cmd: DomainCmd, out: &mut dyn Write) -> Result<(), CliError> {
    // Said back by the client's name, whether the user typed it or an id.
    let find =
        |store: &mut Store, query: &str| journal::find_client(store, query).map(|c| (c.id, one_line(&c.name))).map_err(MailError::from);
    match cmd {
        DomainCmd::Add { client, domain } => {
            let (id, name) = find(store, &client)?;
            let (d, new) = mailbox::mark_domain(store, id, &domain)?;
            text(out, &if new { format!("marked {d} as {name}'s\n") } else { format!("{d} was already {name}'s\n") });
        }
        DomainCmd::Remove { client, domain } => {
            let (id, name) = find(store, &client)?;
            let (d, removed) = mailbox::unmark_domain(store, id, &domain)?;
            text(out, &if removed { format!("unmarked {d} as {name}'s\n") } else { format!("{d} was not marked as {name}'s\n") });
        }
        DomainCmd::List { json: true } => json(out, &mailbox::client_domains(store)?),
        DomainCmd::List { json: false } => {
            let list = mailbox::client_domains(store)?;
            text(out, &list.iter().map(|d| format!("{}  {}\n", d.domain, one_line(&d.client))).collect::<String>());
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
