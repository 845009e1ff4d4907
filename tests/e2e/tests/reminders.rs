//! Reminders as the desktop shows them: the app, started on the sample journal
//! on Thursday 5 March 2026 at 09:00 in Madrid, sends the notification server
//! one "overdue" notification for Panadería Sol's menu, never a second one
//! after a restart, puts 1 on its tray icon, and a click on the notification
//! opens the client.
//!
//! What the app sends is read on the session bus itself: `dbus-monitor`
//! records every `org.freedesktop.Notifications.Notify` call, and `dunst`
//! (`-config /dev/null`: its defaults) is the notification server that shows
//! them and, through `dunstctl`, clicks them. The app logs a line when its
//! first reminders tick is done (with the tray's count), so the stories wait
//! for that rather than for a guessed time.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use trato_e2e::{cli, story_on, testid, Folder, Result};

const SOL: &str = "Panadería Sol";
const ALBA: &str = "Librería Alba";
/// The line the app logs when its first tick has shown what it had to show.
const FIRST_TICK: &str = "(first tick)";
const PATIENCE: Duration = Duration::from_secs(30);

/// One story at a time, from watching the bus to the last check: they all
/// share the session bus, and one's notifications must not count for another.
static ONE_BUS_STORY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The session bus's notifications, as a monitor records them, and a server that shows them.
struct Notifications {
    record: PathBuf,
    monitor: Child,
    server: Option<Child>,
}

/// One `Notify` call: its string arguments (application, icon, summary, body, action names…).
type Call = Vec<String>;

impl Notifications {
    fn watch(dir: &Path) -> Result<Notifications> {
        let record = dir.join("notify-calls.txt");
        let monitor = Command::new("dbus-monitor")
            .args(["--session", "interface='org.freedesktop.Notifications',member='Notify'"])
            .stdout(std::fs::File::create(&record)?)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("dbus-monitor could not run ({e}): install dbus (Makefile APT_E2E) and run under dbus-run-session"))?;
        let mut watching = Notifications { record, monitor, server: None };
        // The monitor writes its own connection's signals first: then it is listening.
        watching.wait_for("the monitor to listen", |text, _| !text.is_empty())?;
        // A server of our own with dunst's defaults. When one is already on the bus
        // (activated by an earlier story), ours leaves at once and that one shows them.
        let server = Command::new("dunst").args(["-config", "/dev/null"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
        watching.server = Some(server.map_err(|e| format!("dunst could not run ({e}): install dunst (Makefile APT_E2E)"))?);
        // Nothing on screen from earlier stories, so that `dunstctl action 0` clicks ours.
        wait_for_server()?;
        run("dunstctl", &["close-all"])?;
        Ok(watching)
    }

    fn calls(&self) -> Vec<Call> {
        parse(&std::fs::read_to_string(&self.record).unwrap_or_default())
    }

    /// The calls whose strings mention `who`.
    fn calls_about(&self, who: &str) -> Vec<Call> {
        self.calls().into_iter().filter(|c| c.iter().any(|s| s.contains(who))).collect()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str, &[Call]) -> bool) -> Result {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = std::fs::read_to_string(&self.record).unwrap_or_default();
            if done(&text, &parse(&text)) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("waited {}s for {what}; the bus saw:\n{text}", PATIENCE.as_secs()).into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends a notification of our own and waits until the monitor has it. The
    /// bus hands the monitor messages in the order it routes them, so every
    /// `Notify` the app made before this call is in the record once it returns.
    fn barrier(&self, marker: &str) -> Result {
        run("notify-send", &[marker])?;
        self.wait_for(&format!("the marker {marker:?}"), |_, calls| calls.iter().any(|c| c.iter().any(|s| s == marker)))
    }
}

impl Drop for Notifications {
    fn drop(&mut self) {
        for child in std::iter::once(&mut self.monitor).chain(self.server.as_mut()) {
            let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
            let _ = child.wait();
        }
    }
}

/// `dbus-monitor`'s text: a `method call … member=Notify` line, then one line per argument.
fn parse(text: &str) -> Vec<Call> {
    let mut calls: Vec<Call> = Vec::new();
    for line in text.lines() {
        if line.starts_with("method call") && line.contains("member=Notify") {
            calls.push(Vec::new());
        } else if let (Some(call), Some(value)) = (calls.last_mut(), line.trim_start().strip_prefix("string \"")) {
            call.push(value.strip_suffix('"').unwrap_or(value).to_string());
        }
    }
    calls
}

fn run(program: &str, args: &[&str]) -> Result {
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("{program} could not run ({e}): install it (Makefile APT_E2E: dunst, libnotify-bin)"))?;
    if !status.success() {
        return Err(format!("`{program} {}` failed: {status}", args.join(" ")).into());
    }
    Ok(())
}

