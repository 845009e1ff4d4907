//! `trato contacts import` as a user leaving Google Contacts and their Android
//! phone lives it: a preview that merges the people the journal has, a commit,
//! an import again that adds nothing, an undo that leaves the journal as it was;
//! and files that can't be imported are refused with nothing written.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::{add, ok, refused, stderr, trato};
use serde_json::{json, Value};

const BEFORE: &str = "2026-03-02T10:00:00+01:00";
const IMPORT: &str = "2026-03-03T09:00:00+01:00";
const AGAIN: &str = "2026-03-04T09:00:00+01:00";
const UNDO: &str = "2026-03-05T09:00:00+01:00";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/contacts").join(name).display().to_string()
}

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

/// A journal that already has Lucía (by her work e-mail) and Diego (no channels), with one request.
fn journal_with_lucia_and_diego() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    let p = &path;
    add(p, BEFORE, &["client", "add", "Lucía Fernández", "--org", "Panadería Sol", "--email", "lucia@panaderiasol.es"]);
    add(p, BEFORE, &["client", "add", "Diego Ramírez", "--org", "Librería Alba"]);
    add(p, BEFORE, &["request", "add", "Lucía Fernández", "Pan para el evento del sábado"]);
    Db { _dir: dir, path }
}

fn export(p: &Path, now: &str) -> Value {
    serde_json::from_str(&ok(p, now, &["export"])).expect("trato export writes JSON")
}

/// The live clients and entries of an export, without their histories (an undo adds to those).
fn live(export: &Value) -> (Vec<Value>, Vec<Value>) {
    let pick = |list: &str, key: &str| -> Vec<Value> {
        let mut v: Vec<Value> = export[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r.get("deleted_at").is_none_or(Value::is_null))
            .map(|r| r[key].clone())
            .collect();
        v.sort_by_key(|c| c["id"].as_str().unwrap_or("").to_string());
        v
    };
    (pick("clients", "client"), pick("entries", "entry"))
}

