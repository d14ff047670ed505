//! What the XLIFF benches share: a counting global allocator (live heap
//! bytes and the peak, counted only inside [`measure`] so that timings are
//! not slowed), the reports printed before timing, and the criterion group.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Counts live heap bytes while [`COUNTING`] is on.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let now = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` with counting on: its result, the bytes still live after it
/// (what the result holds) and the peak while it ran, both relative to
/// before. Blocks allocated before and freed inside would make the count
/// go down; reading allocates only new blocks, so it is exact there.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let out = f();
    COUNTING.store(false, Ordering::Relaxed);
    let held = LIVE.load(Ordering::Relaxed).wrapping_sub(before);
    let peak = PEAK.load(Ordering::Relaxed).wrapping_sub(before);
    (out, held, peak)
}

/// Reads `text` twice with `read` and prints what each shows: once on a
/// fresh heap, timed, as a command-line run does it (it pays for the first
/// touch of every page the Document takes from the system, which the
/// repeated criterion reads, reusing the memory the previous Document
/// freed, do not); then once counted, for the memory the Document holds.
/// Returns the second Document and the bytes it holds.
pub fn read_and_report(
    text: &str,
    read: impl Fn(&str) -> newsloc_xliff::Document,
) -> (newsloc_xliff::Document, usize) {
    let len = text.len() as f64;
    let t0 = std::time::Instant::now();
    let first = read(text);
    let secs = t0.elapsed().as_secs_f64();
    drop(first);
    eprintln!(
        "first read on a fresh heap: {:.0} ms ({:.0} MiB/s)",
        secs * 1e3,
        len / secs / (1024.0 * 1024.0)
    );
    let (doc, held, peak) = measure(|| read(text));
    eprintln!(
        "input {:.1} MB, {} units; Document holds {:.1} MB ({:.2}x the file; heap_size() estimate {:.2}x); peak while reading {:.2}x",
        len / 1e6,
        doc.units().count(),
        held as f64 / 1e6,
        held as f64 / len,
        doc.heap_size() as f64 / len,
        peak as f64 / len,
    );
    (doc, held)
}

/// Runs a streaming pass and prints the peak memory it needed beyond its
/// input.
pub fn stream_and_report(what: &str, pass: impl FnOnce()) {
    let ((), _, peak) = measure(pass);
    eprintln!("{what}: peak extra memory {:.1} KB", peak as f64 / 1e3);
}

/// With `NEWSLOC_BENCH_SAVE=path` set, saves the generated `text` there
/// and what the writer made of it at `path.written.xlf`, and returns true
/// (the bench then stops).
pub fn save(text: &str, written: &str) -> bool {
    let Some(path) = std::env::var_os("NEWSLOC_BENCH_SAVE") else {
        return false;
    };
    let path = std::path::PathBuf::from(path);
    let mut out = path.clone().into_os_string();
    out.push(".written.xlf");
    std::fs::write(&path, text).expect("save the generated file");
    std::fs::write(&out, written).expect("save the written file");
    eprintln!("saved {} and {}", path.display(), out.to_string_lossy());
    true
}

/// quick-xml's raw tokenising of `text`: the events, nothing else.
pub fn tokenize(text: &str) -> usize {
    let mut r = quick_xml::Reader::from_str(text);
    let mut n = 0usize;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => return n,
            Ok(_) => n += 1,
            Err(e) => panic!("{e}"),
        }
    }
}

/// quick-xml's echo of `text`: every event read and written back to
/// `out`, the yardstick for writing.
pub fn echo(text: &str, out: &mut Vec<u8>) -> usize {
    let mut r = quick_xml::Reader::from_str(text);
    let mut w = quick_xml::Writer::new(out);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => return w.into_inner().len(),
            Ok(e) => w.write_event(e).expect("echo writes"),
            Err(e) => panic!("{e}"),
        }
    }
}

/// `f`'s result and the seconds of CPU time this thread spent on it (not
/// wall time: on a machine shared with other work, time spent waiting for a
/// core would swing the ratios).
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t0 = cpu_time::ThreadTime::now();
    let out = f();
    (out, t0.elapsed().as_secs_f64())
}