/// Until a notification server owns its name on the bus (ours, or one already
/// there). Asked of the bus itself: a call to the server's name before it is
/// owned would have the bus start another one from dunst's service file.
fn wait_for_server() -> Result {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let asked = Command::new("dbus-send")
            .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
            .args(["org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications"])
            .output()?;
        if String::from_utf8_lossy(&asked.stdout).contains("boolean true") {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err("no notification server took its name on the session bus".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The object libayatana-appindicator exports for the app's tray icon (id "trato"),
/// a StatusNotifierItem: what a desktop's tray reads to draw it.
const TRAY_ITEM: &str = "/org/ayatana/NotificationItem/tray_icon_tray_app_trato";

/// The picture file the tray item shows now (its `IconName`), asked of every
/// connection on the bus until one has the item.
fn tray_icon_file() -> Result<PathBuf> {
    let listed = Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"])
        .output()?;
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    let names = listed.lines().filter_map(|l| l.trim().strip_prefix("string \":")).map(|n| format!(":{}", n.trim_end_matches('"')));
    for name in names {
        let asked = Command::new("dbus-send")
            .args(["--session", "--print-reply", "--reply-timeout=2000", &format!("--dest={name}"), TRAY_ITEM])
            .args(["org.freedesktop.DBus.Properties.Get", "string:org.kde.StatusNotifierItem", "string:IconName"])
            .stderr(Stdio::null())
            .output()?;
        let reply = String::from_utf8_lossy(&asked.stdout);
        if let Some(path) =
            reply.lines().find_map(|l| l.trim().strip_prefix("variant").map(str::trim)).and_then(|v| v.strip_prefix("string \""))
        {
            return Ok(PathBuf::from(path.trim_end_matches('"')));
        }
    }
    Err(format!("no connection on the bus has the tray item {TRAY_ITEM}").into())
}

/// Whether the picture has the badge's red in its lower right quarter, and
/// none in its upper left corner (the app's own icon there).
fn has_count_badge(file: &Path) -> Result<bool> {
    let mut decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(file)?));
    decoder.set_transformations(png::Transformations::normalize_to_color8() | png::Transformations::ALPHA);
    let mut reader = decoder.read_info()?;
    let mut rgba = vec![0; reader.output_buffer_size().ok_or("a picture too large")?];
    let frame = reader.next_frame(&mut rgba)?;
    let (w, h) = (frame.width as usize, frame.height as usize);
    let red = |x: usize, y: usize| {
        let i = (y * w + x) * 4;
        rgba.get(i..i + 3) == Some(&[0xd9, 0x30, 0x25][..])
    };
    let reds = |xs: std::ops::Range<usize>, ys: std::ops::Range<usize>| {
        ys.flat_map(|y| xs.clone().map(move |x| (x, y))).filter(|&(x, y)| red(x, y)).count()
    };
    Ok(reds(w / 2..w, h / 2..h) > w * h / 50 && reds(0..w / 4, 0..h / 4) == 0)
}

fn sample_at(dir: &Path) -> Result<PathBuf> {
    let db = dir.join("trato.db");
    trato_e2e::sample_journal(Folder { db: &db })?;
    Ok(db)
}

#[tokio::test]
async fn the_overdue_menu_is_notified_once_by_the_clients_name_and_a_restart_notifies_nothing_again() {
    let _turn = ONE_BUS_STORY.lock().await;
    let dir = tempfile::tempdir().expect("a folder for the story");
    let db = sample_at(dir.path()).expect("the sample journal");
    let bus = Notifications::watch(dir.path()).expect("the session bus watched");

    story_on("reminders_first_start", &db, |app| async move {
        let tick = app.wait_for_log(FIRST_TICK).await?;
        assert!(tick.contains("2 shown"), "the sample's Thursday has two reminders to show (Sol's menu, Alba's request): {tick}");
        assert!(tick.contains("tray: 1 overdue promise"), "the tray counts the one overdue promise, the menu: {tick}");
        // What a desktop's tray would draw: the icon with the count's badge on it.
        let deadline = Instant::now() + PATIENCE;
        loop {
            let file = tray_icon_file()?;
            if has_count_badge(&file)? {
                break;
            }
            if Instant::now() >= deadline {
                return Err(format!("the tray item's icon {} has no count on it", file.display()).into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(())
    })
    .await;
    bus.barrier("after the first start").expect("the bus's record up to date");
    let sol = bus.calls_about(SOL);
    assert_eq!(sol.len(), 1, "one notification for Panadería Sol, not {}: {sol:?}", sol.len());
    let strings = sol[0].join(" | ");
    assert!(strings.contains("Panadería Sol: promise overdue"), "its title names the client and the state: {strings}");
    assert!(strings.contains("New menu online") && strings.contains("late"), "its body says which promise and how late: {strings}");
    assert!(sol[0].iter().any(|s| s == "default"), "it has a default action, so that a click reaches the app: {strings}");
    assert_eq!(bus.calls_about(ALBA).len(), 1, "and one for Librería Alba's unanswered request");

    story_on("reminders_restart", &db, |app| async move {
        let tick = app.wait_for_log(FIRST_TICK).await?;
        assert!(tick.contains("0 shown"), "what was shown before is in the journal's record: {tick}");
        assert!(tick.contains("tray: 1 overdue promise"), "the tray still counts the overdue menu: {tick}");
        Ok(())
    })
    .await;
    bus.barrier("after the restart").expect("the bus's record up to date");
    assert_eq!(bus.calls_about(SOL).len(), 1, "a restart shows no second notification for Panadería Sol: {:?}", bus.calls());
    assert_eq!(bus.calls_about(ALBA).len(), 1, "nor for Librería Alba");
    let sent = cli(&db, &["reminders"]).expect("trato reminders");
    assert!(sent.contains("Nothing to remind") || !sent.contains(SOL), "the CLI agrees that nothing is left to send: {sent}");
}

#[tokio::test]
async fn clicking_the_notification_brings_the_window_forward_on_panaderia_sol() {
    let _turn = ONE_BUS_STORY.lock().await;
    let dir = tempfile::tempdir().expect("a folder for the story");
    let db = sample_at(dir.path()).expect("the sample journal");
    // Only the menu's reminder, so that the one notification on screen is the bakery's.
    cli(&db, &["settings", "set", "reminders.request_unanswered", "false"]).expect("request reminders off");
    let bus = Notifications::watch(dir.path()).expect("the session bus watched");

    story_on("reminders_click", &db, move |app| async move {
        app.wait_for_log(FIRST_TICK).await?;
        bus.wait_for("Panadería Sol's notification", |_, calls| calls.iter().any(|c| c.iter().any(|s| s.contains(SOL))))?;
        // Somewhere else first: the click must move the window to the client.
        app.click(&testid("nav-settings")).await?;
        app.find(&testid("settings")).await?;
        run("dunstctl", &["action", "0"])?;
        app.wait_for_text(&testid("client-name"), SOL).await?;
        drop(bus);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_settings_screen_snoozes_the_reminder_sent_and_turns_start_at_login_on_and_off() {
    let _turn = ONE_BUS_STORY.lock().await;
    let dir = tempfile::tempdir().expect("a folder for the story");
    let db = sample_at(dir.path()).expect("the sample journal");
    let bus = Notifications::watch(dir.path()).expect("the session bus watched");

    story_on("reminders_settings", &db, |app| async move {
        app.wait_for_log(FIRST_TICK).await?;
        app.click(&testid("nav-settings")).await?;
        let sol = "[data-testid=sent-reminder][data-kind=promise_overdue]".to_string();
        app.wait_for_text(&sol, "Panadería Sol: promise overdue").await?;
        app.click(&format!("{sol} [data-testid=snooze-hour]")).await?;
        app.wait_for_text(&format!("{sol} [data-testid=snoozed-until]"), "10:00").await?;
        // Turning a kind off is saved in the journal, where the tick reads it.
        app.click(&testid("reminders-kind-promise_due_soon")).await?;
        app.wait_for_text(&testid("notice"), "Saved").await?;
        // Start at login: an autostart entry in the user's config, starting Trato in the tray.
        let autostart = app.home.join(".config/autostart");
        let entry = || std::fs::read_dir(&autostart).ok().and_then(|mut d| d.next()).and_then(|e| e.ok()).map(|e| e.path());
        assert!(entry().is_none(), "start at login is off until the user turns it on");
        app.click(&testid("desktop-start-at-login")).await?;
        app.wait_until(
            "start at login to be on",
            "return document.querySelector(arguments[0]).checked",
            vec![testid("desktop-start-at-login").into()],
        )
        .await?;
        let file = entry().ok_or("no autostart entry was written")?;
        let text = std::fs::read_to_string(&file)?;
        assert!(text.contains("--in-tray"), "the autostart entry starts Trato in the tray: {text}");
        app.click(&testid("desktop-start-at-login")).await?;
        app.wait_until(
            "start at login to be off",
            "return !document.querySelector(arguments[0]).checked",
            vec![testid("desktop-start-at-login").into()],
        )
        .await?;
        assert!(!file.exists(), "turning it off removes the entry");
        Ok(())
    })
    .await;
    drop(bus);
    let settings = cli(&db, &["settings", "show"]).expect("trato settings show");
    assert!(
        settings.lines().any(|l| l.contains("reminders.promise_due_soon") && l.contains("false")),
        "the kind turned off in the app is off in the journal: {settings}"
    );
    let plan = cli(&db, &["reminders"]).expect("trato reminders");
    assert!(plan.contains("snoozed"), "the snoozed menu waits, as the CLI sees it: {plan}");
}
