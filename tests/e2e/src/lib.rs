//! The harness of the end-to-end tests: each story gets its own folder (the
//! journal file, HOME and the XDG folders, never the user's), its own
//! `tauri-driver` with a fixed clock and time zone, and the built app opened in
//! its real webview. Stories select elements by `data-testid` and wait for the
//! DOM to say something rather than sleeping.
//!
//! Environment: `TRATO_APP` (required) is the built app, with the UI embedded
//! (`cargo build -p trato-app --features custom-protocol`); `TRATO_CLI` is the
//! `trato` command (default: next to the app); `TAURI_DRIVER` is `tauri-driver`
//! (default: found on PATH). An X display and a D-Bus session are needed:
//! `make e2e` runs the tests under `xvfb-run` and `dbus-run-session`.

use std::error::Error;
use std::future::Future;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type Result<T = ()> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// The moment every story happens at (a Thursday in Madrid, as in the README).
pub const NOW: &str = "2026-03-05T09:00:00+01:00";
pub const TIME_ZONE: &str = "Europe/Madrid";

/// How long the UI gets to show what a story waits for. Generous: a cold
/// WebKit start on a busy two-core machine takes a few seconds.
const PATIENCE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

/// One app at a time: each story's environment (data file, clock) is given to
/// its own `tauri-driver`, and the app allows a single instance per D-Bus session.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What a story sees of the running app.
#[derive(Clone)]
pub struct App {
    pub client: Client,
    /// The journal file the app was started on (`TRATO_DB`).
    pub db: PathBuf,
    /// What tauri-driver and the app wrote to stdout and stderr, as it comes.
    pub log: PathBuf,
    /// The app's HOME (its XDG folders are under it): where it keeps what is not in the journal.
    pub home: PathBuf,
    /// What the story's user has done so far: clicks and keys.
    pub tally: Tally,
}

/// What a user does through the harness, counted as a person would count it:
/// a click is a click (choosing from a list is two: open it, pick), a key is a
/// character typed or a key pressed. Shared by the stories of one example, so
/// that a flow over several days is counted whole.
#[derive(Clone, Default)]
pub struct Tally(Arc<[AtomicU64; 2]>);

impl Tally {
    pub fn clicks(&self) -> u64 {
        self.0[0].load(Ordering::Relaxed)
    }

    pub fn keys(&self) -> u64 {
        self.0[1].load(Ordering::Relaxed)
    }

    fn click(&self, n: u64) {
        self.0[0].fetch_add(n, Ordering::Relaxed);
    }

    fn typed(&self, text: &str) {
        self.0[1].fetch_add(text.chars().count() as u64, Ordering::Relaxed);
    }
}

/// Where the story's journal lives before the app starts: `prepare` may write it.
pub struct Folder<'a> {
    pub db: &'a Path,
}