fn trashed_names(export: &Value) -> Vec<String> {
    let mut names: Vec<String> = export["clients"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("deleted_at").is_some_and(|d| !d.is_null()))
        .map(|r| r["client"]["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

/// What the user reads of their clients: the fields an import fills, by name.
fn clients(p: &Path, now: &str) -> Vec<Value> {
    let list: Value = serde_json::from_str(&ok(p, now, &["client", "list", "--all", "--json"])).unwrap();
    let mut out: Vec<Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let c = c.get("client").unwrap_or(c);
            json!({
                "name": c["name"], "organisation": c["organisation"], "email": c["email"], "other_emails": c["other_emails"],
                "phone": c["phone"], "other_phones": c["other_phones"], "notes": c["notes"], "tags": c["tags"],
            })
        })
        .collect();
    out.sort_by_key(|c| c["name"].as_str().unwrap().to_string());
    out
}

/// One preview row in words: "3 skipped: …", "5 merge into Lucía Fernández by email".
fn row_line(r: &Value) -> String {
    let o = &r["outcome"];
    let who = |t: &Value| match t["kind"].as_str() {
        Some("row") => format!("row #{} {}", t["index"], t["name"].as_str().unwrap()),
        _ => t["name"].as_str().unwrap().to_string(),
    };
    let what = match o["kind"].as_str().unwrap() {
        "merge" => format!("merge into {} by {}", who(&o["into"]), o["by"].as_str().unwrap()),
        "proposed" => format!("possible duplicate of {}", who(&r["duplicate_of"])),
        "unchanged" => format!("unchanged {}", who(&o["client"])),
        "skipped" => format!("skipped: {}", o["reason"].as_str().unwrap()),
        "invalid" => format!("invalid {}: {}", o["field"].as_str().unwrap(), o["reason"].as_str().unwrap()),
        kind => format!("{kind} {}", r["record"]["name"].as_str().unwrap()),
    };
    format!("{} {} {}", r["index"], r["at"]["number"], what)
}

fn preview(p: &Path, now: &str, files: &[&str]) -> Value {
    let mut args = vec!["contacts", "import"];
    args.extend_from_slice(files);
    args.extend(["--dry-run", "--json"]);
    serde_json::from_str(&ok(p, now, &args)).expect("the preview is JSON")
}

#[test]
fn leaving_google_and_an_android_phone_merges_the_people_the_journal_has_and_undoes_cleanly() {
    let db = journal_with_lucia_and_diego();
    let p = &db.path;
    let (google, android) = (fixture("google-current.csv"), fixture("android-2.1.vcf"));
    let before = export(p, BEFORE);
    // Found by name: both clients were added at the same instant, so their ids' order is random.
    let lucia_id =
        before["clients"].as_array().unwrap().iter().find(|c| c["client"]["name"] == "Lucía Fernández").expect("Lucía is in the journal")
            ["client"]["id"]
            .as_str()
            .unwrap()
            .to_string();

    let pv = preview(p, IMPORT, &[&google, &android]);
    let lines: Vec<String> = pv["rows"].as_array().unwrap().iter().map(row_line).collect();
    assert_eq!(
        lines,
        [
            "0 2 merge into Lucía Fernández by email",
            "1 3 possible duplicate of Diego Ramírez",
            "2 4 new Ana Núñez 🌟",
            "3 5 skipped: no name, organisation or e-mail",
            "4 6 new Café \"El Rincón\", S.L.",
            "5 1 merge into Lucía Fernández by email",
            "6 2 merge into row #2 Ana Núñez 🌟 by phone",
            "7 3 new Jesús Álvarez",
            "8 4 skipped: no name, organisation or e-mail",
        ],
        "the preview must say, row by row, what the import would do"
    );
    assert_eq!(pv["rows"][0]["outcome"]["into"]["id"], lucia_id.as_str(), "Lucía merges into the client the user has");
    assert_eq!(
        pv["rows"][0]["outcome"]["adds"],
        json!({
            "phone": "+34 600 123 456",
            "notes": "Gerente\nPrefiere WhatsApp.\n\"Pan de centeno\", los martes\nAddress (Work): C/ Mayor, 1, 28013 Madrid\nBirthday: 1985-04-15",
            "other_emails": ["lucia.fm@gmail.com"],
            "tags": ["Proveedores"],
        }),
        "a merge fills what is empty and adds channels; it never overwrites the name or organisation the user wrote"
    );
    assert_eq!(
        pv["rows"][5]["outcome"]["adds"],
        json!({ "other_phones": ["+34 915 55 12 34"] }),
        "the phone's 600123456 is the Google file's +34 600 123 456: only the work number is new"
    );
    assert_eq!(pv["rows"][6]["outcome"]["adds"], json!({ "email": "ana@nunez.es" }));
    assert_eq!(pv["counts"], json!({"new": 3, "merge": 3, "proposed": 1, "unchanged": 0, "skipped": 2, "invalid": 0}));
    assert_eq!(
        pv["sources"],
        json!([
            {"name": "google-current.csv", "format": "google", "mapping": [], "unread": []},
            {"name": "android-2.1.vcf", "format": "vcard", "mapping": [], "unread": []}
        ]),
        "Google's and vCard's own readers take every field these files fill"
    );
    assert_eq!(live(&export(p, IMPORT)), live(&before), "a dry run writes nothing");

    let out = trato(p, IMPORT, &["contacts", "import", &google, &android]);
    assert!(out.status.success(), "the import failed: {}", stderr(&out));
    let batch = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(uuid::Uuid::parse_str(&batch).is_ok(), "the import prints its batch id, printed {batch:?}");

    let expected = json!([
        {"name": "Ana Núñez 🌟", "organisation": null, "email": "ana@nunez.es", "other_emails": null, "phone": "612 345 678",
         "other_phones": ["91 555 12 34", "91 555 12 35"], "notes": "Website (Profile): https://ana.example.es",
         "tags": ["Clientes VIP", "Eventos"]},
        {"name": "Café \"El Rincón\", S.L.", "organisation": "Café \"El Rincón\", S.L.", "email": "pedidos@elrincon.es",
         "other_emails": null, "phone": null, "other_phones": null, "notes": null, "tags": ["Proveedores"]},
        {"name": "Diego Ramírez", "organisation": "Librería Alba", "email": null, "other_emails": null, "phone": null,
         "other_phones": null, "notes": null, "tags": []},
        {"name": "Jesús Álvarez", "organisation": "Talleres Álvarez e Hijos", "email": null, "other_emails": null,
         "phone": "+34 968 12 34 56", "other_phones": null,
         "notes": "Revisión de la furgoneta cada 6 meses; prefiere que le llamen por la mañana, nunca después de las 19:00.",
         "tags": []},
        {"name": "Lucía Fernández", "organisation": "Panadería Sol", "email": "lucia@panaderiasol.es",
         "other_emails": ["lucia.fm@gmail.com"], "phone": "+34 600 123 456", "other_phones": ["+34 915 55 12 34"],
         "notes": "Gerente\nPrefiere WhatsApp.\n\"Pan de centeno\", los martes\nAddress (Work): C/ Mayor, 1, 28013 Madrid\nBirthday: 1985-04-15",
         "tags": ["Proveedores"]},
    ]);
    let after = clients(p, IMPORT);
    assert_eq!(Value::Array(after.clone()), expected, "the clients after the import, accents and all");

    let again = preview(p, AGAIN, &[&google, &android]);
    let c = &again["counts"];
    assert_eq!((c["new"].as_u64(), c["merge"].as_u64()), (Some(0), Some(0)), "importing the same files again would add: {again:#}");
    assert_eq!(c["unchanged"], 6, "every person imported is recognised: {:#?}", again["rows"]);
    let out = trato(p, AGAIN, &["contacts", "import", &google, &android]);
    assert!(out.status.success() && out.stdout.is_empty(), "nothing to import, so no batch: {}", stderr(&out));
    assert_eq!(clients(p, AGAIN), after, "importing again changed the clients");

    let listed: Value = serde_json::from_str(&ok(p, AGAIN, &["contacts", "imports", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "only the first import is recorded");
    assert_eq!((listed[0]["id"].as_str(), &listed[0]["created"], &listed[0]["merged"]), (Some(batch.as_str()), &json!(3), &json!(3)));

    ok(p, UNDO, &["contacts", "undo", &batch]);
    let undone = export(p, UNDO);
    assert_eq!(live(&undone), live(&before), "after the undo the live clients and entries are exactly those before the import");
    assert_eq!(
        trashed_names(&undone),
        ["Ana Núñez 🌟", "Café \"El Rincón\", S.L.", "Jesús Álvarez"],
        "the clients the import created wait in the trash"
    );
    let err = refused(p, UNDO, &["contacts", "undo", &batch]);
    assert!(err.contains("already undone"), "{err}");
}

#[test]
fn another_csv_imports_through_a_column_mapping() {
    let db = journal_with_lucia_and_diego();
    let p = &db.path;
    let other = fixture("other.csv");
    let map = [
        "--map",
        "Persona de contacto=name",
        "--map",
        "Razón social=organisation",
        "--map",
        "E-mail de contacto=email",
        "--map",
        "Tlf.=phone",
        "--map",
        "Observaciones=notes",
    ];
    let mut args = vec!["contacts", "import", other.as_str()];
    args.extend(map);
    let batch = add(p, IMPORT, &args);
    assert!(!batch.is_empty());
    let names: Vec<String> = clients(p, IMPORT).iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["Diego Ramírez", "Inés Peñalver", "Lucía Fernández", "Ópticas Núñez"]);
    let ines = clients(p, IMPORT).into_iter().find(|c| c["name"] == "Inés Peñalver").unwrap();
    assert_eq!(
        ines,
        json!({"name": "Inés Peñalver", "organisation": "Frutas Peñalver, S.L.", "email": "ines@frutaspenalver.es",
               "other_emails": null, "phone": "968 22 33 44", "other_phones": null,
               "notes": "Reparto los lunes; cobra al contado", "tags": []})
    );
}

#[test]
fn files_that_cannot_be_imported_are_refused_with_nothing_written() {
    let db = journal_with_lucia_and_diego();
    let p = &db.path;
    let before = export(p, BEFORE);
    let (google, other, android) = (fixture("google-current.csv"), fixture("other.csv"), fixture("android-2.1.vcf"));
    let garbage = db._dir.path().join("notes.txt");
    std::fs::write(&garbage, "hola qué tal\n").unwrap();
    let garbage = garbage.display().to_string();
    let invoices = db._dir.path().join("facturas.csv");
    std::fs::write(&invoices, "Ref;Importe;Fecha\n17;120,50;2026-03-02\n").unwrap();
    let invoices = invoices.display().to_string();
    let missing = db._dir.path().join("no-such-file.vcf").display().to_string();
    let folder = db._dir.path().display().to_string();

    let o = trato(p, IMPORT, &["contacts", "import", &google, "--format", "excel"]);
    assert!(!o.status.success(), "an unknown --format must be refused");
    let err = stderr(&o);
    assert!(err.contains("excel") && err.contains("google") && err.contains("vcard"), "the message names the formats: {err}");

    // The Google file comes first: a later file that fails must not leave it half-imported.
    let cases: [(Vec<&str>, &[&str]); 6] = [
        (vec![&google, &missing], &["no-such-file.vcf"]),
        (vec![&google, &folder], &[]),
        (vec![&google, &garbage], &["notes.txt", "--format"]),
        (vec![&google, &invoices], &["facturas.csv", "--map", "\"Importe\""]),
        (vec![&other, "--map", "Contacto=name"], &["\"Contacto\"", "\"Persona de contacto\""]),
        (vec![&android, "--format", "outlook"], &["Outlook"]),
    ];
    for (files, says) in cases {
        let mut args = vec!["contacts", "import"];
        args.extend(files.iter().copied());
        let err = refused(p, IMPORT, &args);
        for s in says {
            assert!(err.contains(s), "`{}`: the message should say {s:?}: {err}", args.join(" "));
        }
    }
    let after = export(p, IMPORT);
    assert_eq!(live(&after), live(&before), "a refused import wrote to the journal");
    assert_eq!(ok(p, IMPORT, &["contacts", "imports", "--json"]).trim(), "[]", "a refused import was recorded");
}

#[test]
fn a_plain_csv_keeps_its_people_and_the_preview_names_the_columns_it_leaves_out() {
    let db = journal_with_lucia_and_diego();
    let p = &db.path;
    // One column Outlook also writes ("Job Title") once made this file an Outlook export, read as `NEW Acme`.
    let plain = db._dir.path().join("plain.csv");
    std::fs::write(&plain, "Name,Job Title,Email,Company\nAna Ruiz,CEO,ana@example.com,Acme\n").unwrap();
    let plain = plain.display().to_string();
    assert_eq!(
        ok(p, IMPORT, &["contacts", "import", &plain, "--dry-run"]),
        "plain.csv (CSV):\n  columns read: \"Name\" → name, \"Job Title\" → title, \"Email\" → email, \"Company\" → organisation\n   0  row 2     NEW        Ana Ruiz · Acme <ana@example.com>\n\n1 new, 0 to merge.\n"
    );

    let crm = db._dir.path().join("crm.csv");
    std::fs::write(&crm, "Name,Email,Lead Status,Next step\nAna Ruiz,ana@example.com,Open,\nPedro Gil,pedro@example.com,Won,Llamar\n")
        .unwrap();
    let crm = crm.display().to_string();
    let out = ok(p, IMPORT, &["contacts", "import", &crm, "--dry-run"]);
    assert!(
        out.contains(
            "\n  not imported: \"Lead Status\" (2 rows), \"Next step\" (1 row); to import one, add --map \"COLUMN=FIELD\" (fields: name, given_name,"
        ),
        "every column with values that won't be imported is named, with how to keep it: {out}"
    );
    let pv = preview(p, IMPORT, &[&crm]);
    assert_eq!(
        pv["sources"][0]["unread"],
        json!([{"column": "Lead Status", "number": 3, "filled": 2}, {"column": "Next step", "number": 4, "filled": 1}])
    );
    assert_eq!(pv["sources"][0]["mapping"], json!([{"column": "Name", "field": "name"}, {"column": "Email", "field": "email"}]));

    add(p, IMPORT, &["contacts", "import", &plain]);
    let ana = clients(p, IMPORT).into_iter().find(|c| c["name"] == "Ana Ruiz").expect("Ana is a client");
    assert_eq!((&ana["organisation"], &ana["email"], &ana["notes"]), (&json!("Acme"), &json!("ana@example.com"), &json!("CEO")));
}

#[test]
fn a_contacts_file_over_the_size_limit_is_refused_before_it_is_read() {
    let db = journal_with_lucia_and_diego();
    let p = &db.path;
    let before = export(p, BEFORE);
    let big = db._dir.path().join("todos.vcf");
    // Sparse: over the limit without writing 64 MB to the disk.
    std::fs::File::create(&big).unwrap().set_len(trato::contacts::MAX_FILE_BYTES + 1).unwrap();
    let err = refused(p, IMPORT, &["contacts", "import", &big.display().to_string(), "--dry-run"]);
    for says in ["todos.vcf", "the file is 64.1 MB", "up to 64 MB", "export the contacts in parts"] {
        assert!(err.contains(says), "the refusal should say {says:?}: {err}");
    }
    assert_eq!(live(&export(p, IMPORT)), live(&before), "a refused import wrote to the journal");
}

#[test]
fn undoing_an_import_keeps_a_client_the_user_has_written_in_since_and_says_so() {
    let db = journal_with_lucia_and_diego();
    let p = &db.path;
    let file = db._dir.path().join("people.csv");
    std::fs::write(&file, "Name,Email\nAna Ruiz,ana@example.com\nPedro Gil,pedro@example.com\n").unwrap();
    let batch = add(p, IMPORT, &["contacts", "import", &file.display().to_string()]);
    assert!(clients(p, IMPORT).iter().any(|c| c["name"] == "Ana Ruiz"), "Ana was imported");
    add(p, AGAIN, &["request", "add", "Ana Ruiz", "Presupuesto de la web"]);

    let out = trato(p, UNDO, &["contacts", "undo", &batch]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.starts_with("import undone: 1 client moved to the trash, 0 merges taken back\n"), "{said}");
    assert!(
        said.contains("kept 1 client you have added entries to or edited since the import (`trato delete ID` moves one to the trash):\n")
            && said.contains("  Ana Ruiz\n"),
        "the undo says which client it left and why: {said}"
    );
    assert!(ok(p, UNDO, &["timeline", "Ana Ruiz"]).contains("Presupuesto de la web"), "the user's request is still on her timeline");
    assert_eq!(trashed_names(&export(p, UNDO)), ["Pedro Gil"]);
}