/// Times reading, writing and streaming beside their yardsticks, each
/// `NEWSLOC_BENCH_RUNS` times (default 5) interleaved so that they share
/// the machine's load, and prints the ratios, each from the
/// fastest run (in CPU time of the thread), with its goal. `held` is the
/// memory the Document holds.
pub fn ratios<R, V, W>(
    name: &str,
    text: &str,
    doc: &newsloc_xliff::Document,
    held: usize,
    io: &Io<R, V, W>,
) where
    R: Fn(&str) -> newsloc_xliff::Result<newsloc_xliff::Document>,
    V: Fn(&str, &mut newsloc_xliff::Stats) -> newsloc_xliff::Result<()>,
    W: Fn(&newsloc_xliff::Document, &mut String) -> newsloc_xliff::Result<()>,
{
    use std::hint::black_box;
    let runs: usize = std::env::var("NEWSLOC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    // Fastest times of: tokenise, roxmltree, read, stats, echo, write.
    let mut t = [f64::INFINITY; 6];
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut echoed = Vec::with_capacity(text.len() + text.len() / 4);
    for _ in 0..runs {
        let (n, secs) = timed(|| tokenize(black_box(text)));
        black_box(n);
        t[0] = t[0].min(secs);
        // The trees are dropped outside the timing, as in criterion's
        // `iter_with_large_drop`.
        let (tree, secs) = timed(|| roxmltree::Document::parse(black_box(text)).expect("parses"));
        drop(tree);
        t[1] = t[1].min(secs);
        let (read, secs) = timed(|| (io.read)(black_box(text)).expect("reads"));
        drop(read);
        t[2] = t[2].min(secs);
        let (units, secs) = timed(|| {
            let mut s = newsloc_xliff::Stats::default();
            (io.visit)(black_box(text), &mut s).expect("streams");
            s.units
        });
        black_box(units);
        t[3] = t[3].min(secs);
        echoed.clear();
        let (n, secs) = timed(|| echo(black_box(text), &mut echoed));
        black_box(n);
        t[4] = t[4].min(secs);
        out.clear();
        let ((), secs) = timed(|| (io.write)(black_box(doc), &mut out).expect("writes"));
        t[5] = t[5].min(secs);
    }
    let [tok, tree, read, stream, echo_t, write] = t;
    let mib = |bytes: usize, secs: f64| bytes as f64 / secs / (1024.0 * 1024.0);
    let len = text.len();
    let write_speed = mib(out.len(), write);
    let echo_speed = mib(echoed.len(), echo_t);
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    eprintln!(
        "{name}: {:.1} MB, fastest of {runs} runs (MiB/s): tokenise {:.0}, roxmltree {:.0}, read {:.0}, stats {:.0}, echo {:.0}, write {:.0}",
        len as f64 / 1e6,
        mib(len, tok),
        mib(len, tree),
        mib(len, read),
        mib(len, stream),
        echo_speed,
        write_speed,
    );
    let r = read / tree;
    eprintln!(
        "{name}: read into a Document / roxmltree parse: {r:.2}x (goal <= 1.0x, {})",
        verdict(r <= 1.0)
    );
    let r = write_speed / echo_speed;
    eprintln!(
        "{name}: write speed / quick-xml echo speed: {r:.2}x (goal >= 0.5x, {})",
        verdict(r >= 0.5)
    );
    let r = held as f64 / len as f64;
    eprintln!(
        "{name}: Document memory / file size: {r:.2}x (goal <= 2.5x, {})",
        verdict(r <= 2.5)
    );
    let r = stream / tok;
    eprintln!(
        "{name}: stats stream / quick-xml tokenise: {r:.2}x (yardstick; goal <= 2x, {})",
        verdict(r <= 2.0)
    );
}

/// One version's readers and writer, for [`bench_group`].
pub struct Io<R, V, W> {
    /// Reads a Document.
    pub read: R,
    /// Streams a document to `Stats`.
    pub visit: V,
    /// Writes a Document.
    pub write: W,
}

/// The criterion group: tokenising, reading, streaming `Stats` (per input
/// byte) and writing (per output byte), ten samples each.
pub fn bench_group<R, V, W>(
    c: &mut criterion::Criterion,
    name: &str,
    text: &str,
    doc: &newsloc_xliff::Document,
    io: &Io<R, V, W>,
) where
    R: Fn(&str) -> newsloc_xliff::Result<newsloc_xliff::Document>,
    V: Fn(&str, &mut newsloc_xliff::Stats) -> newsloc_xliff::Result<()>,
    W: Fn(&newsloc_xliff::Document, &mut String) -> newsloc_xliff::Result<()>,
{
    use criterion::Throughput;
    use std::hint::black_box;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    (io.write)(doc, &mut out).expect("write");
    let out_len = out.len();
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("quick_xml_tokenize", |b| {
        b.iter(|| tokenize(black_box(text)))
    });
    // A reference point for what a tree costs: roxmltree, a zero-copy
    // arena DOM that checks well-formedness only, on the same bytes.
    g.bench_function("roxmltree_parse", |b| {
        b.iter_with_large_drop(|| roxmltree::Document::parse(black_box(text)).expect("parses"))
    });
    // Dropping the Document is left out of the reading time.
    g.bench_function("read_document", |b| {
        b.iter_with_large_drop(|| (io.read)(black_box(text)))
    });
    g.bench_function("stats_stream", |b| {
        b.iter(|| {
            let mut s = newsloc_xliff::Stats::default();
            (io.visit)(black_box(text), &mut s).map(|_| s.units)
        })
    });
    g.throughput(Throughput::Bytes(out_len as u64));
    let mut echoed = Vec::with_capacity(out_len);
    g.bench_function("quick_xml_echo", |b| {
        b.iter(|| {
            echoed.clear();
            echo(black_box(text), &mut echoed)
        })
    });
    g.bench_function("write_document", |b| {
        b.iter(|| {
            out.clear();
            (io.write)(black_box(doc), &mut out).map(|_| out.len())
        })
    });
    g.finish();
}