/// Runs `story` against a freshly started app whose journal file `prepare` may
/// create first. The app and its driver are always stopped afterwards, also
/// when the story fails; a failure leaves a screenshot and the page's HTML in
/// the artifacts folder (`TRATO_E2E_ARTIFACTS`, default `$TMPDIR/trato-e2e`).
pub async fn story<P, S, F>(name: &str, prepare: P, story: S)
where
    P: FnOnce(Folder<'_>) -> Result,
    S: FnOnce(App) -> F,
    F: Future<Output = Result> + Send + 'static,
{
    story_with(name, &[], prepare, story).await
}

/// Runs `story` against a freshly started app on the journal file `db`, which
/// the caller owns (and can look at once the app has stopped).
pub async fn story_on<S, F>(name: &str, db: &Path, story: S)
where
    S: FnOnce(App) -> F,
    F: Future<Output = Result> + Send + 'static,
{
    story_at(name, db, NOW, story).await
}

/// Like [`story_on`], with the app's clock at `now` (RFC 3339): a story that
/// spans days starts the app again at each moment, as a user would.
pub async fn story_at<S, F>(name: &str, db: &Path, now: &str, story: S)
where
    S: FnOnce(App) -> F,
    F: Future<Output = Result> + Send + 'static,
{
    story_in(name, db, now, &[], &Tally::default(), story).await
}

/// Like [`story_at`], counting what the user does into `tally`: the days of
/// one example add up.
pub async fn story_tallied<S, F>(name: &str, db: &Path, now: &str, tally: &Tally, story: S)
where
    S: FnOnce(App) -> F,
    F: Future<Output = Result> + Send + 'static,
{
    story_in(name, db, now, &[], tally, story).await
}

/// Like [`story`], with more of the app's environment set (or overridden):
/// `("LANG", "C")` runs it under a system locale other than the stories' en_GB.
pub async fn story_with<P, S, F>(name: &str, env: &[(&str, &str)], prepare: P, story: S)
where
    P: FnOnce(Folder<'_>) -> Result,
    S: FnOnce(App) -> F,
    F: Future<Output = Result> + Send + 'static,
{
    let journal = tempfile::Builder::new().prefix("trato-e2e-journal-").tempdir().expect("a temporary folder for the journal");
    let db = journal.path().join("trato.db");
    if let Err(e) = prepare(Folder { db: &db }) {
        panic!("{name}: preparing the journal failed: {e}");
    }
    story_in(name, &db, NOW, env, &Tally::default(), story).await
}

async fn story_in<S, F>(name: &str, db: &Path, now: &str, env: &[(&str, &str)], tally: &Tally, story: S)
where
    S: FnOnce(App) -> F,
    F: Future<Output = Result> + Send + 'static,
{
    if let Err(e) = app_path() {
        panic!("{name}: {e}");
    }
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::Builder::new().prefix("trato-e2e-").tempdir().expect("a temporary folder for the story");

    let started = Instant::now();
    let driver = match Driver::start(dir.path(), db, now, env) {
        Ok(driver) => driver,
        Err(e) => panic!("{name}: could not start tauri-driver: {e}"),
    };
    let client = match driver.connect().await {
        Ok(client) => client,
        Err(e) => {
            let log = driver.log();
            driver.stop(dir.path());
            panic!("{name}: the app did not start under WebDriver: {e}\n--- tauri-driver and app output ---\n{log}");
        }
    };

    let opened = started.elapsed();
    let app =
        App { client: client.clone(), db: db.to_path_buf(), log: driver.log.clone(), home: dir.path().join("home"), tally: tally.clone() };
    let outcome = tokio::spawn(story(app)).await;
    let told = started.elapsed();
    if !matches!(outcome, Ok(Ok(()))) {
        keep_evidence(name, &client).await;
    }
    // Closing the session ends the app; then the driver goes, with SIGTERM.
    let _ = client.close().await;
    let log = driver.log();
    driver.stop(dir.path());
    // Shown with --nocapture, or when the story fails: where its time went.
    eprintln!("{name}: app open {opened:.1?}, story done {told:.1?}, all stopped {:.1?}", started.elapsed());

    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{name}: {e}\n--- tauri-driver and app output ---\n{log}"),
        Err(e) if e.is_panic() => {
            eprintln!("--- tauri-driver and app output ---\n{log}");
            std::panic::resume_unwind(e.into_panic())
        }
        Err(e) => panic!("{name}: the story was cancelled: {e}"),
    }
}

/// A journal with the CLI's sample data (`trato demo`) written at [`NOW`].
pub fn sample_journal(folder: Folder<'_>) -> Result {
    cli(folder.db, &["demo"])?;
    Ok(())
}

/// Runs the `trato` command on `db` at [`NOW`], with the app's environment
/// (`TZ`, no `--tz`: the CLI and the app pick the journal's zone the same way); returns its stdout.
pub fn cli(db: &Path, args: &[&str]) -> Result<String> {
    cli_at(db, NOW, args)
}

/// Like [`cli`], at the moment `now` (RFC 3339): a journal written as a story happened.
pub fn cli_at(db: &Path, now: &str, args: &[&str]) -> Result<String> {
    let cli = match std::env::var_os("TRATO_CLI") {
        Some(path) => PathBuf::from(path),
        None => app_path()?.with_file_name("trato"),
    };
    let out = Command::new(&cli)
        .arg("--db")
        .arg(db)
        .args(["--now", now])
        .args(args)
        .env("TZ", TIME_ZONE)
        .env_remove("TRATO_DB")
        .output()
        .map_err(|e| format!("could not run {} (set TRATO_CLI): {e}", cli.display()))?;
    if !out.status.success() {
        return Err(format!("`trato {}` failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn app_path() -> Result<PathBuf> {
    let path = std::env::var_os("TRATO_APP")
        .map(PathBuf::from)
        .ok_or("TRATO_APP is not set: it names the built app (run `make e2e`, which builds it and sets it)")?;
    if !path.is_file() {
        return Err(format!("TRATO_APP={} is not a file: build the app first (`make e2e`)", path.display()).into());
    }
    Ok(std::path::absolute(path)?)
}

/// Where the stories that picture the app save their screenshots: the folder
/// `TRATO_SCREENSHOTS` names (relative to the repository, e.g.
/// `docs/screenshots`), or none when it is not set.
pub fn screenshots() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("TRATO_SCREENSHOTS")?);
    Some(if dir.is_absolute() { dir } else { Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir) })
}

/// A selector for `data-testid=ID`.
pub fn testid(id: &str) -> String {
    format!("[data-testid={id:?}]")
}

impl App {
    /// Waits for the first element matching `css`.
    pub async fn find(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return Ok(element),
                Err(e) if e.is_no_such_element() && Instant::now() < deadline => tokio::time::sleep(POLL).await,
                Err(e) if e.is_no_such_element() => return Err(format!("nothing matches `{css}` after {}s", PATIENCE.as_secs()).into()),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Waits for `css` and clicks it; retries while the UI re-renders it. One click in the tally.
    pub async fn click(&self, css: &str) -> Result {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let element = self.find(css).await?;
            match element.click().await {
                Ok(()) => {
                    self.tally.click(1);
                    return Ok(());
                }
                Err(e) if retryable(&e) && Instant::now() < deadline => tokio::time::sleep(POLL).await,
                Err(e) => return Err(format!("could not click `{css}`: {e}").into()),
            }
        }
    }

    /// Waits for `css` and types `text` into it (after clearing it). Each character is a key in the tally.
    pub async fn type_into(&self, css: &str, text: &str) -> Result {
        let element = self.find(css).await?;
        element.clear().await?;
        element.send_keys(text).await?;
        self.tally.typed(text);
        Ok(())
    }

    /// Sets an input's or a select's value as the page would see a user do it:
    /// the value, then `input` and `change` events. For `<input type=date>` and
    /// `<select>`, whose native widgets WebKitWebDriver does not type into reliably.
    /// Counted as the value's characters typed.
    pub async fn set_value(&self, css: &str, value: &str) -> Result {
        self.put_value(css, value).await?;
        self.tally.typed(value);
        Ok(())
    }

    async fn put_value(&self, css: &str, value: &str) -> Result {
        self.find(css).await?;
        let set = self
            .eval(
                "const el = document.querySelector(arguments[0]);
                 if (!el) return false;
                 el.focus();
                 el.value = arguments[1];
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 el.dispatchEvent(new Event('change', { bubbles: true }));
                 return el.value === arguments[1];",
                vec![json!(css), json!(value)],
            )
            .await?;
        if set != json!(true) {
            return Err(format!("`{css}` did not take the value {value:?}").into());
        }
        Ok(())
    }

    /// Chooses the option of the `<select>` at `css` whose text is `text`, as
    /// a user picks it from the list (by what it says, not by its value). Two clicks in the tally.
    pub async fn choose(&self, css: &str, text: &str) -> Result {
        self.find(css).await?;
        let value = self
            .eval(
                "const el = document.querySelector(arguments[0]);
                 const option = el && [...el.options].find(o => o.textContent.trim() === arguments[1]);
                 return option ? option.value : null;",
                vec![json!(css), json!(text)],
            )
            .await?;
        match value {
            Value::String(value) => {
                self.put_value(css, &value).await?;
                // Two clicks: the list opened, the option picked.
                self.tally.click(2);
                Ok(())
            }
            _ => Err(format!("`{css}` has no option {text:?}").into()),
        }
    }

    /// Presses a key with nothing focused, as a keyboard shortcut is used. One key in the tally.
    pub async fn press(&self, key: &str) -> Result {
        self.eval("if (document.activeElement instanceof HTMLElement) document.activeElement.blur()", vec![]).await?;
        self.client.find(Locator::Css("body")).await?.send_keys(key).await?;
        self.tally.typed(key);
        Ok(())
    }

    /// Runs `script` in the page (`arguments[i]` are `args`) and returns its result.
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// Waits until `script` returns `true`; `what` says what was awaited when it never does.
    pub async fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) -> Result {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if self.eval(script, args.clone()).await? == json!(true) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("waited {}s for {what}; the page shows: {}", PATIENCE.as_secs(), self.visible_text().await).into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element matching `css` contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result {
        self.wait_until(
            &format!("`{css}` to contain {text:?}"),
            "return [...document.querySelectorAll(arguments[0])].some(e => e.textContent.includes(arguments[1]))",
            vec![json!(css), json!(text)],
        )
        .await
    }

    /// The trimmed text of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let texts =
            self.eval("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())", vec![json!(css)]).await?;
        Ok(serde_json::from_value(texts)?)
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> Result<u64> {
        let n = self.eval("return document.querySelectorAll(arguments[0]).length", vec![json!(css)]).await?;
        n.as_u64().ok_or_else(|| format!("counting `{css}` returned {n}").into())
    }

    /// Today's cards as (the kind of their headline signal, client), in the order shown; waits for at least one.
    pub async fn signals(&self) -> Result<Vec<(String, String)>> {
        self.find(&testid("signal")).await?;
        self.signals_now().await
    }

    /// Today's cards as (the kind of their headline signal, client), in the order shown, without waiting.
    pub async fn signals_now(&self) -> Result<Vec<(String, String)>> {
        let list = self
            .eval("return [...document.querySelectorAll('[data-testid=signal]')].map(e => [e.dataset.kind, e.dataset.client])", vec![])
            .await?;
        Ok(serde_json::from_value(list)?)
    }

    /// Waits for the first line of the app's output that contains `text`, and returns it.
    pub async fn wait_for_log(&self, text: &str) -> Result<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            if let Some(line) = log.lines().find(|l| l.contains(text)) {
                return Ok(line.to_string());
            }
            if Instant::now() >= deadline {
                return Err(format!("waited {}s for the app to log {text:?}; it logged:\n{log}", PATIENCE.as_secs()).into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Saves what the window shows as `NAME.png` in the [`screenshots`] folder,
    /// when there is one; without it nothing is written, so an ordinary run
    /// leaves the docs alone.
    /// Call it once the DOM says what the picture is of.
    pub async fn screenshot(&self, name: &str) -> Result {
        let Some(dir) = screenshots() else { return Ok(()) };
        std::fs::create_dir_all(&dir)?;
        // No focus ring left on the last button pressed; then two frames for the
        // paint to catch up with the DOM, and a moment for WebKit to composite
        // them (a picture taken at once can show the previous paint).
        self.eval("if (document.activeElement instanceof HTMLElement) document.activeElement.blur()", vec![]).await?;
        self.client
            .execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)))", vec![])
            .await?;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let png = self.client.screenshot().await?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(())
    }

    /// The page's visible text, shortened: for messages that say what was on screen.
    pub async fn visible_text(&self) -> String {
        match self.eval("return document.body ? document.body.innerText : ''", vec![]).await {
            Ok(Value::String(text)) => {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                text.chars().take(600).collect()
            }
            Ok(other) => other.to_string(),
            Err(e) => format!("(could not read the page: {e})"),
        }
    }
}

