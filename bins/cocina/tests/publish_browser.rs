//! The published site in a real browser: Debian's chromium, driven over the
//! `DevTools` protocol by `headless_chrome`, renders the overview, a
//! municipality and a kitchen page served from a loopback server the test
//! starts. The map and the chart must be visible and the console free of
//! errors; screenshots are saved under `target/tmp/publish-screenshots/`.

use std::ffi::OsStr;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

use crate::publish::published_site;

/// The flags the machine's notes give for chromium as root on a closed
/// network; `headless_chrome` adds `--headless`, `--no-sandbox` and
/// `--disable-gpu` from its options.
pub(crate) const FLAGS: [&str; 5] = [
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Returns chromium's path, or `None` after saying the test is skipped. In
/// CI a missing browser is a failure.
#[expect(
    clippy::print_stdout,
    reason = "a skipped test says so in the test output"
)]
pub(crate) fn chromium_or_skip() -> Option<PathBuf> {
    let path = std::env::var_os("COCINA_CHROMIUM")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install chromium (.ci/run does)"
    );
    println!("skipped: {} is not installed (see .ci/run)", path.display());
    None
}

/// Serves `root` on a free loopback port from a thread of its own, for the
/// life of the test process.
fn serve(root: &Path) -> SocketAddr {
    let root = root.to_path_buf();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap()).unwrap();
            let app =
                axum::Router::new().fallback_service(tower_http::services::ServeDir::new(root));
            axum::serve(listener, app).await.unwrap();
        });
    });
    receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("the server starts")
}

/// Console errors, failed loads and uncaught exceptions of a tab.
pub(crate) fn watch_console(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&errors);
    tab.enable_log().unwrap();
    tab.enable_runtime().unwrap();
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let message = match event {
            Event::LogEntryAdded(e) => (format!("{:?}", e.params.entry.level) == "Error")
                .then(|| e.params.entry.text.clone()),
            Event::RuntimeConsoleAPICalled(e) => {
                (format!("{:?}", e.params.Type) == "Error").then(|| {
                    format!(
                        "console.error: {:?}",
                        e.params.args.first().map(|a| &a.value)
                    )
                })
            }
            Event::RuntimeExceptionThrown(e) => Some(e.params.exception_details.text.clone()),
            _ => None,
        };
        if let Some(message) = message {
            sink.lock().unwrap().push(message);
        }
    }))
    .unwrap();
    errors
}

/// Returns whether the first element matching `selector` is drawn: in
/// the layout, at least 100 px wide and 50 px high, not hidden.
pub(crate) fn visible(tab: &Tab, selector: &str) -> bool {
    let script = format!(
        "(() => {{ const e = document.querySelector('{selector}'); if (!e) return false; \
         e.scrollIntoView(); const r = e.getBoundingClientRect(); const s = getComputedStyle(e); \
         return r.width >= 100 && r.height >= 50 && s.visibility === 'visible' && \
         s.display !== 'none'; }})()"
    );
    tab.evaluate(&script, false)
        .ok()
        .and_then(|o| o.value)
        .is_some_and(|v| v == serde_json::Value::Bool(true))
}

fn first_dir(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().next().expect("a page")
}

#[test]
fn overview_municipality_and_kitchen_render_with_map_chart_and_no_console_error() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let site = published_site();
    let address = serve(site);
    let profile = tempfile::tempdir().unwrap();
    let flags: Vec<&OsStr> = FLAGS.iter().map(OsStr::new).collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .headless(true)
        .sandbox(false)
        .enable_gpu(false)
        .window_size(Some((1200, 1600)))
        .user_data_dir(Some(profile.path().to_path_buf()))
        .args(flags)
        .idle_browser_timeout(Duration::from_mins(2))
        .build()
        .unwrap();
    let browser = Browser::new(options).expect("chromium starts");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let municipality = first_dir(&site.join("municipios"));
    let kitchen = first_dir(&site.join("cocinas"));
    let pages = [
        ("overview", "/".to_owned()),
        ("municipality", format!("/municipios/{municipality}")),
        ("kitchen", format!("/cocinas/{kitchen}")),
        ("kitchen-en", format!("/en/kitchens/{kitchen}")),
    ];
    for (name, path) in pages {
        let tab = browser.new_tab().unwrap();
        let errors = watch_console(&tab);
        tab.navigate_to(&format!("http://{address}{path}")).unwrap();
        tab.wait_until_navigated().unwrap();
        assert!(visible(&tab, "svg.map"), "{name}: the map is not visible");
        assert!(
            visible(&tab, "svg.chart"),
            "{name}: the chart is not visible"
        );
        let png = tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
        // Late messages (a failed load after the page's own load) arrive
        // within a moment.
        std::thread::sleep(Duration::from_millis(300));
        let errors = errors.lock().unwrap().clone();
        assert!(errors.is_empty(), "{name}: console errors {errors:?}");
        tab.close(true).unwrap();
    }
}
