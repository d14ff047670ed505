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
/// Returns the second Document.
pub fn read_and_report(
    text: &str,
    read: impl Fn(&str) -> newsloc_xliff::Document,
) -> newsloc_xliff::Document {
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
    doc
}

/// Runs a streaming pass and prints the peak memory it needed beyond its
/// input.
pub fn stream_and_report(what: &str, pass: impl FnOnce()) {
    let ((), _, peak) = measure(pass);
    eprintln!("{what}: peak extra memory {:.1} KB", peak as f64 / 1e3);
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
    io: Io<R, V, W>,
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
    g.bench_function("write_document", |b| {
        b.iter(|| {
            out.clear();
            (io.write)(black_box(doc), &mut out).map(|_| out.len())
        })
    });
    g.finish();
}
