//! The portal in a real browser, started as the README says: the `cocina`
//! binary runs `serve examples/entrega-2016` on a free loopback port, and
//! Debian's chromium (driven by `headless_chrome`) walks the main paths: the
//! overview with its map, a municipality, a kitchen, a search typed with the
//! keyboard, the English list's filter form and its notice, and a download.
//! Each page must show its content, keep the keyboard's focus order (skip
//! link, menu, then the page's controls) and leave the console free of
//! errors; screenshots are saved under `target/tmp/portal-screenshots/`.

use std::ffi::OsStr;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

use crate::publish_browser::{FLAGS, chromium_or_skip, visible, watch_console};
use crate::support::example_dir;

/// The portal's process, stopped when the test ends however it ends.
struct Portal {
    child: Child,
    address: String,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cocina serve examples/entrega-2016 --listen 127.0.0.1:0` with a
/// database of its own, and reads the address it took from its log.
fn start_portal(database: &Path) -> Portal {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cocina"))
        .arg("serve")
        .arg(example_dir())
        .args(["--listen", "127.0.0.1:0", "--database"])
        .arg(database)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cocina starts");
    let stderr = child.stderr.take().expect("piped");
    let mut lines = BufReader::new(stderr).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the portal says it is ready before it exits")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    // Keep reading the log, so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Portal { child, address }
}

fn evaluate(tab: &Tab, script: &str) -> Value {
    tab.evaluate(script, true)
        .unwrap()
        .value
        .unwrap_or(Value::Null)
}

/// Evaluates `script` to JSON text in the page and parses it: arrays come
/// back from the protocol as references, not values.
fn evaluate_json(tab: &Tab, script: &str) -> Value {
    let text = evaluate(
        tab,
        &format!("Promise.resolve({script}).then(JSON.stringify)"),
    );
    serde_json::from_str(text.as_str().expect("JSON text")).unwrap()
}

/// Describes the focused element: its id, else its `href`, else its tag.
const FOCUSED: &str = "(() => { const e = document.activeElement; \
     return e.id || e.getAttribute('href') || e.tagName.toLowerCase(); })()";

/// Every element the keyboard can reach, in document order, described as
/// [`FOCUSED`] describes one: links taken out of the tab order (the
/// overview map's, `tabindex="-1"`) are not.
const FOCUSABLE: &str = "Array.from(document.querySelectorAll('a[href]:not([tabindex=\"-1\"]), \
     select, input, button')).map(e => e.id || e.getAttribute('href') || \
     e.tagName.toLowerCase())";

/// Presses Tab `count` times from the top of the page and returns what
/// held the focus after each press.
fn tab_stops(tab: &Tab, count: usize) -> Vec<String> {
    (0..count)
        .map(|_| {
            tab.press_key("Tab").unwrap();
            evaluate(tab, FOCUSED)
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// Checks that Tab walks the page in document order, starting with the
/// skip link and then the menu, up to and including `last` (or just past
/// the menu).
fn assert_focus_order(tab: &Tab, name: &str, last: Option<&str>) -> Vec<String> {
    let menu: Vec<String> = serde_json::from_value(evaluate_json(
        tab,
        "Array.from(document.querySelector('header nav').querySelectorAll('a')).map(a => a.getAttribute('href'))",
    ))
    .unwrap();
    let expected: Vec<String> = serde_json::from_value(evaluate_json(tab, FOCUSABLE)).unwrap();
    // By default: the skip link, the site's name, the menu and one more.
    let stops = last.map_or(menu.len() + 3, |last| {
        expected
            .iter()
            .position(|e| e == last)
            .expect("the control")
            + 1
    });
    let walked = tab_stops(tab, stops);
    assert_eq!(walked[0], "#main", "{name}: the skip link comes first");
    assert_eq!(
        walked[..],
        expected[..stops],
        "{name}: Tab follows the document"
    );
    // The site's name links to the overview as the menu's first entry
    // does: find the menu by its second.
    let first_menu = walked.iter().position(|w| *w == menu[1]).unwrap() - 1;
    assert_eq!(
        walked[first_menu..first_menu + menu.len()],
        menu[..],
        "{name}: the menu in order"
    );
    walked
}

/// The overview map's municipalities link to their pages, which answer,
/// and none of those links is a stop of the keyboard's tab order.
fn map_links_lead_to_municipalities(tab: &Tab) {
    let links = evaluate_json(
        tab,
        "Array.from(document.querySelectorAll('svg.map a[href]')).map(a => \
         [new URL(a.getAttribute('href'), document.baseURI).href, \
         a.getAttribute('tabindex')])",
    );
    let links = links.as_array().expect("an array");
    assert!(links.len() > 500, "{} map links", links.len());
    assert!(
        links.iter().all(|l| l[1] == "-1"),
        "map links stay out of the tab order"
    );
    let oaxaca = links
        .iter()
        .filter_map(|l| l[0].as_str())
        .find(|href| href.ends_with("/municipios/067"))
        .expect("Oaxaca de Juárez is linked");
    let fetched = evaluate_json(
        tab,
        &format!(
            "fetch('{oaxaca}').then(r => r.text().then(t => [r.status, t.includes('<h1>Oaxaca de Ju')]))"
        ),
    );
    assert_eq!(fetched, serde_json::json!([200, true]), "{oaxaca}");
}

/// Opens `url` in a new tab that records console errors from the start.
fn open(browser: &Browser, url: &str) -> (std::sync::Arc<Tab>, Errors) {
    let tab = browser.new_tab().unwrap();
    let errors = watch_console(&tab);
    tab.navigate_to(url).unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("footer").unwrap();
    (tab, errors)
}

type Errors = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

fn text_of(tab: &Tab, selector: &str) -> String {
    let script = format!("document.querySelector('{selector}').textContent");
    evaluate(tab, &script)
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn screenshot(tab: &Tab, shots: &Path, name: &str) {
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
}

fn launch(profile: &Path) -> Option<Browser> {
    let chromium = chromium_or_skip()?;
    let flags: Vec<&OsStr> = FLAGS.iter().map(OsStr::new).collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .headless(true)
        .sandbox(false)
        .enable_gpu(false)
        .window_size(Some((1200, 1600)))
        .user_data_dir(Some(profile.to_path_buf()))
        .args(flags)
        .idle_browser_timeout(Duration::from_mins(2))
        .build()
        .unwrap();
    Some(Browser::new(options).expect("chromium starts"))
}

/// The English form sends the English names, which its page reads; a
/// parameter the list does not take is told, not silently ignored. Returns
/// the tab's console errors.
fn english_filter(browser: &Browser, base: &str, shots: &Path) -> Errors {
    let (tab, errors) = open(browser, &format!("{base}/en/kitchens?colour=red"));
    assert!(visible(&tab, ".notice"), "the notice is shown");
    let notice = text_of(&tab, ".notice");
    assert!(notice.contains("“colour” is not a filter"), "{notice}");
    evaluate(
        &tab,
        "(() => { const s = document.querySelector('select'); s.value = '067'; \
         s.form.submit(); return true; })()",
    );
    for _ in 0..300 {
        if tab.get_url().contains("067") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("footer").unwrap();
    let url = tab.get_url();
    assert!(
        url.contains("municipality=067") && !url.contains("municipio"),
        "{url}"
    );
    let place = text_of(&tab, "tbody tr td:nth-of-type(2)");
    assert!(
        place.contains("Oaxaca de Ju"),
        "filtered by municipality: {place}"
    );
    assert!(!visible(&tab, ".notice"), "everything was understood");
    screenshot(&tab, shots, "filter-en");
    errors
}

#[test]
fn the_readme_command_serves_the_main_paths_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let Some(browser) = launch(dir.path()) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let portal = start_portal(&data.path().join("portal.sqlite"));
    let base = format!("http://{}", portal.address);
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("portal-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let mut console = Vec::new();

    // The overview and its map.
    let (tab, errors) = open(&browser, &format!("{base}/"));
    assert!(
        text_of(&tab, "main").contains("Cifras del estado"),
        "overview"
    );
    assert!(visible(&tab, "svg.map"), "the overview's map is drawn");
    assert_focus_order(&tab, "overview", None);
    map_links_lead_to_municipalities(&tab);
    screenshot(&tab, &shots, "overview");
    console.push(("overview", errors));

    // A municipality, with its own map.
    let (tab, errors) = open(&browser, &format!("{base}/municipios/067"));
    let heading = text_of(&tab, "h1");
    assert!(heading.contains("Oaxaca de Ju"), "{heading}");
    assert!(visible(&tab, "svg.map"), "the municipality's map is drawn");
    screenshot(&tab, &shots, "municipality");
    console.push(("municipality", errors));

    // A kitchen, and its name for the search.
    let (tab, errors) = open(&browser, &format!("{base}/cocinas/OAX-0001"));
    let name = text_of(&tab, "h1");
    let facts = text_of(&tab, "dl");
    assert!(
        !name.is_empty() && facts.contains("OAX-0001"),
        "{name}: {facts}"
    );
    screenshot(&tab, &shots, "kitchen");
    console.push(("kitchen", errors));

    // The search, typed with the keyboard: Tab to the text box, type, Enter.
    let (tab, errors) = open(&browser, &format!("{base}/cocinas"));
    let walked = assert_focus_order(&tab, "search", Some("button"));
    let select = walked.iter().position(|w| w == "municipio").unwrap();
    assert_eq!(
        walked[select + 1],
        "q",
        "the text box follows the municipality"
    );
    assert_eq!(walked[select + 2], "button", "then the button");
    // Tab on to the text box (back past the button with Shift+Tab) and
    // type, as a keyboard user would.
    tab.press_key_with_modifiers(
        "Tab",
        Some(&[headless_chrome::browser::tab::ModifierKey::Shift]),
    )
    .unwrap();
    assert_eq!(
        evaluate(&tab, FOCUSED),
        "q",
        "Shift+Tab goes back to the box"
    );
    tab.type_str(&name).unwrap();
    tab.press_key("Enter").unwrap();
    // The form's navigation starts after the key event returns: wait for
    // the address to change before reading the results.
    for _ in 0..300 {
        if tab.get_url().contains("q=") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("footer").unwrap();
    let url = tab.get_url();
    assert!(url.contains("?q=") || url.contains("&q="), "{url}");
    let first = text_of(&tab, "tbody th a");
    assert!(first.contains(name.trim()), "{first} for {name}");
    screenshot(&tab, &shots, "search");
    console.push(("search", errors));

    // The English list's form and its notice.
    console.push(("filter-en", english_filter(&browser, &base, &shots)));

    // A download: the package's descriptor from the downloads page.
    let (tab, errors) = open(&browser, &format!("{base}/descargas"));
    let link = evaluate(
        &tab,
        "document.querySelector('a[href$=\"datapackage.json\"]').getAttribute('href')",
    );
    let link = link.as_str().unwrap().to_owned();
    let fetched = evaluate_json(
        &tab,
        &format!("fetch('{link}').then(r => r.json().then(j => [r.status, j.resources.length]))"),
    );
    assert_eq!(fetched[0], 200, "{fetched}");
    assert!(fetched[1].as_u64().unwrap() >= 3, "{fetched}");
    screenshot(&tab, &shots, "downloads");
    console.push(("downloads", errors));

    // Late messages (a failed load after the page's own load) arrive within
    // a moment.
    std::thread::sleep(Duration::from_millis(300));
    for (name, errors) in console {
        let errors = errors.lock().unwrap().clone();
        assert!(errors.is_empty(), "{name}: console errors {errors:?}");
    }
    drop(portal);
}
