//! The minute tick that delivers reminders while the app runs (in the tray
//! too): it asks the core what is due, records it as sent, shows what that
//! record claimed, and puts the number of overdue promises on the tray. Which
//! reminder is due, when quiet hours hold it, when many become a digest: all
//! that is the core's (`trato::journal::reminding`); here is only when to ask.
//!
//! The tick runs a few seconds after start (when the tray icon is made, off
//! the window's way), then at the start of every minute
//! of the wall clock, and right after anything is written to the journal (the
//! tray's count follows a kept promise at once). After the computer slept, or
//! the clock was set forward, the next tick finds the wall clock far ahead:
//! it runs once, as any tick — the core turns what piled up into one digest.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Timelike, Utc};
use tauri::AppHandle;
use trato::domain::Language;
use trato::journal::reminding;
use trato::journal::JournalError;
use trato::reminders::Notification;

use crate::desktop::Desktop;
use crate::error::IpcError;
use crate::journal::Shared;
use crate::notifications;
use crate::tray::Tray;

/// Reminders are due to the minute (a digest at 09:00): so is the tick.
const TICK: Duration = Duration::from_secs(60);
/// The first tick waits for the window's first screen, which reads the same journal.
const FIRST_TICK_AFTER: Duration = Duration::from_secs(3);

/// Why a tick runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// The app has just started.
    Start,
    /// A minute went by.
    Minute,
    /// Something was written to the journal.
    Change,
    /// The wall clock moved on by more than a tick while the timer waited:
    /// the computer slept, or the clock was set forward.
    Resumed { away: chrono::Duration },
}

/// How the timer's wake-up is to be read, given the wall clock at the last
/// tick and now. The timer counts time the computer was awake; the wall clock
/// counts all of it.
pub fn after_timer(last: DateTime<Utc>, now: DateTime<Utc>) -> Wake {
    let away = now - last;
    // Twice the tick: a late timer on a busy machine is not a sleep.
    if away > chrono::Duration::from_std(TICK * 2).unwrap_or(chrono::Duration::MAX) {
        Wake::Resumed { away }
    } else {
        Wake::Minute
    }
}

/// How long until the next minute of the wall clock has begun (by a second,
/// so that a reminder due at 09:00 is found by the tick of 09:00:01).
pub fn until_next_minute(now: DateTime<Utc>) -> Duration {
    let into_minute = Duration::new(u64::from(now.second()), now.nanosecond().min(999_999_999));
    TICK.saturating_sub(into_minute) + Duration::from_secs(1)
}

/// One tick's outcome, for the log.
struct Round {
    at: DateTime<Utc>,
    claimed: Vec<Notification>,
    held: usize,
    overdue: u32,
    lang: Language,
}

/// What one tick did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Report {
    pub shown: usize,
    pub held: usize,
    pub overdue: u32,
}

/// The core's tick order: what is due, then the record of it as sent (of two
/// processes ticking at once only one claims a reminder), then show only what
/// this process claimed.
async fn tick(app: &AppHandle, journal: &Shared, tray: Option<&Tray>) -> Result<(DateTime<Utc>, Report), crate::error::IpcError> {
    let round = journal
        .run(|store, clock| {
            let plan = reminding::due_reminders(store, clock)?;
            let claimed = reminding::mark_sent(store, clock, &plan.send)?;
            Ok::<_, JournalError>(Round { at: clock.now, claimed, held: plan.held.len(), overdue: plan.overdue_promises, lang: clock.lang })
        })
        .await?;
    let shown = notifications::show(app, &round.claimed, round.lang).await;
    if let Some(tray) = tray {
        tray.show(round.overdue, round.lang);
    }
    Ok((round.at, Report { shown, held: round.held, overdue: round.overdue }))
}

/// A line for the log when the tick is worth one: the first, one that showed
/// something or changed the tray's count, and the catch-up after a sleep.
/// (A quiet minute says nothing: the app may run for weeks.)
pub fn log_line(wake: Wake, at: DateTime<Utc>, report: Report, before: Option<u32>, has_tray: bool) -> Option<String> {
    let why = match wake {
        Wake::Start => " (first tick)".to_string(),
        Wake::Resumed { away } => format!(" (caught up after {} min away: one tick, not one per minute)", away.num_minutes()),
        Wake::Minute | Wake::Change if report.shown > 0 || before != Some(report.overdue) => String::new(),
        Wake::Minute | Wake::Change => return None,
    };
    let promises = if report.overdue == 1 { "promise" } else { "promises" };
    let tray = if has_tray { "tray" } else { "no tray" };
    Some(format!(
        "trato: reminders as of {}{why}: {} shown, {} held back; {tray}: {} overdue {promises}",
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        report.shown,
        report.held,
        report.overdue
    ))
}