/// Errors worth a second try: the element was re-rendered or not yet clickable.
fn retryable(e: &CmdError) -> bool {
    e.is_stale_element_reference()
        || e.is_element_not_interactable()
        || matches!(e, CmdError::Standard(w) if w.error == fantoccini::error::ErrorStatus::ElementClickIntercepted)
}

async fn keep_evidence(name: &str, client: &Client) {
    let dir = std::env::var_os("TRATO_E2E_ARTIFACTS").map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("trato-e2e"));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
    if let Ok(html) = client.source().await {
        let _ = std::fs::write(dir.join(format!("{name}.html")), html);
    }
    eprintln!("{name}: screenshot and HTML kept in {}", dir.display());
}

/// A `tauri-driver` of the story's own, on free ports, with the story's environment.
struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Driver {
    fn start(dir: &Path, db: &Path, now: &str, env: &[(&str, &str)]) -> Result<Driver> {
        let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let (port, native_port) = (free_port()?, free_port()?);
        let log = dir.join("driver.log");
        let out = std::fs::File::create(&log)?;
        let home = dir.join("home");
        let mut command = Command::new(&program);
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("TRATO_DB", db)
            .env("TRATO_NOW", now)
            .env("TZ", TIME_ZONE)
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LANGUAGE")
            .env("HOME", &home)
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out);
        command.envs(env.iter().copied());
        for (var, sub) in [
            ("XDG_CONFIG_HOME", ".config"),
            ("XDG_DATA_HOME", ".local/share"),
            ("XDG_CACHE_HOME", ".cache"),
            ("XDG_STATE_HOME", ".local/state"),
        ] {
            std::fs::create_dir_all(home.join(sub))?;
            command.env(var, home.join(sub));
        }
        // Mesa compiles WebKit's shaders (llvmpipe, no GPU) into a cache under
        // XDG_CACHE_HOME; one shared by the stories spares each about a second of CPU.
        command.env("MESA_SHADER_CACHE_DIR", std::env::temp_dir().join("trato-e2e-mesa-shader-cache"));
        let runtime = dir.join("runtime");
        std::fs::create_dir_all(&runtime)?;
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        command.env("XDG_RUNTIME_DIR", &runtime);

        let child = command.spawn().map_err(|e| {
            format!(
                "{} could not run ({e}): install it with `cargo install tauri-driver --version ^2 --locked` or set TAURI_DRIVER",
                program.to_string_lossy()
            )
        })?;
        let mut driver = Driver { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(15);
        // Both ports: tauri-driver listens on its own at once, but forwards the
        // new session to WebKitWebDriver, which it starts beside it and which
        // may not listen yet on a busy machine: the session then fails with
        // "tcp connect error" (seen in CI).
        for (who, port) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                if let Some(status) = driver.child.try_wait()? {
                    return Err(format!("tauri-driver exited ({status}) before {who} listened:\n{}", driver.log()).into());
                }
                if Instant::now() >= deadline {
                    return Err(format!("{who} did not listen on port {port} within 15 s:\n{}", driver.log()).into());
                }
                std::thread::sleep(POLL);
            }
        }
        Ok(driver)
    }

    async fn connect(&self) -> Result<Client> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert("tauri:options".into(), json!({ "application": app_path()? }));
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .map_err(|e| format!("{e} (is there an X display and a D-Bus session? `make e2e` provides both)"))?;
        Ok(client)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops what the story started. Closing the WebDriver session ends the app;
    /// it gets a few seconds for that while WebKitWebDriver, its parent, is still
    /// there. Then the driver gets SIGTERM (it stops WebKitWebDriver; SIGKILL would
    /// orphan it), and whatever of this story still runs after that (found by the
    /// story's folder in its environment) gets SIGTERM too, so that the next
    /// story's app is not taken for a second instance of this one.
    fn stop(mut self, dir: &Path) {
        wait_until_gone(dir, |pid| !is_driver(pid), Duration::from_secs(5));
        self.terminate();
        if !wait_until_gone(dir, |_| true, Duration::from_secs(3)) {
            let left = processes_of(dir);
            eprintln!("still running after the story, stopped with SIGTERM: {}", describe(&left));
            for pid in left {
                let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
            }
            wait_until_gone(dir, |_| true, Duration::from_secs(3));
        }
    }

    fn terminate(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while let Ok(None) = self.child.try_wait() {
                if Instant::now() >= deadline {
                    let _ = writeln!(std::io::stderr(), "tauri-driver did not stop within 10 s of SIGTERM");
                    return;
                }
                std::thread::sleep(POLL);
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.terminate();
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

/// Waits until no process of the story that `which` selects is left; false if some still are.
fn wait_until_gone(dir: &Path, which: impl Fn(&u32) -> bool, patience: Duration) -> bool {
    let deadline = Instant::now() + patience;
    loop {
        if !processes_of(dir).iter().any(&which) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}

fn command_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_owned()
}

/// `tauri-driver` and WebKitWebDriver, which live until the driver is stopped.
fn is_driver(pid: &u32) -> bool {
    matches!(command_name(*pid).as_str(), "tauri-driver" | "WebKitWebDriver")
}

fn describe(pids: &[u32]) -> String {
    pids.iter().map(|&pid| format!("{pid} ({})", command_name(pid))).collect::<Vec<_>>().join(", ")
}

/// Processes whose environment names `dir` (as their HOME): the driver,
/// WebKitWebDriver, the app and its WebKit helpers of this story, and nothing else.
fn processes_of(dir: &Path) -> Vec<u32> {
    let needle = format!("HOME={}", dir.join("home").display());
    let me = std::process::id();
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|&b| b == 0).any(|var| var == needle.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}