/// Runs the tick for as long as the app runs. Nothing in it ends the loop: a
/// failed tick is logged (once, until the error changes) and the next minute
/// tries again.
pub async fn run(app: AppHandle, journal: Shared, desktop: Arc<Desktop>) {
    tokio::time::sleep(FIRST_TICK_AFTER).await;
    let tray = make_tray(&app, &journal).await;
    if tray.is_none() {
        desktop.icon_failed();
    }
    let mut wake = Wake::Start;
    let mut last_error: Option<String> = None;
    let mut overdue_before: Option<u32> = None;
    loop {
        if !matches!(wake, Wake::Change) {
            // The day's backup, for an app that stays open past midnight; off the tick, which it must not hold up.
            let (a, j) = (app.clone(), Arc::clone(&journal));
            tauri::async_runtime::spawn(async move { crate::commands::backups::daily(&a, &j).await });
        }
        let (a, j, t) = (app.clone(), Arc::clone(&journal), tray.clone());
        // Its own task: a panic in a tick (a library's) ends that tick, not the loop.
        let outcome = tauri::async_runtime::spawn(async move { tick(&a, &j, t.as_deref()).await }).await;
        match outcome {
            Ok(Ok((at, report))) => {
                if last_error.take().is_some() {
                    eprintln!("trato: reminders work again");
                }
                if let Some(line) = log_line(wake, at, report, overdue_before, tray.is_some()) {
                    eprintln!("{line}");
                }
                overdue_before = Some(report.overdue);
            }
            Ok(Err(e)) => note_error(&mut last_error, e.message),
            Err(e) => note_error(&mut last_error, format!("the tick stopped short: {e}")),
        }
        let last = Utc::now();
        wake = tokio::select! {
            _ = tokio::time::sleep(until_next_minute(last)) => after_timer(last, Utc::now()),
            _ = journal.next_write() => Wake::Change,
        };
    }
}

/// The tray icon, made on the main thread (the tray library is GTK's), in the
/// journal's language; none if it cannot be made (logged).
async fn make_tray(app: &AppHandle, journal: &Shared) -> Option<Arc<Tray>> {
    // A journal that did not open speaks the system's language.
    let lang = journal.run(|_, clock| Ok::<_, IpcError>(clock.lang)).await.unwrap_or_else(|_| journal.system().lang);
    let (made, tray) = tokio::sync::oneshot::channel();
    let handle = app.clone();
    let asked = app.run_on_main_thread(move || {
        let _ = made.send(Tray::create(&handle, lang).map(Arc::new));
    });
    if let Err(e) = asked {
        eprintln!("trato: no tray icon: {e}");
        return None;
    }
    tray.await.ok().flatten()
}

fn note_error(last: &mut Option<String>, message: String) {
    if last.as_deref() != Some(message.as_str()) {
        eprintln!("trato: reminders could not be checked: {message}");
        *last = Some(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 5, h, m, s).unwrap()
    }

    #[test]
    fn the_tick_lands_just_inside_the_next_minute() {
        assert_eq!(until_next_minute(at(8, 59, 0)), Duration::from_secs(61));
        assert_eq!(until_next_minute(at(8, 59, 30)), Duration::from_secs(31));
        assert_eq!(until_next_minute(at(8, 59, 59) + chrono::Duration::milliseconds(500)), Duration::from_millis(1500));
    }

    #[test]
    fn a_wall_clock_far_ahead_of_the_timer_is_a_resume_and_one_tick_catches_up() {
        assert_eq!(after_timer(at(9, 0, 0), at(9, 1, 1)), Wake::Minute);
        assert_eq!(after_timer(at(9, 0, 0), at(9, 1, 50)), Wake::Minute, "a late timer on a busy machine is no sleep");
        let three_days = Utc.with_ymd_and_hms(2026, 3, 8, 9, 0, 0).unwrap();
        assert_eq!(after_timer(at(9, 0, 0), three_days), Wake::Resumed { away: chrono::Duration::days(3) });
    }

    #[test]
    fn a_clock_set_back_is_an_ordinary_minute() {
        assert_eq!(after_timer(at(9, 0, 0), at(8, 0, 0)), Wake::Minute);
    }

    #[test]
    fn the_log_says_the_first_tick_and_what_changed_and_keeps_quiet_otherwise() {
        let report = Report { shown: 2, held: 0, overdue: 1 };
        assert_eq!(
            log_line(Wake::Start, at(8, 0, 4), report, None, true).as_deref(),
            Some("trato: reminders as of 2026-03-05T08:00:04Z (first tick): 2 shown, 0 held back; tray: 1 overdue promise")
        );
        let quiet = Report { shown: 0, held: 1, overdue: 1 };
        assert_eq!(log_line(Wake::Minute, at(8, 1, 1), quiet, Some(1), true), None, "nothing new: nothing said");
        let kept = Report { shown: 0, held: 0, overdue: 0 };
        assert!(log_line(Wake::Change, at(8, 2, 0), kept, Some(1), false).is_some_and(|l| l.ends_with("no tray: 0 overdue promises")));
        let back = log_line(Wake::Resumed { away: chrono::Duration::hours(3) }, at(11, 0, 1), quiet, Some(1), true);
        assert!(back.is_some_and(|l| l.contains("caught up after 180 min away")));
    }
}
